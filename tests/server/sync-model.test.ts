// Random pushes of two users, drawn from a few ids and keys so they collide, against a model of
// the rules (a tombstone beats its review for good, the first review or config of an id stays,
// the greatest hlc wins a register): what each user pulls, in any page size, is the model's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { PulledChange, SyncChange } from '$lib/server/sync/changes';
import { createSyncStore, type SyncStore } from '$lib/server/sync/store';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';
import { pullAll } from './sync-fixtures';

const IDS = [
	'0190f5a8-0000-7000-8000-000000000001',
	'0190f5a8-0000-7000-8000-000000000002',
	'0190f5a8-0000-7000-8000-000000000003',
];
// Keys a database might mishandle: quotes, SQL, non-BMP characters, case.
const KEYS = ["deck/a'; drop table sync_change; --", '设置/每日新卡', 'emoji 🦊', 'K', 'k'];
const HLCS = ['0001', '0002', '0002-b', '0010', 'a'];

const change: fc.Arbitrary<SyncChange> = fc.oneof(
	fc.record({
		type: fc.constant('review' as const),
		id: fc.constantFrom(...IDS),
		data: fc.object({ maxDepth: 2 }),
	}),
	fc.record({
		type: fc.constant('tombstone' as const),
		id: fc.constantFrom(...IDS),
		hlc: fc.constantFrom(...HLCS),
	}),
	fc.record({
		type: fc.constant('register' as const),
		key: fc.constantFrom(...KEYS),
		hlc: fc.constantFrom(...HLCS),
		data: fc.jsonValue({ maxDepth: 2 }),
	}),
	fc.record({
		type: fc.constant('config' as const),
		key: fc.constantFrom(...KEYS),
		data: fc.object({ maxDepth: 1 }),
	}),
);

const pushes = fc.array(
	fc.record({ user: fc.constantFrom('a', 'b'), changes: fc.array(change, { maxLength: 10 }) }),
	{
		maxLength: 8,
	},
);

/** The rules, written as plainly as possible: one entry per space and key. */
function model(
	batches: { user: string; changes: SyncChange[] }[],
	user: string,
): Map<string, SyncChange> {
	const state = new Map<string, SyncChange>();
	for (const batch of batches.filter((b) => b.user === user)) {
		for (const c of batch.changes) {
			const slot = 'id' in c ? `log ${c.id}` : `${c.type} ${c.key}`;
			const held = state.get(slot);
			const replace =
				!held ||
				(c.type === 'tombstone' && held.type === 'review') ||
				(c.type === 'register' && held.type === 'register' && c.hlc > held.hlc);
			if (replace) state.set(slot, c);
		}
	}
	return state;
}

/** A change as stored: data through JSON (as it travels), without its seq. */
const stored = ({ seq, ...c }: PulledChange | (SyncChange & { seq?: number })) => {
	void seq;
	return JSON.parse(JSON.stringify(c)) as SyncChange;
};

describe.each(DATABASE_KINDS)('sync store against its model on %s', (kind) => {
	let test: TestDatabase;
	let store: SyncStore;
	let run = 0;
	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		store = createSyncStore(test.db);
	});
	afterAll(() => test.drop());

	// Sixty random histories on a machine shared with others: more than the default 5 s.
	it('any pushes of two users leave each the model’s state, pulled whole in any page size', async () => {
		await fc.assert(
			fc.asyncProperty(pushes, fc.integer({ min: 1, max: 6 }), async (batches, limit) => {
				// Fresh user ids for each run, on one database.
				run++;
				const as = (user: string) => `${user}-${run}`;
				for (const batch of batches) {
					const result = await store.push(as(batch.user), batch.changes);
					expect(result.ok).toBe(true);
				}
				for (const user of ['a', 'b']) {
					const expected = [...model(batches, user).values()].map(stored);
					const { changes } = await pullAll(store, as(user), 0, limit);
					const seqs = changes.map((c) => c.seq);
					expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
					expect(new Set(seqs).size).toBe(seqs.length);
					const byKey = (c: SyncChange) => ('id' in c ? `log ${c.id}` : `${c.type} ${c.key}`);
					const sort = (list: SyncChange[]) => list.sort((x, y) => (byKey(x) < byKey(y) ? -1 : 1));
					expect(sort(changes.map(stored))).toEqual(sort(expected));
				}
			}),
			{ numRuns: 60 },
		);
	}, 120_000);
});
