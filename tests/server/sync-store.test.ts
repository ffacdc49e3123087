import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { SyncChange } from '$lib/server/sync/changes';
import { MAX_PUSH_CHANGES } from '$lib/server/sync/limits';
import { createSyncStore, type SyncStore } from '$lib/server/sync/store';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';
import { allRows, pullAll, register, review, reviews, tombstone } from './sync-fixtures';

const ALICE = 'user-alice';
const BOB = 'user-bob';

describe.each(DATABASE_KINDS)('sync store on %s', (kind) => {
	let test: TestDatabase;
	let store: SyncStore;
	beforeEach(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		store = createSyncStore(test.db);
	});
	afterEach(() => test.drop());

	async function push(userId: string, changes: SyncChange[]) {
		const result = await store.push(userId, changes);
		if (!result.ok) throw new Error(result.error.message);
		return result.value;
	}

	it('acks every change of a push and returns it on a pull, with its seq', async () => {
		const batch = reviews(3);
		const reply = await push(ALICE, batch);
		expect(reply.acked).toEqual(batch.map((c) => c.id));
		expect(reply.cursor).toBe(3);
		const pulled = await pullAll(store, ALICE);
		expect(pulled.changes).toEqual(batch.map((c, i) => ({ ...c, seq: i + 1 })));
		expect(pulled.cursor).toBe(3);
	});

	it('stores a retried push once: the same ids again change nothing and are acked again', async () => {
		const batch = reviews(5);
		await push(ALICE, batch);
		const again = await push(ALICE, batch);
		expect(again.acked).toHaveLength(5);
		expect(again.cursor).toBe(5);
		expect((await pullAll(store, ALICE)).changes).toHaveLength(5);
		expect((await allRows(test.db.kysely)).users).toEqual([
			{ user_id: ALICE, last_seq: 5, row_count: 5 },
		]);
	});

	it('a push interrupted half-way and then sent whole leaves each review once', async () => {
		const batch = reviews(100);
		await push(ALICE, batch.slice(0, 50));
		await push(ALICE, batch);
		const { changes } = await pullAll(store, ALICE, 0, 7);
		expect(changes.map((c) => ('id' in c ? c.id : ''))).toEqual(batch.map((c) => c.id));
		// Rising numbers; those the retried first half would have taken are left unused.
		const seqs = changes.map((c) => c.seq);
		expect(seqs.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
		expect(seqs.slice(50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 101));
	});

	it('keeps the first data of a review id: reviews are immutable', async () => {
		const first = review();
		await push(ALICE, [first]);
		await push(ALICE, [{ ...first, data: { cardId: 'other', rating: 1 } }]);
		const { changes } = await pullAll(store, ALICE);
		expect(changes).toEqual([{ ...first, seq: 1 }]);
	});

	it('pulls in small pages that resume from their cursor and see every change once', async () => {
		const batch = reviews(23);
		await push(ALICE, batch.slice(0, 10));
		const first = await store.pull(ALICE, 0, 4);
		expect(first.ok && first.value.more).toBe(true);
		await push(ALICE, batch.slice(10));
		// A pull that stopped after its first page resumes from that page's cursor.
		const rest = await pullAll(store, ALICE, first.ok ? first.value.cursor : -1, 4);
		const seen = [...(first.ok ? first.value.changes : []), ...rest.changes];
		expect(seen.map((c) => c.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
		const last = await store.pull(ALICE, rest.cursor, 4);
		expect(last).toEqual({ ok: true, value: { changes: [], cursor: 23, more: false } });
	});

	it('pages past a long run of numbers whose rows moved on, without missing what follows', async () => {
		const [first, last] = reviews(2);
		await push(ALICE, [first]);
		// Thirty newer values of one setting: each moves the row to a new number.
		for (let i = 10; i < 40; i++) await push(ALICE, [register('k', `t${i}`, i)]);
		await push(ALICE, [last]);
		const pages = [];
		let cursor = 0;
		for (;;) {
			const page = await store.pull(ALICE, cursor, 2);
			if (!page.ok) throw new Error(page.error.message);
			pages.push(page.value.changes);
			cursor = page.value.cursor;
			if (!page.value.more) break;
		}
		expect(pages.flat()).toEqual([
			{ ...first, seq: 1 },
			{ ...register('k', 't39', 39), seq: 31 },
			{ ...last, seq: 32 },
		]);
		// Pages span a bounded window of numbers: some come back empty, and say there is more.
		expect(pages.some((page) => page.length === 0)).toBe(true);
		expect(cursor).toBe(32);
	});

	it('a tombstone after its review replaces it: a new pull never sees the review', async () => {
		const [a, b] = reviews(2);
		await push(ALICE, [a, b]);
		const before = await pullAll(store, ALICE);
		const undo = tombstone(a.id);
		await push(ALICE, [undo]);
		// A device that had pulled the review gets the tombstone after its cursor.
		expect((await pullAll(store, ALICE, before.cursor)).changes).toEqual([{ ...undo, seq: 3 }]);
		// A fresh device gets the other review and the tombstone, never the undone review.
		expect((await pullAll(store, ALICE)).changes).toEqual([
			{ ...b, seq: 2 },
			{ ...undo, seq: 3 },
		]);
		const rows = (await allRows(test.db.kysely)).changes;
		expect(rows.find((r) => r.type === 'tombstone')?.data).toBeNull();
	});

	it('a tombstone before its review wins, and a stale push of the review later changes nothing', async () => {
		const a = review();
		const id = a.id;
		await push(ALICE, [tombstone(id)]);
		const stale = await push(ALICE, [a]);
		expect(stale.acked).toEqual([id]);
		expect(stale.cursor).toBe(1);
		expect((await pullAll(store, ALICE)).changes).toEqual([{ ...tombstone(id), seq: 1 }]);
		// The review and its undo in one batch, in either order, leave the tombstone.
		const [c, d] = reviews(2);
		await push(ALICE, [c, tombstone(c.id), tombstone(d.id), d]);
		const types = (await pullAll(store, ALICE)).changes.map((ch) => ch.type);
		expect(types).toEqual(['tombstone', 'tombstone', 'tombstone']);
		// Undoing again (another device's undo) keeps the first tombstone.
		await push(ALICE, [tombstone(id, '9999')]);
		expect((await pullAll(store, ALICE)).changes[0]).toEqual({ ...tombstone(id), seq: 1 });
	});

	it('a register keeps the value with the greatest hlc, whichever arrives first', async () => {
		const older = register('deck/a/retention', '0001700000000000-0001-phone', 0.9);
		const newer = register('deck/a/retention', '0001700000000001-0000-laptop', 0.85);
		await push(ALICE, [older]);
		await push(ALICE, [newer]);
		await push(BOB, [newer]);
		await push(BOB, [older]);
		for (const user of [ALICE, BOB]) {
			const { changes } = await pullAll(store, user);
			expect(changes).toHaveLength(1);
			expect(changes[0]).toMatchObject({
				type: 'register',
				hlc: newer.type === 'register' ? newer.hlc : '',
				data: 0.85,
			});
		}
		// The newer value got a new seq for Alice (devices past seq 1 must see it), not for Bob.
		expect((await pullAll(store, ALICE)).changes[0].seq).toBe(2);
		expect((await pullAll(store, BOB)).changes[0].seq).toBe(1);
		// Within one batch too, and an equal hlc changes nothing.
		await push(ALICE, [register('k', 'b', 2), register('k', 'c', 3), register('k', 'a', 1)]);
		await push(ALICE, [register('k', 'c', 'same clock, other value')]);
		const k = (await pullAll(store, ALICE)).changes.find(
			(c) => c.type === 'register' && c.key === 'k',
		);
		expect(k).toMatchObject({ hlc: 'c', data: 3 });
	});

	it('compares hlcs byte by byte, not by the database collation', async () => {
		// In a natural-language collation '-' sorts after letters or is ignored at first.
		await push(ALICE, [register('k', 'a-b', 1)]);
		await push(ALICE, [register('k', 'aa', 2)]);
		const { changes } = await pullAll(store, ALICE);
		expect(changes[0]).toMatchObject({ hlc: 'aa', data: 2 });
		// This machine's databases may collate as C already; the column must say so itself.
		if (kind === 'postgres') {
			const column = await sql<{ collation_name: string }>`
				select collation_name from information_schema.columns
				where table_name = 'sync_change' and column_name = 'hlc'`.execute(test.db.kysely);
			expect(column.rows).toEqual([{ collation_name: 'C' }]);
		}
	});

	it('stores a config once under its key', async () => {
		const config: SyncChange = { type: 'config', key: 'cfg-1', data: { w: [1, 2] } };
		await push(ALICE, [config]);
		await push(ALICE, [{ ...config, data: { w: [3] } }]);
		expect((await pullAll(store, ALICE)).changes).toEqual([{ ...config, seq: 1 }]);
	});

	it('refuses a batch over the limit and a push past the quota, changing nothing', async () => {
		const tooMany = await store.push(ALICE, reviews(MAX_PUSH_CHANGES + 1));
		expect(tooMany).toMatchObject({ ok: false, error: { status: 413, code: 'too-many-changes' } });
		expect((await push(ALICE, reviews(MAX_PUSH_CHANGES))).cursor).toBe(MAX_PUSH_CHANGES);

		const small = createSyncStore(test.db, { quota: 10 });
		const kept = reviews(8);
		expect((await small.push(BOB, kept)).ok).toBe(true);
		const over = await small.push(BOB, [...kept, ...reviews(3)]);
		expect(over).toMatchObject({ ok: false, error: { status: 403, code: 'quota-exceeded' } });
		expect(!over.ok && over.error.message).toContain('10');
		expect((await pullAll(small, BOB)).changes).toHaveLength(8);
		// Resending what is held, an undo of a held review and two new ones still fit.
		const undo = tombstone(kept[0].id);
		expect((await small.push(BOB, [...kept, undo, ...reviews(2)])).ok).toBe(true);
		expect((await small.push(BOB, reviews(1))).ok).toBe(false);
		const rows = await allRows(test.db.kysely);
		expect(rows.users.find((u) => u.user_id === BOB)?.row_count).toBe(10);
		expect(rows.changes.filter((r) => r.user_id === BOB)).toHaveLength(10);
	});

	it('refuses a whole batch for one bad change, naming its index', async () => {
		const batch: unknown[] = [
			...reviews(3),
			{ type: 'review', id: 'not-a-uuid', data: {} },
			review(),
		];
		const result = await store.push(ALICE, batch);
		expect(result).toEqual({
			ok: false,
			error: {
				status: 400,
				code: 'bad-change',
				message: 'Change 3 is refused: its id is not a lower-case UUID.',
			},
		});
		const rows = await allRows(test.db.kysely);
		expect(rows.changes).toEqual([]);
		expect(rows.users).toEqual([]);
	});

	it('uses the validator it is given, and refuses what it refuses', async () => {
		const strict = createSyncStore(test.db, {
			validate: (change) =>
				change.type === 'review' && (change.data as { rating?: number }).rating === 5
					? 'its rating is not 1–4'
					: undefined,
		});
		const bad = { ...review(), data: { rating: 5 } };
		const result = await strict.push(ALICE, [review(), bad]);
		expect(!result.ok && result.error.message).toBe('Change 1 is refused: its rating is not 1–4.');
		expect((await allRows(test.db.kysely)).changes).toEqual([]);
	});

	it('refuses a cursor that is negative, not whole, or past the last change, and a bad limit', async () => {
		await push(ALICE, reviews(3));
		for (const cursor of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(await store.pull(ALICE, cursor)).toMatchObject({
				ok: false,
				error: { status: 400, code: 'bad-cursor' },
			});
		}
		expect(await store.pull(ALICE, 4)).toMatchObject({
			ok: false,
			error: { status: 409, code: 'cursor-ahead' },
		});
		expect(await store.pull(BOB, 1)).toMatchObject({
			ok: false,
			error: { status: 409, code: 'cursor-ahead' },
		});
		expect((await store.pull(BOB, 0)).ok).toBe(true);
		for (const limit of [0, 5001, 2.5]) {
			expect(await store.pull(ALICE, 0, limit)).toMatchObject({
				ok: false,
				error: { status: 400, code: 'bad-limit' },
			});
		}
		expect(await store.pull(ALICE, 0, 5000)).toMatchObject({
			ok: true,
			value: { cursor: 3, more: false },
		});
	});

	it('never lets one user read or change another user’s rows, whatever ids or cursors they send', async () => {
		const alices = [
			...reviews(5),
			register('deck/a/limit', 'm', 20),
			{ type: 'config', key: 'cfg', data: { a: 1 } } as SyncChange,
		];
		await push(ALICE, alices);
		const before = await allRows(test.db.kysely);
		// Bob sends Alice's very ids and keys: undoes her reviews, newer registers, her config key.
		const ids = alices.flatMap((c) => (c.type === 'review' ? [c.id] : []));
		await push(BOB, [
			...ids.map((id) => tombstone(id, 'zzzz')),
			register('deck/a/limit', 'zzzz', 999),
			{ type: 'config', key: 'cfg', data: { evil: true } },
			review(ids[0]),
		]);
		const after = await allRows(test.db.kysely);
		expect(after.changes.filter((r) => r.user_id === ALICE)).toEqual(before.changes);
		// His cursors never reach her feed: his feed is his own, hers is past his head.
		const bobs = await pullAll(store, BOB);
		expect(
			bobs.changes.every(
				(c) => !('data' in c) || JSON.stringify(c.data) !== JSON.stringify({ a: 1 }),
			),
		).toBe(true);
		expect(bobs.changes).toHaveLength(ids.length + 2);
		expect(await store.pull(BOB, bobs.cursor + 1)).toMatchObject({ ok: false });
		const alicePull = await pullAll(store, ALICE);
		expect(alicePull.changes).toEqual(alices.map((c, i) => ({ ...c, seq: i + 1 })));
		// Deleting and exporting Bob touch only Bob.
		expect((await store.exportUser(BOB)).changes.map((c) => c.seq)).toEqual(
			bobs.changes.map((c) => c.seq),
		);
		await store.deleteUser(BOB);
		expect((await allRows(test.db.kysely)).changes).toEqual(before.changes);
	});

	it('deleteUser leaves no row of the user in any table, and a new account starts at 0', async () => {
		const batch = reviews(20);
		await push(ALICE, [...batch, tombstone(batch[0].id), register('s', 'a', 1)]);
		await push(BOB, reviews(2));
		expect(await store.deleteUser(ALICE)).toBe(21);
		const rows = await allRows(test.db.kysely);
		expect(rows.changes.some((r) => r.user_id === ALICE)).toBe(false);
		expect(rows.users.map((u) => u.user_id)).toEqual([BOB]);
		expect(rows.changes).toHaveLength(2);
		// A device still holding the old cursor is told to start again.
		expect(await store.pull(ALICE, 5)).toMatchObject({
			ok: false,
			error: { code: 'cursor-ahead' },
		});
		expect(await store.deleteUser('nobody')).toBe(0);
	});

	it('exports everything held about the user, in feed order', async () => {
		const batch = reviews(3);
		const id = batch[1].id;
		await push(ALICE, [...batch, register('s', 'a', { x: 1 })]);
		await push(ALICE, [tombstone(id)]);
		const exported = await store.exportUser(ALICE);
		expect(exported).toEqual({
			userId: ALICE,
			cursor: 5,
			changes: [
				{ ...batch[0], seq: 1 },
				{ ...batch[2], seq: 3 },
				{ ...register('s', 'a', { x: 1 }), seq: 4 },
				{ ...tombstone(id), seq: 5 },
			],
		});
		expect(await store.exportUser(BOB)).toEqual({ userId: BOB, cursor: 0, changes: [] });
	});
});
