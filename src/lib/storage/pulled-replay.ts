/**
 * The second half of a pull: every card with pulled reviews rebuilt once from its merged history,
 * its stored logs and the reviews sync-apply.ts stored page by page. Its logs are written again
 * with the state before each review, so card states stay equal to what Check data's replay of
 * the stored log gives (replay-synced.ts).
 *
 * The pulled reviews are read a bucket of cards at a time (every page's record for that bucket),
 * so a card's whole history is in hand at once and memory holds one bucket, not the history.
 * Each bucket is one transaction that removes what it replayed, so a replay cut off (a closed
 * tab) goes on from the next bucket at the next sync. Cards queued by a tombstone or a reschedule
 * (`replayQueue`) follow, in batches.
 *
 * What it costs is writing the logs: Chromium's IndexedDB took about 0.07 ms per log with its
 * three indexes on this machine, so a million reviews take over a minute however they are read.
 */
import { unwrap } from 'idb';
import { State } from 'ts-fsrs';
import { newMemoryState } from '../srs/convert.ts';
import type { DeckOptions } from '../srs/options.ts';
import type { CardRecord, ReviewLogRecord } from '../srs/records.ts';
import type { SchedulerConfig } from '../srs/scheduler.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { canonicalJson } from '../sync/canonical-json.ts';
import { syncedFromLocal } from '../sync/local-log.ts';
import type { SyncedReview } from '../sync/records.ts';
import { cardKey } from '../sync/registers.ts';
import { byReviewTime, replaySynced } from '../sync/replay-synced.ts';
import { SYNC_META_KEY, type Db, type KiokuDB } from './db.ts';
import { AggregateDeltas, writeAggregates } from './review-aggregates.ts';
import type { IDBPTransaction } from 'idb';

/** About this many reviews per bucket: one bucket's replay is one transaction. */
const REVIEWS_PER_BUCKET = 20_000;
/** Queued cards per transaction. */
const QUEUE_BATCH = 500;

/** How many buckets a pull of about `reviews` reviews is spread over. */
export function bucketsFor(reviews: number): number {
	return Math.min(1024, Math.max(1, Math.ceil(reviews / REVIEWS_PER_BUCKET)));
}

/** The bucket a card's pulled reviews go to (FNV-1a over its id). */
export function bucketOf(cardId: string, buckets: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < cardId.length; i++) {
		hash ^= cardId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % buckets;
}

const STORES = [
	'cards',
	'logs',
	'configs',
	'deckOptions',
	'syncMeta',
	'registers',
	'tombstones',
	'pulled',
	'replayQueue',
	'reviewAggregates',
] as const;

type ReplayTx = IDBPTransaction<KiokuDB, (typeof STORES)[number][], 'readwrite'>;

export interface ReplayProgress {
	done: number;
	total: number;
}

export interface Replayed {
	/** Pulled reviews this device did not have. */
	received: number;
	/** Decks whose cards changed. */
	decks: Set<string>;
}

/** Whether anything waits to be replayed. */
export async function replayWaiting(db: Db): Promise<boolean> {
	const [pulled, queued] = await Promise.all([db.count('pulled'), db.count('replayQueue')]);
	return pulled + queued > 0;
}

/**
 * Replays every waiting card. `onStep` hears after each transaction, with how many of the steps
 * counted at the start are done, and the decks it changed.
 */
export async function replayPulled(
	db: Db,
	days: StudyDays,
	onStep?: (p: ReplayProgress, decks: ReadonlySet<string>) => void,
): Promise<Replayed> {
	const bucketKeys = await db.getAllKeys('pulled');
	const buckets = [...new Set(bucketKeys.map((k) => k[0]))];
	const total = buckets.length + Math.ceil((await db.count('replayQueue')) / QUEUE_BATCH);
	const all: Replayed = { received: 0, decks: new Set() };
	// Every sync ends here: one with nothing pulled reads nothing more.
	if (total === 0) return all;
	const tombstoned = new Set(buckets.length > 0 ? await db.getAllKeys('tombstones') : []);
	let done = 0;
	const step = (r: Replayed) => {
		all.received += r.received;
		for (const d of r.decks) all.decks.add(d);
		done++;
		onStep?.({ done: Math.min(done, total), total: Math.max(total, done) }, r.decks);
	};
	for (const bucket of buckets) step(await replayBucket(db, days, bucket, tombstoned));
	for (;;) {
		const r = await replayQueued(db, days);
		if (!r) break;
		step(r);
	}
	return all;
}

