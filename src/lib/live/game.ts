/**
 * A live classroom game as a pure state machine: lobby → (reading → open → revealed →
 * leaderboard)* → ended. Time comes in as `now` (server ms), so the server's timer only has
 * to call `tick`, and every step that depends on time catches up first: an answer that arrives
 * just as the question opens is not refused because the timer has not fired yet.
 */
import * as v from 'valibot';
import type { Question } from '../bank/schema.ts';
import { acceptAnswer } from './accept.ts';
import {
	endEvents,
	leaderboardEvent,
	lobbyEvent,
	meEvent,
	progressEvent,
	questionEvents,
} from './events.ts';
import { cleanNickname, foldNickname, uniqueAmongFolded } from './nickname.ts';
import { CreateGame, HostAction, JOIN_CODE, PLAYER_ID } from './protocol.ts';
import { isLiveQuestion, prepareQuestion, type LiveQuestion } from './question.ts';
import { reveal, revealIfAllAnswered } from './round.ts';
import { secretShuffle } from './secret-order.ts';
import { reconnectSnapshot } from './snapshot.ts';
import { joinTeam, rememberSizes, teamCount } from './teams.ts';
import { done, fail, own, playerList, type GameState, type Player, type Step } from './state.ts';

export { acceptAnswer } from './accept.ts';
export { answer, answerMany, reveal, tick } from './round.ts';
export type { Submission, Verdict } from './round.ts';
export { reconnectSnapshot } from './snapshot.ts';
export { results, resultsCsv } from './results.ts';
export { eventsFor } from './state.ts';
export type { AnswerRecord, GameState, Outbox, Phase, Player, Step } from './state.ts';

/** A large lecture hall and then some (the classroom bench plays 2,000); each reveal sends one event per player. */
export const MAX_PLAYERS = 5000;

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
/** 16 characters of base64url are 96 bits; the server draws 128. */
export const MIN_SECRET_LENGTH = 16;

/** The questions the settings ask for: the chosen ones or the decks', of the chosen types. */
function selectQuestions(s: CreateGame, questions: Question[], secret: string): LiveQuestion[] {
	const types = new Set<string>(s.types);
	const fit = questions.filter((q) => isLiveQuestion(q)).filter((q) => types.has(q.type));
	let pool = fit;
	if (s.questionIds) {
		const byId = new Map<string, LiveQuestion>();
		for (const q of fit) if (!byId.has(q.id)) byId.set(q.id, q);
		pool = [...new Set(s.questionIds)].flatMap((id) => byId.get(id) ?? []);
	}
	return (s.shuffle ? secretShuffle(pool, secret, 'questions') : pool).slice(0, s.count);
}

/**
 * `secret` (the server's, random, never sent) fixes the question order (when shuffled) and the
 * option order of every question. The orders are drawn here, once, and kept in the state, so a
 * restart shows the same ones.
 */
export function createGame(
	code: string,
	settings: CreateGame,
	questions: Question[],
	now: number,
	secret: string,
): Step {
	if (typeof code !== 'string' || !JOIN_CODE.test(code)) return fail(400, 'The code has 6 digits');
	if (!finite(now)) return fail(400, 'No valid time');
	// Anything shorter could be guessed, and with it every right colour.
	if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
		return fail(400, 'No game secret');
	}
	const parsed = v.safeParse(CreateGame, settings);
	if (!parsed.success) return fail(400, parsed.issues[0].message);
	const s = parsed.output;
	const chosen = selectQuestions(s, Array.isArray(questions) ? questions : [], secret);
	if (chosen.length === 0) return fail(400, 'No question of the chosen types in these decks');
	const state: GameState = {
		code,
		phase: 'lobby',
		settings: s,
		secret,
		questions: chosen.map((q, i) => prepareQuestion(q, secret, `${i}:${q.id}`)),
		index: 0,
		players: {},
		kicked: [],
		locked: false,
		answers: {},
		asked: 0,
		createdAt: now,
		lastActivity: now,
	};
	return done(state, { host: [lobbyEvent(state, true)] });
}

/**
 * The players' nicknames folded (foldNickname), by the players record they name. States are never
 * changed in place, so each join derives the next set from the last one: folding every name at
 * every join made a class of 2,000 fold two million names as it joined.
 */
