/**
 * What the app lists before a deck is opened: banks and decks with their counts, without the
 * questions themselves, so the home page stays small and each deck loads on its own.
 */
import {
	QUESTION_TYPES,
	type ContentLocale,
	type LocalizedText,
	type QuestionType,
} from './schema.ts';
import type { Bank, Deck } from './validate.ts';

import { IMPORTED_SOURCE_URL } from './imported-source.ts';

export { IMPORTED_SOURCE_URL };

export interface DeckSummary {
	id: string;
	bankId: string;
	title: LocalizedText;
	description?: LocalizedText;
	questionCount: number;
	typeCounts: Record<QuestionType, number>;
	/**
	 * The questions' ids in deck order: enough for home to count a deck's new cards without
	 * loading its questions (each built-in deck is a chunk of 30–40 KB).
	 */
	questionIds: string[];
}

/** Without `retired`, an author's concern that the app never needs. */
export interface BankSummary extends Omit<Bank, 'decks' | 'retired'> {
	questionCount: number;
	decks: DeckSummary[];
}

export function deckKey(bankId: string, deckId: string): string {
	return `${bankId}/${deckId}`;
}

/**
 * A bank's title, with its id when another of `banks` has the same title (an imported copy of
 * a bank, say): two rows that read alike would be two different banks.
 */
export function bankLabel(
	bank: Pick<BankSummary, 'id' | 'title'>,
	banks: readonly Pick<BankSummary, 'id' | 'title'>[],
	lang: ContentLocale,
): string {
	const title = bank.title[lang];
	const shared = banks.some((b) => b.id !== bank.id && b.title[lang] === title);
	return shared ? `${title} (${bank.id})` : title;
}

/** A tag's title from the first of `banks` that gives it one; the tag's id when none does. */
export function tagTitle(
	tag: string,
	banks: readonly Pick<BankSummary, 'tags'>[],
	lang: ContentLocale,
): string {
	for (const bank of banks) {
		const title = bank.tags?.[tag];
		if (title) return title[lang];
	}
	return tag;
}

export function summarizeDeck(deck: Deck): DeckSummary {
	const typeCounts = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<
		QuestionType,
		number
	>;
	for (const q of deck.questions) typeCounts[q.type]++;
	const { id, bankId, title, description } = deck;
	return {
		id,
		bankId,
		title,
		description,
		questionCount: deck.questions.length,
		typeCounts,
		questionIds: deck.questions.map((q) => q.id),
	};
}

export function summarizeBanks(banks: Bank[]): BankSummary[] {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
	return banks.map(({ decks, retired, ...bank }) => ({
		...bank,
		questionCount: decks.reduce((n, d) => n + d.questions.length, 0),
		decks: decks.map(summarizeDeck),
	}));
}
