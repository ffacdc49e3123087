/**
 * The server's one database, behind one typed query layer (Kysely 0.28): SQLite in a file under
 * `./data/` when nothing is configured (what `npm start` uses, no set-up), PostgreSQL when
 * `DATABASE_URL` is set (several instances share it). Code above this module never asks which.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { ServerSchema } from './schema.ts';

/**
 * SQLite does roll DDL back inside a transaction, but Kysely's adapter says it cannot, so its
 * migrator would leave a failed migration half applied. Saying so lets a failed start change nothing.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
	override get supportsTransactionalDdl(): boolean {
		return true;
	}
}

class KiokuSqliteDialect extends SqliteDialect {
	override createAdapter(): SqliteAdapter {
		return new TransactionalDdlSqliteAdapter();
	}
}

export type DatabaseKind = 'sqlite' | 'postgres';

export interface ServerDatabase {
	kysely: Kysely<ServerSchema>;
	kind: DatabaseKind;
	/** The driver's own handle, for a library that wants it (the auth library takes the pool or file). */
	driver: Database.Database | pg.Pool;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** A `postgres://` URL; without one, SQLite at `sqlitePath`. */
	url?: string;
	/** Default `./data/kioku.db`; `:memory:` for a throw-away database. */
	sqlitePath?: string;
	/** Largest number of pooled Postgres connections (default 10). */
	poolSize?: number;
}

export function openDatabase(options: DatabaseOptions = {}): ServerDatabase {
	if (options.url) {
		const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
		const kysely = new Kysely<ServerSchema>({ dialect: new PostgresDialect({ pool }) });
		return { kysely, kind: 'postgres', driver: pool, close: () => kysely.destroy() };
	}
	const path = options.sqlitePath ?? './data/kioku.db';
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const file = new Database(path);
	// WAL: readers never wait for the writer; NORMAL is durable across a process crash in WAL.
	file.pragma('journal_mode = WAL');
	file.pragma('synchronous = NORMAL');
	file.pragma('foreign_keys = ON');
	// Another connection to the file (a second process, a test's) may hold the write lock for a
	// moment: wait, don't fail.
	file.pragma('busy_timeout = 5000');
	const kysely = new Kysely<ServerSchema>({ dialect: new KiokuSqliteDialect({ database: file }) });
	return { kysely, kind: 'sqlite', driver: file, close: () => kysely.destroy() };
}