/** One bucket's cards, from every page's record for it. */
async function replayBucket(
	db: Db,
	days: StudyDays,
	bucket: number,
	tombstoned: ReadonlySet<string>,
): Promise<Replayed> {
	const tx = db.transaction([...STORES], 'readwrite', { durability: 'strict' });
	const range = IDBKeyRange.bound([bucket, -Infinity], [bucket, Infinity]);
	const pulledOf = new Map<string, Map<string, SyncedReview>>();
	for (const record of await tx.objectStore('pulled').getAll(range))
		for (const r of record.reviews) {
			if (tombstoned.has(r.uid)) continue;
			const reviews = pulledOf.get(r.cardId);
			// Keyed by uid: a review on two pages (resent) is one review.
			if (reviews) reviews.set(r.uid, r);
			else pulledOf.set(r.cardId, new Map([[r.uid, r]]));
		}
	const cardIds = [...pulledOf.keys()];
	const result = await replayCards(tx, days, cardIds, pulledOf, () => true);
	unwrap(tx.objectStore('pulled')).delete(range);
	await tx.done;
	return result;
}

/** A batch of the cards a tombstone or a reschedule queued; undefined when none is left. */
async function replayQueued(db: Db, days: StudyDays): Promise<Replayed | undefined> {
	const tx = db.transaction([...STORES], 'readwrite', { durability: 'strict' });
	const entries = await tx.objectStore('replayQueue').getAll(undefined, QUEUE_BATCH);
	if (entries.length === 0) {
		await tx.done;
		return undefined;
	}
	const logsOf = new Map(entries.map((e) => [e.cardId, e.logs]));
	const result = await replayCards(
		tx,
		days,
		entries.map((e) => e.cardId),
		new Map(),
		(id) => logsOf.get(id) === true,
	);
	const queue = unwrap(tx.objectStore('replayQueue'));
	for (const e of entries) queue.delete(e.cardId);
	await tx.done;
	return result;
}

/**
 * Rebuilds `cardIds` from their stored logs and pulled reviews. `writeLogs(id)`: whether the
 * card's reviews changed, so its logs are written again (a reschedule alone leaves them, as
 * where it was made: reschedule.ts).
 */
