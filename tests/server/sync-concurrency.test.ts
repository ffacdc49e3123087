// Two devices of one user push at the same moment, each over its own connections, while a third
// pulls in small pages: the puller must end with exactly the server's state, having missed nothing
// (a change committed after a later-numbered one would slip behind its cursor).
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type ServerDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { PulledChange, SyncChange } from '$lib/server/sync/changes';
import { createSyncStore, type SyncStore } from '$lib/server/sync/store';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';
import { register, reviews, tombstone } from './sync-fixtures';

const USER = 'user-two-devices';

const keyOf = (c: SyncChange) => ('id' in c ? `log ${c.id}` : `${c.type} ${c.key}`);

/** One device's pushes: batches of new reviews, each undoing one review of the batch before. */
async function device(store: SyncStore, name: string, batches: number): Promise<void> {
	let previous: string | undefined;
	for (let i = 0; i < batches; i++) {
		const batch: SyncChange[] = reviews(20);
		if (previous) batch.push(tombstone(previous, `${String(i).padStart(4, '0')}-${name}`));
		batch.push(register('settings/day-start', `${String(i).padStart(4, '0')}-${name}`, i));
		previous = batch[0].type === 'review' ? batch[0].id : undefined;
		const result = await store.push(USER, batch);
		if (!result.ok) throw new Error(result.error.message);
	}
}

describe.each(DATABASE_KINDS)('concurrent pushes of one user on %s', (kind) => {
	let test: TestDatabase | undefined;
	const others: ServerDatabase[] = [];
	afterEach(async () => {
		for (const db of others.splice(0)) await db.close();
		await test?.drop();
	});

	// On PostgreSQL each device gets its own pool, as several server instances would. SQLite's
	// server is one process with one connection (its transactions take turns); a second
	// better-sqlite3 connection in the same process would block the event loop while it waits for
	// the first's lock, which that same event loop must run to release.
	const connect = () => {
		if (kind === 'sqlite') return createSyncStore(test!.db);
		const db = openDatabase({ url: test!.location });
		others.push(db);
		return createSyncStore(db);
	};

	// Sixty pushes and a pull loop on a machine shared with others: more than the default 5 s.
	it('a pull loop running meanwhile misses no change and sees each version once', async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		const [phone, laptop, reader] = [connect(), connect(), connect()];

		const seen = new Map<string, PulledChange>();
		const seqs: number[] = [];
		let cursor = 0;
		let pushing = true;
		let pagesDuringPushes = 0;
		const pullOnce = async () => {
			for (;;) {
				const page = await reader.pull(USER, cursor, 7);
				if (!page.ok) throw new Error(page.error.message);
				if (pushing) pagesDuringPushes++;
				for (const change of page.value.changes) {
					seqs.push(change.seq);
					seen.set(keyOf(change), change);
				}
				cursor = page.value.cursor;
				if (!page.value.more) return;
			}
		};
		const pushes = Promise.all([device(phone, 'phone', 30), device(laptop, 'laptop', 30)]).finally(
			() => (pushing = false),
		);
		while (pushing) await pullOnce();
		await pushes;
		await pullOnce();

		const server = await reader.exportUser(USER);
		const expected = new Map(server.changes.map((c) => [keyOf(c), c]));
		expect(pagesDuringPushes).toBeGreaterThan(10);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(new Set(seqs).size).toBe(seqs.length);
		expect(new Map([...seen].sort())).toEqual(new Map([...expected].sort()));
		// 2 × 30 × 20 reviews, 2 × 29 of them undone, one register.
		expect(server.changes).toHaveLength(1201);
		expect(server.changes.filter((c) => c.type === 'tombstone')).toHaveLength(58);
		expect(server.cursor).toBe(Math.max(...seqs));
	}, 60_000);
});
