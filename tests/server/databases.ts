/**
 * The databases server tests run against: a fresh SQLite file and a fresh PostgreSQL database
 * with a random name on the server these machines run (dropped afterwards), never a mock.
 * KIOKU_TEST_POSTGRES overrides the server's URL. Without a reachable PostgreSQL, the Postgres
 * half fails in CI and is reported as skipped (with the reason printed) on a laptop without one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseKind, type ServerDatabase } from '$lib/server/db/connection';

const ADMIN_URL = process.env.KIOKU_TEST_POSTGRES ?? 'postgres://root@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<string | undefined> {
	const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.end();
		return undefined;
	} catch (error) {
		return String(error);
	}
}

const unreachable = await postgresReachable();
if (unreachable && process.env.CI) {
	throw new Error(`PostgreSQL at ${ADMIN_URL} is needed in CI: ${unreachable}`);
}
if (unreachable) {
	console.warn(`PostgreSQL at ${ADMIN_URL} is unreachable, its tests are skipped: ${unreachable}`);
}

/** The kinds to run a server test on: both, or SQLite alone where no PostgreSQL runs. */
export const DATABASE_KINDS: DatabaseKind[] = unreachable ? ['sqlite'] : ['sqlite', 'postgres'];
export const POSTGRES_AVAILABLE = !unreachable;

export interface TestDatabase {
	db: ServerDatabase;
	/** The URL (Postgres) or file path (SQLite), to open a second connection or a server on it. */
	location: string;
	drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: ADMIN_URL });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/**
 * Waits (up to 5 s) until no connection to the database is left. A pool's `end()` resolves
 * before its clients' sockets have closed; dropping WITH (FORCE) then terminated a client that
 * was still saying goodbye, and its "terminating connection" error surfaced as an uncaught
 * exception that failed the whole run.
 */
async function closedEverywhere(name: string): Promise<void> {
	const client = new pg.Client({ connectionString: ADMIN_URL });
	await client.connect();
	try {
		for (let waited = 0; waited < 5000; waited += 50) {
			const { rows } = await client.query<{ n: string }>(
				'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
				[name],
			);
			if (Number(rows[0].n) === 0) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	} finally {
		await client.end();
	}
}

/** A new, empty database of this kind; `drop()` closes it and removes every trace. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
	if (kind === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'kioku-db-'));
		const path = join(dir, 'kioku.db');
		const db = openDatabase({ sqlitePath: path });
		return {
			db,
			location: path,
			drop: async () => {
				await db.close();
				rmSync(dir, { recursive: true, force: true });
			},
		};
	}
	const name = `kioku_test_${randomBytes(6).toString('hex')}`;
	await adminQuery(`CREATE DATABASE ${name}`);
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	const db = openDatabase({ url: url.href });
	return {
		db,
		location: url.href,
		drop: async () => {
			await db.close();
			await closedEverywhere(name);
			await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		},
	};
}
