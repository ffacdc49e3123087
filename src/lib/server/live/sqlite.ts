/**
 * Live games on disk (better-sqlite3 12, WAL): each game's state as a JSON snapshot without its
 * answers, the hashes of its tokens, and each answer as its own row, written before it is
 * acknowledged: rewriting a 2,000-player game for every answer would cost far more than the
 * answer. A restart reloads every unfinished game with its answers, so the class carries on.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredToken {
	hash: string;
	role: 'host' | 'player';
	playerId: string | null;
}

export interface StoredAnswer {
	question: number;
	playerId: string;
	/** The answer record as JSON. */
	record: string;
}

export class LiveStore {
	readonly #db: Database.Database;
	readonly #save: Database.Statement;
	readonly #saveToken: Database.Statement;
	readonly #saveAnswers: (code: string, answers: StoredAnswer[]) => void;

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
	}

	/** One transaction for a batch of answers. */
	saveAnswers(code: string, answers: StoredAnswer[]) {
		if (answers.length > 0) this.#saveAnswers(code, answers);
	}

	saveGame(code: string, state: unknown, now: number, ended: boolean) {
		this.#save.run(code, JSON.stringify(state), now, ended ? 1 : 0);
	}

	saveToken(code: string, token: StoredToken) {
		this.#saveToken.run(code, token.hash, token.role, token.playerId);
	}

	loadGames(since: number): {
		code: string;
		state: string;
		ended: boolean;
		tokens: StoredToken[];
		answers: StoredAnswer[];
	}[] {
		const games = this.#db
			.prepare('SELECT code, state, ended FROM games WHERE updated_at >= ?')
			.all(since) as { code: string; state: string; ended: number }[];
		const tokens = this.#db.prepare('SELECT hash, role, player_id FROM tokens WHERE code = ?');
		const answers = this.#db.prepare(
			'SELECT question, player_id AS playerId, record FROM answers WHERE code = ? ORDER BY rowid',
		);
		return games.map((g) => ({
			code: g.code,
			state: g.state,
			ended: g.ended === 1,
			tokens: (
				tokens.all(g.code) as { hash: string; role: 'host' | 'player'; player_id: string | null }[]
			).map((t) => ({ hash: t.hash, role: t.role, playerId: t.player_id })),
			answers: answers.all(g.code) as StoredAnswer[],
		}));
	}

	deleteGame(code: string) {
		this.#db.prepare('DELETE FROM games WHERE code = ?').run(code);
		this.#db.prepare('DELETE FROM tokens WHERE code = ?').run(code);
		this.#db.prepare('DELETE FROM answers WHERE code = ?').run(code);
	}

	close() {
		this.#db.close();
	}
}
