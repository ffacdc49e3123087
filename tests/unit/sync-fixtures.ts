import fc from 'fast-check';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { format } from '../../src/lib/sync/hlc.ts';
import type { Change, SyncedReview } from '../../src/lib/sync/records.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';

export const T0 = Date.UTC(2026, 0, 5, 9);
export const NODES = ['00000000000000a1', '00000000000000b2', '00000000000000c3'];
export const DECK = 'hsk/hsk1';

export const DEFAULT_CONFIG = schedulerConfig(DEFAULT_DECK_OPTIONS);
export const DEFAULT_KEY = configKey(DEFAULT_CONFIG);

export function review(overrides: Partial<SyncedReview> = {}): SyncedReview {
	return {
		kind: 'review',
		uid: uuid7(T0, new Uint8Array(10).fill(7)),
		cardId: 'ni-hao',
		deck: DECK,
		rating: 3,
		review: T0,
		durationMs: 4000,
		config: DEFAULT_KEY,
		...overrides,
	};
}

/** A few uids, hlc times and keys, so that generated changes often meet the same ones. */
const uids = [0, 1, 2, 3].map((i) => uuid7(T0 + i, new Uint8Array(10).fill(i)));
const hlcs = [0, 1, 2].flatMap((wall) =>
	NODES.slice(0, 2).map((node) => format({ wall: T0 + wall, counter: 0, node })),
);
const registerKeys = [`deck:${DECK}:desiredRetention`, `deck:${DECK}:newPerDay`];

/** Any change from small pools: repeats, conflicts, tombstones before reviews, equal times. */
export const anyChange: fc.Arbitrary<Change> = fc.oneof(
	fc.record({
		kind: fc.constant('review' as const),
		uid: fc.constantFrom(...uids),
		cardId: fc.constantFrom('a', 'b'),
		deck: fc.constant(DECK),
		rating: fc.constantFrom(1 as const, 3 as const),
		review: fc.constantFrom(T0, T0 + 60_000),
		durationMs: fc.constant(1000),
		config: fc.constant(DEFAULT_KEY),
	}),
	fc.record({
		kind: fc.constant('tombstone' as const),
		uid: fc.constantFrom(...uids),
		hlc: fc.constantFrom(...hlcs),
	}),
	fc.record({
		kind: fc.constant('register' as const),
		key: fc.constantFrom(...registerKeys),
		value: fc.constantFrom(0.85, 0.9, 20),
		hlc: fc.constantFrom(...hlcs),
	}),
	fc.record({
		kind: fc.constant('config' as const),
		key: fc.constant(DEFAULT_KEY),
		// The second is forged (its key is not its hash): merge still picks one the same way.
		config: fc.constantFrom(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, maximumInterval: 365 }),
	}),
);
