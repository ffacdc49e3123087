/** How long answers take: mean, median and a distribution, from the review logs. */
import type { ReviewLogRecord } from '../srs/records.ts';
import { Histogram, type Bucket } from './histogram.ts';
import type { ReviewAggregate } from './review-aggregates.ts';

/**
 * Longer answers count as this long: the rest is a card left open, not thinking (Anki caps
 * answer time the same way, at 60 s by default; typed answers here need longer).
 */
export const ANSWER_TIME_CAP_MS = 5 * 60_000;

/** Milliseconds: 5 s, 10 s, 20 s, 30 s, 1 min, 2 min, and up to the cap. */
export const ANSWER_TIME_EDGES = [0, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, Infinity];

export interface AnswerTimeStats {
	/** Answers with a measured time. */
	count: number;
	/** Answers without one (duration 0 or less: imported, or the clock moved back). */
	unmeasured: number;
	/** Sum of the capped times (ms). */
	totalMs: number;
	meanMs: number | null;
	/** Median of the capped times, to the millisecond. */
	medianMs: number | null;
	buckets: Bucket[];
}

/**
 * One pass over the logs. The median comes from a count per whole millisecond up to the cap
 * (1.2 MB for 5 min), which is exact and avoids sorting a million durations.
 */
export function answerTimes(logs: readonly ReviewLogRecord[]): AnswerTimeStats {
	const perMs = new Uint32Array(ANSWER_TIME_CAP_MS + 1);
	const histogram = new Histogram(ANSWER_TIME_EDGES);
	let count = 0,
		unmeasured = 0,
		totalMs = 0;
	for (const log of logs) {
		const ms = log.durationMs;
		if (!(ms > 0)) {
			unmeasured++;
			continue;
		}
		const capped = Math.min(ms, ANSWER_TIME_CAP_MS);
		count++;
		totalMs += capped;
		histogram.add(capped);
		perMs[Math.round(capped)]++;
	}
	return {
		count,
		unmeasured,
		totalMs,
		meanMs: count === 0 ? null : totalMs / count,
		medianMs: count === 0 ? null : median(perMs, count),
		buckets: histogram.buckets(),
	};
}

/** `answerTimes` from the per-slot aggregates (review-aggregates.ts). */
export function answerTimesOfAggregates(aggregates: readonly ReviewAggregate[]): AnswerTimeStats {
	const perMs = new Uint32Array(ANSWER_TIME_CAP_MS + 1);
	const counts = new Array<number>(ANSWER_TIME_EDGES.length - 1).fill(0);
	let count = 0,
		unmeasured = 0,
		totalMs = 0;
	for (const agg of aggregates) {
		count += agg.measured;
		unmeasured += agg.unmeasured;
		totalMs += agg.totalMs;
		for (let i = 0; i < counts.length; i++) counts[i] += agg.timeBuckets[i];
		for (const key in agg.durations) perMs[Number(key)] += agg.durations[key];
	}
	return {
		count,
		unmeasured,
		totalMs,
		meanMs: count === 0 ? null : totalMs / count,
		medianMs: count === 0 ? null : median(perMs, count),
		buckets: counts.map((n, i) => ({
			from: ANSWER_TIME_EDGES[i],
			to: ANSWER_TIME_EDGES[i + 1],
			count: n,
		})),
	};
}

/** The median of `count` values given as a count per value; the mean of the two middle ones when even. */
function median(perValue: Uint32Array, count: number): number {
	const lower = Math.floor((count - 1) / 2),
		upper = Math.floor(count / 2);
	let seen = 0,
		low = -1;
	for (let value = 0; value < perValue.length; value++) {
		seen += perValue[value];
		if (low < 0 && seen > lower) low = value;
		if (seen > upper) return (low + value) / 2;
	}
	throw new RangeError('fewer values than counted');
}
