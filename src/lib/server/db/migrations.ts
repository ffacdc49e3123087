/**
 * Versioned migrations, run at start on either database. They are code, not files found at run
 * time, so the built server carries them. Never edit a shipped migration: add the next one.
 * Each must work on SQLite and on PostgreSQL (tests/server/migrations.test.ts runs both).
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { authMigrations } from '../auth/tables.ts';
import type { DatabaseKind } from './connection.ts';

/** Names sort in the order they run. */
export function migrations(kind: DatabaseKind): Record<string, Migration> {
	return {
		...authMigrations,
		'0002-sync-store': syncStore(kind),
	};
}

/** The per-user change feed of sync (src/lib/server/sync/store.ts) and its per-user counters. */
function syncStore(kind: DatabaseKind): Migration {
	// Sequence numbers pass 2^31 only after years of a busy account, but cost nothing to widen now.
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	// HLCs compare as plain strings; PostgreSQL's default collation would not compare them byte
	// by byte (it ignores punctuation at first), so the column says how.
	const hlc = kind === 'postgres' ? sql`text collate "C"` : sql`text`;
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('sync_user')
				.addColumn('user_id', 'text', (c) => c.primaryKey())
				.addColumn('last_seq', bigint, (c) => c.notNull())
				.addColumn('row_count', bigint, (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('sync_change')
				.addColumn('user_id', 'text', (c) => c.notNull())
				.addColumn('space', 'text', (c) => c.notNull())
				.addColumn('key', 'text', (c) => c.notNull())
				.addColumn('type', 'text', (c) => c.notNull())
				.addColumn('seq', bigint, (c) => c.notNull())
				.addColumn('hlc', hlc)
				.addColumn('data', 'text')
				.addPrimaryKeyConstraint('sync_change_pk', ['user_id', 'space', 'key'])
				.addUniqueConstraint('sync_change_seq', ['user_id', 'seq'])
				.execute();
		},
	};
}

export class MigrationError extends Error {
	constructor(
		readonly migration: string | undefined,
		cause: unknown,
	) {
		super(`database migration ${migration ?? '(unknown)'} failed: ${String(cause)}`, { cause });
		this.name = 'MigrationError';
	}
}

/**
 * Brings the database up to date. Kysely runs the pending migrations in one transaction, so when
 * one fails none of this start's migrations stay: the error names the one that failed.
 */
export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
	db: Kysely<any>,
	kind: DatabaseKind,
	list: Record<string, Migration> = migrations(kind),
): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => list },
		// Kysely's own bookkeeping tables, named so they do not clash with anything else.
		migrationTableName: 'kioku_migration',
		migrationLockTableName: 'kioku_migration_lock',
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		throw new MigrationError(failed?.migrationName, result.error);
	}
	return result;
}
