import { describe, expect, it } from 'vitest';
import type { QuestionOf } from '../../src/lib/bank/schema.ts';
import type { Answer, CheckableQuestion } from '../../src/lib/quiz/check.ts';
import {
	answerOnScreen,
	answerToCheck,
	blankMark,
	dropPlace,
	moveItem,
	optionMark,
	placeMark,
	startDraft,
	type Showing,
} from '../../src/lib/quiz/answer-draft.ts';

const common = {
	prompt: { zh: '问', en: 'Q' },
	explanation: { zh: '因为', en: 'Because' },
	source: { paragraphs: [1] },
	tags: ['t'],
};
const single: QuestionOf<'single'> = {
	...common,
	id: 's',
	type: 'single',
	options: [
		{ zh: '对', en: 'Right', correct: true },
		{ zh: '错', en: 'Wrong' },
	],
};
const multi: QuestionOf<'multi'> = {
	...common,
	id: 'm',
	type: 'multi',
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B', correct: true },
		{ zh: '丙', en: 'C' },
	],
};
const truefalse: QuestionOf<'truefalse'> = { ...common, id: 't', type: 'truefalse', answer: true };
const short: QuestionOf<'short'> = {
	...common,
	id: 'sh',
	type: 'short',
	answers: { zh: ['北约'], en: ['NATO'] },
};
// The Chinese text has one blank fewer: the blanks follow the language answered in.
const cloze: QuestionOf<'cloze'> = {
	...common,
	id: 'c',
	type: 'cloze',
	text: { zh: '{{日本}}与美国', en: '{{Japan}} and {{the US}} and {{the UK}}' },
};
const order: QuestionOf<'order'> = {
	...common,
	id: 'o',
	type: 'order',
	items: [
		{ zh: '一', en: 'one' },
		{ zh: '二', en: 'two' },
		{ zh: '三', en: 'three' },
		{ zh: '四', en: 'four' },
	],
};
const en: Showing = { lang: 'en', arrangement: 'seed' };

describe('a new draft', () => {
	it('has nothing picked, ticked or typed, so there is no answer on screen yet', () => {
		expect(answerOnScreen(startDraft(single, en))).toBeNull();
		expect(answerOnScreen(startDraft(truefalse, en))).toBeNull();
		expect(answerOnScreen(startDraft(short, en))).toBeNull();
		expect(answerOnScreen(startDraft(multi, en))).toEqual({ type: 'multi', choices: [] });
	});

	it('has one empty box per blank of the cloze text in the language answered in', () => {
		expect(startDraft(cloze, en).blanks).toEqual(['', '', '']);
		expect(startDraft(cloze, { ...en, lang: 'zh' }).blanks).toEqual(['']);
	});

	it('starts order items in the showing’s arrangement: never the right order, the same for the same seed', () => {
		for (let n = 0; n < 50; n++) {
			const first = startDraft(order, { lang: 'en', arrangement: `seed-${n}` }).order;
			expect(first).not.toEqual([0, 1, 2, 3]);
			expect([...first].sort()).toEqual([0, 1, 2, 3]);
			expect(startDraft(order, { lang: 'en', arrangement: `seed-${n}` }).order).toEqual(first);
		}
	});
});

describe('an answer already given, shown again', () => {
	it('comes back as it was given, for every type', () => {
		const given: [CheckableQuestion, Answer][] = [
			[single, { type: 'single', choice: 1 }],
			[truefalse, { type: 'truefalse', value: false }],
			[multi, { type: 'multi', choices: [0, 2] }],
			[short, { type: 'short', text: 'nato' }],
			[cloze, { type: 'cloze', blanks: ['Japan', '', 'UK'] }],
			[order, { type: 'order', order: [0, 1, 2, 3] }],
		];
		for (const [question, answer] of given) {
			expect(answerOnScreen(startDraft(question, { ...en, given: answer }))).toEqual(answer);
		}
	});

	it('is ignored when it answers another type of question, or when there is none', () => {
		expect(startDraft(single, { ...en, given: { type: 'truefalse', value: true } })).toEqual({
			type: 'single',
			picked: undefined,
		});
		expect(startDraft(short, { ...en, given: null })).toEqual({ type: 'short', text: '' });
	});
});

