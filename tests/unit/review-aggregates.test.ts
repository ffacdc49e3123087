// The per-slot aggregates of the review log: the rules for adding and removing a review, and
// that the Statistics screen's figures counted from them equal those counted from every review.
import fc from 'fast-check';
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Grade, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { logStatistics, statistics } from '../../src/lib/stats/index.ts';
import {
	AggregateDeltas,
	aggregateLogs,
	countLog,
	emptyAggregate,
	mergeAggregate,
	SLOT_MS,
	slotOf,
	type ReviewAggregate,
} from '../../src/lib/stats/review-aggregates.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2024-06-15T10:00+08:00');

function log(
	review: number,
	state: State,
	rating: Grade,
	scheduledDays: number,
	durationMs: number,
	deck = 'b/d',
): ReviewLogRecord {
	return {
		cardId: 'x',
		deck,
		rating,
		review,
		durationMs,
		config: 'k',
		state,
		due: review,
		stability: 1,
		difficulty: 5,
		elapsedDays: 0,
		lastElapsedDays: 0,
		scheduledDays,
		learningSteps: 0,
	};
}

const sorted = (aggs: ReviewAggregate[]) =>
	[...aggs].sort((a, b) => a.slot - b.slot || a.deck.localeCompare(b.deck));

describe('review aggregates', () => {
	it('counts a slot’s reviews by rating, true-retention class and answer time', () => {
		const start = 1_000 * SLOT_MS;
		const aggs = aggregateLogs([
			// Young (interval 3) passed, 4 s; mature (21) failed, 7 min (capped at 5 min).
			log(start, State.Review, 3, 3, 4_000),
			log(start + SLOT_MS - 1, State.Review, 1, 21, 420_000),
			// A learning step, unmeasured: counted, but not in true retention or answer time.
			log(start + 60_000, State.Learning, 2, 0, 0),
			// The next slot, and another deck in the same slot.
			log(start + SLOT_MS, State.New, 4, 0, 12_000),
			log(start, State.New, 4, 0, 12_000, 'b/e'),
		]);
		expect(sorted(aggs)).toEqual([
			{
				deck: 'b/d',
				slot: 1_000,
				reviews: 3,
				ratings: [1, 1, 1, 0],
				retention: [1, 0, 0, 1],
				measured: 2,
				unmeasured: 1,
				totalMs: 304_000,
				timeBuckets: [1, 0, 0, 0, 0, 0, 1],
				durations: { 4000: 1, 300000: 1 },
			},
			{ ...emptyAggregate('b/e', 1_000), ...counted12s },
			{ ...emptyAggregate('b/d', 1_001), ...counted12s },
		]);
	});

	it('leaves out a log without a finite time or a deck', () => {
		expect(slotOf({ deck: 'b/d', review: Number.NaN })).toBeUndefined();
		expect(slotOf({ deck: undefined as never, review: 5 })).toBeUndefined();
		expect(aggregateLogs([log(Infinity, State.New, 3, 0, 1)])).toEqual([]);
	});

	it('removing a review gives back the aggregate without it', () => {
		fc.assert(
			fc.property(fc.array(arbitraryLog(), { maxLength: 40 }), fc.nat(), (logs, cut) => {
				const kept = logs.slice(0, cut % (logs.length + 1));
				const deltas = new AggregateDeltas();
				for (const l of logs) deltas.add(l);
				for (const l of logs.slice(kept.length)) deltas.remove(l);
				expect(sorted(deltas.values())).toEqual(sorted(aggregateLogs(kept)));
			}),
		);
	});

	it('merging deltas into a stored aggregate is counting the logs into it', () => {
		const a = log(5 * SLOT_MS, State.Review, 1, 30, 2_500);
		const b = log(5 * SLOT_MS + 1, State.Review, 3, 2, 2_500);
		const stored = emptyAggregate('b/d', 5);
		countLog(stored, a, 1);
		const [delta] = aggregateLogs([b]);
		mergeAggregate(stored, delta);
		expect(stored).toEqual(aggregateLogs([a, b])[0]);
		const removal = emptyAggregate('b/d', 5);
		countLog(removal, a, -1);
		countLog(removal, b, -1);
		mergeAggregate(stored, removal);
		expect(stored).toEqual(emptyAggregate('b/d', 5));
	});

	it.each([
		['Asia/Shanghai', 4],
		['America/New_York', 0],
		['Asia/Kolkata', 4], // UTC+5:30
		['Asia/Kathmandu', 23], // UTC+5:45
	])(
		'gives the statistics that every review gives (%s, day from %i h)',
		(timeZone, hour) => {
			fc.assert(
				fc.property(
					fc.array(arbitraryLog(), { minLength: 60, maxLength: 150 }),
					fc.constantFrom(undefined, 'b/d'),
					(logs, deck) => {
						const input = {
							cards: [],
							questions: [],
							now: NOW,
							deck,
							settings: { dayStartsAt: hour, timeZone },
						};
						const fromAggregates = statistics({
							...input,
							logs: { aggregates: aggregateLogs(logs) },
						});
						const fromLogs = statistics({ ...input, logs });
						expect(fromAggregates).toEqual(fromLogs);
						// The first numbers, counted before the cards are read, are the same too.
						const { activity, retention, answerTime } = fromLogs;
						expect(logStatistics({ ...input, aggregates: aggregateLogs(logs) })).toEqual({
							activity,
							retention,
							answerTime,
						});
					},
				),
				{ numRuns: 25 },
			);
		},
		60_000,
	);
});

const counted12s = {
	reviews: 1,
	ratings: [0, 0, 0, 1],
	measured: 1,
	totalMs: 12_000,
	timeBuckets: [0, 0, 1, 0, 0, 0, 0],
	durations: { 12000: 1 },
};

function arbitraryLog() {
	return fc
		.record({
			// Over two years back, to a day ahead (a device clock set forward), any minute of
			// the day (so that reviews fall on both sides of day boundaries).
			days: fc.integer({ min: -1, max: 800 }),
			minute: fc.integer({ min: 0, max: 1439 }),
			ms: fc.integer({ min: 0, max: 59_999 }),
			state: fc.constantFrom(State.New, State.Learning, State.Review, State.Relearning),
			rating: fc.constantFrom<Grade>(1, 2, 3, 4),
			scheduledDays: fc.integer({ min: 0, max: 60 }),
			durationMs: fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 400_000 })),
			deck: fc.constantFrom('b/d', 'b/e'),
		})
		.map((r) =>
			log(
				NOW - r.days * DAY - r.minute * 60_000 - r.ms,
				r.state,
				r.rating,
				r.scheduledDays,
				r.durationMs,
				r.deck,
			),
		);
}
