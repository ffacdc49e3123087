/**
 * Versioned migrations, run at start on either database. They are code, not files found at run
 * time, so the built server carries them. Never edit a shipped migration: add the next one.
 * Each must work on SQLite and on PostgreSQL (tests/server/migrations.test.ts runs both).
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { authMigrations } from '../auth/tables.ts';
import type { DatabaseKind } from './connection.ts';

/** Names sort in the order they run. */
export function migrations(kind: DatabaseKind): Record<string, Migration> {
	void kind;
	return { ...authMigrations };
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