const foldedNames = new WeakMap<GameState['players'], ReadonlySet<string>>();

function foldedNamesOf(state: GameState): ReadonlySet<string> {
	let names = foldedNames.get(state.players);
	if (!names) {
		names = new Set(playerList(state).map((p) => foldNickname(p.nickname)));
		foldedNames.set(state.players, names);
	}
	return names;
}

/**
 * A player id that is already in the game rejoins as it was (a phone that reloaded). `seat`: the
 * class seat the player is (a game hosted for a class); one seat plays once.
 */
export function join(
	state: GameState,
	playerId: string,
	nickname: string,
	now: number,
	seat?: string,
): Step {
	if (state.phase === 'ended') return fail(410, 'The game has ended');
	if (typeof playerId !== 'string' || !PLAYER_ID.test(playerId) || !finite(now)) {
		return fail(400, 'Not a valid player');
	}
	if (state.kicked.includes(playerId)) return fail(403, 'You were removed from this game');
	if (own(state.players, playerId)) {
		return done(state, { players: { [playerId]: reconnectSnapshot(state, playerId, now) } });
	}
	if (state.locked) return fail(423, 'The game is locked');
	if (playerList(state).length >= MAX_PLAYERS) return fail(429, 'The game is full');
	if (seat !== undefined && state.kickedSeats?.includes(seat)) {
		return fail(403, 'You were removed from this game');
	}
	if (seat !== undefined && playerList(state).some((p) => p.seat === seat)) {
		return fail(409, 'This student is already in the game on another device');
	}
	const cleaned = cleanNickname(nickname);
	if (!cleaned.ok) return fail(400, 'Choose a nickname with at least one letter or sign');
	const taken = foldedNamesOf(state);
	const name = uniqueAmongFolded(cleaned.value, taken);
	const alone: Player = {
		id: playerId,
		nickname: name,
		score: 0,
		streak: 0,
		joinedAt: now,
		...(seat !== undefined && { seat }),
	};
	// With teams, into the smallest one (a late joiner too: every player has a team).
	const { player, counts } = joinTeam(state, alone);
	const next = { ...state, players: { ...state.players, [playerId]: player }, lastActivity: now };
	foldedNames.set(next.players, new Set(taken).add(foldNickname(name)));
	if (counts) rememberSizes(next.players, counts);
	const answering = next.phase === 'reading' || next.phase === 'open';
	const host =
		next.phase === 'lobby' ? [lobbyEvent(next, true)] : answering ? [progressEvent(next)] : [];
	return done(next, { host, players: { [playerId]: reconnectSnapshot(next, playerId, now) } });
}

/** Reading time first (none when `readingSeconds` is 0), then the answer time. */
function beginQuestion(state: GameState, index: number, now: number): Step {
	const s = state.settings;
	const openedAt = now + s.readingSeconds * 1000;
	const next: GameState = {
		...state,
		phase: openedAt > now ? 'reading' : 'open',
		index,
		openedAt,
		closesAt: openedAt + s.secondsPerQuestion * 1000,
		answers: { ...state.answers, [index]: [] },
		lastActivity: now,
	};
	return done(next, questionEvents(next, now));
}

export function start(state: GameState, now: number): Step {
	if (state.phase !== 'lobby') return fail(409, 'The game has already started');
	if (state.questions.length === 0) return fail(409, 'The game has no questions');
	if (!finite(now)) return fail(400, 'No valid time');
	return beginQuestion(state, 0, now);
}

/** Only with scoring: without it there is no board to show. */
export function showLeaderboard(state: GameState): Step {
	if (state.settings.scoring === 'none') return fail(409, 'This game has no scores');
	if (state.phase !== 'revealed') return fail(409, 'Reveal the answer first');
	const next: GameState = { ...state, phase: 'leaderboard' };
	return done(next, { all: [leaderboardEvent(next)] });
}

/** The next question, or the end after the last one. */
export function next(state: GameState, now: number): Step {
	if (!finite(now)) return fail(400, 'No valid time');
	if (state.phase !== 'revealed' && state.phase !== 'leaderboard') {
		return fail(409, 'Reveal the answer first');
	}
	if (state.index + 1 >= state.questions.length) return end(state);
	return beginQuestion(state, state.index + 1, now);
}

