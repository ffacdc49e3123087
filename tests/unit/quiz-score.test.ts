import { describe, expect, it } from 'vitest';
import { fsrsGrade, summarize, type ItemOutcome } from '../../src/lib/quiz/score.ts';

const outcome = (over: Partial<ItemOutcome>): ItemOutcome => ({
	id: 'q',
	deck: 'bank/a',
	type: 'single',
	correct: true,
	score: 1,
	timeMs: 1000,
	answered: true,
	...over,
});

describe('summarize', () => {
	it('adds up a test by hand-checked numbers', () => {
		const outcomes = [
			outcome({ id: 'q1', timeMs: 4000 }),
			outcome({ id: 'q2', type: 'multi', correct: false, score: 0.5, timeMs: 9000 }),
			outcome({ id: 'q3', type: 'truefalse', correct: false, score: 0, timeMs: 2000 }),
			outcome({
				id: 'q4',
				type: 'order',
				correct: false,
				score: 0,
				timeMs: 30000,
				answered: false,
			}),
			outcome({ id: 'q5', type: 'multi', timeMs: 5000 }),
			outcome({ id: 'q6', type: 'order', correct: false, score: 2 / 3, timeMs: 10000 }),
		];
		expect(summarize(outcomes)).toEqual({
			total: 6,
			answered: 5,
			correct: 2,
			// 1 + 0.5 + 0 + 0 + 1 + 0.666667
			points: 3.166667,
			// 3.1666… / 6 = 52.77…%
			percent: 52.8,
			timeMs: 60000,
			missedIds: ['q2', 'q3', 'q4', 'q6'],
			byType: {
				single: { total: 1, correct: 1 },
				multi: { total: 2, correct: 1 },
				truefalse: { total: 1, correct: 0 },
				order: { total: 2, correct: 0 },
			},
		});
	});

	it('shows no float noise in points or percent', () => {
		const thirds = [1, 2, 3].map((i) => outcome({ id: `q${i}`, correct: false, score: 1 / 3 }));
		expect(summarize(thirds)).toMatchObject({ points: 1, percent: 33.3 });
		const tenths = [0.1, 0.2].map((score, i) => outcome({ id: `t${i}`, correct: false, score }));
		expect(summarize(tenths)).toMatchObject({ points: 0.3, percent: 15 });
	});

	it('gives 100 for a perfect test and 0 for an empty one', () => {
		expect(summarize([outcome({ id: 'a' }), outcome({ id: 'b' })])).toMatchObject({
			percent: 100,
			missedIds: [],
		});
		expect(summarize([])).toEqual({
			total: 0,
			answered: 0,
			correct: 0,
			points: 0,
			percent: 0,
			timeMs: 0,
			missedIds: [],
			byType: {},
		});
	});

	it('lists a missed question once', () => {
		const twice = [
			outcome({ id: 'x', correct: false, score: 0 }),
			outcome({ id: 'x', correct: false, score: 0 }),
		];
		expect(summarize(twice).missedIds).toEqual(['x']);
	});
});

describe('fsrsGrade', () => {
	const expectedMs = 10_000;

	it('gives Again to a wrong or unanswered question, however quick', () => {
		expect(fsrsGrade(outcome({ correct: false, score: 0, timeMs: 100 }), expectedMs)).toBe(1);
		expect(fsrsGrade(outcome({ answered: false, correct: false, score: 0 }), expectedMs)).toBe(1);
	});

	it('gives Hard to a partly right one', () => {
		expect(fsrsGrade(outcome({ correct: false, score: 0.5, timeMs: 100 }), expectedMs)).toBe(2);
	});

	it('grades a right one by speed', () => {
		const at = (timeMs: number) => fsrsGrade(outcome({ timeMs }), expectedMs);
		expect(at(4_999)).toBe(4);
		expect(at(5_000)).toBe(3);
		expect(at(10_000)).toBe(3);
		expect(at(20_000)).toBe(3);
		expect(at(20_001)).toBe(2);
	});

	it('never gives Easy to a question a guess answers half the time (true/false)', () => {
		expect(fsrsGrade(outcome({ timeMs: 100 }), expectedMs, true)).toBe(3);
		expect(fsrsGrade(outcome({ timeMs: 20_001 }), expectedMs, true)).toBe(2);
		expect(fsrsGrade(outcome({ correct: false, score: 0, timeMs: 100 }), expectedMs, true)).toBe(1);
	});

	it('gives Good when the clock or the estimate is unusable', () => {
		expect(fsrsGrade(outcome({ timeMs: 1 }), 0)).toBe(3);
		expect(fsrsGrade(outcome({ timeMs: 1 }), Number.NaN)).toBe(3);
		expect(fsrsGrade(outcome({ timeMs: -5 }), expectedMs)).toBe(3);
	});
});
