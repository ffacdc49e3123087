// Imported banks and practice-test results between devices of one account: each device's real
// IndexedDB stores (fake-indexeddb) and sync engine, against the in-memory server model that
// checks and merges with the real rules. Also the schemas' bounds and the merge rule of a bank.
import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { syncedBankData, T0, testResult } from './sync-fixtures.ts';
import { SyncServer } from './sync-server-model.ts';
import { deckKey, type Bank } from '../../src/lib/bank/index.ts';
import { importBankFile } from '../../src/lib/bank/exchange/index.ts';
import { kiokuBankData } from '../../src/lib/bank/exchange/export-kioku.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import {
	deleteImportedBank,
	importedBanks,
	queueBanksForSync,
	saveImportedBank,
} from '../../src/lib/storage/imported-banks.ts';
import { applyPulled } from '../../src/lib/storage/sync-apply.ts';
import { pendingCount, resetSyncPosition } from '../../src/lib/storage/sync-outgoing.ts';
import {
	listTestResults,
	saveTestResult,
	updateTestResult,
	type TestResultRecord,
} from '../../src/lib/storage/test-results.ts';
import { SESSION_PATH, syncOnce, type SyncDeps } from '../../src/lib/sync-client/engine.ts';
import { MAX_SYNCED_BANK_BYTES } from '../../src/lib/sync/bounds.ts';
import { format } from '../../src/lib/sync/hlc.ts';
import { EMPTY_STATE, mergeChanges } from '../../src/lib/sync/merge.ts';
import { Change, SyncedBank, SyncedResult } from '../../src/lib/sync/records.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';

let dbCount = 0;
const WORDS = 'cat\tneko\ndog\tinu\nbird\ttori\n';

function cards(text = WORDS, id = 'words'): Bank {
	const read = importBankFile(`${id}.tsv`, text, { bankId: id, today: '2026-01-05' });
	if (!read.ok) throw new Error(JSON.stringify(read.error.errors));
	return read.value.bank;
}

/** One account's server behind a fetch that answers as the sync endpoints do. */
function backend() {
	const server = new SyncServer();
	const fetch: typeof globalThis.fetch = async (input, init) => {
		const url = new URL(String(input), 'http://kioku.test');
		const json = (body: unknown, status = 200) =>
			new Response(JSON.stringify(body), {
				status,
				headers: { 'content-type': 'application/json' },
			});
		if (url.pathname === SESSION_PATH) return json({ user: { id: 'ann', name: 'ann' } });
		if (url.pathname === '/api/sync/push') {
			const { changes } = JSON.parse(String(init?.body)) as { changes: Change[] };
			try {
				server.push(changes);
			} catch (e) {
				return json({ error: 'bad-change', message: String(e) }, 400);
			}
			return json({ cursor: server.feed.length });
		}
		const cursor = Number(url.searchParams.get('cursor'));
		const page = server.pull(cursor, Number(url.searchParams.get('limit')));
		return json({ ...page, more: page.cursor < server.feed.length });
	};
	return { server, fetch };
}

async function device(fetch: typeof globalThis.fetch) {
	const db = await openKiokuDb(`sync-banks-${++dbCount}`);
	const sync = (extra: Partial<SyncDeps> = {}) =>
		syncOnce({
			db,
			fetch,
			now: () => Date.now(),
			days: async () => UTC_DAYS,
			uiLanguage: 'en',
			...extra,
		});
	return { db, sync };
}

/** Answers `n` cards of the bank's deck with Good. */
async function study(db: Db, bank: Bank, n: number) {
	const deck = bank.decks[0];
	const session = await StudySession.start({
		deck: deckKey(bank.id, deck.id),
		questionIds: deck.questions.map((q) => q.id),
		options: DEFAULT_DECK_OPTIONS,
		store: idbReviewStore(db),
		clock: () => Date.now(),
		days: UTC_DAYS,
	});
	for (let i = 0; i < n; i++) {
		const next = await session.next();
		if (next.kind !== 'card') throw new Error('no card to study');
		await session.answer(next.id, 3, 2000);
	}
}

const questionsOf = (bank: Bank | undefined) =>
	bank?.decks.flatMap((d) => d.questions.map((q) => q.id));

