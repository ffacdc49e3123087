// The lists of decks ("Study due cards", home) count with the rule the study session builds its
// queue with: what a list says a deck offers is what opening it offers.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { SessionGroup } from '../../src/lib/srs/session-group.ts';
import { todayCounts } from '../../src/lib/srs/today-queue.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';

const DECK = 'bank/deck';
const IDS = Array.from({ length: 38 }, (_, i) => `q${String(i).padStart(2, '0')}`);
let db: Db;
let now: number;
let dbCount = 0;

const session = () =>
	SessionGroup.start([
		{
			deck: DECK,
			questionIds: IDS,
			options: DEFAULT_DECK_OPTIONS,
			store: idbReviewStore(db),
			clock: () => now,
			days: UTC_DAYS,
		},
	]);
const listed = () =>
	todayCounts(
		idbReviewStore(db),
		{ key: DECK, questionIds: IDS, limits: DEFAULT_DECK_OPTIONS },
		UTC_DAYS,
		now,
	);

/** Answers `n` new cards Good, as a learner does. */
async function learnNew(n: number) {
	const group = await session();
	for (let i = 0; i < n; i++) {
		const next = await group.next();
		if (next.kind !== 'card' || next.source !== 'new') throw new Error('expected a new card');
		expect((await group.answer(next.id, 3, 4000)).ok).toBe(true);
		now += 5000;
	}
}

beforeEach(async () => {
	now = Date.UTC(2024, 5, 1, 10);
	db = await openKiokuDb(`today-${++dbCount}`);
});

describe('a deck’s counts for today', () => {
	it('offer no new card once the day’s new cards were learnt, as the deck itself does', async () => {
		expect(await listed()).toEqual({ newCards: 20, learning: 0, reviews: 0 });
		await learnNew(20);
		const counts = await listed();
		expect(counts.newCards).toBe(0);
		expect(counts.learning).toBe(20);
		expect(counts).toEqual((await session()).counts);
	});

	it('count the new cards introduced earlier today against the limit', async () => {
		await learnNew(2);
		now += 3 * 3_600_000;
		expect((await listed()).newCards).toBe(18);
		expect(await listed()).toEqual((await session()).counts);
	});

	it('offer new cards again on the next study day', async () => {
		await learnNew(20);
		now = Date.UTC(2024, 5, 2, 5);
		expect((await listed()).newCards).toBe(18);
	});
});

describe('a focused group read card by card', () => {
	it('finds the same cards as reading the whole deck and keeping the group’s', async () => {
		await learnNew(20);
		// A card of another deck with a group's id is not the group's (ids are per question).
		await db.put('cards', { ...(await db.get('cards', IDS[0]))!, id: 'other', deck: 'bank/other' });
		const group = [...IDS.slice(0, 30).filter((_, i) => i % 3 === 0), 'other', 'never-stored'];
		const store = idbReviewStore(db);
		const whole = await store.loadDeck(DECK, 0, Infinity);
		const byId = await store.loadDeck(DECK, 0, Infinity, group);
		const inGroup = (id: string) => group.includes(id);
		expect(byId.candidates.map((c) => c.id).sort()).toEqual(
			whole.candidates
				.map((c) => c.id)
				.filter(inGroup)
				.sort(),
		);
		expect(byId.candidates.map((c) => c.id)).toHaveLength(7);
		expect([...byId.knownIds].sort()).toEqual([...whole.knownIds].filter(inGroup).sort());
		expect(byId.doneToday).toEqual(whole.doneToday);
		// Only cards due before the bound, as the deck's index reads them.
		const soon = Math.min(...whole.candidates.map((c) => c.due)) + 1;
		expect((await store.loadDeck(DECK, 0, soon, group)).candidates.map((c) => c.id).sort()).toEqual(
			(await store.loadDeck(DECK, 0, soon)).candidates
				.map((c) => c.id)
				.filter(inGroup)
				.sort(),
		);
	});
});
