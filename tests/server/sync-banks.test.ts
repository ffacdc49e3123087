/**
 * Imported banks and practice-test results through the real endpoints and store, on SQLite and
 * PostgreSQL: they round-trip, a bank's deletion beats an older copy in either order, each user
 * sees only their own, an oversized or unreadable bank is refused with a 4xx and changes nothing,
 * and a pull that does not ask for them (a device from before them) does not get them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importBankFile } from '$lib/bank/exchange';
import { kiokuBankData } from '$lib/bank/exchange/export-kioku';
import { migrateToLatest } from '$lib/server/db/migrations';
import { handlePull, handlePush } from '$lib/server/sync/http';
import { MAX_PUSH_BYTES } from '$lib/server/sync/limits';
import { createSyncStore, type SyncStore } from '$lib/server/sync/store';
import { appCodec } from '$lib/server/sync/wire';
import { MAX_SYNCED_BANK_BYTES } from '$lib/sync/bounds';
import { format, newClock, tick } from '$lib/sync/hlc';
import type { Change, SyncedBank } from '$lib/sync/records';
import { uuid7 } from '$lib/sync/uuid7';
import { testResult } from '../unit/sync-fixtures';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';
import { allRows, pushEvent, SITE } from './sync-fixtures';

const NOW = Date.now();
const hlcAt = (offset: number, node = 'a1b2c3d4e5f60718') =>
	format(tick(newClock(node), NOW + offset));

/** A bank as a device sends it: cards read from `text` by the importer. */
function bankChange(id: string, hlc: string, text = 'cat\tneko\ndog\tinu\n'): SyncedBank {
	const read = importBankFile(`${id}.tsv`, text, { bankId: id, today: '2026-01-05' });
	if (!read.ok) throw new Error(read.error.errors[0].message);
	return {
		kind: 'bank',
		id,
		hlc,
		bank: { fileName: `${id}.tsv`, importedAt: NOW, kioku: kiokuBankData(read.value.bank) },
	};
}

const post = (store: SyncStore, changes: unknown, user = 'alice') =>
	handlePush(pushEvent(JSON.stringify({ changes }), { user }), store, appCodec);

async function pull(store: SyncStore, user = 'alice', kinds: string | null = 'bank,result') {
	const url = new URL(`/api/sync/pull?cursor=0&limit=100${kinds ? `&with=${kinds}` : ''}`, SITE);
	const reply = await handlePull(
		{ request: new Request(url), url, locals: { user: { id: user } } },
		store,
		appCodec,
	);
	expect(reply.status).toBe(200);
	return (await reply.json()) as { changes: Change[]; more: boolean };
}