function localResult(): TestResultRecord {
	const { items, ...rest } = testResult({ finishedAt: Date.now() - 1000 });
	return { ...rest, items: items.map((item) => ({ ...item, review: { logId: 7, rating: 3 } })) };
}

describe('synced bank and result schemas', () => {
	const hlc = format({ wall: T0, counter: 0, node: '00000000000000a1' });
	const bank = (kioku: Record<string, unknown>) => ({
		kind: 'bank',
		id: 'words',
		hlc,
		bank: { fileName: 'words.tsv', importedAt: T0, kioku },
	});

	it('take a bank, its deletion and a result within their bounds', () => {
		expect(v.is(SyncedBank, bank(kiokuBankData(cards())))).toBe(true);
		expect(v.is(SyncedBank, { kind: 'bank', id: 'words', hlc, bank: null })).toBe(true);
		expect(v.is(SyncedResult, { kind: 'result', uid: uuid7(T0), result: testResult() })).toBe(true);
	});

	it('refuse a bank that is too large, nested too deep, misnamed or with fields of its own', () => {
		const data = kiokuBankData(cards());
		expect(v.is(Change, bank({ ...data, pad: 'x'.repeat(MAX_SYNCED_BANK_BYTES) }))).toBe(false);
		// Counted in UTF-8 bytes, as the importer counts a file: a third as many CJK characters.
		expect(v.is(Change, bank({ ...data, pad: '猫'.repeat(MAX_SYNCED_BANK_BYTES / 3) }))).toBe(
			false,
		);
		let deep: unknown = 'leaf';
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(v.is(Change, bank({ ...data, deep }))).toBe(false);
		expect(v.is(Change, { ...bank(data), id: '../words' })).toBe(false);
		expect(v.is(Change, { ...bank(data), extra: true })).toBe(false);
		expect(
			v.is(Change, { ...bank(data), bank: { fileName: 'w\n.tsv', importedAt: T0, kioku: data } }),
		).toBe(false);
	});

	it('refuse a result with a field it does not have, a local review id or an absurd value', () => {
		const result = (r: unknown) => ({ kind: 'result', uid: uuid7(T0), result: r });
		const base = testResult();
		expect(v.is(Change, result({ ...base, extra: 1 }))).toBe(false);
		expect(
			v.is(
				Change,
				result({ ...base, items: [{ ...base.items[0], review: { logId: 1, rating: 3 } }] }),
			),
		).toBe(false);
		expect(v.is(Change, result({ ...base, items: [{ ...base.items[0], score: 2 }] }))).toBe(false);
		expect(
			v.is(Change, result({ ...base, items: [{ ...base.items[0], prompt: 'x'.repeat(30_000) }] })),
		).toBe(false);
		expect(v.is(Change, result({ ...base, items: Array(201).fill(base.items[0]) }))).toBe(false);
		expect(v.is(Change, { ...result(base), uid: 'not-a-uuid' })).toBe(false);
	});
});

describe('merging banks', () => {
	const at = (wall: number) => format({ wall: T0 + wall, counter: 0, node: '00000000000000a1' });
	const copy = (wall: number, title = 'Words'): SyncedBank => ({
		kind: 'bank',
		id: 'words',
		hlc: at(wall),
		bank: syncedBankData(title),
	});
	const deletion: SyncedBank = { kind: 'bank', id: 'words', hlc: at(10), bank: null };

	it('a deletion beats every copy stamped before it, in either order', () => {
		for (const order of [
			[copy(0), deletion, copy(5)],
			[copy(5), copy(0), deletion],
			[deletion, copy(5), copy(0)],
		]) {
			const { state } = mergeChanges(EMPTY_STATE, order);
			expect(state.banks.get('words')).toEqual(deletion);
		}
	});

	it('an import after the deletion brings the bank back', () => {
		const { state, accepted } = mergeChanges(EMPTY_STATE, [deletion, copy(20, 'Again')]);
		expect(state.banks.get('words')?.bank?.kioku).toMatchObject({ title: { en: 'Again' } });
		expect(accepted).toHaveLength(2);
	});

	it('results are a set by uid: the same one twice is stored once', () => {
		const result = { kind: 'result' as const, uid: uuid7(T0), result: testResult() };
		const { state, accepted } = mergeChanges(EMPTY_STATE, [result, result]);
		expect(state.results.size).toBe(1);
		expect(accepted).toHaveLength(1);
	});
});

