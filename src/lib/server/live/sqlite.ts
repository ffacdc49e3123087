/**
 * Live games on disk (better-sqlite3 12, WAL): each game's state as a JSON snapshot without its
 * answers, the hashes of its tokens, each player as they joined and each answer as its own row,
 * written before the join or answer is acknowledged: rewriting a 2,000-player game for every
 * join or answer would cost far more than the join or answer. A restart reloads every
 * unfinished game with its players and answers, so the class carries on.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredToken {
	hash: string;
	/** `join`: the game's join key (in the projector's link), which skips the guess limit. */
	role: 'host' | 'player' | 'join';
	playerId: string | null;
}

export interface StoredPlayer {
	playerId: string;
	/** The player as they joined, as JSON; the snapshot has their later scores. */
	record: string;
}

export interface StoredAnswer {
	question: number;
	playerId: string;
	/** The answer record as JSON. */
	record: string;
}

/** A game as saved: its snapshot (JSON, without answers), tokens, players and answers. */
export interface StoredGame {
	code: string;
	state: string;
	ended: boolean;
	tokens: StoredToken[];
	players: StoredPlayer[];
	answers: StoredAnswer[];
}

export class LiveStore {
	readonly #db: Database.Database;
	readonly #save: Database.Statement;
	readonly #saveToken: Database.Statement;
	readonly #saveAnswers: (code: string, answers: StoredAnswer[]) => void;
	readonly #saveJoin: (code: string, token: StoredToken, player: StoredPlayer) => void;
	readonly #saveGameAndAnswers: (
		code: string,
		state: string,
		now: number,
		ended: boolean,
		answers: StoredAnswer[],
	) => void;

	constructor(path = process.env.KIOKU_DB ?? './data/kioku.db') {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		this.#db = new Database(path);
		this.#db.pragma('journal_mode = WAL');
		this.#db.pragma('synchronous = NORMAL');
		this.#db.exec(`
			CREATE TABLE IF NOT EXISTS games (
				code TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at INTEGER NOT NULL, ended INTEGER NOT NULL DEFAULT 0
			);
			CREATE TABLE IF NOT EXISTS tokens (
				code TEXT NOT NULL, hash TEXT NOT NULL, role TEXT NOT NULL, player_id TEXT,
				PRIMARY KEY (code, hash)
			);
			CREATE TABLE IF NOT EXISTS answers (
				code TEXT NOT NULL, question INTEGER NOT NULL, player_id TEXT NOT NULL, record TEXT NOT NULL,
				PRIMARY KEY (code, question, player_id)
			);
			CREATE TABLE IF NOT EXISTS players (
				code TEXT NOT NULL, player_id TEXT NOT NULL, record TEXT NOT NULL,
				PRIMARY KEY (code, player_id)
			);
		`);
		this.#save = this.#db.prepare(
			'INSERT INTO games (code, state, updated_at, ended) VALUES (?, ?, ?, ?) ' +
				'ON CONFLICT(code) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, ended = excluded.ended',
		);
		this.#saveToken = this.#db.prepare(
			'INSERT OR IGNORE INTO tokens (code, hash, role, player_id) VALUES (?, ?, ?, ?)',
		);
		const saveAnswer = this.#db.prepare(
			'INSERT OR IGNORE INTO answers (code, question, player_id, record) VALUES (?, ?, ?, ?)',
		);
		this.#saveAnswers = this.#db.transaction((code: string, answers: StoredAnswer[]) => {
			for (const a of answers) saveAnswer.run(code, a.question, a.playerId, a.record);
		});
		const savePlayer = this.#db.prepare(
			'INSERT OR IGNORE INTO players (code, player_id, record) VALUES (?, ?, ?)',
		);
		this.#saveJoin = this.#db.transaction(
			(code: string, token: StoredToken, player: StoredPlayer) => {
				this.#saveToken.run(code, token.hash, token.role, token.playerId);
				savePlayer.run(code, player.playerId, player.record);
			},
		);
		// An answer graded again (the host accepted it) replaces its record, in its place (rowid).
		const replaceAnswer = this.#db.prepare(
			'INSERT INTO answers (code, question, player_id, record) VALUES (?, ?, ?, ?) ' +
				'ON CONFLICT(code, question, player_id) DO UPDATE SET record = excluded.record',
		);
		this.#saveGameAndAnswers = this.#db.transaction(
			(code: string, state: string, now: number, ended: boolean, answers: StoredAnswer[]) => {
				this.#save.run(code, state, now, ended ? 1 : 0);
				for (const a of answers) replaceAnswer.run(code, a.question, a.playerId, a.record);
			},
		);
	}

	/** A new player and their token, in one transaction: on disk before the join is acknowledged. */
	saveJoin(code: string, token: StoredToken, player: StoredPlayer) {
		this.#saveJoin(code, token, player);
	}

	/** One transaction for a batch of answers. */
	saveAnswers(code: string, answers: StoredAnswer[]) {
		if (answers.length > 0) this.#saveAnswers(code, answers);
	}

	/** The snapshot, and answers graded again since they were saved (replacing their rows). */
	saveGame(
		code: string,
		state: unknown,
		now: number,
		ended: boolean,
		regraded: StoredAnswer[] = [],
	) {
		if (regraded.length === 0) this.#save.run(code, JSON.stringify(state), now, ended ? 1 : 0);
		else this.#saveGameAndAnswers(code, JSON.stringify(state), now, ended, regraded);
	}

	saveToken(code: string, token: StoredToken) {
		this.#saveToken.run(code, token.hash, token.role, token.playerId);
	}

	/** Every game saved since `since` (ms), ended or not. */
	loadGames(since: number): StoredGame[] {
		const games = this.#db
			.prepare('SELECT code, state, ended FROM games WHERE updated_at >= ?')
			.all(since) as { code: string; state: string; ended: number }[];
		const tokens = this.#db.prepare('SELECT hash, role, player_id FROM tokens WHERE code = ?');
		const answers = this.#db.prepare(
			'SELECT question, player_id AS playerId, record FROM answers WHERE code = ? ORDER BY rowid',
		);
		const players = this.#db.prepare(
			'SELECT player_id AS playerId, record FROM players WHERE code = ? ORDER BY rowid',
		);
		return games.map((g) => ({
			code: g.code,
			state: g.state,
			ended: g.ended === 1,
			tokens: (
				tokens.all(g.code) as {
					hash: string;
					role: StoredToken['role'];
					player_id: string | null;
				}[]
			).map((t) => ({ hash: t.hash, role: t.role, playerId: t.player_id })),
			players: players.all(g.code) as StoredPlayer[],
			answers: answers.all(g.code) as StoredAnswer[],
		}));
	}

	deleteGame(code: string) {
		this.#db.prepare('DELETE FROM games WHERE code = ?').run(code);
		this.#db.prepare('DELETE FROM tokens WHERE code = ?').run(code);
		this.#db.prepare('DELETE FROM answers WHERE code = ?').run(code);
		this.#db.prepare('DELETE FROM players WHERE code = ?').run(code);
	}

	close() {
		this.#db.close();
	}
}
