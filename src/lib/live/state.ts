/**
 * The state of a live game and the shape of every step of it. State is plain data (it can be
 * stored or cloned as JSON) and is never changed in place: each step returns a new state and
 * the events it causes, and the server sends them.
 */
import type { CreateGame, LiveAnswer, LiveEvent } from './protocol.ts';
import type { GameQuestion } from './question.ts';

export type Phase = 'lobby' | 'reading' | 'open' | 'revealed' | 'leaderboard' | 'ended';

export interface Player {
	id: string;
	nickname: string;
	/** As of the last reveal: a score that moved on an answer would tell whether it was right. */
	score: number;
	/** Right answers in a row, as of the last reveal. */
	streak: number;
	joinedAt: number;
}

export interface AnswerRecord {
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
}

export interface GameState {
	code: string;
	phase: Phase;
	settings: CreateGame;
	/** Server-only: they hold the answers. */
	questions: GameQuestion[];
	index: number;
	players: Record<string, Player>;
	kicked: string[];
	locked: boolean;
	openedAt?: number;
	closesAt?: number;
	/** By question index, then player id; a kicked player's answers go with them. */
	answers: Record<number, Record<string, AnswerRecord>>;
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

export function playerList(state: GameState): Player[] {
	return Object.values(state.players);
}