describe('banks and results between devices', () => {
	it('a bank imported and studied on one device is on the other with its progress; deleting it there deletes it here', async () => {
		const { fetch } = backend();
		const laptop = await device(fetch);
		const phone = await device(fetch);
		expect((await laptop.sync()).kind).toBe('synced');
		const bank = cards();
		await saveImportedBank(laptop.db, bank, 'words.tsv', Date.now());
		await study(laptop.db, bank, 2);
		expect((await laptop.sync()).kind).toBe('synced');

		const synced = await phone.sync();
		expect(synced).toMatchObject({ kind: 'synced', received: 2, banks: 1, refusedBanks: [] });
		const [held] = await importedBanks(phone.db);
		expect(held).toMatchObject({ id: 'words', fileName: 'words.tsv' });
		expect(questionsOf(held.bank)).toEqual(questionsOf(bank));
		const studied = await phone.db.getAllFromIndex(
			'cards',
			'deck',
			deckKey('words', bank.decks[0].id),
		);
		expect(studied.map((c) => c.reps)).toEqual([1, 1]);

		await deleteImportedBank(laptop.db, 'words', false);
		await laptop.sync();
		expect(await phone.sync()).toMatchObject({ banks: 1 });
		expect(await importedBanks(phone.db)).toEqual([]);
		// The reviews stay, as a deletion that keeps them does on the device it was made on.
		expect(await phone.db.count('logs')).toBe(2);
	});

	it('a bank that arrives after its reviews shows them at once', async () => {
		const { fetch } = backend();
		const laptop = await device(fetch);
		const phone = await device(fetch);
		await laptop.sync();
		const bank = cards();
		// Studied before the bank was queued: its reviews go up on their own first.
		await study(laptop.db, bank, 3);
		await laptop.sync();
		await phone.sync();
		expect(await importedBanks(phone.db)).toEqual([]);
		expect(await phone.db.count('cards')).toBe(3);
		await saveImportedBank(laptop.db, bank, 'words.tsv', Date.now());
		await laptop.sync();
		expect(await phone.sync()).toMatchObject({ banks: 1, received: 0 });
		const deck = deckKey('words', bank.decks[0].id);
		expect((await importedBanks(phone.db)).map((b) => b.id)).toEqual(['words']);
		expect(await phone.db.countFromIndex('cards', 'deck', deck)).toBe(3);
	});

	it('a bank whose question ids another bank here has is refused, and nothing here changes', async () => {
		const { fetch } = backend();
		const laptop = await device(fetch);
		await laptop.sync();
		// Another bank with the same questions: card ids come from the bank id, so such a clash
		// comes from a Kioku file that reuses another bank's ids.
		const mine = cards();
		const theirs = cards(WORDS, 'words-too');
		const stolen: Bank = {
			...theirs,
			decks: theirs.decks.map((d) => ({ ...d, questions: mine.decks[0].questions })),
		};
		await saveImportedBank(laptop.db, stolen, 'words-too.tsv', Date.now());
		await laptop.sync();
		const phone = await device(fetch);
		await saveImportedBank(phone.db, mine, 'words.tsv', Date.now());
		const first = await phone.sync();
		expect(first).toMatchObject({ kind: 'synced' });
		if (first.kind !== 'synced') return;
		expect(first.refusedBanks).toEqual([
			{
				id: 'words-too',
				title: theirs.title,
				problem: {
					kind: 'clash',
					clash: { kind: 'question', id: mine.decks[0].questions[0].id, bank: 'words' },
				},
			},
		]);
		expect((await importedBanks(phone.db)).map((b) => b.id)).toEqual(['words']);
		expect(questionsOf((await importedBanks(phone.db))[0].bank)).toEqual(questionsOf(mine));
	});

	it('a pulled bank that is not one, or takes a built-in bank’s id, is refused', async () => {
		const db = await openKiokuDb(`sync-banks-${++dbCount}`);
		const { fetch } = backend();
		await syncOnce({ db, fetch, now: Date.now, days: async () => UTC_DAYS, uiLanguage: 'en' });
		const hlc = format({ wall: Date.now(), counter: 0, node: '00000000000000b2' });
		const noDecks: Record<string, unknown> = kiokuBankData(cards());
		delete noDecks.decks;
		const applied = await applyPulled(
			db,
			[
				{
					kind: 'bank',
					id: 'broken',
					hlc,
					bank: { fileName: 'b.tsv', importedAt: T0, kioku: noDecks },
				},
				{
					kind: 'bank',
					id: 'words',
					hlc,
					bank: { fileName: 'w.tsv', importedAt: T0, kioku: kiokuBankData(cards()) },
				},
			],
			0,
			{
				now: Date.now(),
				days: UTC_DAYS,
				uiLanguage: 'en',
				builtIn: { builtInBanks: new Set(['words']), questions: new Map() },
			},
		);
		expect(applied.refusedBanks.map((r) => [r.id, r.problem.kind])).toEqual([
			['broken', 'unreadable'],
			['words', 'clash'],
		]);
		expect(await importedBanks(db)).toEqual([]);
	});

	it('a pulled copy older than this device’s deletion stays out', async () => {
		const db = await openKiokuDb(`sync-banks-${++dbCount}`);
		const { fetch } = backend();
		await syncOnce({ db, fetch, now: Date.now, days: async () => UTC_DAYS, uiLanguage: 'en' });
		const bank = cards();
		const before = format({ wall: Date.now() - 60_000, counter: 0, node: '00000000000000b2' });
		await saveImportedBank(db, bank, 'words.tsv', Date.now());
		await deleteImportedBank(db, 'words', false);
		const context = { now: Date.now(), days: UTC_DAYS, uiLanguage: 'en' as const };
		const stale: SyncedBank = {
			kind: 'bank',
			id: 'words',
			hlc: before,
			bank: { fileName: 'words.tsv', importedAt: T0, kioku: kiokuBankData(bank) },
		};
		expect(await applyPulled(db, [stale], 0, context)).toMatchObject({ banks: 0 });
		expect(await importedBanks(db)).toEqual([]);
		// The deletion and the import are queued once: the newer replaced the older.
		expect((await db.getAll('outbox')).map((e) => e.change)).toEqual([
			expect.objectContaining({ kind: 'bank', id: 'words', bank: null }),
		]);
	});

	it('a finished practice test appears in the other device’s results once, without local review ids', async () => {
		const { fetch } = backend();
		const phone = await device(fetch);
		const laptop = await device(fetch);
		await phone.sync();
		const id = await saveTestResult(phone.db, localResult());
		// Updated after saving (as the reviews it was counted as are written): the uid stays.
		const saved = (await phone.db.get('testResults', id))!;
		await updateTestResult(phone.db, { ...localResult(), id });
		expect((await phone.db.get('testResults', id))!.uid).toBe(saved.uid);
		expect(await pendingCount(phone.db)).toEqual({ reviews: 0, other: 1 });
		await phone.sync();
		expect(await laptop.sync()).toMatchObject({ results: 1 });
		expect(await laptop.sync()).toMatchObject({ results: 0 });
		const [result] = await listTestResults(laptop.db);
		expect(result.uid).toBe(saved.uid);
		expect(result.summary).toEqual(saved.summary);
		expect(result.items[0].review).toBeUndefined();
		expect(result.items[0].prompt).toBe('Which?');
	});

	it('banks and results from before the first sync go up with it', async () => {
		const { fetch, server } = backend();
		const phone = await device(fetch);
		await saveImportedBank(phone.db, cards(), 'words.tsv', Date.now());
		await saveTestResult(phone.db, localResult());
		expect(await phone.db.count('outbox')).toBe(0); // not linked: nothing queued
		await phone.sync();
		expect(server.state.banks.has('words')).toBe(true);
		expect(server.state.results.size).toBe(1);
		const laptop = await device(fetch);
		expect(await laptop.sync()).toMatchObject({ banks: 1, results: 1 });
	});

	it('a bank too large to sync stays on its device, and the rest still syncs', async () => {
		const { fetch, server } = backend();
		const phone = await device(fetch);
		await phone.sync();
		const huge = cards();
		const question = huge.decks[0].questions[0];
		if (question.type !== 'flashcard') throw new Error('a card is a flashcard');
		// 400 cards of 4,000 three-byte characters a side, each kept in both languages: past 8 MB.
		const long = Array.from({ length: 400 }, (_, i) => ({
			...question,
			id: `words-${i}`,
			back: { zh: `${i}`.padEnd(4000, '猫'), en: `${i}`.padEnd(4000, '猫') },
		}));
		await saveImportedBank(
			phone.db,
			{ ...huge, decks: [{ ...huge.decks[0], questions: long }] },
			'w.tsv',
			Date.now(),
		);
		await saveTestResult(phone.db, localResult());
		expect(await phone.sync()).toMatchObject({ kind: 'synced' });
		expect(server.state.banks.size).toBe(0);
		expect(server.state.results.size).toBe(1);
		expect((await importedBanks(phone.db)).map((b) => b.id)).toEqual(['words']);
	});
});

