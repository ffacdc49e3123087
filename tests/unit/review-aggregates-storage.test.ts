// The stored aggregates of the review log (storage/review-aggregates.ts) over the real stores
// (fake-indexeddb): after any sequence of reviews, undos, backup restores, bank deletions and
// sync merges they equal a count of the whole log; Check data rebuilds them when they do not.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deckKey, type Bank } from '../../src/lib/bank/index.ts';
import { importBankFile } from '../../src/lib/bank/exchange/index.ts';
import type { CardRecord, Grade } from '../../src/lib/srs/records.ts';
import { createScheduler } from '../../src/lib/srs/scheduler.ts';
import { aggregateLogs, type ReviewAggregate } from '../../src/lib/stats/review-aggregates.ts';
import { exportBackup, importBackup } from '../../src/lib/storage/backup-io.ts';
import { parseBackup } from '../../src/lib/storage/backup.ts';
import { openKiokuDb, SYNC_META_KEY, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { deleteImportedBank, saveImportedBank } from '../../src/lib/storage/imported-banks.ts';
import { replayPulled } from '../../src/lib/storage/pulled-replay.ts';
import { rebuildAggregates } from '../../src/lib/storage/review-aggregates.ts';
import { applyPulled } from '../../src/lib/storage/sync-apply.ts';
import { format } from '../../src/lib/sync/hlc.ts';
import type { Change } from '../../src/lib/sync/records.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_CONFIG, DEFAULT_KEY, T0 } from './sync-fixtures.ts';

const MINUTE = 60_000;
const NODE = '00000000000000a1';
let dbCount = 0;

function wordsBank(): Bank {
	const read = importBankFile('words.tsv', 'cat\tneko\ndog\tinu\nbird\ttori\n', {
		bankId: 'words',
		today: '2026-01-05',
	});
	if (!read.ok) throw new Error(JSON.stringify(read.error.errors));
	return read.value.bank;
}
const BANK = wordsBank();
const BANK_DECK = deckKey('words', BANK.decks[0].id);
const DECKS = [BANK_DECK, 'hsk/hsk1'];
const CARDS = ['a', 'b', 'c'];

const sorted = (aggs: ReviewAggregate[]) =>
	[...aggs].sort((a, b) => a.slot - b.slot || a.deck.localeCompare(b.deck));

async function expectCounted(db: Db) {
	const counted = aggregateLogs(await db.getAll('logs'));
	expect(sorted(await db.getAll('reviewAggregates'))).toEqual(sorted(counted));
}

/** A device that has started syncing (no account yet, so nothing is queued to push). */
async function device(): Promise<Db> {
	const db = await openKiokuDb(`aggregates-${++dbCount}`);
	await db.put('syncMeta', {
		key: SYNC_META_KEY,
		node: NODE,
		clock: format({ wall: T0, counter: 0, node: NODE }),
		cursor: 0,
		pushedLogId: 0,
	});
	await db.put('configs', { key: DEFAULT_KEY, config: DEFAULT_CONFIG });
	await saveImportedBank(db, BANK, 'words.tsv', T0);
	return db;
}

const scheduler = createScheduler(DEFAULT_CONFIG, UTC_DAYS);

/** Answers a card as a study session does: one review, written with its card. */
async function answer(
	db: Db,
	card: { id: string; deck: string; grade: Grade; durationMs: number },
	now: number,
) {
	const store = idbReviewStore(db);
	const stored = await db.get('cards', `${card.deck}:${card.id}`);
	const { state, log } = scheduler.rate(stored, now, card.grade, {
		cardId: `${card.deck}:${card.id}`,
		deck: card.deck,
		durationMs: card.durationMs,
	});
	const next: CardRecord = {
		id: `${card.deck}:${card.id}`,
		deck: card.deck,
		suspended: false,
		buriedUntil: 0,
		leech: false,
		...state,
	};
	const done = await store.commitReview(stored, next, log);
	return done.ok ? { before: stored, after: next, logId: done.value.logId } : undefined;
}

const answerArb = fc.record({
	id: fc.constantFrom(...CARDS),
	deck: fc.constantFrom(...DECKS),
	grade: fc.constantFrom<Grade>(1, 2, 3, 4),
	durationMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400_000 })),
});

