// Which cards a practice test of "due" or "weak" cards draws from.
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { isDueNow, isWeak, testPool, WEAK_DIFFICULTY } from '../../src/lib/quiz/test-pool.ts';
import type { CardRecord } from '../../src/lib/srs/records.ts';
import { UTC_DAYS } from './srs-fixtures.ts';

const NOW = Date.UTC(2024, 5, 10, 12);
const TODAY = UTC_DAYS.of(NOW);
const HOUR = 3_600_000;

function card(id: string, fields: Partial<CardRecord> = {}): CardRecord {
	return {
		...{ id, deck: 'b/d', suspended: false, buriedUntil: 0, leech: false },
		...{ due: NOW - HOUR, stability: 5, difficulty: 5, elapsedDays: 3, scheduledDays: 3 },
		...{
			learningSteps: 0,
			reps: 3,
			lapses: 0,
			state: State.Review,
			lastReview: NOW - 3 * 24 * HOUR,
		},
		...fields,
	};
}

describe('isDueNow', () => {
	it('holds reviewed cards whose time has come, whatever their state', () => {
		expect(isDueNow(card('a'), NOW, TODAY)).toBe(true);
		expect(isDueNow(card('a', { due: NOW }), NOW, TODAY)).toBe(true);
		expect(isDueNow(card('a', { state: State.Learning }), NOW, TODAY)).toBe(true);
		expect(isDueNow(card('a', { state: State.Relearning }), NOW, TODAY)).toBe(true);
	});

	it('leaves out new cards and cards not yet due', () => {
		expect(isDueNow(card('a', { state: State.New, reps: 0 }), NOW, TODAY)).toBe(false);
		expect(isDueNow(card('a', { due: NOW + 1 }), NOW, TODAY)).toBe(false);
	});

	it('leaves out what study hides today: suspended cards, and cards buried until tomorrow', () => {
		expect(isDueNow(card('a', { suspended: true }), NOW, TODAY)).toBe(false);
		expect(isDueNow(card('a', { buriedUntil: TODAY.day + 1 }), NOW, TODAY)).toBe(false);
		// Buried yesterday, back today.
		expect(isDueNow(card('a', { buriedUntil: TODAY.day }), NOW, TODAY)).toBe(true);
	});
});

describe('isWeak', () => {
	it('holds lapsed, difficult, relearning and leech cards', () => {
		expect(isWeak(card('a'))).toBe(false);
		expect(isWeak(card('a', { lapses: 1 }))).toBe(true);
		expect(isWeak(card('a', { difficulty: WEAK_DIFFICULTY }))).toBe(true);
		expect(isWeak(card('a', { difficulty: WEAK_DIFFICULTY - 0.01 }))).toBe(false);
		expect(isWeak(card('a', { state: State.Relearning }))).toBe(true);
		expect(isWeak(card('a', { leech: true }))).toBe(true);
	});

	it('holds a suspended leech: a test is where it can still be practised', () => {
		expect(isWeak(card('a', { leech: true, suspended: true }))).toBe(true);
	});
});

describe('testPool', () => {
	it('gives the ids of the pool’s cards', () => {
		const cards = [
			card('due'),
			card('later', { due: NOW + HOUR }),
			card('buried', { buriedUntil: TODAY.day + 1 }),
			card('lapsed', { lapses: 2, due: NOW + 24 * HOUR }),
		];
		expect([...testPool(cards, 'due', NOW, TODAY)]).toEqual(['due']);
		expect([...testPool(cards, 'weak', NOW, TODAY)]).toEqual(['lapsed']);
	});
});
