/**
 * Quiz questions made from a deck of flashcards (an imported vocabulary list), as Quizlet's
 * Learn and Test do: for every card, multiple choice and a typed answer, each both ways (front →
 * back and back → front). Without them a practice test on an imported bank had nothing to ask.
 *
 * A made question answers for its card: its id is the card's id plus a suffix naming the kind
 * and the direction, and `cardIdOf` gives the card back, so an answer counts as a review of the
 * card the learner studies, and a test's due or weak pool is the card's.
 */
import type { LocalizedText, Question, QuestionOf } from '../bank/schema.ts';
import { seededShuffle } from '../random/seeded-shuffle.ts';
import { sameTextKeys } from './normalize.ts';

type Card = QuestionOf<'flashcard'>;
type Made = QuestionOf<'single'> | QuestionOf<'short'>;

/** Suffix → how the question asks. Ids stay valid question ids (lower case, digits, "-"). */
const KINDS = {
	'-pick-back': { type: 'single', ask: 'front' },
	'-pick-front': { type: 'single', ask: 'back' },
	'-type-back': { type: 'short', ask: 'front' },
	'-type-front': { type: 'short', ask: 'back' },
} as const;
type Suffix = keyof typeof KINDS;
const SUFFIXES = Object.keys(KINDS) as Suffix[];

/** Options of a made multiple-choice question: the right one and three others. */
export const CARD_CHOICES = 4;

/** The card a made question answers for; any other id is its own card. */
export function cardIdOf(questionId: string): string {
	const suffix = SUFFIXES.find((s) => questionId.endsWith(s));
	return suffix ? questionId.slice(0, -suffix.length) : questionId;
}

/** A deck made only of flashcards is a card deck: its cards are quizzed through made questions. */
export function isCardDeck(questions: readonly Question[]): questions is Card[] {
	return questions.length > 0 && questions.every((q) => q.type === 'flashcard');
}

/**
 * The deck's questions, and for a card deck the questions made from its cards, card by card.
 * Multiple choice needs three other distinct answers on the same side, so a deck with fewer
 * than four distinct backs (or fronts) gets typed questions only that way. The wrong options
 * are drawn from the other cards with a seed made of the card's id: the same deck always gives
 * the same question (a shared test link shows everyone the same options).
 */
export function withCardQuestions(questions: readonly Question[]): Question[] {
	if (!isCardDeck(questions)) return [...questions];
	const taken = new Set(questions.map((q) => q.id));
	const made: Made[] = [];
	for (const card of questions) {
		for (const suffix of SUFFIXES) {
			const id = card.id + suffix;
			if (taken.has(id)) continue; // never shadow a real question
			const question = makeQuestion(card, questions, suffix, id);
			if (question) made.push(question);
		}
	}
	return [...questions, ...made];
}

function makeQuestion(card: Card, deck: readonly Card[], suffix: Suffix, id: string): Made | null {
	const { type, ask } = KINDS[suffix];
	const prompt = ask === 'front' ? card.prompt : card.back;
	const answer = ask === 'front' ? card.back : card.prompt;
	const common = {
		id,
		prompt,
		// The card itself, both sides: what a learner wants to see after answering.
		explanation: {
			zh: `${card.prompt.zh} — ${card.back.zh}`,
			en: `${card.prompt.en} — ${card.back.en}`,
		},
		source: card.source,
		tags: card.tags,
		...(card.difficulty ? { difficulty: card.difficulty } : {}),
	};
	if (type === 'short') {
		return { ...common, type, answers: { zh: [answer.zh], en: [answer.en] } };
	}
	const others = otherAnswers(card, deck, ask === 'front' ? 'back' : 'prompt');
	if (others.length < CARD_CHOICES - 1) return null;
	const wrong = seededShuffle(others, `${id}:options`).slice(0, CARD_CHOICES - 1);
	return {
		...common,
		type,
		options: [{ ...answer, correct: true }, ...wrong.map((w) => ({ ...w, correct: false }))],
	};
}

/** The same side of the deck's other cards, each text once, none that reads as the answer. */
function otherAnswers(card: Card, deck: readonly Card[], side: 'back' | 'prompt'): LocalizedText[] {
	const seen = new Set(sameTextKeys(card[side]));
	const out: LocalizedText[] = [];
	for (const other of deck) {
		if (other.id === card.id) continue;
		const keys = sameTextKeys(other[side]);
		if (keys.some((k) => seen.has(k))) continue;
		keys.forEach((k) => seen.add(k));
		out.push({ zh: other[side].zh, en: other[side].en });
	}
	return out;
}