describe.each(DATABASE_KINDS)('synced banks and test results on %s', (kind) => {
	let test: TestDatabase | undefined;
	afterEach(async () => {
		await test?.drop();
		test = undefined;
	});

	async function open(options: { dataQuota?: number; pageChars?: number } = {}) {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		return createSyncStore(test.db, options);
	}

	it('round-trip a bank and a result as they were sent, to the same user only', async () => {
		const store = await open();
		const bank = bankChange('words', hlcAt(0));
		const result: Change = { kind: 'result', uid: uuid7(NOW), result: testResult() };
		expect((await post(store, [bank, result])).status).toBe(200);
		expect((await pull(store)).changes).toEqual([bank, result]);
		// Another user, whatever they ask for, sees nothing of alice's.
		expect((await pull(store, 'bob')).changes).toEqual([]);
		// Bob pushing the same ids keeps his own copies; alice's stay as they were.
		const forged = bankChange('words', hlcAt(5_000), 'cat\tgato\n');
		expect((await post(store, [forged, result], 'bob')).status).toBe(200);
		expect((await pull(store)).changes).toEqual([bank, result]);
		expect((await pull(store, 'bob')).changes).toEqual([forged, result]);
	});

	it('a deletion beats an older copy of the bank in either order; a newer import beats it', async () => {
		const store = await open();
		const deletion: Change = { kind: 'bank', id: 'words', hlc: hlcAt(1000), bank: null };
		const older = bankChange('words', hlcAt(0));
		expect((await post(store, [deletion])).status).toBe(200);
		expect((await post(store, [older])).status).toBe(200);
		expect((await pull(store)).changes).toEqual([deletion]);
		// In one batch, the deletion first or last.
		expect((await post(store, [older, deletion], 'carol')).status).toBe(200);
		expect((await pull(store, 'carol')).changes).toEqual([deletion]);
		const again = bankChange('words', hlcAt(2000));
		expect((await post(store, [again])).status).toBe(200);
		expect((await pull(store)).changes).toEqual([again]);
	});

	it('leave banks and results out of a pull that does not ask for them (an older device)', async () => {
		const store = await open();
		const review: Change = {
			kind: 'review',
			uid: uuid7(NOW),
			cardId: 'words-cat',
			deck: 'words/cards',
			rating: 3,
			review: NOW,
			durationMs: 2000,
			config: 'c0ffee12',
		};
		const result: Change = { kind: 'result', uid: uuid7(NOW + 1), result: testResult() };
		expect((await post(store, [bankChange('words', hlcAt(0)), review, result])).status).toBe(200);
		expect((await pull(store, 'alice', null)).changes).toEqual([review]);
		expect((await pull(store, 'alice', 'result,something-newer')).changes).toEqual([
			review,
			result,
		]);
	});

	it('refuse an oversized or unreadable bank, or a malformed result, with a 4xx; nothing changes', async () => {
		const store = await open();
		expect((await post(store, [bankChange('kept', hlcAt(0))])).status).toBe(200);
		const before = await allRows(test!.db.kysely);
		const padded = (chars: number): SyncedBank => {
			const bank = bankChange('big', hlcAt(10));
			return {
				...bank,
				bank: { ...bank.bank!, kioku: { ...bank.bank!.kioku, pad: 'x'.repeat(chars) } },
			};
		};
		// Past the bank's bound but within the body limit: the schema refuses it.
		const over = await post(store, [padded(MAX_SYNCED_BANK_BYTES)]);
		expect(over.status).toBe(400);
		expect((await over.json()).message).toMatch(/^Change 0 is refused/);
		// Past the body limit: refused before it is read.
		const huge = await post(store, [padded(MAX_PUSH_BYTES)]);
		expect(huge.status).toBe(413);
		// Within bounds, but not a bank the importer reads (no decks), or under another id.
		const bank = bankChange('bad', hlcAt(10));
		const noDecks: Record<string, unknown> = { ...bank.bank!.kioku };
		delete noDecks.decks;
		const unreadable = await post(store, [{ ...bank, bank: { ...bank.bank!, kioku: noDecks } }]);
		expect(unreadable.status).toBe(400);
		expect((await unreadable.json()).message).toMatch(/its bank is not one Kioku imports/);
		const badId = await post(store, [{ ...bank, id: 'Not An Id' }]);
		expect(badId.status).toBe(400);
		const result = { kind: 'result', uid: uuid7(NOW), result: { ...testResult(), extra: 1 } };
		expect((await post(store, [result])).status).toBe(400);
		const withReview = testResult();
		(withReview.items[0] as Record<string, unknown>).review = { logId: 4, rating: 3 };
		expect((await post(store, [{ ...result, result: withReview }])).status).toBe(400);
		expect(await allRows(test!.db.kysely)).toEqual(before);
	}, 30_000); // 8 MB bodies, on a machine shared with others

	it('refuse a push past the data quota with a 403, changing nothing', async () => {
		const first = bankChange('words', hlcAt(0));
		const size = JSON.stringify(first.bank).length;
		const store = await open({ dataQuota: size + 10 });
		expect((await post(store, [first])).status).toBe(200);
		const before = await allRows(test!.db.kysely);
		const second = await post(store, [bankChange('verbs', hlcAt(1))]);
		expect(second.status).toBe(403);
		expect((await second.json()).error).toBe('quota-exceeded');
		// Replacing the bank by a deletion frees its room.
		expect(await allRows(test!.db.kysely)).toEqual(before);
		const deletion = { kind: 'bank', id: 'words', hlc: hlcAt(2), bank: null };
		expect((await post(store, [deletion])).status).toBe(200);
		expect((await post(store, [bankChange('verbs', hlcAt(3))])).status).toBe(200);
	});

	it('cut a pull page of banks by size, always giving at least one', async () => {
		const banks = ['a', 'b', 'c'].map((id) => bankChange(`words-${id}`, hlcAt(0)));
		const store = await open({ pageChars: JSON.stringify(banks[0].bank).length + 10 });
		expect((await post(store, banks)).status).toBe(200);
		const pages: string[][] = [];
		let cursor = 0;
		for (;;) {
			const page = await store.pull('alice', cursor, 100, ['bank']);
			if (!page.ok) throw new Error(page.error.message);
			pages.push(page.value.changes.map((c) => (c.type === 'bank' ? c.key : c.type)));
			cursor = page.value.cursor;
			if (!page.value.more) break;
		}
		expect(pages).toEqual([['words-a'], ['words-b'], ['words-c']]);
	});

	it('export and delete the user’s banks and results with the rest of their data', async () => {
		const store = await open();
		const bank = bankChange('words', hlcAt(0));
		const result: Change = { kind: 'result', uid: uuid7(NOW), result: testResult() };
		await post(store, [bank, result]);
		await post(store, [bankChange('other', hlcAt(0))], 'bob');
		const exported = await store.exportUser('alice');
		expect(
			exported.changes.map((c) => [c.type, c.type === 'result' ? c.id : 'key' in c && c.key]),
		).toEqual([
			['bank', 'words'],
			['result', result.uid],
		]);
		expect(exported.changes[0]).toMatchObject({ data: bank.bank });
		expect(await store.deleteUser('alice')).toBe(2);
		expect((await store.exportUser('alice')).changes).toEqual([]);
		expect((await store.exportUser('bob')).changes).toHaveLength(1);
	});
});
