/**
 * One question's round: answers while it is open, then the reveal, which is the only moment
 * points reach the scores (a score that moved on an answer would tell whether it was right).
 */
import { err, ok, type Result } from '../result.ts';
import * as v from 'valibot';
import { answersOutbox } from './accept.ts';
import { progressEvent, questionEvents, revealEvents } from './events.ts';
import { gradeLive, pointsFor } from './grade.ts';
import { LiveAnswer } from './protocol.ts';
import {
	done,
	fail,
	merge,
	own,
	answerOf,
	answersTo,
	playerList,
	type AnswerRecord,
	type GameState,
	type LiveError,
	type Outbox,
	type Step,
} from './state.ts';

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Opens the answers when reading is over, and reveals when the time is up (after `closesAt`). */
export function tick(state: GameState, now: number): Step {
	if (!finite(now)) return done(state);
	let current = state;
	let events = {};
	if (current.phase === 'reading' && now >= (current.openedAt ?? now)) {
		current = { ...current, phase: 'open' };
		events = questionEvents(current, now);
	}
	if (current.phase === 'open' && now > (current.closesAt ?? now)) {
		const closed = closeQuestion(current, now);
		current = closed.state;
		events = merge(events, closed.events);
	}
	return done(current, events);
}

/** Adds the points of the question to the scores and streaks, and tells everyone. */
export function closeQuestion(state: GameState, now: number) {
	const players = Object.fromEntries(
		playerList(state).map((p) => {
			const record = answerOf(state, state.index, p.id);
			const correct = record?.correct ?? false;
			const score = p.score + (record?.points ?? 0);
			return [p.id, { ...p, score, streak: correct ? p.streak + 1 : 0 }];
		}),
	);
	const next: GameState = {
		...state,
		phase: 'revealed',
		players,
		asked: state.index + 1,
		lastActivity: Math.max(state.lastActivity, now),
	};
	// The host also gets the typed answers marked wrong, which it may accept for everyone.
	const events = revealEvents(next);
	const host = answersOutbox(next, next.index);
	// merge copies every player's events: only when there is something to add.
	return { state: next, events: host.host ? merge(events, host) : events };
}

/** The host reveals early (everyone answered, or the class is ready); even during reading. */
export function reveal(state: GameState, now: number): Step {
	if (!finite(now)) return fail(400, 'No valid time');
	const caught = tick(state, now);
	if (!caught.ok) return caught;
	// The clock got there first: the reveal the host asked for has just happened.
	if (caught.state.phase === 'revealed' && state.phase !== 'revealed') return caught;
	const s = caught.state;
	if (s.phase !== 'reading' && s.phase !== 'open')
		return fail(409, 'There is no question to reveal');
	const closed = closeQuestion(s, now);
	return done(closed.state, merge(caught.events, closed.events));
}

/** Reveals as soon as every player has answered: no one waits for the clock. */
export function revealIfAllAnswered(
	step: Step,
	now: number,
	answered = step.ok ? answersTo(step.state, step.state.index).length : 0,
): Step {
	if (!step.ok || step.state.phase !== 'open') return step;
	if (answered === 0 || answered < playerList(step.state).length) return step;
	const closed = closeQuestion(step.state, now);
	return done(closed.state, merge(step.events, closed.events));
}

/** One player's answer as the server received it: the answer is still unread input. */
export interface Submission {
	playerId: string;
	questionIndex: number;
	answer: unknown;
}

export type Verdict = { ok: true } | { ok: false; error: LiveError };

/** The answer as it will be recorded, or why it is refused; `taken` are this batch's answers so far. */
function judge(
	s: GameState,
	{ playerId, questionIndex, answer: raw }: Submission,
	now: number,
	taken: ReadonlySet<string>,
): Result<AnswerRecord, LiveError> {
	const no = (status: LiveError['status'], message: string) => err({ status, message });
	if (s.phase === 'ended') return no(410, 'The game has ended');
	if (typeof playerId !== 'string') return no(400, 'Not a valid player');
	if (s.kicked.includes(playerId)) return no(403, 'You were removed from this game');
	const player = own(s.players, playerId);
	if (!player) return no(404, 'No such player in this game');
	if (s.phase === 'lobby' || questionIndex !== s.index) return no(409, 'Not the current question');
	// A scan rather than answerOf: the list is new after every batch, and indexing it each time
	// would cost more than looking through it.
	if (taken.has(playerId) || answersTo(s, s.index).some((r) => r.playerId === playerId)) {
		return no(409, 'Already answered');
	}
	if (now > (s.closesAt ?? now)) return no(409, 'Too late');
	if (s.phase !== 'open') {
		return no(409, s.phase === 'reading' ? 'Answers are not open yet' : 'Answers are closed');
	}
	const parsed = v.safeParse(LiveAnswer, raw);
	if (!parsed.success) return no(400, `Not an answer: ${parsed.issues[0].message}`);
	const graded = gradeLive(s.questions[s.index], parsed.output, s.settings.lang);
	if (!graded.ok) return no(400, graded.error);
	const durationMs = s.settings.secondsPerQuestion * 1000;
	const elapsedMs = Math.min(durationMs, Math.max(0, now - (s.openedAt ?? now)));
	const points = pointsFor(
		s.settings.scoring,
		graded.value.correct,
		elapsedMs,
		durationMs,
		player.streak,
	);
	const record = {
		...{ playerId, answer: parsed.output, atMs: now, elapsedMs },
		...{ correct: graded.value.correct, score: graded.value.score, points },
	};
	return ok(record);
}

/**
 * Answers that arrived together, taken in order as one step. The question's answers are copied
 * once per batch rather than once per answer: a class of 2,000 answering in the same second
 * would otherwise copy two million records. The host hears the new count once.
 */
export function answerMany(
	state: GameState,
	submissions: readonly Submission[],
	now: number,
): { state: GameState; events: Outbox; verdicts: Verdict[]; added: AnswerRecord[] } {
	if (!finite(now)) {
		const error = { status: 400, message: 'No valid time' } as const;
		const verdicts = submissions.map(() => ({ ok: false, error }) as const);
		return { state, events: {}, verdicts, added: [] };
	}
	const caught = tick(state, now) as Extract<Step, { ok: true }>;
	const s = caught.state;
	const taken = new Set<string>();
	const added: AnswerRecord[] = [];
	const verdicts = submissions.map((sub): Verdict => {
		const judged = judge(s, sub, now, taken);
		if (!judged.ok) return judged;
		taken.add(sub.playerId);
		added.push(judged.value);
		return { ok: true };
	});
	if (added.length === 0) return { state: s, events: caught.events, verdicts, added };
	const records = [...answersTo(s, s.index), ...added];
	const next: GameState = {
		...s,
		answers: { ...s.answers, [s.index]: records },
		lastActivity: Math.max(s.lastActivity, now),
	};
	const count = records.length;
	const answered = [{ type: 'answered' as const, index: s.index }];
	const events = {
		host: [progressEvent(next, count)],
		players: Object.fromEntries([...taken.keys()].map((id) => [id, answered])),
	};
	const step = revealIfAllAnswered(done(next, merge(caught.events, events)), now, count);
	return { ...(step as Extract<Step, { ok: true }>), verdicts, added };
}

export function answer(
	state: GameState,
	playerId: string,
	questionIndex: number,
	raw: unknown,
	now: number,
): Step {
	const batch = answerMany(state, [{ playerId, questionIndex, answer: raw }], now);
	const verdict = batch.verdicts[0];
	return verdict.ok ? done(batch.state, batch.events) : { ok: false, error: verdict.error };
}