describe('the answer sent to be checked', () => {
	it('lists ticked options by their place on screen, in order', () => {
		const draft = startDraft(multi, en);
		draft.ticked[2] = true;
		draft.ticked[0] = true;
		draft.ticked[1] = false;
		expect(answerToCheck(draft)).toEqual({ type: 'multi', choices: [0, 2] });
	});

	it('checks an empty answer box as an empty answer, where the screen shows no answer', () => {
		const draft = startDraft(short, en);
		expect(answerToCheck(draft)).toEqual({ type: 'short', text: '' });
		expect(answerOnScreen(draft)).toBeNull();
		draft.text = 'NATO';
		expect(answerToCheck(draft)).toEqual({ type: 'short', text: 'NATO' });
	});

	it('sends every blank, filled or not, and nothing for a cloze text without blanks', () => {
		const draft = startDraft(cloze, en);
		draft.blanks[1] = 'the US';
		expect(answerToCheck(draft)).toEqual({ type: 'cloze', blanks: ['', 'the US', ''] });
		const broken = { ...cloze, text: { zh: '没有空', en: 'no blank' } };
		expect(answerToCheck(startDraft(broken, en))).toBeNull();
	});

	it('is a copy: changing the draft afterwards does not change an answer already sent', () => {
		const draft = startDraft(order, en);
		const sent = answerToCheck(draft);
		draft.order.reverse();
		expect(sent).toEqual({ type: 'order', order: startDraft(order, en).order });
	});
});

describe('marks once checked', () => {
	it('marks each right option chosen or missed, a wrong one chosen wrong, and nothing before checking', () => {
		expect(optionMark(true, true, false)).toBe('missed');
		expect(optionMark(true, true, true)).toBe('chosen-right');
		expect(optionMark(true, false, true)).toBe('chosen-wrong');
		expect(optionMark(true, false, false)).toBeUndefined();
		expect(optionMark(false, true, true)).toBeUndefined();
	});

	it('marks each blank as its own check found it, and no blank before checking', () => {
		const checked = [{ correct: true }, { correct: false }];
		expect(blankMark(checked, 0)).toBe('right');
		expect(blankMark(checked, 1)).toBe('wrong');
		expect(blankMark(checked, 2)).toBe('wrong');
		expect(blankMark(undefined, 0)).toBeUndefined();
	});

	it('marks an order item right only in its own place', () => {
		expect(placeMark(true, 2, 2)).toBe('right');
		expect(placeMark(true, 2, 1)).toBe('wrong');
		expect(placeMark(false, 2, 1)).toBeUndefined();
	});
});

describe('moving order items', () => {
	it('moves one item and keeps the others in their order', () => {
		expect(moveItem([0, 1, 2, 3], 0, 2)).toEqual([1, 2, 0, 3]);
		expect(moveItem([0, 1, 2, 3], 3, 0)).toEqual([3, 0, 1, 2]);
		expect(moveItem([0, 1, 2, 3], 1, 2)).toEqual([0, 2, 1, 3]);
	});

	it('leaves the order as it is for a place past either end', () => {
		expect(moveItem([0, 1, 2], 0, -1)).toEqual([0, 1, 2]);
		expect(moveItem([0, 1, 2], 2, 3)).toEqual([0, 1, 2]);
	});

	it('drops a dragged item after the other rows whose middle is above the pointer', () => {
		// Rows of 40 px, the second one 120 px tall: middles at 20, 100, 180, 220.
		const middles = [20, 100, 180, 220];
		expect(dropPlace(middles, 0, 10)).toBe(0);
		expect(dropPlace(middles, 0, 150)).toBe(1);
		expect(dropPlace(middles, 0, 500)).toBe(3);
		// The tall row dragged by its bottom edge stays put: its own middle is not counted.
		expect(dropPlace(middles, 1, 150)).toBe(1);
	});
});
