/** The stored cards of some decks, as they are (a practice test picks its pool from them). */
import type { CardRecord } from '../srs/records.ts';
import type { Db } from './db.ts';

export async function deckCards(db: Db, decks: readonly string[]): Promise<CardRecord[]> {
	const tx = db.transaction('cards');
	const byDeck = await Promise.all(decks.map((d) => tx.store.index('deck').getAll(d)));
	return byDeck.flat();
}

/** When the deck was last answered (ms), from its newest log; none if never. */
export async function lastReviewOf(db: Db, deck: string): Promise<number | undefined> {
	const range = IDBKeyRange.bound([deck, -Infinity], [deck, Infinity]);
	const cursor = await db.transaction('logs').store.index('deck-review').openCursor(range, 'prev');
	return cursor?.value.review;
}
