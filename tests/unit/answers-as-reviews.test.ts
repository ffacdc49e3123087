// Answers outside a study session (a practice test, a live game) written as FSRS reviews.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { saveAnswersAsReviews } from '../../src/lib/storage/answers-as-reviews.ts';
import { openKiokuDb } from '../../src/lib/storage/db.ts';
import { putDeckOptions } from '../../src/lib/storage/preferences.ts';

const NOW = Date.UTC(2024, 5, 1, 10);
let n = 0;
const context = { days: UTC_DAYS, uiLang: 'en' as const, clock: () => NOW };

describe('saveAnswersAsReviews', () => {
	it('writes one review per answer, in order, each in its deck with the deck’s options', async () => {
		const db = await openKiokuDb(`answers-${++n}`);
		const strict = { ...DEFAULT_DECK_OPTIONS, desiredRetention: 0.95 };
		await putDeckOptions(db, 'b/strict', strict);
		const logIds = await saveAnswersAsReviews(
			db,
			[
				{ deck: 'b/plain', id: 'q1', grade: 3, durationMs: 4000 },
				{ deck: 'b/strict', id: 'q2', grade: 1, durationMs: 9000 },
				{ deck: 'b/plain', id: 'q3', grade: 3, durationMs: 2000, overruled: true },
			],
			context,
		);
		const logs = await db.getAll('logs');
		expect(logIds).toEqual(logs.map((l) => l.id));
		expect(logs.map((l) => [l.cardId, l.deck, l.rating, l.durationMs, l.review])).toEqual([
			['q1', 'b/plain', 3, 4000, NOW],
			['q2', 'b/strict', 1, 9000, NOW],
			['q3', 'b/plain', 3, 2000, NOW],
		]);
		expect(logs.map((l) => l.config)).toEqual([
			configKey(schedulerConfig(DEFAULT_DECK_OPTIONS)),
			configKey(schedulerConfig(strict)),
			configKey(schedulerConfig(DEFAULT_DECK_OPTIONS)),
		]);
		expect(logs.map((l) => l.overruled)).toEqual([undefined, undefined, true]);
		const cards = await db.getAll('cards');
		expect(cards.map((c) => [c.id, c.deck, c.reps, c.state !== State.New])).toEqual([
			['q1', 'b/plain', 1, true],
			['q2', 'b/strict', 1, true],
			['q3', 'b/plain', 1, true],
		]);
	});

	it('tells of each deck it wrote to', async () => {
		const db = await openKiokuDb(`answers-${++n}`);
		const told: string[] = [];
		await saveAnswersAsReviews(
			db,
			[
				{ deck: 'b/one', id: 'q1', grade: 3, durationMs: 1000 },
				{ deck: 'b/two', id: 'q2', grade: 3, durationMs: 1000 },
			],
			{ ...context, onChange: (deck) => told.push(deck) },
		);
		expect(told).toEqual(['b/one', 'b/two']);
	});
});
