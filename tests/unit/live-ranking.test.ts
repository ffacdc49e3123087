// The projector's and the phones' ranks, the answer tiles' colours, and the live setup's count.
import { describe, expect, it } from 'vitest';
import type { DeckSummary } from '../../src/lib/bank/catalog.ts';
import {
	contrastRatio,
	MARKS,
	PODIUM_COLOURS,
	TILE_TEXT,
	TRUE_FALSE_MARKS,
	VERDICT_COLOURS,
} from '../../src/lib/live/marks.ts';
import { placesClimbed, placesOf, podiumColumn, rankAmong } from '../../src/lib/live/ranking.ts';
import { questionsInSelection } from '../../src/lib/live/selection.ts';
import { ordinalEn } from '../../src/lib/i18n/ordinal.ts';

describe('placesOf', () => {
	it('shares a rank between equal scores and says they are tied', () => {
		expect(placesOf([30, 20, 20, 10])).toEqual([
			{ rank: 1, tied: false },
			{ rank: 2, tied: true },
			{ rank: 2, tied: true },
			{ rank: 4, tied: false },
		]);
	});
	it('puts everyone first and tied before anyone scores; no one is tied alone', () => {
		expect(placesOf([0, 0, 0]).every((p) => p.rank === 1 && p.tied)).toBe(true);
		expect(placesOf([5])).toEqual([{ rank: 1, tied: false }]);
		expect(placesOf([])).toEqual([]);
	});
});

describe('rankAmong', () => {
	it('ranks a score among others in any order, ties sharing', () => {
		const rank = rankAmong([10, 40, 20, 40]);
		expect([40, 20, 10, 0, 50].map(rank)).toEqual([1, 3, 4, 5, 1]);
	});
	it('agrees with placesOf on the list itself', () => {
		const scores = [900, 900, 850, 0, 0, 1200];
		const sorted = [...scores].sort((a, b) => b - a);
		const rank = rankAmong(scores);
		expect(sorted.map(rank)).toEqual(placesOf(sorted).map((p) => p.rank));
	});
});

describe('placesClimbed', () => {
	it('counts places climbed and never a fall', () => {
		expect(placesClimbed(4, 2)).toBe(2);
		expect(placesClimbed(2, 2)).toBe(0);
		expect(placesClimbed(1, 3)).toBe(0);
	});
});

describe('podiumColumn', () => {
	it('stands second, first, third from left to right', () => {
		expect([0, 1, 2].map(podiumColumn)).toEqual([2, 1, 3]);
	});
});

describe('answer tile colours', () => {
	it('computes WCAG contrast as published (black on white is 21:1)', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
		// The orange the tiles used before: under AA with white text.
		expect(contrastRatio('#b26a00', '#ffffff')).toBeLessThan(4.5);
	});
	it('keeps white text on every tile at AA contrast (4.5:1)', () => {
		const marks = [...MARKS, TRUE_FALSE_MARKS.true, TRUE_FALSE_MARKS.false];
		const colours = [
			...marks.map((mark) => mark.colour),
			...PODIUM_COLOURS,
			...Object.values(VERDICT_COLOURS),
		];
		for (const colour of colours) {
			expect(contrastRatio(colour, TILE_TEXT), colour).toBeGreaterThanOrEqual(4.5);
		}
	});
	it('gives each tile its own colour and shape', () => {
		expect(new Set(MARKS.map((m) => m.colour)).size).toBe(MARKS.length);
		expect(new Set(MARKS.map((m) => m.shape)).size).toBe(MARKS.length);
		expect(TRUE_FALSE_MARKS.true.shape).not.toBe(TRUE_FALSE_MARKS.false.shape);
		expect(TRUE_FALSE_MARKS.true.colour).not.toBe(TRUE_FALSE_MARKS.false.colour);
	});
});

const deck = (id: string, counts: Partial<DeckSummary['typeCounts']>): DeckSummary => {
	const typeCounts = {
		flashcard: 0,
		single: 0,
		multi: 0,
		truefalse: 0,
		order: 0,
		short: 0,
		cloze: 0,
		...counts,
	} as DeckSummary['typeCounts'];
	const questionCount = Object.values(typeCounts).reduce((a, b) => a + b, 0);
	return { id, bankId: 'b', title: { zh: id, en: id }, questionCount, typeCounts, questionIds: [] };
};

describe('questionsInSelection', () => {
	const decks = [
		deck('one', { single: 5, truefalse: 3, cloze: 4 }),
		deck('two', { single: 2, order: 1 }),
		deck('cards', { flashcard: 6 }),
	];
	it('counts the chosen decks’ questions of the chosen types only', () => {
		expect(questionsInSelection(decks, ['b/one'], ['single', 'truefalse'])).toBe(8);
		expect(questionsInSelection(decks, ['b/one', 'b/two'], ['single'])).toBe(7);
		expect(questionsInSelection(decks, ['b/two'], ['truefalse'])).toBe(0);
		expect(questionsInSelection(decks, [], ['single'])).toBe(0);
	});
	it('counts a card deck by the questions made from its cards', () => {
		expect(questionsInSelection(decks, ['b/cards'], ['single'])).toBe(12);
		expect(questionsInSelection(decks, ['b/cards'], ['single', 'short', 'order'])).toBe(24);
		expect(questionsInSelection(decks, ['b/cards'], ['truefalse'])).toBe(0);
	});
});

describe('ordinalEn', () => {
	it('says "tied for 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st"', () => {
		expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinalEn)).toEqual([
			'1st',
			'2nd',
			'3rd',
			'4th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'101st',
		]);
	});
});