describe('after a backup is restored', () => {
	it('the account’s banks come down again, and the banks it brought go up', async () => {
		const { fetch } = backend();
		const laptop = await device(fetch);
		const phone = await device(fetch);
		await laptop.sync();
		await saveImportedBank(laptop.db, cards(), 'words.tsv', Date.now());
		await laptop.sync();
		await phone.sync();
		// A restore with Replace from a backup without the bank, and with another one.
		await phone.db.clear('banks');
		const brought = cards('sun\ttaiyou\n', 'sky');
		await phone.db.put('banks', { id: 'sky', bank: brought, fileName: 'sky.tsv', importedAt: T0 });
		await resetSyncPosition(phone.db);
		await queueBanksForSync(phone.db, ['sky'], Date.now());
		await phone.sync();
		expect((await importedBanks(phone.db)).map((b) => b.id).sort()).toEqual(['sky', 'words']);
		await laptop.sync();
		expect((await importedBanks(laptop.db)).map((b) => b.id).sort()).toEqual(['sky', 'words']);
	});
});

describe('signing in to another account', () => {
	it('with only its progress: the previous account’s results leave this device, banks go along', async () => {
		const servers = { ann: backend(), bob: backend() };
		let user: 'ann' | 'bob' = 'ann';
		const fetch: typeof globalThis.fetch = async (input, init) => {
			if (new URL(String(input), 'http://kioku.test').pathname === SESSION_PATH)
				return new Response(JSON.stringify({ user: { id: user, name: user } }), {
					headers: { 'content-type': 'application/json' },
				});
			return servers[user].fetch(input, init);
		};
		const tablet = await device(fetch);
		await tablet.sync();
		await saveTestResult(tablet.db, localResult());
		await saveImportedBank(tablet.db, cards(), 'words.tsv', Date.now());
		await tablet.sync();
		user = 'bob';
		expect(await tablet.sync()).toEqual({ kind: 'other-account', name: 'bob' });
		expect(await tablet.sync({ otherAccount: 'replace' })).toMatchObject({ kind: 'synced' });
		expect(await listTestResults(tablet.db)).toEqual([]);
		expect(servers.bob.server.state.results.size).toBe(0);
		expect([...servers.bob.server.state.banks.keys()]).toEqual(['words']);
		expect(servers.ann.server.state.results.size).toBe(1);
	});
});

describe('a full account', () => {
	it('is told as such, not as offline, and the bank stays queued', async () => {
		const full: typeof globalThis.fetch = async (input) => {
			const path = new URL(String(input), 'http://kioku.test').pathname;
			const body =
				path === SESSION_PATH
					? { user: { id: 'ann', name: 'ann' } }
					: path === '/api/sync/pull'
						? { changes: [], cursor: 0, more: false }
						: { error: 'quota-exceeded', message: 'This account may keep …' };
			const status = path === '/api/sync/push' ? 403 : 200;
			return new Response(JSON.stringify(body), {
				status,
				headers: { 'content-type': 'application/json' },
			});
		};
		const phone = await device(full);
		await saveImportedBank(phone.db, cards(), 'words.tsv', Date.now());
		expect(await phone.sync()).toEqual({ kind: 'quota' });
		expect(await pendingCount(phone.db)).toEqual({ reviews: 0, other: 1 });
	});
});
