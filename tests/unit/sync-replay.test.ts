import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grade, MemoryState, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { replayCard, sameMemoryState, UnknownConfigError } from '../../src/lib/srs/replay.ts';
import { newMemoryState } from '../../src/lib/srs/convert.ts';
import { configKey, createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { EMPTY_STATE, mergeChanges } from '../../src/lib/sync/merge.ts';
import { syncedFromLocal } from '../../src/lib/sync/local-log.ts';
import type { SyncedReview } from '../../src/lib/sync/records.ts';
import { historiesByCard, replayContext, replaySynced } from '../../src/lib/sync/replay-synced.ts';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_CONFIG, DEFAULT_KEY, DECK, review, T0 } from './sync-fixtures.ts';

const HOUR = 3_600_000;
const answers = fc.array(
	fc.record({
		grade: fc.constantFrom<Grade>(1, 2, 3, 4),
		gap: fc.integer({ min: 1, max: 30 * 24 * HOUR }),
	}),
	{ minLength: 1, maxLength: 12 },
);

/** A card studied on one device, as the session does it: its states and its stored log. */
function study(list: { grade: Grade; gap: number }[], stored?: MemoryState) {
	const scheduler = createScheduler(DEFAULT_CONFIG, UTC_DAYS);
	let state = stored;
	let now = T0;
	const logs: ReviewLogRecord[] = [];
	for (const { grade, gap } of list) {
		now += gap;
		const meta = { cardId: 'ni-hao', deck: DECK, durationMs: 3000 };
		const answer = scheduler.rate(state, now, grade, meta);
		logs.push(answer.log);
		state = answer.state;
	}
	return { state, logs };
}

const context = () => ({ configs: new Map([[DEFAULT_KEY, DEFAULT_CONFIG]]), days: UTC_DAYS });

describe('replaying the synced log', () => {
	it('leaves the cards of a device that studied alone as they were', () => {
		// A new card is answered from nothing, or from a record stored before (suspended, say).
		const storedNew = fc.option(fc.constant(newMemoryState(T0 - 10 * 24 * HOUR)), {
			nil: undefined,
		});
		fc.assert(
			fc.property(answers, storedNew, (list, stored) => {
				const { state, logs } = study(list, stored);
				const synced = logs.map((log) => {
					const r = syncedFromLocal(log);
					if (!r.ok) throw new Error(r.error);
					return r.value;
				});
				const replayed = replaySynced(synced, context());
				expect(sameMemoryState(replayed.state, state)).toBe(true);
			}),
			{ numRuns: 50 },
		);
	});

	it('writes logs from which Check data replays the same card, rescheduled or not', () => {
		const fitted = schedulerConfig({ ...DEFAULT_DECK_OPTIONS, desiredRetention: 0.8 });
		const fittedKey = configKey(fitted);
		fc.assert(
			fc.property(answers, fc.nat(12), (list, rescheduleAfter) => {
				const { logs } = study(list);
				const synced = logs.map((log) => (syncedFromLocal(log) as { value: SyncedReview }).value);
				const ctx = () => ({
					configs: new Map([
						[DEFAULT_KEY, DEFAULT_CONFIG],
						[fittedKey, fitted],
					]),
					days: UTC_DAYS,
				});
				const at = synced[Math.min(rescheduleAfter, synced.length - 1)].review;
				for (const rescheduled of [undefined, { config: fittedKey, at }]) {
					const replayed = replaySynced(synced, ctx(), rescheduled);
					expect(replayed.logs.map((l) => l.config)).toEqual(synced.map(() => DEFAULT_KEY));
					expect(replayed.logs.map((l) => l.uid)).toEqual(synced.map((r) => r.uid));
					const checked = replayCard(replayed.logs, ctx(), rescheduled);
					expect(sameMemoryState(checked, replayed.state)).toBe(true);
				}
			}),
			{ numRuns: 50 },
		);
	});

	it('orders each card by time, then uid, whatever order the reviews arrived in', () => {
		const reviews = [
			review({ uid: '01900000-0000-7000-8000-000000000003', review: T0 + 2, cardId: 'a' }),
			review({ uid: '01900000-0000-7000-8000-000000000002', review: T0 + 1, cardId: 'a' }),
			review({ uid: '01900000-0000-7000-8000-000000000001', review: T0 + 1, cardId: 'a' }),
			review({ uid: '01900000-0000-7000-8000-000000000004', review: T0, cardId: 'b' }),
		];
		fc.assert(
			fc.property(fc.shuffledSubarray(reviews, { minLength: 4 }), (arrived) => {
				const histories = historiesByCard(arrived);
				expect(histories.get('a')!.map((r) => r.uid.slice(-1))).toEqual(['1', '2', '3']);
				expect(histories.get('b')).toHaveLength(1);
			}),
		);
	});

	it('builds its context from the configurations synced, and says which one is missing', () => {
		const r = review();
		const { state } = mergeChanges(EMPTY_STATE, [
			{ kind: 'config', key: DEFAULT_KEY, config: DEFAULT_CONFIG },
			r,
		]);
		expect(replaySynced([r], replayContext(state, UTC_DAYS)).state?.reps).toBe(1);
		expect(() => replaySynced([r], replayContext(EMPTY_STATE, UTC_DAYS))).toThrow(
			UnknownConfigError,
		);
	});
});
