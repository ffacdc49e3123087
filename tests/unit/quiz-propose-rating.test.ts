import { describe, expect, it } from 'vitest';
import type { QuestionOf } from '../../src/lib/bank/index.ts';
import { expectedSeconds, proposeRating } from '../../src/lib/quiz/index.ts';

const meta = (id: string) => ({
	id,
	explanation: { zh: '……', en: '…' },
	source: { paragraphs: [1] },
	tags: ['test'],
});
// usj23-sec-006: 76 letters of English (spaces not counted), 28 characters of Chinese.
const sec006: QuestionOf<'truefalse'> = {
	...meta('usj23-sec-006'),
	type: 'truefalse',
	prompt: {
		zh: '日本是在岸田访问华盛顿之后，才着手修订其安全战略文件的。',
		en: "Japan revised its security strategy documents only after Kishida's visit to Washington.",
	},
	answer: false,
};
// usj23-dip-010, shortened: 11 Chinese characters or 34 English letters besides the blank.
const dip010: QuestionOf<'cloze'> = {
	...meta('usj23-dip-010'),
	type: 'cloze',
	prompt: { zh: '填空。', en: 'Fill in the blank.' },
	text: { zh: '俄罗斯入侵{{乌克兰}}之后。', en: 'After Russia invaded {{Ukraine}}.' },
};
const twoBlanks: QuestionOf<'cloze'> = {
	...dip010,
	text: { zh: '俄罗斯入侵{{乌克兰}}之{{后}}。', en: 'After Russia {{invaded}} {{Ukraine}}.' },
};
// The same statement asked as a typed answer: no guess gets it right.
const sec006Typed: QuestionOf<'short'> = {
	...meta('usj23-sec-006'),
	type: 'short',
	prompt: sec006.prompt,
	answers: { zh: ['之前'], en: ['before'] },
};
const right = { correct: true };

describe('expectedSeconds', () => {
	it('is reading time (0.15 s a Chinese character, 0.05 s an English letter) plus answering time', () => {
		expect(expectedSeconds(sec006, 'en')).toBeCloseTo(76 * 0.05 + 2);
		expect(expectedSeconds(sec006, 'zh')).toBeCloseTo(28 * 0.15 + 2);
		expect(expectedSeconds(sec006)).toBeCloseTo(6);
		expect(expectedSeconds(dip010, 'zh')).toBeCloseTo(11 * 0.15 + 6);
		expect(expectedSeconds(dip010, 'en')).toBeCloseTo(34 * 0.05 + 6);
	});

	it('gives each blank of a cloze its own answering time', () => {
		expect(expectedSeconds(twoBlanks, 'zh')).toBeCloseTo(10 * 0.15 + 12);
		expect(expectedSeconds(twoBlanks, 'en')).toBeCloseTo(27 * 0.05 + 12);
	});
});

describe('proposeRating', () => {
	it('proposes Again for a wrong answer, however quick or slow', () => {
		for (const ms of [500, 5000, 60000]) {
			expect(proposeRating({ correct: false }, ms, sec006, 'en')).toBe(1);
			expect(proposeRating({ correct: false }, ms, dip010, 'zh')).toBe(1);
		}
	});

	it('proposes Easy under half the expected time, Hard over twice, Good between', () => {
		// English: expected 76 × 0.05 + 8 = 11.8 s.
		expect(proposeRating(right, 5899, sec006Typed, 'en')).toBe(4);
		expect(proposeRating(right, 5900, sec006Typed, 'en')).toBe(3);
		expect(proposeRating(right, 23600, sec006Typed, 'en')).toBe(3);
		expect(proposeRating(right, 23601, sec006Typed, 'en')).toBe(2);
		// Chinese: expected 28 × 0.15 + 8 = 12.2 s, so 6 s is still Easy and 24.5 s Hard.
		expect(proposeRating(right, 6000, sec006Typed, 'zh')).toBe(4);
		expect(proposeRating(right, 6100, sec006Typed, 'zh')).toBe(3);
		expect(proposeRating(right, 24500, sec006Typed, 'zh')).toBe(2);
		// Without a language, the mean of both: 12 s.
		expect(proposeRating(right, 5999, sec006Typed)).toBe(4);
		expect(proposeRating(right, 24001, sec006Typed)).toBe(2);
	});

	it('never proposes Easy for true or false, which a guess gets right half the time', () => {
		// Expected 5.8 s in English: 1 s is far under half of it.
		expect(proposeRating(right, 1000, sec006, 'en')).toBe(3);
		expect(proposeRating(right, 2899, sec006, 'zh')).toBe(3);
		// Slow is still Hard.
		expect(proposeRating(right, 11601, sec006, 'en')).toBe(2);
	});

	it('gives a question with more to answer more time', () => {
		expect(proposeRating(right, 5000, dip010, 'en')).toBe(3);
		expect(proposeRating(right, 5000, twoBlanks, 'en')).toBe(4);
		expect(proposeRating(right, 16000, dip010, 'en')).toBe(2);
		expect(proposeRating(right, 16000, twoBlanks, 'en')).toBe(3);
	});

	it('never proposes Easy for an answer accepted as a typo', () => {
		expect(proposeRating({ correct: true, reasons: ['typo'] }, 1000, sec006Typed, 'en')).toBe(3);
		expect(proposeRating({ correct: true, reasons: ['normalized'] }, 1000, sec006Typed, 'en')).toBe(
			4,
		);
		expect(proposeRating({ correct: true, reasons: ['typo'] }, 23601, sec006Typed, 'en')).toBe(2);
	});

	it('proposes Good when the time is unknown', () => {
		expect(proposeRating(right, Number.NaN, sec006, 'zh')).toBe(3);
		expect(proposeRating(right, -1, sec006, 'en')).toBe(3);
		expect(proposeRating({ correct: false }, Number.NaN, sec006, 'en')).toBe(1);
	});
});
