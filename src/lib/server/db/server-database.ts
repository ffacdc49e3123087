/**
 * The process's database, opened once from the environment and migrated before first use:
 * `DATABASE_URL` (PostgreSQL) when set, else SQLite at `KIOKU_DB` (default `./data/kioku.db`).
 */
import { env } from '$env/dynamic/private';
import { openDatabase, type ServerDatabase } from './connection.ts';
import { migrateToLatest } from './migrations.ts';

let ready: Promise<ServerDatabase> | undefined;
let opened: ServerDatabase | undefined;

export function serverDatabase(): Promise<ServerDatabase> {
	ready ??= (async () => {
		const db = openDatabase({
			url: env.DATABASE_URL || undefined,
			sqlitePath: env.KIOKU_DB || undefined,
		});
		try {
			await migrateToLatest(db.kysely, db.kind);
		} catch (error) {
			// The next caller tries again (PostgreSQL may be starting too): the instance becomes
			// healthy when its database does, without a restart.
			ready = undefined;
			await db.close().catch(() => {});
			throw error;
		}
		opened = db;
		return db;
	})();
	return ready;
}

/** The database once it is open and migrated, without opening it (metrics read its pool). */
export function openedDatabase(): ServerDatabase | undefined {
	return opened;
}
