// Rate-limit counts shared by instances on one database (SQLite and PostgreSQL): two stores on
// two connections of the same database, as two instances have.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ServerDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { RateLimiter } from '$lib/server/live/rate-limit';
import { SharedCounterStore } from '$lib/server/live/shared-counters';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;

describe.each(DATABASE_KINDS)('shared rate-limit counts on %s', (kind) => {
	let test: TestDatabase;
	const opened: ServerDatabase[] = [];
	const stores: SharedCounterStore[] = [];
	let now = T0;

	beforeEach(async () => {
		now = T0;
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
	});
	afterEach(async () => {
		for (const s of stores.splice(0)) await s.close();
		for (const db of opened.splice(0)) await db.close();
		await test.drop();
	});

	/** An instance's store, on a connection of its own; it flushes only when told. */
	function instance(): SharedCounterStore {
		const db = openDatabase(
			kind === 'postgres' ? { url: test.location } : { sqlitePath: test.location },
		);
		opened.push(db);
		const store = new SharedCounterStore(db, { flushMs: 3_600_000, clock: () => now });
		stores.push(store);
		return store;
	}

	it('guesses spread over two instances count together once flushed', async () => {
		const [a, b] = [instance(), instance()];
		const rule = { limit: 5, windowMs: MINUTE };
		const onA = new RateLimiter('miss', rule, a);
		const onB = new RateLimiter('miss', rule, b);
		for (let i = 0; i < 3; i++) onA.record('10.0.0.9', now);
		await a.flush();
		// b has not heard yet: its own first guess counts 1 here, and the flush tells it the total.
		expect(onB.record('10.0.0.9', now)).toBe(1);
		await b.flush();
		expect(b.read(`miss:${Math.floor(now / MINUTE)}:10.0.0.9`, now)).toBe(4);
		expect(onB.exhausted('10.0.0.9', now)).toBe(false);
		// The fifth guess, wherever it is made, uses up the limit of five.
		onB.record('10.0.0.9', now);
		expect(onB.exhausted('10.0.0.9', now)).toBe(true);
		await b.flush();
		await a.flush();
		// a learns the total the next time it counts for that address.
		onA.record('10.0.0.9', now);
		await a.flush();
		expect(onA.exhausted('10.0.0.9', now)).toBe(true);
		// Another address is not touched.
		expect(onA.exhausted('10.0.0.10', now)).toBe(false);
	});

	it('a new window starts from nothing, and ended windows leave the table', async () => {
		const a = instance();
		const limiter = new RateLimiter('miss', { limit: 2, windowMs: MINUTE }, a);
		limiter.record('10.0.0.9', now);
		limiter.record('10.0.0.9', now);
		await a.flush();
		expect(limiter.exhausted('10.0.0.9', now)).toBe(true);
		now += MINUTE;
		expect(limiter.exhausted('10.0.0.9', now)).toBe(false);
		limiter.record('10.0.0.9', now);
		now += 2 * MINUTE;
		await a.flush();
		const rows = await test.db.kysely.selectFrom('live_counter').selectAll().execute();
		expect(rows).toEqual([]);
	});

	it('counts made while a flush is on its way are kept for the next one', async () => {
		const a = instance();
		const key = 'miss:1:10.0.0.9';
		a.increment(key, now + MINUTE, now);
		const flushing = a.flush();
		a.increment(key, now + MINUTE, now);
		await flushing;
		await a.flush();
		const [row] = await test.db.kysely.selectFrom('live_counter').selectAll().execute();
		expect(Number(row.count)).toBe(2);
		expect(a.read(key, now)).toBe(2);
	});
});
