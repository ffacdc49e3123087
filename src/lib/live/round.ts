/**
 * One question's round: answers while it is open, then the reveal, which is the only moment
 * points reach the scores (a score that moved on an answer would tell whether it was right).
 */
import * as v from 'valibot';
import { progressEvent, questionEvents, revealEvents } from './events.ts';
import { gradeLive, pointsFor } from './grade.ts';
import { LiveAnswer } from './protocol.ts';
import { done, fail, merge, own, playerList, type GameState, type Step } from './state.ts';

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
	const records = state.answers[state.index] ?? {};
	const players = Object.fromEntries(
		playerList(state).map((p) => {
			const record = own(records, p.id);
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
	return { state: next, events: revealEvents(next) };
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
export function revealIfAllAnswered(step: Step, now: number): Step {
	if (!step.ok || step.state.phase !== 'open') return step;
	const answered = Object.keys(step.state.answers[step.state.index] ?? {}).length;
	if (answered === 0 || answered < playerList(step.state).length) return step;
	const closed = closeQuestion(step.state, now);
	return done(closed.state, merge(step.events, closed.events));
}

export function answer(
	state: GameState,
	playerId: string,
	questionIndex: number,
	raw: unknown,
	now: number,
): Step {
	if (!finite(now)) return fail(400, 'No valid time');
	const caught = tick(state, now);
	if (!caught.ok) return caught;
	const s = caught.state;
	if (s.phase === 'ended') return fail(410, 'The game has ended');
	if (typeof playerId !== 'string') return fail(400, 'Not a valid player');
	if (s.kicked.includes(playerId)) return fail(403, 'You were removed from this game');
	const player = own(s.players, playerId);
	if (!player) return fail(404, 'No such player in this game');
	if (s.phase === 'lobby' || questionIndex !== s.index) {
		return fail(409, 'Not the current question');
	}
	if (own(s.answers[s.index], playerId)) return fail(409, 'Already answered');
	if (now > (s.closesAt ?? now)) return fail(409, 'Too late');
	if (s.phase !== 'open') {
		return fail(409, s.phase === 'reading' ? 'Answers are not open yet' : 'Answers are closed');
	}
	const parsed = v.safeParse(LiveAnswer, raw);
	if (!parsed.success) return fail(400, `Not an answer: ${parsed.issues[0].message}`);
	const g = s.questions[s.index];
	const graded = gradeLive(g, parsed.output, s.settings.lang);
	if (!graded.ok) return fail(400, graded.message);
	const openedAt = s.openedAt ?? now;
	const durationMs = s.settings.secondsPerQuestion * 1000;
	const elapsedMs = Math.min(durationMs, Math.max(0, now - openedAt));
	const points = pointsFor(
		s.settings.scoring,
		graded.correct,
		elapsedMs,
		durationMs,
		player.streak,
	);
	const record = { answer: parsed.output, atMs: now, elapsedMs, correct: graded.correct, points };
	const answers = { ...s.answers[s.index], [playerId]: { ...record, score: graded.score } };
	const next: GameState = {
		...s,
		answers: { ...s.answers, [s.index]: answers },
		lastActivity: Math.max(s.lastActivity, now),
	};
	const events = {
		host: [progressEvent(next)],
		players: { [playerId]: [{ type: 'answered' as const, index: s.index }] },
	};
	return revealIfAllAnswered(done(next, merge(caught.events, events)), now);
}
