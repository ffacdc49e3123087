/**
 * A bank question as a live game shows it: options and order items in an order drawn from the
 * game's secret (see secret-order.ts), and a public form built field by field, so a flag added
 * to the bank later cannot slip through.
 */
import type { LocalizedText, Question } from '../bank/schema.ts';
import { secretShuffle, secretShuffleNotAsGiven } from './secret-order.ts';
import { LIVE_TYPES, type LiveType, type PublicCorrect, type PublicQuestion } from './protocol.ts';

export type LiveQuestion = Extract<Question, { type: LiveType }>;

/** Server-only: the question with its answers, and the order the players see. */
export interface GameQuestion {
	question: LiveQuestion;
	/** Single/multi: the bank option index shown at each position. */
	optionOrder?: number[];
	/** Order: the bank item index shown at each position; never the right order. */
	itemOrder?: number[];
}

export function isLiveQuestion(q: Question): q is LiveQuestion {
	return (LIVE_TYPES as readonly string[]).includes(q.type);
}

const keys = (n: number) => [...Array(n).keys()];

/**
 * Options are shuffled on every presentation, whatever the question order: banks tend to list
 * the right option first. `secret` is the game's own; `label` tells this question's order apart.
 * True/false keeps its order (true, false): it has nothing to give away.
 */
export function prepareQuestion(q: LiveQuestion, secret: string, label: string): GameQuestion {
	switch (q.type) {
		case 'single':
		case 'multi':
			return { question: q, optionOrder: secretShuffle(keys(q.options.length), secret, label) };
		case 'order':
			// The bank order is the answer: never shown as it is.
			return {
				question: q,
				itemOrder: secretShuffleNotAsGiven(keys(q.items.length), secret, label),
			};
		default:
			return { question: q };
	}
}

/** Copies only the two texts: a bank option also carries its `correct` flag. */
const text = (t: LocalizedText): LocalizedText => ({ zh: t.zh, en: t.en });

export function publicQuestion(g: GameQuestion, withTexts = true): PublicQuestion {
	const q = g.question;
	const prompt = text(q.prompt);
	switch (q.type) {
		case 'single':
		case 'multi': {
			const order = g.optionOrder ?? keys(q.options.length);
			const options = withTexts ? { options: order.map((i) => text(q.options[i])) } : {};
			return { type: q.type, prompt, count: order.length, ...options };
		}
		case 'order': {
			const order = g.itemOrder ?? keys(q.items.length);
			const items = withTexts ? { items: order.map((i) => text(q.items[i])) } : {};
			return { type: 'order', prompt, count: order.length, ...items };
		}
		case 'truefalse':
		case 'short':
			return { type: q.type, prompt };
	}
}

/** What a phone may see of a question before it is revealed. */
export function toPublicQuestion(q: LiveQuestion, secret: string, label = q.id) {
	return publicQuestion(prepareQuestion(q, secret, label));
}

/** The right answer in shown positions; only for the reveal. */
export function publicCorrect(g: GameQuestion): PublicCorrect {
	const q = g.question;
	switch (q.type) {
		case 'single':
		case 'multi': {
			const order = g.optionOrder ?? keys(q.options.length);
			const positions = keys(order.length).filter((p) => q.options[order[p]].correct === true);
			return q.type === 'single'
				? { type: 'single', position: positions[0] }
				: { type: 'multi', positions };
		}
		case 'truefalse':
			return { type: 'truefalse', value: q.answer };
		case 'order': {
			const order = g.itemOrder ?? keys(q.items.length);
			return { type: 'order', order: keys(order.length).map((i) => order.indexOf(i)) };
		}
		case 'short':
			return { type: 'short', answers: { zh: [...q.answers.zh], en: [...q.answers.en] } };
	}
}
