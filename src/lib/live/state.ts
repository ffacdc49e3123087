/**
 * The state of a live game and the shape of every step of it. State is plain data (it can be
 * stored or cloned as JSON) and is never changed in place: each step returns a new state and
 * the events it causes, and the server sends them.
 */
import type { CreateGame, LiveAnswer, LiveEvent, PHASES } from './protocol.ts';
import type { GameQuestion } from './question.ts';

export type Phase = (typeof PHASES)[number];

export interface Player {
	id: string;
	nickname: string;
	/** As of the last reveal: a score that moved on an answer would tell whether it was right. */
	score: number;
	/** Right answers in a row, as of the last reveal. */
	streak: number;
	joinedAt: number;
	/** Team mode: the team number (see teams.ts); absent without teams. */
	team?: number;
	/** In a game hosted for a class, the student's seat; absent for a guest. Server-only. */
	seat?: string;
}

export interface AnswerRecord {
	playerId: string;
	answer: LiveAnswer;
	/** Server clock when it arrived. */
	atMs: number;
	/** Since answers opened. */
	elapsedMs: number;
	correct: boolean;
	/** From checkAnswer, 0 or 1: live questions have no partial credit. */
	score: number;
	/** Added to the player's score at the reveal. */
	points: number;
	/** Marked wrong by the checker, then accepted by the host for everyone who gave it. */
	accepted?: true;
}

export interface GameState {
	code: string;
	phase: Phase;
	settings: CreateGame;
	/**
	 * Server-only, never sent: the option orders were drawn from it (see secret-order.ts). Kept
	 * with the game so that its orders can always be drawn again the same. Absent in games saved
	 * before it existed (their orders came from public data, and are kept as they were).
	 */
	secret?: string;
	/** Server-only: they hold the answers. */
	questions: GameQuestion[];
	index: number;
	players: Record<string, Player>;
	kicked: string[];
	/** Class seats of removed players: the student cannot come back as a new player. */
	kickedSeats?: string[];
	locked: boolean;
	openedAt?: number;
	closesAt?: number;
	/**
	 * By question index, in the order they arrived; a kicked player's answers go with them.
	 * A list, because a step that adds answers copies it: copying a list of 2,000 is a memcpy,
	 * copying a record keyed by 2,000 player ids took 150 µs per answer.
	 */
	answers: Record<number, readonly AnswerRecord[]>;
	/** Questions revealed so far; one ended before its reveal is not in the results. */
	asked: number;
	createdAt: number;
	lastActivity: number;
}

/**
 * Who gets what. A connection gets `all`, then `host` or `allPlayers`, then its own entry in
 * `players`, in that order. Nothing sends every player's data to every player.
 */
export interface Outbox {
	all?: LiveEvent[];
	host?: LiveEvent[];
	allPlayers?: LiveEvent[];
	players?: Record<string, LiveEvent[]>;
}

export type LiveStatus = 400 | 403 | 404 | 409 | 410 | 423 | 429;
export interface LiveError {
	status: LiveStatus;
	message: string;
}
export type Step = { ok: true; state: GameState; events: Outbox } | { ok: false; error: LiveError };

export const fail = (status: LiveStatus, message: string): Step => ({
	ok: false,
	error: { status, message },
});
export const done = (state: GameState, events: Outbox = {}): Step => ({ ok: true, state, events });

/** A record's own entry: a player id such as "constructor" must not find Object's. */
export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
	return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function merge(a: Outbox, b: Outbox): Outbox {
	const out: Outbox = {};
	for (const key of ['all', 'host', 'allPlayers'] as const) {
		const list = [...(a[key] ?? []), ...(b[key] ?? [])];
		if (list.length > 0) out[key] = list;
	}
	if (a.players || b.players) {
		const players = new Map(Object.entries(a.players ?? {}));
		for (const [id, list] of Object.entries(b.players ?? {})) {
			players.set(id, [...(players.get(id) ?? []), ...list]);
		}
		// fromEntries defines the entries; `record[id] =` with id "__proto__" would set a prototype.
		out.players = Object.fromEntries(players);
	}
	return out;
}

/** The events one connection receives from an outbox, in order. */
export function eventsFor(outbox: Outbox, who: 'host' | string): LiveEvent[] {
	const own_ = who === 'host' ? [] : (own(outbox.players, who) ?? []);
	const group = who === 'host' ? outbox.host : outbox.allPlayers;
	return [...(outbox.all ?? []), ...(group ?? []), ...own_];
}

const noAnswers: readonly AnswerRecord[] = [];
const byPlayer = new WeakMap<readonly AnswerRecord[], Map<string, AnswerRecord>>();

/** A player's answer to a question; each list is indexed once (lists never change either). */
export function answerOf(
	state: GameState,
	index: number,
	playerId: string,
): AnswerRecord | undefined {
	const list = answersTo(state, index);
	let map = byPlayer.get(list);
	if (!map) byPlayer.set(list, (map = new Map(list.map((r) => [r.playerId, r]))));
	return map.get(playerId);
}

export function answersTo(state: GameState, index: number): readonly AnswerRecord[] {
	return own(state.answers, String(index)) ?? noAnswers;
}

// States are never changed in place, so one players object always has the same list: answers,
// which leave the players alone, then cost O(1) here instead of O(players) each.
const lists = new WeakMap<Record<string, Player>, readonly Player[]>();

/** Every player of the game; read-only, as the same array is shared between calls. */
export function playerList(state: GameState): readonly Player[] {
	let list = lists.get(state.players);
	if (!list) lists.set(state.players, (list = Object.values(state.players)));
	return list;
}
