/**
 * Games read back from the database after a restart: each game's snapshot, the players who joined
 * after it and every answer (each its own row), put together as the game was, with the hashes of
 * the tokens that prove who is who and the log of the events it sent. Hosts and players reconnect
 * with their tokens and the last event they saw, and carry on.
 */
import type { AnswerRecord, GameState, Player } from '$lib/live/state';
import { restoredLog } from './event-journal';
import type { StoredAnswer, StoredGame, StoredPlayer } from './store';

/** A game apart from who is listening: its state and the hashes of the tokens that prove who is who. */
export interface GameRecord {
	code: string;
	state: GameState;
	hostHash: string;
	/** Absent for games from before the projector's link carried a key. */
	joinKeyHash?: string;
	/** Token hash → player id. */
	players: Map<string, string>;
	/** The game's event log as written; absent for a new game or one saved before logs were kept. */
	log?: ReturnType<typeof restoredLog>;
}

/** A saved game without its host's token cannot be run by anyone: it is left out. */
export function restoredGames(rows: StoredGame[]): GameRecord[] {
	return rows.flatMap((row) => {
		const host = row.tokens.find((t) => t.role === 'host');
		if (!host) return [];
		const players = new Map(
			row.tokens.flatMap((t) => (t.playerId ? [[t.hash, t.playerId] as const] : [])),
		);
		return [
			{
				code: row.code,
				state: restoredState(row.state, row.answers, row.players),
				hostHash: host.hash,
				joinKeyHash: row.tokens.find((t) => t.role === 'join')?.hash,
				players,
				log: restoredLog(row.events),
			},
		];
	});
}

/**
 * A saved game: its snapshot and its answers, in the order they came. A kicked player's answers
 * stay out (their rows outlive the kick). Earlier versions kept the answers in the snapshot,
 * keyed by player id.
 */
export function restoredState(
	json: string,
	rows: StoredAnswer[],
	joined: StoredPlayer[],
): GameState {
	const saved = JSON.parse(json) as GameState;
	// Players who joined after the last snapshot are in their own rows.
	const players: Record<string, Player> = { ...saved.players };
	for (const { playerId, record } of joined) {
		if (Object.hasOwn(players, playerId) || saved.kicked.includes(playerId)) continue;
		players[playerId] = JSON.parse(record) as Player;
	}
	const state: GameState = { ...saved, players };
	const lists: Record<number, AnswerRecord[]> = {};
	for (const [index, saved] of Object.entries(state.answers as Record<string, unknown>)) {
		lists[Number(index)] = Array.isArray(saved)
			? saved
			: Object.entries(saved as Record<string, Omit<AnswerRecord, 'playerId'>>).map(
					([playerId, r]) => ({ ...r, playerId }),
				);
	}
	const seen = new Set(
		Object.entries(lists).flatMap(([i, l]) => l.map((r) => `${i}:${r.playerId}`)),
	);
	for (const { question, playerId, record } of rows) {
		if (!Object.hasOwn(state.players, playerId) || seen.has(`${question}:${playerId}`)) continue;
		(lists[question] ??= []).push(JSON.parse(record) as AnswerRecord);
	}
	return { ...state, answers: lists };
}
