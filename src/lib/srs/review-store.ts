/**
 * What a study session needs from storage. The browser implements it over IndexedDB
 * (src/lib/storage); tests can use the same implementation over fake-indexeddb.
 */
import type { CardRecord, ReviewLogRecord } from './records.ts';
import type { Result } from '../result.ts';
import type { SchedulerConfig } from './scheduler.ts';

export interface DeckSnapshot {
	/** Stored cards of the deck due before `dueBefore` (learning, reviews, unreviewed records). */
	candidates: CardRecord[];
	/** Ids of every stored card of the deck (of `only`'s cards, when the read named them). */
	knownIds: Set<string>;
	/** Answers given since `since`: first answers of new cards, and answers to review cards. */
	doneToday: { newCards: number; reviews: number };
}

/** A write that found the card changed by someone else (another tab) since it was read: the card as it is now. */
export interface Conflict {
	current: CardRecord | undefined;
}

export interface ReviewStore {
	/**
	 * The deck's cards due before `dueBefore` and today's answers. `only`: a few of its cards (a
	 * focused group), read by id instead of reading the whole deck.
	 */
	loadDeck(
		deck: string,
		since: number,
		dueBefore: number,
		only?: readonly string[],
	): Promise<DeckSnapshot>;
	getCard(id: string): Promise<CardRecord | undefined>;
	/**
	 * How many of the deck's cards fall due in each span [start, end) (ms), for the load
	 * balancer. A store without it (a test's) studies without balancing.
	 */
	countDue?(deck: string, spans: readonly { start: number; end: number }[]): Promise<number[]>;
	/** Keeps a scheduler configuration that logs will refer to by key (idempotent). */
	saveConfig(key: string, config: SchedulerConfig): Promise<void>;
	/** Saves the card's new state and appends its log in one transaction, if the card is still `expected`. */
	commitReview(
		expected: CardRecord | undefined,
		next: CardRecord,
		log: ReviewLogRecord,
	): Promise<Result<{ logId: number }, Conflict>>;
	/** Puts the card back to `restore` (deleting it when undefined) and removes the log, if the card is still `current`. */
	undoReview(
		current: CardRecord,
		restore: CardRecord | undefined,
		logId: number,
	): Promise<Result<void, Conflict>>;
	/** Saves (or, with `undefined`, deletes) a card changed without a review (bury, suspend), if it is still `expected`. */
	putCard(
		expected: CardRecord | undefined,
		next: CardRecord | undefined,
	): Promise<Result<void, Conflict>>;
}

/** Two reads of one card agree when nothing reviewed or changed it in between. */
export function sameVersion(a: CardRecord | undefined, b: CardRecord | undefined): boolean {
	if (!a || !b) return a === b;
	return (
		a.reps === b.reps &&
		a.lastReview === b.lastReview &&
		a.due === b.due &&
		a.suspended === b.suspended &&
		a.buriedUntil === b.buriedUntil &&
		a.forgottenAt === b.forgottenAt
	);
}
