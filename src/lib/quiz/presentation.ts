/**
 * How a question is laid out for one showing. The banks list a question's options in an order
 * of their own (often the right one first), and a learner who studies a card many times would
 * learn the position instead of the answer: so choice options are shuffled each time a card is
 * shown, and order items start from an arrangement of that showing. True/false keeps its order.
 * Answers are given by position on screen and mapped back to the bank's option indices here.
 */
import type { Question } from '../bank/schema.ts';
import type { Answer } from './check.ts';
import { seededShuffle } from '../random/seeded-shuffle.ts';

export interface Presentation {
	/** Seeds everything random about this showing (also order items' starting arrangement). */
	seed: string;
	/** Single/multi: the bank's option indices in the order shown. */
	optionOrder?: number[];
}

export function presentQuestion(q: Question, seed: string): Presentation {
	if (q.type !== 'single' && q.type !== 'multi') return { seed };
	const indices = q.options.map((_, i) => i);
	return { seed, optionOrder: seededShuffle(indices, `${seed}:options`) };
}

/** The answer as the bank numbers options (an answer names options by their place on screen). */
export function toBankAnswer(answer: Answer, presentation: Presentation): Answer {
	const order = presentation.optionOrder;
	if (!order) return answer;
	const bankIndex = (position: number) => {
		const index = order[position];
		if (index === undefined) throw new Error(`No option is shown at position ${position}`);
		return index;
	};
	if (answer.type === 'single') return { type: 'single', choice: bankIndex(answer.choice) };
	if (answer.type === 'multi') return { type: 'multi', choices: answer.choices.map(bankIndex) };
	return answer;
}

/** A fresh seed for one showing of a card. */
export function showingSeed(): string {
	return Math.random().toString(36).slice(2);
}
