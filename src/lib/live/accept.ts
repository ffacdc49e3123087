/**
 * "Accept for everyone": at the reveal of a short-answer question, the host accepts a typed
 * answer the checker marked wrong, and every player who gave it (the same once normalised, as
 * the checker compares answers) is graded right.
 *
 * Points for a late acceptance: what the answer would have earned had it been marked right when
 * it was given: the speed points of its original answer time, and the streak bonus of the
 * player's run of right answers before that question. The player's streak is then counted again
 * from the answers, so the accepted answer carries the run on into the next question. Points
 * already given for later questions (possible only once the game has ended) stay as they were.
 */
import { normalizeAnswer } from '../quiz/normalize.ts';
import { endEvents, leaderboardEvent, revealEvents, resultEvent, standings } from './events.ts';
import { pointsFor } from './grade.ts';
import type { LiveEvent } from './protocol.ts';
import {
	answerOf,
	answersTo,
	done,
	fail,
	merge,
	own,
	type AnswerRecord,
	type GameState,
	type Outbox,
	type Player,
	type Step,
} from './state.ts';

/** How many groups of wrong answers the host is sent: more than a projector can show. */
export const ANSWER_GROUPS = 30;

/** Two typed answers are the same answer when this is equal (the checker's normal form). */
export function answerKey(text: string): string {
	// Punctuation only normalises to nothing: such answers are told apart by what was typed.
	return normalizeAnswer(text) || text.trim().toLowerCase();
}

const typed = (r: AnswerRecord) => (r.answer.type === 'short' ? r.answer.text : '');

/** Right answers in a row before question `index` (the streak the player brought to it). */
export function streakBefore(state: GameState, playerId: string, index: number): number {
	let streak = 0;
	for (let i = index - 1; i >= 0 && answerOf(state, i, playerId)?.correct; i--) streak++;
	return streak;
}

/**
 * The typed answers the checker marked wrong, and those accepted since, grouped by `answerKey`,
 * most given first (then first given first). Right-graded answers are not listed.
 */
export function answerGroups(state: GameState, index: number) {
	const groups = new Map<string, { text: string; count: number; accepted: boolean }>();
	for (const r of answersTo(state, index)) {
		if (r.answer.type !== 'short' || (r.correct && !r.accepted)) continue;
		const key = answerKey(r.answer.text);
		const group = groups.get(key);
		if (group) group.count++;
		else groups.set(key, { text: r.answer.text.trim(), count: 1, accepted: !!r.accepted });
	}
	return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** For the host, at a short-answer question's reveal: what it may accept. */
export function answersEvent(state: GameState, index: number): LiveEvent {
	const groups = answerGroups(state, index);
	return {
		type: 'answers',
		index,
		groups: groups.slice(0, ANSWER_GROUPS),
		more: Math.max(0, groups.length - ANSWER_GROUPS),
	};
}

/** The host's answers event when the question at `index` is a short answer, else nothing. */
export function answersOutbox(state: GameState, index: number): Outbox {
	return state.questions[index]?.question.type === 'short'
		? { host: [answersEvent(state, index)] }
		: {};
}

export function acceptAnswer(state: GameState, index: number, text: string): Step {
	if (!Number.isInteger(index) || index < 0 || index >= state.questions.length) {
		return fail(404, 'No such question');
	}
	if (state.questions[index].question.type !== 'short') {
		return fail(400, 'Only typed (short) answers can be accepted');
	}
	if (typeof text !== 'string' || text.trim() === '') return fail(400, 'No answer to accept');
	if (index >= state.asked) return fail(409, 'This question has not been revealed yet');
	const atItsReveal =
		(state.phase === 'revealed' || state.phase === 'leaderboard') && index === state.index;
	if (!atItsReveal && state.phase !== 'ended') {
		return fail(409, 'An answer can be accepted at its question’s reveal, or once the game ends');
	}
	const key = answerKey(text);
	const records = answersTo(state, index);
	const given = records.filter((r) => r.answer.type === 'short' && answerKey(typed(r)) === key);
	if (given.length === 0) return fail(404, 'Nobody gave this answer');
	const toAccept = given.filter((r) => !r.correct);
	// Accepted already, or right anyway: nothing changes, and nobody is told twice.
	if (toAccept.length === 0) return done(state);

	const durationMs = state.settings.secondsPerQuestion * 1000;
	const regraded = new Map<string, AnswerRecord>(
		toAccept.map((r) => {
			const streak = streakBefore(state, r.playerId, index);
			const points = pointsFor(state.settings.scoring, true, r.elapsedMs, durationMs, streak);
			return [r.playerId, { ...r, correct: true, score: 1, points, accepted: true as const }];
		}),
	);
	const answers = {
		...state.answers,
		[index]: records.map((r) => regraded.get(r.playerId) ?? r),
	};
	const withAnswers: GameState = { ...state, answers };
	const players: Record<string, Player> = { ...state.players };
	for (const [id, r] of regraded) {
		const player = own(players, id);
		if (!player) continue;
		// The run of right answers up to the last question asked, as the answers now say.
		const streak = streakBefore(withAnswers, id, state.asked);
		players[id] = { ...player, score: player.score + r.points, streak };
	}
	const next: GameState = { ...withAnswers, players };
	const host = answersOutbox(next, index);
	if (next.phase === 'ended') {
		// Each player's own result for that question (their reviews take it from there), then
		// the end again: the podium and their rank may have changed.
		const list = standings(next);
		const results = Object.fromEntries(
			list
				.filter((s) => regraded.has(s.player.id))
				.map((s) => [s.player.id, [resultEvent(next, s, index)]]),
		);
		return done(next, merge(merge({ players: results }, endEvents(next)), host));
	}
	// At the reveal: the new count of right answers, and every player's result (ranks move for
	// everyone), as at the reveal itself.
	const board = next.phase === 'leaderboard' ? { all: [leaderboardEvent(next)] } : {};
	return done(next, merge(merge(revealEvents(next), host), board));
}
