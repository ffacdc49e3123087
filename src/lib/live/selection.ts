/**
 * How many questions a live setup's choice of decks and types holds, as the server will count
 * them: a deck of flashcards is asked through the questions made from its cards (two multiple
 * choice and two typed per card, see quiz/card-questions.ts).
 */
import type { DeckSummary } from '../bank/catalog.ts';
import type { LiveType } from './protocol.ts';

/** Made per card by card-questions.ts: each kind both ways. */
const MADE_PER_CARD: Partial<Record<LiveType, number>> = { single: 2, short: 2 };

function askable(deck: DeckSummary, type: LiveType): number {
	const cards = deck.typeCounts.flashcard ?? 0;
	const cardDeck = cards > 0 && cards === deck.questionCount;
	return cardDeck ? cards * (MADE_PER_CARD[type] ?? 0) : (deck.typeCounts[type] ?? 0);
}

/** The questions of the chosen decks (by `bank/deck` key) of the chosen types. */
export function questionsInSelection(
	decks: readonly DeckSummary[],
	chosen: readonly string[],
	types: readonly LiveType[],
): number {
	const keys = new Set(chosen);
	let n = 0;
	for (const deck of decks) {
		if (!keys.has(`${deck.bankId}/${deck.id}`)) continue;
		for (const type of types) n += askable(deck, type);
	}
	return n;
}
