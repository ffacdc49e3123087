// Schema migrations: a database made by any earlier version opens in the current one with its data.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { DB_VERSION, MIGRATIONS, openKiokuDb } from '../../src/lib/storage/db.ts';
import type { CardRecord } from '../../src/lib/srs/records.ts';

let n = 0;
const card: CardRecord = {
	id: 'q1',
	deck: 'b/d',
	due: 1,
	stability: 2,
	difficulty: 3,
	elapsedDays: 0,
	scheduledDays: 1,
	learningSteps: 0,
	reps: 1,
	lapses: 0,
	state: State.Review,
	lastReview: 0,
	suspended: false,
	buriedUntil: 0,
	leech: false,
};

afterEach(() => {
	MIGRATIONS.length = DB_VERSION;
});

describe('database migrations', () => {
	it('creates every store and index of the current version in a new database', async () => {
		const db = await openKiokuDb(`mig-${++n}`);
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([
			'banks',
			'cards',
			'configs',
			'deckOptions',
			'logs',
			'settings',
			'testResults',
		]);
		expect([...db.transaction('logs').store.indexNames].sort()).toEqual(['card', 'deck-review']);
		expect([...db.transaction('cards').store.indexNames].sort()).toEqual(['deck', 'deck-due']);
	});

	it.each(Array.from({ length: DB_VERSION }, (_, v) => v + 1))(
		'opens a database seeded at version %i in the current version with its data intact',
		async (version) => {
			const name = `mig-${++n}`;
			const old = await openKiokuDb(name, version);
			await old.put('cards', card);
			await old.add('logs', {
				cardId: 'q1',
				deck: 'b/d',
				rating: 3,
				review: 0,
				durationMs: 1,
				config: 'c1',
				state: State.New,
				due: 0,
				stability: 0,
				difficulty: 0,
				elapsedDays: 0,
				lastElapsedDays: 0,
				scheduledDays: 0,
				learningSteps: 0,
			});
			old.close();
			const db = await openKiokuDb(name);
			expect(await db.get('cards', 'q1')).toEqual(card);
			expect(await db.count('logs')).toBe(1);
		},
	);

	it('runs only the migrations a stored database lacks, in order, keeping its data', async () => {
		const name = `mig-${++n}`;
		const db = await openKiokuDb(name);
		await db.put('cards', card);
		db.close();
		const ran: number[] = [];
		MIGRATIONS.push((_db, tx) => {
			ran.push(DB_VERSION + 1);
			tx.objectStore('cards').createIndex('leech' as never, 'leech');
		});
		const upgraded = await openKiokuDb(name, DB_VERSION + 1);
		expect(ran).toEqual([DB_VERSION + 1]);
		expect(await upgraded.get('cards', 'q1')).toEqual(card);
		expect([...upgraded.transaction('cards').store.indexNames]).toContain('leech');
	});
});
