// A study session over the real IndexedDB store (fake-indexeddb in Node), with a fake clock.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { beforeEach, describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS, type DeckOptions } from '../../src/lib/srs/options.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import { StudySession, UNDO_LIMIT } from '../../src/lib/srs/session.ts';
import { openKiokuDb, STORES, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { suspendedCount, unsuspendAll } from '../../src/lib/storage/suspended.ts';

const DECK = 'bank/deck';
const IDS = Array.from({ length: 40 }, (_, i) => `q${String(i).padStart(2, '0')}`);
let db: Db;
let now: number;
let dbCount = 0;

const clock = () => now;

async function start(options: Partial<DeckOptions> = {}, database = db) {
	return StudySession.start({
		deck: DECK,
		questionIds: IDS,
		options: { ...DEFAULT_DECK_OPTIONS, ...options },
		store: idbReviewStore(database),
		clock,
		days: UTC_DAYS,
	});
}

async function dump(database = db) {
	const out: Record<string, unknown[]> = {};
	for (const store of STORES) out[store] = await database.getAll(store);
	return JSON.stringify(out);
}

async function showAndAnswer(session: StudySession, grade: 1 | 2 | 3 | 4) {
	const next = await session.next();
	if (next.kind !== 'card') throw new Error(`expected a card, got ${next.kind}`);
	const outcome = await session.answer(next.id, grade, 4000);
	now += 5000;
	return { id: next.id, outcome };
}

beforeEach(async () => {
	now = Date.UTC(2024, 5, 1, 10);
	db = await openKiokuDb(`test-${++dbCount}`);
});

describe('StudySession', () => {
	it('commits the card and its log together before the next card is chosen', async () => {
		const session = await start();
		const { id } = await showAndAnswer(session, 3);
		const card = await db.get('cards', id);
		const logs = await db.getAllFromIndex(
			'logs',
			'card',
			IDBKeyRange.bound([id, 0], [id, Infinity]),
		);
		expect(card).toMatchObject({ id, deck: DECK, state: State.Learning, reps: 1 });
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ cardId: id, rating: 3, state: State.New, durationMs: 4000 });
	});

	it('keeps progress across a reload: a new session continues where the last one stopped', async () => {
		const first = await start({ newPerDay: 5 });
		for (let i = 0; i < 3; i++) await showAndAnswer(first, 4);
		const second = await start({ newPerDay: 5 });
		expect(second.counts.newCards).toBe(2);
	});

	it('respects the new-cards limit over the whole study day and resets it the next day', async () => {
		const session = await start({ newPerDay: 3 });
		for (let i = 0; i < 3; i++) await showAndAnswer(session, 4);
		expect((await start({ newPerDay: 3 })).counts.newCards).toBe(0);
		now = Date.UTC(2024, 5, 2, 3, 59); // 03:59 next morning: still the same study day
		expect((await start({ newPerDay: 3 })).counts.newCards).toBe(0);
		now = Date.UTC(2024, 5, 2, 4, 0);
		expect((await start({ newPerDay: 3 })).counts.newCards).toBe(3);
	});

	it('undoes an answer exactly: the stored data is byte for byte what it was', async () => {
		const session = await start();
		await showAndAnswer(session, 3);
		const before = await dump();
		const { id } = await showAndAnswer(session, 1);
		expect(await dump()).not.toBe(before);
		expect(await session.undo()).toEqual({ id, grade: 1 });
		expect(await dump()).toBe(before);
		expect(await session.next()).toMatchObject({ kind: 'card', id });
	});

	it(`undoes at least ${UNDO_LIMIT} answers in a row`, async () => {
		const session = await start({ newPerDay: 40 });
		const empty = await dump();
		for (let i = 0; i < UNDO_LIMIT; i++) await showAndAnswer(session, i % 2 ? 3 : 1);
		for (let i = 0; i < UNDO_LIMIT; i++) expect(await session.undo()).toBeDefined();
		expect(session.canUndo).toBe(false);
		expect(await dump()).toBe(empty);
		expect(session.summary).toEqual({ answered: 0, again: 0, timeMs: 0 });
	});

	it('stores states that replaying the log through ts-fsrs reproduces', async () => {
		const session = await start({ newPerDay: 5 });
		for (let i = 0; i < 25; i++) {
			const next = await session.next();
			if (next.kind === 'wait') now = next.until;
			else if (next.kind === 'card')
				await session.answer(next.id, ([1, 3, 3, 4, 2] as const)[i % 5], 3000);
			now += 30_000;
		}
		const configs = new Map((await db.getAll('configs')).map((c) => [c.key, c.config]));
		const cards = await db.getAll('cards');
		expect(cards.length).toBe(5);
		for (const card of cards) {
			const logs = await db.getAllFromIndex(
				'logs',
				'card',
				IDBKeyRange.bound([card.id, 0], [card.id, Infinity]),
			);
			expect(sameMemoryState(replayCard(logs, { configs, days: UTC_DAYS }), card)).toBe(true);
		}
	});

	it('buries a card until tomorrow and suspends one until it is unsuspended', async () => {
		const session = await start({ newPerDay: 3 });
		const a = await session.next();
		if (a.kind !== 'card') throw new Error();
		expect(await session.bury(a.id)).toBe(true);
		const b = await session.next();
		if (b.kind !== 'card') throw new Error();
		expect(b.id).not.toBe(a.id);
		expect(await session.suspend(b.id)).toBe(true);
		expect((await db.get('cards', b.id))?.suspended).toBe(true);
		now = Date.UTC(2024, 5, 2, 10);
		const tomorrow = await start({ newPerDay: 40 });
		const shown = new Set<string>();
		for (
			let next = await tomorrow.next();
			next.kind === 'card' && shown.size < 45;
			next = await tomorrow.next()
		) {
			shown.add(next.id);
			await tomorrow.answer(next.id, 4, 1000);
		}
		expect(shown.has(a.id)).toBe(true);
		expect(shown.has(b.id)).toBe(false);
	});

	it('tags a leech at 8 lapses and suspends it when the learner chose so', async () => {
		for (const leechAction of ['tag', 'suspend'] as const) {
			db = await openKiokuDb(`test-${++dbCount}`);
			const session = await start({ newPerDay: 1, leechAction, relearningSteps: [] });
			const first = await session.next();
			if (first.kind !== 'card') throw new Error();
			const id = first.id;
			await session.answer(id, 4, 1000);
			let leech = false;
			for (let lapse = 1; lapse <= 8; lapse++) {
				now = (await db.get('cards', id))!.due + 1000;
				const s = await start({ newPerDay: 0, leechAction, relearningSteps: [] });
				const next = await s.next();
				expect(next).toMatchObject({ kind: 'card', id });
				const outcome = await s.answer(id, 1, 1000);
				if (outcome.ok) leech = outcome.value.leechNow;
				expect(leech).toBe(lapse === 8);
				if (lapse < 8) {
					now += 60_000;
					await s.answer(id, 4, 1000);
				}
			}
			const card = await db.get('cards', id);
			expect(card).toMatchObject({ leech: true, lapses: 8, suspended: leechAction === 'suspend' });
		}
	});

	it('two tabs on one deck: an answer already given in the other tab is refused, never counted twice', async () => {
		const tabA = await start();
		const tabB = await start();
		const a = await tabA.next();
		const b = await tabB.next();
		if (a.kind !== 'card' || b.kind !== 'card') throw new Error();
		expect(b.id).toBe(a.id);
		expect((await tabA.answer(a.id, 3, 1000)).ok).toBe(true);
		expect(await tabB.answer(b.id, 1, 1000)).toEqual({ ok: false, error: 'conflict' });
		const logs = await db.getAll('logs');
		expect(logs).toHaveLength(1);
		expect((await db.get('cards', a.id))?.reps).toBe(1);
		// Tab B has caught up: the card it now shows is not the one tab A answered.
		const next = await tabB.next();
		if (next.kind === 'card') expect(next.id).not.toBe(a.id);
	});

	it('a question removed from the bank leaves the queue but keeps its logs', async () => {
		const session = await start({ newPerDay: 40 });
		const { id } = await showAndAnswer(session, 4);
		now += 30 * 86_400_000;
		const without = await StudySession.start({
			deck: DECK,
			questionIds: IDS.filter((q) => q !== id),
			options: DEFAULT_DECK_OPTIONS,
			store: idbReviewStore(db),
			clock,
			days: UTC_DAYS,
		});
		const seen = new Set<string>();
		for (
			let next = await without.next();
			next.kind === 'card' && seen.size < 50;
			next = await without.next()
		) {
			seen.add(next.id);
			await without.answer(next.id, 4, 1);
		}
		expect(seen.has(id)).toBe(false);
		expect(
			await db.countFromIndex('logs', 'card', IDBKeyRange.bound([id, 0], [id, Infinity])),
		).toBe(1);
	});
});

