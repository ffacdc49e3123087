/** The part of a question the statistics read, tagged with its deck (question ids are unique across banks). */
import { deckKey } from '../bank/catalog.ts';
import type { Question } from '../bank/schema.ts';
import type { Deck } from '../bank/validate.ts';

export type StatsQuestion = Pick<Question, 'id' | 'tags' | 'source'> & {
	/** `bank/deck`, as `CardRecord.deck`. */
	deck: string;
};

export function deckQuestions(deck: Pick<Deck, 'bankId' | 'id' | 'questions'>): StatsQuestion[] {
	const key = deckKey(deck.bankId, deck.id);
	return deck.questions.map(({ id, tags, source }) => ({ id, tags, source, deck: key }));
}
