import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Question, type QuestionOf } from '../../src/lib/bank/schema';
import { questionRuleViolations } from '../../src/lib/bank/rules';
import { checkAnswer } from '../../src/lib/quiz/check';
import { normalizeAnswer } from '../../src/lib/quiz/normalize';
import { cardIdOf, isCardDeck, withCardQuestions } from '../../src/lib/quiz/card-questions';
import { card, WORDS } from './card-fixtures';

const deck = [
	...WORDS,
	card(6, '大海', 'Sea'), // the same back as card 2, but for case
];

const made = (questions = deck) => withCardQuestions(questions).slice(questions.length);

describe('questions made from a deck of cards', () => {
	it('keeps the cards, then asks each card four ways: pick and type, front to back and back to front', () => {
		const all = withCardQuestions(deck);
		expect(all.slice(0, deck.length)).toEqual(deck);
		expect(made().filter((q) => cardIdOf(q.id) === 'words-1')).toMatchObject([
			{ id: 'words-1-pick-back', type: 'single', prompt: { en: '天空' } },
			{ id: 'words-1-pick-front', type: 'single', prompt: { en: 'sky' } },
			{ id: 'words-1-type-back', type: 'short', prompt: { en: '天空' }, answers: { en: ['sky'] } },
			{ id: 'words-1-type-front', type: 'short', prompt: { en: 'sky' }, answers: { en: ['天空'] } },
		]);
		expect(made()).toHaveLength(deck.length * 4);
	});

	it('gives multiple choice one right option, the card’s own, and three others from other cards that never read as it', () => {
		for (const q of made()) {
			if (q.type !== 'single') continue;
			const own = deck.find((c) => c.id === cardIdOf(q.id))!;
			const answer = q.id.endsWith('-pick-back') ? own.back.en : own.prompt.en;
			expect(q.options).toHaveLength(4);
			expect(q.options.filter((o) => o.correct).map((o) => o.en)).toEqual([answer]);
			const keys = q.options.map((o) => normalizeAnswer(o.en));
			expect(new Set(keys).size, `${q.id}: ${keys.join(', ')}`).toBe(4);
		}
		// "Sea" is card 6's back and reads as card 2's "sea": never a wrong option beside it.
		const sea = made().find((q) => q.id === 'words-2-pick-back') as QuestionOf<'single'>;
		expect(sea.options.map((o) => o.en)).not.toContain('Sea');
	});

	it('makes questions the bank schema and rules accept, and typed answers the checker marks right', () => {
		for (const q of made()) {
			expect(v.safeParse(Question, q).success, q.id).toBe(true);
			expect(questionRuleViolations(q), q.id).toEqual([]);
			if (q.type === 'short') {
				const typed = q.answers.en[0].toUpperCase();
				expect(checkAnswer(q, { type: 'short', text: typed }, 'en').correct, q.id).toBe(true);
				expect(checkAnswer(q, { type: 'short', text: 'nothing' }, 'en').correct).toBe(false);
			}
		}
	});

	it('gives the same questions and options every time, so a shared test link shows everyone the same', () => {
		expect(made()).toEqual(made());
	});

	it('asks a deck with fewer than four different answers by typing only', () => {
		const small = deck.slice(0, 3);
		expect(made(small).map((q) => q.type)).toEqual(Array(6).fill('short'));
	});

	it('leaves a deck with any question that is not a card as it is', () => {
		const statement: QuestionOf<'truefalse'> = {
			id: 'tf-1',
			type: 'truefalse',
			prompt: { zh: '天空是蓝色的。', en: 'The sky is blue.' },
			answer: true,
			explanation: { zh: '是。', en: 'Yes.' },
			source: { paragraphs: [1] },
			tags: ['imported'],
		};
		const questions = [...deck, statement];
		expect(isCardDeck(questions)).toBe(false);
		expect(withCardQuestions(questions)).toEqual(questions);
		expect(withCardQuestions([])).toEqual([]);
	});

	it('maps a made question back to its card, and any other id to itself', () => {
		for (const q of made()) expect(deck.map((c) => c.id)).toContain(cardIdOf(q.id));
		expect(cardIdOf('sec-001')).toBe('sec-001');
		expect(cardIdOf('words-1')).toBe('words-1');
	});
});
