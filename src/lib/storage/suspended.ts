/**
 * Suspended cards of a deck, and bringing them back: besides Undo during the session, the deck
 * page is the way back for a card suspended by S or by the leech rule.
 */
import type { Db } from './db.ts';
import { asJournal, cardFlagChanges, journal, JOURNAL_STORES } from './sync-journal.ts';

export async function suspendedCount(db: Db, deck: string): Promise<number> {
	const cards = await db.getAllFromIndex('cards', 'deck', deck);
	return cards.filter((c) => c.suspended).length;
}

/** Unsuspends every suspended card of the deck in one transaction; returns how many. */
export async function unsuspendAll(db: Db, deck: string): Promise<number> {
	const tx = db.transaction(['cards', ...JOURNAL_STORES], 'readwrite', { durability: 'strict' });
	const store = tx.objectStore('cards');
	const cards = await store.index('deck').getAll(deck);
	const suspended = cards.filter((c) => c.suspended);
	const changes = suspended.flatMap((card) => {
		const next = { ...card, suspended: false };
		void store.put(next);
		return cardFlagChanges(card, next);
	});
	await journal(asJournal(tx), changes, Date.now());
	await tx.done;
	return suspended.length;
}