async function replayCards(
	tx: ReplayTx,
	days: StudyDays,
	cardIds: readonly string[],
	pulledOf: ReadonlyMap<string, ReadonlyMap<string, SyncedReview>>,
	writeLogs: (id: string) => boolean,
): Promise<Replayed> {
	const logs = tx.objectStore('logs');
	const cards = tx.objectStore('cards');
	const [configList, meta, lastLog, cardList, storedLists] = await Promise.all([
		tx.objectStore('configs').getAll(),
		tx.objectStore('syncMeta').get(SYNC_META_KEY),
		logs.openKeyCursor(null, 'prev'),
		Promise.all(cardIds.map((id) => cards.get(id))),
		Promise.all(
			cardIds.map((id) =>
				logs.index('card').getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity])),
			),
		),
	]);
	if (!meta) throw new Error('this device has not started syncing');
	// Logs above `pushedLogId` are still to be pushed; when there are none, the logs this replay
	// adds are the account's own and need not go back.
	const caughtUp = (lastLog?.primaryKey ?? 0) <= meta.pushedLogId;
	const configs = new Map<string, SchedulerConfig>(configList.map((c) => [c.key, c.config]));
	const replay = { configs, days, cache: new Map() };
	const optionsOf = new Map<string, DeckOptions | undefined>();
	const decks = new Set<string>();
	let received = 0;
	const deltas = new AggregateDeltas();

	// Raw requests: twenty thousand logs would otherwise be as many promises to resolve.
	const rawLogs = unwrap(logs);
	const rawCards = unwrap(cards);
	for (const [i, id] of cardIds.entries()) {
		const stored = storedLists[i];
		const idOf = new Map<string, number>();
		const storedByUid = new Map<string, ReviewLogRecord>();
		const history: SyncedReview[] = [];
		for (const log of stored) {
			const synced = syncedFromLocal(log);
			// A stored log that cannot sync stays as it is, and so does its card.
			if (!synced.ok) continue;
			idOf.set(synced.value.uid, log.id!);
			storedByUid.set(synced.value.uid, log);
			history.push(synced.value);
		}
		if (history.length < stored.length) continue;
		// A log stored without its uid (an older writer) is found by its derived uid here.
		for (const r of pulledOf.get(id)?.values() ?? [])
			if (!idOf.has(r.uid)) {
				history.push(r);
				received++;
			}
		history.sort(byReviewTime);
		const card = cardList[i];
		const deck = card?.deck ?? history.at(-1)?.deck;
		if (deck && !optionsOf.has(deck))
			optionsOf.set(deck, (await tx.objectStore('deckOptions').get(deck))?.options);
		const options = deck ? optionsOf.get(deck) : undefined;
		const flags = card ?? (await flagsFromRegisters(tx, id));
		// An unknown configuration throws: nothing of this transaction is kept, and it waits.
		const { state, logs: replayed } = replaySynced(
			history,
			replay,
			options?.rescheduled,
			flags.forgottenAt,
		);
		if (writeLogs(id))
			for (const log of replayed) {
				const key = idOf.get(log.uid);
				if (key === undefined) {
					rawLogs.add(log);
					deltas.add(log);
					continue;
				}
				// Reviews before the new ones replay as they were stored: only a changed one is
				// written again.
				const next = { ...log, id: key };
				const before = storedByUid.get(log.uid)!;
				if (canonicalJson(next) !== canonicalJson(before)) {
					rawLogs.put(next);
					deltas.remove(before);
					deltas.add(next);
				}
			}
		if (deck) decks.add(deck);
		if (!state) {
			// Every review undone: a new card again, kept only for flags set on it.
			if (card && (card.suspended || card.buriedUntil > 0 || card.leech))
				rawCards.put({ ...card, ...newMemoryState(card.due), state: State.New });
			else if (card) rawCards.delete(id);
			continue;
		}
		const next: CardRecord = {
			id,
			deck: deck!,
			suspended: flags.suspended,
			buriedUntil: flags.buriedUntil,
			leech: flags.leech,
			...state,
		};
		if (flags.forgottenAt) next.forgottenAt = flags.forgottenAt;
		rawCards.put(next);
	}
	await writeAggregates(tx.objectStore('reviewAggregates'), deltas);
	if (caughtUp) {
		const end = await logs.openKeyCursor(null, 'prev');
		await tx
			.objectStore('syncMeta')
			.put({ ...meta, pushedLogId: Math.max(meta.pushedLogId, end?.primaryKey ?? 0) });
	}
	return { received, decks };
}

/** The flags of a card stored here for the first time, from the registers synced for it. */
async function flagsFromRegisters(tx: ReplayTx, id: string) {
	const registers = tx.objectStore('registers');
	const [suspended, buriedUntil, leech, forgottenAt] = await Promise.all([
		registers.get(cardKey(id, 'suspended')),
		registers.get(cardKey(id, 'buriedUntil')),
		registers.get(cardKey(id, 'leech')),
		registers.get(cardKey(id, 'forgottenAt')),
	]);
	return {
		suspended: suspended?.value === true,
		buriedUntil: typeof buriedUntil?.value === 'number' ? buriedUntil.value : 0,
		leech: leech?.value === true,
		forgottenAt: typeof forgottenAt?.value === 'number' ? forgottenAt.value : undefined,
	};
}
