/**
 * The study session's store over IndexedDB. A review is one read-write transaction over the card
 * and the log: the card is re-read inside it, so an answer given in another tab since this tab
 * read the card is refused (no double counting), and the card and its log are written together
 * or not at all. `strict` durability: the answer is on disk before the next card is shown.
 */
import { State } from 'ts-fsrs';
import type { CardRecord } from '../srs/records.ts';
import { sameVersion, type ReviewStore } from '../srs/review-store.ts';
import { err, ok } from '../result.ts';
import { abandon } from './abandon.ts';
import type { Db, KiokuDB } from './db.ts';
import type { IDBPObjectStore } from 'idb';
import { AggregateDeltas, writeAggregates } from './review-aggregates.ts';
import { derivedUid } from '../sync/local-log.ts';
import {
	asJournal,
	cardFlagChanges,
	journal,
	journalUndo,
	JOURNAL_STORES,
} from './sync-journal.ts';

const STRICT = { durability: 'strict' } as const;

/**
 * Up to this many cards a read by id is quicker than reading the deck: a focused group of 1,250
 * cards in a deck of 50,000 took 660 ms through the deck's index (`npm run bench`), because every
 * card was read and most thrown away. Gets in one transaction are pipelined, but each is a round
 * trip, so a group near the deck's size is read the other way.
 */
const READ_EACH_AT_MOST = 5_000;

/** `only`'s stored cards of `deck` due before `dueBefore`, and the ids of all of them stored. */
async function readEach(
	cards: IDBPObjectStore<KiokuDB, ['cards', 'logs'], 'cards'>,
	deck: string,
	dueBefore: number,
	only: readonly string[],
): Promise<[CardRecord[], string[]]> {
	const found = (await Promise.all(only.map((id) => cards.get(id)))).filter(
		(card): card is CardRecord => card !== undefined && card.deck === deck,
	);
	return [found.filter((card) => card.due < dueBefore), found.map((card) => card.id)];
}

export function idbReviewStore(db: Db, onChange?: (deck: string) => void): ReviewStore {
	return {
		async loadDeck(deck, since, dueBefore, only) {
			const tx = db.transaction(['cards', 'logs'], 'readonly');
			const cards = tx.objectStore('cards');
			const [[candidates, keys], todays] = await Promise.all([
				only && only.length <= READ_EACH_AT_MOST
					? readEach(cards, deck, dueBefore, only)
					: Promise.all([
							cards
								.index('deck-due')
								.getAll(IDBKeyRange.bound([deck, -Infinity], [deck, dueBefore], false, true)),
							cards.index('deck').getAllKeys(IDBKeyRange.only(deck)),
						]),
				tx
					.objectStore('logs')
					.index('deck-review')
					.getAll(IDBKeyRange.bound([deck, since], [deck, Infinity])),
			]);
			const doneToday = { newCards: 0, reviews: 0 };
			for (const log of todays) {
				if (log.state === State.New) doneToday.newCards++;
				else if (log.state === State.Review) doneToday.reviews++;
			}
			return { candidates, knownIds: new Set(keys), doneToday };
		},

		getCard(id) {
			return db.get('cards', id);
		},

		countDue(deck, spans) {
			// Counts over the index in one transaction: no card is read.
			const index = db.transaction('cards').store.index('deck-due');
			return Promise.all(
				spans.map(({ start, end }) =>
					index.count(IDBKeyRange.bound([deck, start], [deck, end], false, true)),
				),
			);
		},

		async saveConfig(key, config) {
			// A key is the hash of its configuration: one stored is this one. Reading is cheaper
			// than a write transaction, and every study session starts with this call.
			if ((await db.getKey('configs', key)) !== undefined) return;
			await db.put('configs', { key, config });
		},

		async commitReview(expected, next, log) {
			const tx = db.transaction(
				['cards', 'logs', 'reviewAggregates', ...JOURNAL_STORES],
				'readwrite',
				STRICT,
			);
			const current = await tx.objectStore('cards').get(next.id);
			if (!sameVersion(current, expected)) {
				await abandon(tx);
				return err({ current });
			}
			try {
				// The writes are independent: issued together, they run in one pass of the
				// transaction instead of waiting a round trip each (the answer is on screen sooner).
				// The uid a first sync would derive for it: the same review is the same everywhere.
				const uid = log.uid ?? derivedUid(log.cardId, log.review);
				const deltas = new AggregateDeltas();
				deltas.add(log);
				const [, logId] = await Promise.all([
					tx.objectStore('cards').put(next),
					tx.objectStore('logs').add({ ...log, uid }),
					writeAggregates(tx.objectStore('reviewAggregates'), deltas),
					journal(asJournal(tx), cardFlagChanges(expected, next), log.review),
				]);
				await tx.done;
				onChange?.(next.deck);
				return ok({ logId });
			} catch (error) {
				// Both or neither: a failed log write must take the card write down with it.
				await abandon(tx);
				throw error;
			}
		},

		async undoReview(current, restore, logId) {
			const tx = db.transaction(
				['cards', 'logs', 'reviewAggregates', ...JOURNAL_STORES],
				'readwrite',
				STRICT,
			);
			const stored = await tx.objectStore('cards').get(current.id);
			if (!sameVersion(stored, current)) {
				await abandon(tx);
				return err({ current: stored });
			}
			await (restore
				? tx.objectStore('cards').put(restore)
				: tx.objectStore('cards').delete(current.id));
			const undone = await tx.objectStore('logs').get(logId);
			await tx.objectStore('logs').delete(logId);
			if (undone) {
				const deltas = new AggregateDeltas();
				deltas.remove(undone);
				await writeAggregates(tx.objectStore('reviewAggregates'), deltas);
			}
			// Undone here, undone everywhere: a tombstone for the review's uid.
			await journalUndo(asJournal(tx), undone?.uid, Date.now());
			await journal(asJournal(tx), cardFlagChanges(current, restore), Date.now());
			await tx.done;
			onChange?.(current.deck);
			return ok(undefined);
		},

		async putCard(expected, next) {
			const id = (next ?? expected)!.id;
			const tx = db.transaction(['cards', ...JOURNAL_STORES], 'readwrite', STRICT);
			const cards = tx.objectStore('cards');
			const stored: CardRecord | undefined = await cards.get(id);
			if (!sameVersion(stored, expected)) {
				await abandon(tx);
				return err({ current: stored });
			}
			await (next ? cards.put(next) : cards.delete(id));
			await journal(asJournal(tx), cardFlagChanges(stored, next), Date.now());
			await tx.done;
			onChange?.((next ?? expected)!.deck);
			return ok(undefined);
		},
	};
}
