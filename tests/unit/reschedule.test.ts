// Rescheduling a deck with fitted FSRS weights: cards recomputed from their whole history, the
// log left as it was, and every replay afterwards ("Check data", a backup into another device,
// the next study session) agreeing with the rescheduled cards.
import 'fake-indexeddb/auto';
import { default_w } from 'ts-fsrs';
import { beforeEach, describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import type { Grade } from '../../src/lib/srs/records.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { parseBackup } from '../../src/lib/storage/backup.ts';
import { exportBackup, importBackup } from '../../src/lib/storage/backup-io.ts';
import { checkData } from '../../src/lib/storage/check-data.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { getDeckOptions } from '../../src/lib/storage/preferences.ts';
import { rescheduleDeck } from '../../src/lib/storage/reschedule.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 5, 1, 10);
const DECK = 'bank/deck';
const OTHER = 'bank/other';
const IDS = Array.from({ length: 20 }, (_, i) => `q${i}`);
const PATTERN: Grade[] = [3, 1, 3, 4, 2, 3, 3];
/** Memory that fades much faster than the defaults assume: initial stabilities a tenth. */
const FITTED = default_w.map((w, i) => (i < 4 ? w / 10 : w));
let db: Db;
let n = 0;

async function study(deck: string, ids: string[], days: number[]) {
	let answered = 0;
	for (const d of days) {
		let now = START + d * DAY;
		const s = await StudySession.start({
			deck,
			questionIds: ids,
			options: { ...(await getDeckOptions(db, deck, 'en')), newPerDay: 10 },
			store: idbReviewStore(db),
			clock: () => now,
			days: UTC_DAYS,
		});
		for (let i = 0; i < 40; i++) {
			const next = await s.next();
			if (next.kind === 'done') break;
			if (next.kind === 'wait') now = next.until;
			else await s.answer(next.id, PATTERN[answered++ % PATTERN.length], 2000);
			now += 15_000;
		}
	}
}

beforeEach(async () => {
	db = await openKiokuDb(`resched-${++n}`);
	await study(DECK, IDS, [0, 1, 3]);
	await study(OTHER, ['o1', 'o2'], [0]);
});

describe('rescheduleDeck', () => {
	it('recomputes the deck’s cards from their history, leaves the log and other decks alone', async () => {
		const before = await db.getAllFromIndex('cards', 'deck', DECK);
		const logsBefore = await db.getAll('logs');
		const otherBefore = await db.getAllFromIndex('cards', 'deck', OTHER);
		const options = { ...DEFAULT_DECK_OPTIONS, weights: FITTED };
		const changed = await rescheduleDeck(db, DECK, options, START + 4 * DAY, UTC_DAYS);
		expect(changed).toBe(before.length);
		const after = await db.getAllFromIndex('cards', 'deck', DECK);
		// Faster forgetting: every card is less stable, and none is due later than before.
		for (const [i, card] of after.entries()) {
			expect(card.stability).toBeLessThan(before[i].stability);
			expect(card.due).toBeLessThanOrEqual(before[i].due);
			expect(card.reps).toBe(before[i].reps);
		}
		expect(await db.getAll('logs')).toEqual(logsBefore);
		expect(await db.getAllFromIndex('cards', 'deck', OTHER)).toEqual(otherBefore);
		expect((await getDeckOptions(db, DECK, 'en')).weights).toEqual(FITTED);
	});

	it('is what Check data, a backup on another device and later reviews replay to', async () => {
		await rescheduleDeck(
			db,
			DECK,
			{ ...DEFAULT_DECK_OPTIONS, weights: FITTED },
			START + 4 * DAY,
			UTC_DAYS,
		);
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);

		const copy = await openKiokuDb(`resched-${++n}`);
		const parsed = parseBackup(await exportBackup(db, START + 5 * DAY));
		if (!parsed.ok) throw new Error(parsed.error.message);
		await importBackup(copy, parsed.value, 'merge', UTC_DAYS);
		expect(await copy.getAll('cards')).toEqual(await db.getAll('cards'));
		expect((await checkData(copy, UTC_DAYS)).mismatched).toEqual([]);

		// Studying on, with the fitted weights: the replay still agrees.
		await study(DECK, IDS, [6, 9]);
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);
	});

	it('refuses a backup whose reschedule names a configuration it does not carry', async () => {
		await rescheduleDeck(
			db,
			DECK,
			{ ...DEFAULT_DECK_OPTIONS, weights: FITTED },
			START + 4 * DAY,
			UTC_DAYS,
		);
		const backup = JSON.parse(await exportBackup(db, START + 5 * DAY));
		const options = backup.data.deckOptions.find((o: { deck: string }) => o.deck === DECK);
		options.options.rescheduled.config = 'cmissing';
		const parsed = parseBackup(JSON.stringify(backup));
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.message).toMatch(/rescheduled\.config "cmissing"/);
	});
});