/** Ends at once; a question not yet revealed counts for nothing. */
export function end(state: GameState): Step {
	if (state.phase === 'ended') return fail(410, 'The game has ended');
	const next: GameState = { ...state, phase: 'ended' };
	return done(next, endEvents(next));
}

/** Removes the player, their answers with them, for good: the id cannot join again. */
export function kick(state: GameState, playerId: string, now = state.lastActivity): Step {
	if (state.phase === 'ended') return fail(410, 'The game has ended');
	if (typeof playerId !== 'string' || !own(state.players, playerId)) {
		return fail(404, 'No such player in this game');
	}
	const without = <T>(record: Record<string, T>) =>
		Object.fromEntries(Object.entries(record).filter(([id]) => id !== playerId));
	const answers = Object.fromEntries(
		Object.entries(state.answers).map(([i, list]) => [
			i,
			list.filter((r) => r.playerId !== playerId),
		]),
	);
	const seat = state.players[playerId].seat;
	const next: GameState = {
		...state,
		players: without(state.players),
		answers,
		kicked: [...state.kicked, playerId],
		...(seat !== undefined && { kickedSeats: [...(state.kickedSeats ?? []), seat] }),
	};
	const answering = next.phase === 'reading' || next.phase === 'open';
	const host =
		next.phase === 'lobby' ? [lobbyEvent(next, true)] : answering ? [progressEvent(next)] : [];
	const kicked = { host, players: { [playerId]: [{ type: 'kicked' as const }] } };
	// The one who had not answered may be the one who left.
	return revealIfAllAnswered(done(next, kicked), finite(now) ? now : state.lastActivity);
}

/**
 * The teacher moves a player to another team: in the lobby only. Once a question has been played
 * the player's points would go with them, so a move would change two teams' averages after the
 * class has seen them (and let a team recruit the best player); the phone's team would also
 * change under it between a result and the next.
 */
export function moveToTeam(state: GameState, playerId: string, team: number): Step {
	if (teamCount(state) === 0) return fail(409, 'This game has no teams');
	if (state.phase !== 'lobby') return fail(409, 'Teams are fixed once the game has started');
	const player = typeof playerId === 'string' ? own(state.players, playerId) : undefined;
	if (!player) return fail(404, 'No such player in this game');
	if (!Number.isInteger(team) || team < 0 || team >= teamCount(state)) {
		return fail(400, 'No such team in this game');
	}
	if (player.team === team) return done(state);
	const moved: Player = { ...player, team };
	const next: GameState = { ...state, players: { ...state.players, [playerId]: moved } };
	return done(next, {
		host: [lobbyEvent(next, true)],
		players: { [playerId]: [meEvent(next, moved)] },
	});
}

export function lock(state: GameState): Step {
	return setLocked(state, true);
}

export function unlock(state: GameState): Step {
	return setLocked(state, false);
}

function setLocked(state: GameState, locked: boolean): Step {
	if (state.phase === 'ended') return fail(410, 'The game has ended');
	return done({ ...state, locked }, { host: [{ type: 'locked', locked }] });
}

/**
 * A host request, read as untrusted input. "next" goes through the leaderboard after a reveal
 * when there are scores, as the host screen does.
 */
export function hostAction(state: GameState, request: unknown, now: number): Step {
	const parsed = v.safeParse(HostAction, request);
	if (!parsed.success) return fail(400, parsed.issues[0].message);
	const { action, playerId, questionIndex, text, team } = parsed.output;
	switch (action) {
		case 'start':
			return start(state, now);
		case 'next':
			if (state.phase === 'revealed' && state.settings.scoring !== 'none') {
				return showLeaderboard(state);
			}
			return next(state, now);
		case 'reveal':
			return reveal(state, now);
		case 'end':
			return end(state);
		case 'lock':
			return lock(state);
		case 'unlock':
			return unlock(state);
		case 'kick':
			return kick(state, playerId ?? '', now);
		case 'accept':
			return acceptAnswer(state, questionIndex ?? -1, text ?? '');
		case 'team':
			return moveToTeam(state, playerId ?? '', team ?? -1);
	}
}
