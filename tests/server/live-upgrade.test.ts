// A teacher upgrades in the middle of a game: their SQLite file has the tables the live
// classroom kept before migration 0003 (`games`, `tokens`, `players`, `answers`, made by the
// store of that version), with an unfinished game in them. After the upgrade the game carries on.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type ServerDatabase } from '$lib/server/db/connection';
import { migrateToLatest, migrations } from '$lib/server/db/migrations';
import { LiveHub } from '$lib/server/live/hub';
import { createLiveStore } from '$lib/server/live/store';
import { GAME_SETTINGS, singleQuestion } from '../unit/live-fixtures';

/** The tables as the live store of the previous version created them, word for word. */
const OLD_TABLES = `
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
`;

/** The migrations of the version before 0003. */
const previousVersion = () =>
	Object.fromEntries(Object.entries(migrations('sqlite')).filter(([name]) => name < '0003'));

const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
const questions = async () => [singleQuestion('q1'), singleQuestion('q2')];

describe('upgrading an SQLite file with live games from before migration 0003', () => {
	const dirs: string[] = [];
	const open: ServerDatabase[] = [];
	const hubs: LiveHub[] = [];
	afterEach(async () => {
		for (const hub of hubs.splice(0)) await hub.stop();
		for (const db of open.splice(0)) await db.close();
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	const file = () => {
		const dir = mkdtempSync(join(tmpdir(), 'kioku-upgrade-'));
		dirs.push(dir);
		return join(dir, 'kioku.db');
	};
	const database = (path: string) => {
		const db = openDatabase({ sqlitePath: path });
		open.push(db);
		return db;
	};
	const hubOn = (db: ServerDatabase) => {
		const hub = new LiveHub({ store: createLiveStore(db), loadQuestions: questions });
		hubs.push(hub);
		return hub;
	};

	it('moves an unfinished game to the new tables, in order, drops the old ones, and the game goes on', async () => {
		// A game in progress: three players joined, two of them answered (Bo first).
		const played = database(file());
		await migrateToLatest(played.kysely, 'sqlite');
		const hub = hubOn(played);
		const created = await hub.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const tokens: Record<string, string> = {};
		for (const nickname of ['Ann', 'Bo', 'Cy']) {
			const joined = await hub.join(code, { code, nickname }, '10.0.0.1');
			if (!joined.ok) throw new Error(joined.error.message);
			tokens[nickname] = joined.value.token;
		}
		await hub.host(code, hostToken, { action: 'start' });
		expect((await hub.answer(code, tokens.Bo, pick)).ok).toBe(true);
		expect((await hub.answer(code, tokens.Ann, pick)).ok).toBe(true);
		await hub.stop();
		const [game] = await createLiveStore(played).loadGames(0);
		expect(game.answers.map((a) => a.playerId)).toHaveLength(2);

		// The same game in a file of the previous version: its own tables beside the accounts'.
		const path = file();
		const before = database(path);
		await migrateToLatest(before.kysely, 'sqlite', previousVersion());
		await before.close();
		const old = new Database(path);
		old.exec(OLD_TABLES);
		old
			.prepare('INSERT INTO games (code, state, updated_at, ended) VALUES (?, ?, ?, 0)')
			.run(code, game.state, Date.now());
		for (const t of game.tokens)
			old
				.prepare('INSERT INTO tokens (code, hash, role, player_id) VALUES (?, ?, ?, ?)')
				.run(code, t.hash, t.role, t.playerId);
		for (const p of game.players)
			old
				.prepare('INSERT INTO players (code, player_id, record) VALUES (?, ?, ?)')
				.run(code, p.playerId, p.record);
		for (const a of game.answers)
			old
				.prepare('INSERT INTO answers (code, question, player_id, record) VALUES (?, ?, ?, ?)')
				.run(code, a.question, a.playerId, a.record);
		old.close();

		// The upgraded server starts on that file.
		const upgraded = database(path);
		const result = await migrateToLatest(upgraded.kysely, 'sqlite');
		// 0003 ran on this start (the later ones with it), the earlier ones were there already.
		expect(result.results?.map((r) => r.migrationName).slice(0, 2)).toEqual([
			'0003-live-games',
			'0004-live-leases',
		]);
		expect(result.results?.map((r) => r.migrationName)).not.toContain('0002-sync-store');
		const tables = (await upgraded.kysely.introspection.getTables()).map((t) => t.name);
		for (const gone of ['games', 'tokens', 'players', 'answers'])
			expect(tables).not.toContain(gone);
		const [moved] = await createLiveStore(upgraded).loadGames(0);
		// Versions before 0006 kept no event log: the game's screens get a snapshot once.
		expect(moved).toEqual({ ...game, events: [] });

		const after = hubOn(upgraded);
		expect(await after.answer(code, tokens.Bo, pick)).toMatchObject({
			ok: false,
			error: { status: 409 },
		});
		expect((await after.answer(code, tokens.Cy, pick)).ok).toBe(true);
		const results = await after.results(code, hostToken, 'en');
		if (!results.ok) throw new Error(results.error.message);
		expect(results.value.players.map((p) => p.questions[0].answered)).toEqual([true, true, true]);
	});

	it('upgrades a file whose live tables were never created, or only some of them', async () => {
		const path = file();
		const before = database(path);
		await migrateToLatest(before.kysely, 'sqlite', previousVersion());
		await before.close();
		const old = new Database(path);
		// An older version made no players table; this game has a host and nothing else yet.
		old.exec(OLD_TABLES.replace(/CREATE TABLE IF NOT EXISTS players[^;]*;/, ''));
		old.prepare(`INSERT INTO games VALUES ('123456', '{}', 1, 1)`).run();
		old.close();
		const upgraded = database(path);
		await migrateToLatest(upgraded.kysely, 'sqlite');
		expect(await createLiveStore(upgraded).loadGames(0)).toEqual([
			{
				code: '123456',
				state: '{}',
				ended: true,
				tokens: [],
				players: [],
				answers: [],
				events: [],
			},
		]);
	});
});