describe('StudySession across tabs', () => {
	it('refuses an answer to a card shown before another tab answered it, even after catching up', async () => {
		const tabA = await start();
		const tabB = await start();
		const shownInB = await tabB.next();
		const a = await tabA.next();
		if (a.kind !== 'card' || shownInB.kind !== 'card') throw new Error();
		await tabA.answer(a.id, 3, 1000);
		await tabB.reload(); // B hears about A's answer while the card is still on its screen
		expect(await tabB.answer(shownInB.id, 1, 1000)).toEqual({ ok: false, error: 'conflict' });
		expect(await db.count('logs')).toBe(1);
	});

	it('brings suspended cards back from the deck page, and nothing else changes', async () => {
		const session = await start({ newPerDay: 40 });
		for (let i = 0; i < 2; i++) await showAndAnswer(session, 3);
		const next = await session.next();
		if (next.kind !== 'card') throw new Error('no card');
		expect(await session.suspend(next.id)).toBe(true);
		expect((await start({ newPerDay: 40 })).counts.newCards).toBe(37);
		expect(await suspendedCount(db, DECK)).toBe(1);
		const logs = await db.count('logs');
		expect(await unsuspendAll(db, DECK)).toBe(1);
		expect(await suspendedCount(db, DECK)).toBe(0);
		expect(await db.count('logs')).toBe(logs);
		expect((await start({ newPerDay: 40 })).counts.newCards).toBe(38);
		expect(await unsuspendAll(db, 'other/deck')).toBe(0);
	});
});

