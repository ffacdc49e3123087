/**
 * Suspending, unsuspending and burying many cards at once, as the card browser does: one
 * transaction, journalled for sync like the study screen's S and bury (cardFlagChanges). Only
 * the flags change; memory states and the review log are untouched, so nothing is lost and a
 * replay of the log ("Check data", a merge) keeps them.
 *
 * Forgetting is a flag too, the time of the forget (`forgottenAt`): the card becomes the new
 * card a replay from that time gives (replay.ts `afterForget`), and the log keeps its reviews.
 */
import { State } from 'ts-fsrs';
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

/**
 * Resets each stored, answered card to a new card due `now`, keeping its deck and flags: it is
 * suspended, buried or marked a leech as before (Anki keeps the leech tag too; the lapses that
 * made it one stay in the log). A card that is new already, or never answered, is left alone.
 * Returns how many cards were forgotten, and their decks, for other tabs.
 */
export async function forgetCards(
	db: Db,
	targets: readonly CardTarget[],
	now: number,
): Promise<{ count: number; decks: Set<string> }> {
	const tx = db.transaction(['cards', ...JOURNAL_STORES], 'readwrite', { durability: 'strict' });
	const store = tx.objectStore('cards');
	const stored = await Promise.all(targets.map((t) => store.get(t.id)));
	const decks = new Set<string>();
	let count = 0;
	const changes = stored.flatMap((before) => {
		if (!before || before.state === State.New) return [];
		count++;
		const after: CardRecord = { ...before, ...newMemoryState(now), forgottenAt: now };
		// A new card has no last answer: the replay's new card has none either.
		delete after.lastReview;
		void store.put(after);
		decks.add(before.deck);
		return cardFlagChanges(before, after);
	});
	await journal(asJournal(tx), changes, now);
	await tx.done;
	return { count, decks };
}

/** When each forgotten card was forgotten, for the optimizer (fsrs-items.ts `sinceForgotten`). */
export async function forgottenTimes(db: Db): Promise<Map<string, number>> {
	const times = new Map<string, number>();
	for (const card of await db.getAll('cards'))
		if (card.forgottenAt) times.set(card.id, card.forgottenAt);
	return times;
}
