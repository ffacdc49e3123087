/**
 * Live games on disk (better-sqlite3 12, WAL): each game's state as a JSON snapshot, and the
 * hashes of its tokens. A restart reloads every unfinished game, so the class carries on.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredToken {
	hash: string;
	role: 'host' | 'player';
	playerId: string | null;
}

export class LiveStore {
	readonly #db: Database.Database;
	readonly #save: Database.Statement;
	readonly #saveToken: Database.Statement;

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
		`);
		this.#save = this.#db.prepare(
			'INSERT INTO games (code, state, updated_at, ended) VALUES (?, ?, ?, ?) ' +
				'ON CONFLICT(code) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, ended = excluded.ended',
		);
		this.#saveToken = this.#db.prepare(
			'INSERT OR IGNORE INTO tokens (code, hash, role, player_id) VALUES (?, ?, ?, ?)',
		);
	}

	saveGame(code: string, state: unknown, now: number, ended: boolean) {
		this.#save.run(code, JSON.stringify(state), now, ended ? 1 : 0);
	}

	saveToken(code: string, token: StoredToken) {
		this.#saveToken.run(code, token.hash, token.role, token.playerId);
	}

	loadGames(
		since: number,
	): { code: string; state: string; ended: boolean; tokens: StoredToken[] }[] {
		const games = this.#db
			.prepare('SELECT code, state, ended FROM games WHERE updated_at >= ?')
			.all(since) as { code: string; state: string; ended: number }[];
		const tokens = this.#db.prepare('SELECT hash, role, player_id FROM tokens WHERE code = ?');
		return games.map((g) => ({
			code: g.code,
			state: g.state,
			ended: g.ended === 1,
			tokens: (
				tokens.all(g.code) as { hash: string; role: 'host' | 'player'; player_id: string | null }[]
			).map((t) => ({ hash: t.hash, role: t.role, playerId: t.player_id })),
		}));
	}

	deleteGame(code: string) {
		this.#db.prepare('DELETE FROM games WHERE code = ?').run(code);
		this.#db.prepare('DELETE FROM tokens WHERE code = ?').run(code);
	}

	close() {
		this.#db.close();
	}
}