describe('StudySession evening out the reviews', () => {
	/** 30 cards learnt together 12 days ago, all due now: a lump. */
	async function lump(database: Db) {
		for (const [i, id] of IDS.slice(0, 30).entries())
			await database.put('cards', {
				id,
				deck: DECK,
				due: now - 3_600_000,
				stability: 12 + (i % 3) * 0.01,
				difficulty: 5,
				elapsedDays: 0,
				scheduledDays: 12,
				learningSteps: 0,
				reps: 3,
				lapses: 0,
				state: State.Review,
				lastReview: now - 12 * 86_400_000,
				suspended: false,
				buriedUntil: 0,
				leech: false,
			});
	}

	async function studyLump(balance: boolean) {
		const database = await openKiokuDb(`test-${++dbCount}`);
		await lump(database);
		const session = await StudySession.start({
			deck: DECK,
			questionIds: IDS,
			options: { ...DEFAULT_DECK_OPTIONS, newPerDay: 0 },
			store: idbReviewStore(database),
			clock,
			days: UTC_DAYS,
			balance: balance
				? ['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal']
				: undefined,
		});
		const start = now;
		let previewed: number | undefined;
		for (let i = 0; i < 30; i++) {
			const next = await session.next();
			if (next.kind !== 'card') throw new Error(`expected a card, got ${next.kind}`);
			if (i === 29) previewed = session.preview(next.id)[3];
			await session.answer(next.id, 3, 4000);
			now += 5000;
		}
		now = start;
		const cards = (await database.getAll('cards')).filter((c) => c.deck === DECK);
		const perDay = new Map<number, number>();
		for (const c of cards)
			perDay.set(UTC_DAYS.of(c.due).day, (perDay.get(UTC_DAYS.of(c.due).day) ?? 0) + 1);
		const logs = await database.getAll('logs');
		const last = cards.find((c) => c.lastReview === start + 29 * 5000);
		return { perDay, logs, previewed, lastDue: last?.due };
	}

	it('spreads a lump of due reviews over the days of their fuzz ranges, and records the days', async () => {
		const plain = await studyLump(false);
		const even = await studyLump(true);
		const busiest = (m: Map<number, number>) => Math.max(...m.values());
		expect(busiest(even.perDay)).toBeLessThan(busiest(plain.perDay));
		expect(even.perDay.size).toBeGreaterThan(plain.perDay.size - 1);
		expect(even.logs.some((l) => l.balancedDays !== undefined)).toBe(true);
		expect(plain.logs.every((l) => l.balancedDays === undefined)).toBe(true);
		// The rating button said the day the card was given.
		expect(even.previewed).toBe(even.lastDue);
	});
});
