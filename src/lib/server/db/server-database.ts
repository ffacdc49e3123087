/**
 * The process's database, opened once from the environment and migrated before first use:
 * `DATABASE_URL` (PostgreSQL) when set, else SQLite at `KIOKU_DB` (default `./data/kioku.db`).
 */
import { env } from '$env/dynamic/private';
import { openDatabase, type ServerDatabase } from './connection.ts';
import { migrateToLatest } from './migrations.ts';

let ready: Promise<ServerDatabase> | undefined;

export function serverDatabase(): Promise<ServerDatabase> {
	ready ??= (async () => {
		const db = openDatabase({
			url: env.DATABASE_URL || undefined,
			sqlitePath: env.KIOKU_DB || undefined,
		});
		await migrateToLatest(db.kysely, db.kind);
		return db;
	})();
	return ready;
}
