/**
 * Suspending, unsuspending and burying many cards at once, as the card browser does: one
 * transaction, journalled for sync like the study screen's S and bury (cardFlagChanges). Only
 * the flags change; memory states and the review log are untouched, so nothing is lost and a
 * replay of the log ("Check data", a merge) keeps them.
 */
import { newMemoryState } from '../srs/convert.ts';
import type { CardRecord } from '../srs/records.ts';
import type { Db } from './db.ts';
import { asJournal, cardFlagChanges, journal, JOURNAL_STORES } from './sync-journal.ts';

export interface CardTarget {
	id: string;
	/** `bank/deck`. */
	deck: string;
}

export type FlagPatch = Partial<Pick<CardRecord, 'suspended' | 'buriedUntil'>>;

/**
 * Applies `patch` to each card; a question never answered gets a stored new card carrying the
 * flag (as suspending it in study does). Returns the decks whose cards changed, for other tabs.
 */
export async function setCardFlags(
	db: Db,
	targets: readonly CardTarget[],
	patch: FlagPatch,
	now: number,
): Promise<Set<string>> {
	const tx = db.transaction(['cards', ...JOURNAL_STORES], 'readwrite', { durability: 'strict' });
	const store = tx.objectStore('cards');
	const stored = await Promise.all(targets.map((t) => store.get(t.id)));
	const decks = new Set<string>();
	const changes = targets.flatMap((target, i) => {
		const before: CardRecord | undefined = stored[i];
		const base: CardRecord = before ?? {
			...newMemoryState(now),
			id: target.id,
			deck: target.deck,
			suspended: false,
			buriedUntil: 0,
			leech: false,
		};
		const after = { ...base, ...patch };
		const flags = cardFlagChanges(before, after);
		// Unsuspending a card that was never stored changes nothing: no record is made for it.
		if (flags.length === 0) return [];
		void store.put(after);
		decks.add(target.deck);
		return flags;
	});
	await journal(asJournal(tx), changes, now);
	await tx.done;
	return decks;
}