const operation = fc.oneof(
	fc.record({ kind: fc.constant('answer' as const), answer: answerArb }),
	fc.record({ kind: fc.constant('undo' as const) }),
	fc.record({
		kind: fc.constant('restore' as const),
		mode: fc.constantFrom('merge' as const, 'replace' as const),
		// Reviews the other device made, and whether the backup is this device's own.
		answers: fc.array(answerArb, { maxLength: 4 }),
		own: fc.boolean(),
	}),
	fc.record({ kind: fc.constant('delete-bank' as const), withReviews: fc.boolean() }),
	fc.record({ kind: fc.constant('import-bank' as const) }),
	fc.record({
		kind: fc.constant('sync' as const),
		pulled: fc.array(
			fc.record({ answer: answerArb, minutesAgo: fc.integer({ min: 0, max: 20_000 }) }),
			{ maxLength: 4 },
		),
		// Indexes into the stored logs of reviews undone on another device.
		tombstones: fc.array(fc.nat(), { maxLength: 2 }),
	}),
);

describe('stored review aggregates', () => {
	it('equal a count of the log after any sequence of writes', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({ op: operation, gapMinutes: fc.integer({ min: 1, max: 3 * 24 * 60 }) }),
					{ minLength: 1, maxLength: 14 },
				),
				async (steps) => {
					const db = await device();
					let now = T0;
					let cursor = 0;
					const undoable: NonNullable<Awaited<ReturnType<typeof answer>>>[] = [];
					for (const { op, gapMinutes } of steps) {
						now += gapMinutes * MINUTE;
						switch (op.kind) {
							case 'answer': {
								const done = await answer(db, op.answer, now);
								if (done) undoable.push(done);
								break;
							}
							case 'undo': {
								const last = undoable.pop();
								if (last) await idbReviewStore(db).undoReview(last.after, last.before, last.logId);
								break;
							}
							case 'restore': {
								let source = db;
								if (!op.own) {
									source = await device();
									for (const [i, a] of op.answers.entries())
										await answer(source, a, now - (op.answers.length - i) * 7 * MINUTE);
								}
								const parsed = parseBackup(await exportBackup(source, now));
								if (!parsed.ok) throw new Error(parsed.error.message);
								await importBackup(db, parsed.value, op.mode, UTC_DAYS);
								undoable.length = 0;
								break;
							}
							case 'delete-bank':
								await deleteImportedBank(db, 'words', op.withReviews, now);
								break;
							case 'import-bank':
								await saveImportedBank(db, BANK, 'words.tsv', now);
								break;
							case 'sync': {
								const logs = await db.getAll('logs');
								const changes: Change[] = op.pulled.map(({ answer: a, minutesAgo }, i) => ({
									kind: 'review',
									uid: uuid7(now - minutesAgo * MINUTE, new Uint8Array(10).fill(i + 1)),
									cardId: `${a.deck}:${a.id}`,
									deck: a.deck,
									rating: a.grade,
									review: now - minutesAgo * MINUTE,
									durationMs: a.durationMs,
									config: DEFAULT_KEY,
								}));
								for (const t of op.tombstones)
									if (logs.length > 0 && logs[t % logs.length].uid)
										changes.push({
											kind: 'tombstone',
											uid: logs[t % logs.length].uid!,
											hlc: format({ wall: now, counter: 0, node: '00000000000000b2' }),
										});
								await applyPulled(db, changes, ++cursor, {
									now,
									days: UTC_DAYS,
									uiLanguage: 'en',
								});
								await replayPulled(db, UTC_DAYS);
								undoable.length = 0;
								break;
							}
						}
						await expectCounted(db);
					}
					// Nothing to rebuild: they were right all along.
					expect(await rebuildAggregates(db)).toBe(0);
					db.close();
				},
			),
			{ numRuns: 40 },
		);
	}, 120_000);

	it('Check data rebuilds aggregates that went wrong', async () => {
		const db = await device();
		await answer(db, { id: 'a', deck: 'hsk/hsk1', grade: 3, durationMs: 4000 }, T0);
		await answer(db, { id: 'b', deck: 'hsk/hsk1', grade: 1, durationMs: 0 }, T0 + 20 * MINUTE);
		const [first, second] = sorted(await db.getAll('reviewAggregates'));
		// One lost, one miscounted, one left over from a log that is gone.
		await db.delete('reviewAggregates', [first.deck, first.slot]);
		await db.put('reviewAggregates', { ...second, reviews: 7 });
		await db.put('reviewAggregates', { ...second, deck: 'gone/deck' });
		expect(await rebuildAggregates(db)).toBe(3);
		await expectCounted(db);
		expect(await db.count('reviewAggregates')).toBe(2);
	});
});
