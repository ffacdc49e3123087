import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrations, MigrationError } from '$lib/server/db/migrations';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
	let test: TestDatabase | undefined;
	afterEach(async () => {
		await test?.drop();
		test = undefined;
	});

	it('bring an empty database to the latest version, and a second start changes nothing', async () => {
		test = await createTestDatabase(kind);
		const first = await migrateToLatest(test.db.kysely, kind);
		const names = Object.keys(migrations(kind));
		expect(first.results?.map((r) => r.migrationName)).toEqual(names);
		const second = await migrateToLatest(test.db.kysely, kind);
		expect(second.results).toEqual([]);
	});

	it('name a failing migration and roll the whole start back: the database is as before', async () => {
		test = await createTestDatabase(kind);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a schema made up for this test
		const db = test.db.kysely as Kysely<any>;
		const list = {
			'0001-notes': {
				up: (d: Kysely<unknown>) =>
					d.schema.createTable('notes').addColumn('id', 'integer').execute(),
			},
			'0002-broken': {
				up: async (d: Kysely<unknown>) => {
					await d.schema.createTable('half_done').addColumn('id', 'integer').execute();
					await sql`this is not sql`.execute(d);
				},
			},
		};
		const failure = await migrateToLatest(db, kind, list).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(MigrationError);
		expect((failure as MigrationError).migration).toBe('0002-broken');
		const tables = (await db.introspection.getTables()).map((t) => t.name);
		expect(tables).not.toContain('notes');
		expect(tables).not.toContain('half_done');
		// Fixed, the next start runs both.
		list['0002-broken'].up = (d: Kysely<unknown>) =>
			d.schema.createTable('half_done').addColumn('id', 'integer').execute();
		await migrateToLatest(db, kind, list);
		const after = (await db.introspection.getTables()).map((t) => t.name);
		expect(after).toEqual(expect.arrayContaining(['notes', 'half_done']));
	});
});
