import { describe, expect, it } from 'vitest';
import type { QuestionOf } from '../../src/lib/bank/schema.ts';
import { checkAnswer } from '../../src/lib/quiz/check.ts';
import { presentQuestion, toBankAnswer } from '../../src/lib/quiz/presentation.ts';

const common = {
	prompt: { zh: '问', en: 'Q' },
	explanation: { zh: '因为', en: 'Because' },
	source: { paragraphs: [1] },
	tags: ['t'],
};
// The right option first, as the review found the bank lists it.
const single: QuestionOf<'single'> = {
	...common,
	id: 's',
	type: 'single',
	options: [
		{ zh: '对', en: 'Right', correct: true },
		{ zh: '错一', en: 'Wrong 1' },
		{ zh: '错二', en: 'Wrong 2' },
		{ zh: '错三', en: 'Wrong 3' },
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

describe('a question as shown', () => {
	it('puts the right option anywhere, each place about as often, showing after showing', () => {
		const places = [0, 0, 0, 0];
		for (let n = 0; n < 4000; n++) {
			const order = presentQuestion(single, `showing-${n}`).optionOrder!;
			places[order.indexOf(0)]++;
		}
		// Chance alone keeps each place within 1000 ± 150 (far past 4 standard deviations).
		for (const count of places) expect(Math.abs(count - 1000)).toBeLessThan(150);
	});

	it('grades the option picked on screen, not the bank’s option at that place', () => {
		for (let n = 0; n < 50; n++) {
			const p = presentQuestion(single, `s${n}`);
			const rightPlace = p.optionOrder!.indexOf(0);
			const right = toBankAnswer({ type: 'single', choice: rightPlace }, p);
			const wrong = toBankAnswer({ type: 'single', choice: (rightPlace + 1) % 4 }, p);
			expect(checkAnswer(single, right, 'en').correct).toBe(true);
			expect(checkAnswer(single, wrong, 'en').correct).toBe(false);
		}
		const p = presentQuestion(multi, 'x');
		const ticks = [0, 1].map((i) => p.optionOrder!.indexOf(i));
		expect(
			checkAnswer(multi, toBankAnswer({ type: 'multi', choices: ticks }, p), 'en').correct,
		).toBe(true);
	});

	it('keeps true/false and typed questions as they are', () => {
		const tf: QuestionOf<'truefalse'> = { ...common, id: 't', type: 'truefalse', answer: true };
		const p = presentQuestion(tf, 'x');
		expect(p.optionOrder).toBeUndefined();
		expect(toBankAnswer({ type: 'truefalse', value: true }, p)).toEqual({
			type: 'truefalse',
			value: true,
		});
	});

	it('refuses a place no option is shown at', () => {
		expect(() => toBankAnswer({ type: 'single', choice: 9 }, presentQuestion(single, 'x'))).toThrow(
			/position 9/,
		);
	});
});
