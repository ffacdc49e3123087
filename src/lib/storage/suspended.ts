/**
 * Suspended cards of a deck, and bringing them back: besides Undo during the session, the deck
 * page is the way back for a card suspended by S or by the leech rule.
 */
import type { Db } from './db.ts';

export async function suspendedCount(db: Db, deck: string): Promise<number> {
	const cards = await db.getAllFromIndex('cards', 'deck', deck);
	return cards.filter((c) => c.suspended).length;
}

/** Unsuspends every suspended card of the deck in one transaction; returns how many. */
export async function unsuspendAll(db: Db, deck: string): Promise<number> {
	const tx = db.transaction('cards', 'readwrite', { durability: 'strict' });
	const cards = await tx.store.index('deck').getAll(deck);
	const suspended = cards.filter((c) => c.suspended);
	for (const card of suspended) void tx.store.put({ ...card, suspended: false });
	await tx.done;
	return suspended.length;
}
