/**
 * The databases server tests run against: a fresh SQLite file and a fresh PostgreSQL database
 * with a random name on the server these machines run (dropped afterwards), never a mock.
 * KIOKU_TEST_POSTGRES overrides the server's URL. Without a reachable PostgreSQL, the Postgres
 * half fails in CI and is reported as skipped (with the reason printed) on a laptop without one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseKind, type ServerDatabase } from '$lib/server/db/connection';
import {
	postgresUnreachable,
	POSTGRES_ADMIN_URL,
	scratchPostgres,
} from '../../scripts/scratch-postgres.ts';

const unreachable = await postgresUnreachable();
if (unreachable && process.env.CI) {
	throw new Error(`PostgreSQL at ${POSTGRES_ADMIN_URL} is needed in CI: ${unreachable}`);
}
if (unreachable) {
	console.warn(
		`PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable, its tests are skipped: ${unreachable}`,
	);
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
	const scratch = await scratchPostgres('kioku_test');
	const db = openDatabase({ url: scratch.url });
	return {
		db,
		location: scratch.url,
		drop: async () => {
			await db.close();
			await scratch.drop();
		},
	};
}
