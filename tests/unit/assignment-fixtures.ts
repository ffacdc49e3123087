/**
 * The shipped banks as the server loads them, and answers a student gives to an assignment's
 * items (right ones and wrong ones, in the positions shown), for the assignment tests and bench.
 */
import { clozeBlanks, parseCloze } from '../../src/lib/bank/cloze.ts';
import type { Deck } from '../../src/lib/bank/validate.ts';
import type { AssignmentAnswer } from '../../src/lib/classes/assignment-protocol.ts';
import { isCorrectOption, type TestItem } from '../../src/lib/quiz/build-test.ts';
import { loadBankTree } from '../../scripts/bank-tree.ts';

const tree = loadBankTree('questions');

/** `loadDeck` of $lib/content/decks, on the banks under questions/. */
export async function shippedDeck(bankId: string, deckId: string): Promise<Deck | undefined> {
	return tree.banks.find((b) => b.id === bankId)?.decks.find((d) => d.id === deckId);
}

export const DECK = 'us-japan-2023/security-defence';
export const OTHER_DECK = 'us-japan-2023/diplomacy-partners';

const positions = (item: TestItem, right: boolean) =>
	(item.optionOrder ?? []).flatMap((option, position) =>
		isCorrectOption(item, option) === right ? [position] : [],
	);

const clozeAnswers = (text: string) => {
	const parsed = parseCloze(text);
	if (!parsed.ok) throw new Error(parsed.error);
	return clozeBlanks(parsed.value).map((b) => b.answers[0]);
};

/** The right answer, typed in `lang` for a typed question. */
export function rightAnswer(item: TestItem, lang: 'zh' | 'en' = 'en'): AssignmentAnswer {
	const q = item.question;
	switch (q.type) {
		case 'single':
			return { type: 'single', choice: positions(item, true)[0] };
		case 'multi':
			return { type: 'multi', choices: positions(item, true) };
		case 'truefalse':
			return { type: 'truefalse', value: q.answer };
		case 'short':
			return { type: 'short', text: q.answers[lang][0] };
		case 'cloze':
			return { type: 'cloze', blanks: clozeAnswers(q.text[lang]) };
		case 'order':
			return { type: 'order', order: q.items.map((_, i) => i) };
	}
}

/** A wrong answer (`text` for a typed one). */
export function wrongAnswer(item: TestItem, text = 'no idea'): AssignmentAnswer {
	const q = item.question;
	switch (q.type) {
		case 'single':
			return { type: 'single', choice: positions(item, false)[0] };
		case 'multi':
			return { type: 'multi', choices: positions(item, false).slice(0, 1) };
		case 'truefalse':
			return { type: 'truefalse', value: !q.answer };
		case 'short':
			return { type: 'short', text };
		case 'cloze':
			return { type: 'cloze', blanks: clozeAnswers(q.text.en).map(() => text) };
		case 'order': {
			const order = q.items.map((_, i) => i);
			return { type: 'order', order: [...order.slice(1), order[0]] };
		}
	}
}

/** The deck ids of a shipped bank (the server's `bankDecks`). */
export const shippedBankDecks = (bankId: string): string[] | undefined =>
	tree.banks.find((b) => b.id === bankId)?.decks.map((d) => d.id);

/** The ids of the shipped bank's questions citing any of the paragraphs, each once. */
export function shippedParagraphQuestions(bankId: string, paragraphs: number[]): string[] {
	const ids = new Set<string>();
	for (const d of tree.banks.find((b) => b.id === bankId)?.decks ?? [])
		for (const q of d.questions)
			if (q.source.paragraphs.some((p) => paragraphs.includes(p))) ids.add(q.id);
	return [...ids];
}
