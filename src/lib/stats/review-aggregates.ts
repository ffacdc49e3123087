/**
 * Per-slot aggregates of the review log: what the Statistics screen's activity, true retention
 * and answer-time figures need, kept up to date as reviews are written and removed, so the
 * screen reads a few thousand small records instead of every review.
 *
 * A slot is 15 minutes of UTC time, not a study day: a day's start hour and the time zone are
 * settings that can change, and every study day starts on a quarter hour (whole-hour day starts,
 * time zones a multiple of 15 minutes from UTC), so a slot lies inside one study day whichever
 * settings are in force when the statistics are counted.
 *
 * The rules here are pure: adding a log and removing it again gives back the aggregate it had.
 */
import { State } from 'ts-fsrs';
import { AGAIN, type ReviewLogRecord } from '../srs/records.ts';
import { ANSWER_TIME_CAP_MS, ANSWER_TIME_EDGES } from './answer-time.ts';
import { SLOT_MS } from './slot.ts';
import { MATURE_INTERVAL_DAYS } from './true-retention.ts';

export { SLOT_MS };

/** The reviews of one deck in one slot. */
export interface ReviewAggregate {
	deck: string;
	/** `floor(review / SLOT_MS)`. */
	slot: number;
	reviews: number;
	/** Reviews by rating: Again, Hard, Good, Easy (a rating outside 1..4 counts in none). */
	ratings: [number, number, number, number];
	/**
	 * Reviews of cards in the Review state (true retention): young passed, young failed, mature
	 * passed, mature failed, by the rules of true-retention.ts.
	 */
	retention: [number, number, number, number];
	/** Answers with a measured time, and without one (answer-time.ts). */
	measured: number;
	unmeasured: number;
	/** Sum of the measured times, each capped at `ANSWER_TIME_CAP_MS`. */
	totalMs: number;
	/** Measured answers per `ANSWER_TIME_EDGES` bucket. */
	timeBuckets: number[];
	/** Measured answers per capped time rounded to the millisecond (for the exact median). */
	durations: Record<number, number>;
}

/** The aggregate's key; undefined for a log no aggregate can hold (no deck, no time). */
export function slotOf(log: Pick<ReviewLogRecord, 'deck' | 'review'>): number | undefined {
	if (typeof log.deck !== 'string' || typeof log.review !== 'number') return undefined;
	if (!Number.isFinite(log.review)) return undefined;
	return Math.floor(log.review / SLOT_MS);
}

export function emptyAggregate(deck: string, slot: number): ReviewAggregate {
	return {
		deck,
		slot,
		reviews: 0,
		ratings: [0, 0, 0, 0],
		retention: [0, 0, 0, 0],
		measured: 0,
		unmeasured: 0,
		totalMs: 0,
		timeBuckets: new Array<number>(ANSWER_TIME_EDGES.length - 1).fill(0),
		durations: {},
	};
}

function timeBucket(ms: number): number {
	let i = ANSWER_TIME_EDGES.length - 2;
	while (i > 0 && ms < ANSWER_TIME_EDGES[i]) i--;
	return i;
}

/**
 * Adds (`sign` 1) or removes (`sign` -1) one log, in place. The log must belong to the
 * aggregate's deck and slot.
 */
export function countLog(agg: ReviewAggregate, log: ReviewLogRecord, sign: 1 | -1): void {
	agg.reviews += sign;
	if (log.rating >= 1 && log.rating <= 4) agg.ratings[log.rating - 1] += sign;
	if (log.state === State.Review) {
		const slot =
			(log.scheduledDays >= MATURE_INTERVAL_DAYS ? 2 : 0) + (log.rating === AGAIN ? 1 : 0);
		agg.retention[slot] += sign;
	}
	const ms = log.durationMs;
	if (!(ms > 0)) {
		agg.unmeasured += sign;
		return;
	}
	const capped = Math.min(ms, ANSWER_TIME_CAP_MS);
	agg.measured += sign;
	agg.totalMs += sign * capped;
	agg.timeBuckets[timeBucket(capped)] += sign;
	const key = Math.round(capped);
	const n = (agg.durations[key] ?? 0) + sign;
	if (n === 0) delete agg.durations[key];
	else agg.durations[key] = n;
}

/** Adds `delta`'s counts to `agg`, in place (both of the same deck and slot). */
export function mergeAggregate(agg: ReviewAggregate, delta: ReviewAggregate): void {
	agg.reviews += delta.reviews;
	for (let i = 0; i < 4; i++) {
		agg.ratings[i] += delta.ratings[i];
		agg.retention[i] += delta.retention[i];
	}
	agg.measured += delta.measured;
	agg.unmeasured += delta.unmeasured;
	agg.totalMs += delta.totalMs;
	for (let i = 0; i < agg.timeBuckets.length; i++) agg.timeBuckets[i] += delta.timeBuckets[i];
	for (const [key, count] of Object.entries(delta.durations)) {
		const k = Number(key);
		const n = (agg.durations[k] ?? 0) + count;
		if (n === 0) delete agg.durations[k];
		else agg.durations[k] = n;
	}
	// Sums of fractional times may keep a rounding residue once every answer is removed.
	if (agg.measured === 0) agg.totalMs = 0;
}

/** An aggregate that counts nothing: its record is deleted rather than kept. */
export function isEmptyAggregate(agg: ReviewAggregate): boolean {
	return agg.reviews === 0;
}

export const aggregateKey = (deck: string, slot: number) => `${slot}|${deck}`;

/**
 * Counts changes to be applied to stored aggregates: one delta per deck and slot touched, so
 * a transaction writes each record once, however many logs it adds or removes there.
 */
export class AggregateDeltas {
	readonly #deltas = new Map<string, ReviewAggregate>();

	add(log: ReviewLogRecord): void {
		this.#count(log, 1);
	}

	remove(log: ReviewLogRecord): void {
		this.#count(log, -1);
	}

	#count(log: ReviewLogRecord, sign: 1 | -1) {
		const slot = slotOf(log);
		if (slot === undefined) return;
		const key = aggregateKey(log.deck, slot);
		let delta = this.#deltas.get(key);
		if (!delta) this.#deltas.set(key, (delta = emptyAggregate(log.deck, slot)));
		countLog(delta, log, sign);
	}

	/** The deltas, without those that cancel out. */
	values(): ReviewAggregate[] {
		return [...this.#deltas.values()].filter(
			(d) => d.reviews !== 0 || d.measured !== 0 || d.unmeasured !== 0 || !sameCounts(d),
		);
	}
}

/** Whether a delta with no net reviews changes nothing (a log removed and written back as it was). */
function sameCounts(d: ReviewAggregate): boolean {
	return (
		d.ratings.every((n) => n === 0) &&
		d.retention.every((n) => n === 0) &&
		d.timeBuckets.every((n) => n === 0) &&
		Object.keys(d.durations).length === 0 &&
		d.totalMs === 0
	);
}

/** The aggregates of a whole log, by deck and slot (a rebuild, and what the tests compare with). */
export function aggregateLogs(logs: Iterable<ReviewLogRecord>): ReviewAggregate[] {
	const deltas = new AggregateDeltas();
	for (const log of logs) deltas.add(log);
	return deltas.values();
}
