/**
 * The stored per-slot aggregates of the review log (stats/review-aggregates.ts). Every write
 * to `logs` counts its change here in the same transaction, so the two never part: a
 * transaction that aborts takes both down. "Check data" rebuilds them from the log.
 */
import { unwrap } from 'idb';
import type { ReviewLogRecord } from '../srs/records.ts';
import { canonicalJson } from '../sync/canonical-json.ts';
import {
	aggregateKey,
	AggregateDeltas,
	emptyAggregate,
	isEmptyAggregate,
	mergeAggregate,
	type ReviewAggregate,
} from '../stats/review-aggregates.ts';
import type { Db } from './db.ts';

export { AggregateDeltas };

/** The store's methods used here, whichever transaction it comes from. */
export interface AggregateStore {
	get(key: [string, number]): Promise<ReviewAggregate | undefined>;
	put(value: ReviewAggregate): Promise<unknown>;
	delete(key: [string, number]): Promise<unknown>;
}

/** Logs read at once by a rebuild: a million would not fit in memory together. */
const BATCH = 10_000;

/** Adds `deltas` to the stored aggregates; an aggregate that counts nothing any more is deleted. */
export async function writeAggregates(
	store: AggregateStore,
	deltas: AggregateDeltas,
): Promise<void> {
	const changes = deltas.values();
	const stored = await Promise.all(changes.map((d) => store.get([d.deck, d.slot])));
	await Promise.all(
		changes.map((delta, i) => {
			const agg = stored[i] ?? emptyAggregate(delta.deck, delta.slot);
			mergeAggregate(agg, delta);
			return isEmptyAggregate(agg) ? store.delete([delta.deck, delta.slot]) : store.put(agg);
		}),
	);
}

/** What `getAll` over a key range of `logs` gives, in whichever transaction. */
type LogReader = (range: IDBKeyRange | undefined, count: number) => Promise<ReviewLogRecord[]>;

/** The aggregates of every stored log, read a batch at a time in key order. */
export async function countStoredLogs(getAll: LogReader): Promise<ReviewAggregate[]> {
	const deltas = new AggregateDeltas();
	let after: number | undefined;
	for (;;) {
		const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
		const batch = await getAll(range, BATCH);
		for (const log of batch) deltas.add(log);
		if (batch.length < BATCH) break;
		after = batch[batch.length - 1].id!;
	}
	return deltas.values();
}

/**
 * Replaces the stored aggregates with `aggregates`. Raw requests (no promise per record): a
 * failed one aborts the transaction.
 */
export function replaceAggregates(
	store: IDBObjectStore,
	aggregates: readonly ReviewAggregate[],
): void {
	store.clear();
	for (const agg of aggregates) store.put(agg);
}

/**
 * "Check data": counts the whole log again and stores that count in place of the aggregates,
 * in one transaction. Returns how many stored aggregates were wrong or missing or left over.
 */
export async function rebuildAggregates(db: Db): Promise<number> {
	const tx = db.transaction(['logs', 'reviewAggregates'], 'readwrite', { durability: 'strict' });
	const logs = tx.objectStore('logs');
	const [counted, stored] = await Promise.all([
		countStoredLogs((range, count) => logs.getAll(range, count)),
		tx.objectStore('reviewAggregates').getAll(),
	]);
	const storedByKey = new Map(stored.map((a) => [aggregateKey(a.deck, a.slot), a]));
	let wrong = 0;
	for (const agg of counted) {
		const key = aggregateKey(agg.deck, agg.slot);
		const held = storedByKey.get(key);
		if (!held || canonicalJson(held) !== canonicalJson(agg)) wrong++;
		storedByKey.delete(key);
	}
	wrong += storedByKey.size;
	if (wrong > 0) replaceAggregates(unwrap(tx.objectStore('reviewAggregates')), counted);
	await tx.done;
	return wrong;
}
