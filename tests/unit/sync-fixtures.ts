import fc from 'fast-check';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { format } from '../../src/lib/sync/hlc.ts';
import type { Change, SyncedReview } from '../../src/lib/sync/records.ts';
import type { SyncedTestResult } from '../../src/lib/sync/synced-result.ts';
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
	fc.record({
		kind: fc.constant('bank' as const),
		id: fc.constantFrom('words', 'verbs'),
		hlc: fc.constantFrom(...hlcs),
		// A deletion, or one of two versions of the bank.
		bank: fc.constantFrom(null, syncedBankData('First'), syncedBankData('Second')),
	}),
	fc.record({
		kind: fc.constant('result' as const),
		uid: fc.constantFrom(...uids.slice(0, 2)),
		// The second is forged (another result under the same uid).
		result: fc.constantFrom(testResult(), testResult({ startedAt: T0 - 1000 })),
	}),
);

/** A synced bank's content: a one-card bank titled `title`. */
export function syncedBankData(title: string, fileName = 'words.tsv') {
	return {
		fileName,
		importedAt: T0,
		kioku: {
			title: { zh: title, en: title },
			source: {
				title: fileName,
				author: '—',
				publisher: '—',
				date: '2026-01-05',
				url: 'https://example.org/',
			},
			paragraphs: 1,
			decks: [{ id: 'cards', title: { zh: title, en: title }, questions: [] }],
		},
	};
}

/** A finished one-question practice test. */
export function testResult(overrides: Partial<SyncedTestResult> = {}): SyncedTestResult {
	return {
		spec: {
			decks: [DECK],
			count: 1,
			types: ['single'],
			pool: 'all',
			timeLimit: { mode: 'none' },
			feedback: 'end',
			partialCredit: false,
			feedFsrs: false,
			shuffle: true,
			lang: 'en',
			seed: 'abcd1234',
		},
		startedAt: T0 - 60_000,
		finishedAt: T0,
		items: [
			{
				id: 'q1',
				deck: DECK,
				type: 'single',
				correct: true,
				score: 1,
				timeMs: 5000,
				answered: true,
				answer: { type: 'single', choice: 0 },
				prompt: 'Which?',
				answerText: 'This',
				rightAnswer: 'This',
				explanation: 'Because.',
				paragraphs: [1],
			},
		],
		summary: {
			total: 1,
			answered: 1,
			correct: 1,
			points: 1,
			percent: 100,
			timeMs: 5000,
			missedIds: [],
			byType: { single: { total: 1, correct: 1 } },
		},
		...overrides,
	};
}
