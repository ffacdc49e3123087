/**
 * "I was right" on a finished practice test's results: the item counts as right (or, taken back,
 * as the checker said), the score is summed again, and when the test counted as reviews, that
 * review's rating is corrected and marked as overruled in the log, and the card's memory state
 * is replayed from its log with it. One transaction: the result and the card change together.
 */
import { summarize } from '../quiz/score.ts';
import { GOOD, type CardRecord } from '../srs/records.ts';
import { replayCard } from '../srs/replay.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { abandon } from './abandon.ts';
import type { Db } from './db.ts';
import { AggregateDeltas, writeAggregates } from './review-aggregates.ts';
import { uuid7 } from '../sync/uuid7.ts';
import { asJournal, journalUndo, JOURNAL_STORES } from './sync-journal.ts';
import type { TestItemResult, TestResultRecord } from './test-results.ts';

export class CannotOverruleError extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'CannotOverruleError';
	}
}

const TYPED = new Set(['short', 'cloze']);

/** The item with the learner's verdict (`right`) or the checker's again. */
export function overruledItem(item: TestItemResult, right: boolean): TestItemResult {
	if (right) {
		if (!TYPED.has(item.type) || !item.answered || item.correct)
			throw new CannotOverruleError('only a typed answer marked wrong can be counted as right');
		return {
			...item,
			correct: true,
			score: 1,
			overruled: true,
			checked: { correct: item.correct, score: item.score },
		};
	}
	if (!item.checked) throw new CannotOverruleError('this answer was not overruled');
	const { checked, ...rest } = item;
	delete rest.overruled;
	return { ...rest, correct: checked.correct, score: checked.score };
}

export async function setOverruled(
	db: Db,
	resultId: number,
	index: number,
	right: boolean,
	days: StudyDays,
): Promise<TestResultRecord> {
	const tx = db.transaction(
		[
			'testResults',
			'cards',
			'logs',
			'reviewAggregates',
			'configs',
			'deckOptions',
			...JOURNAL_STORES,
		],
		'readwrite',
		{
			durability: 'strict',
		},
	);
	try {
		const record = await tx.objectStore('testResults').get(resultId);
		const item = record?.items[index];
		if (!record || !item) throw new CannotOverruleError('no such test result');
		let items = record.items.map((it, i) => (i === index ? overruledItem(it, right) : it));
		const logId = item.review && (await amendReview(tx, item, right));
		// The corrected review is a new log: the item names it from now on.
		if (logId !== undefined && item.review)
			items = items.map((it, i) =>
				i === index ? { ...it, review: { ...item.review!, logId } } : it,
			);
		const updated: TestResultRecord = { ...record, items, summary: summarize(items) };
		await tx.objectStore('testResults').put(updated);
		await tx.done;
		return updated;
	} catch (error) {
		await abandon(tx);
		throw error;
	}

	/** The new log's id, or undefined when the review is gone. */
	async function amendReview(
		t: typeof tx,
		item: TestItemResult,
		overruled: boolean,
	): Promise<number | undefined> {
		const { logId, rating } = item.review!;
		const logs = t.objectStore('logs');
		const log = await logs.get(logId);
		// The review was undone or its bank deleted since: only the result changes.
		if (!log) return undefined;
		// A review's content never changes once it may have synced: the old one is undone and
		// the corrected one recorded under a new uid (sync/device.ts, `replaceReview`), as a new
		// log, so the next push carries it.
		// Good, as `fsrsGrade` rates an overruled answer; taken back, the rating it had.
		const amended = { ...log, rating: overruled ? GOOD : rating, uid: uuid7(log.review) };
		delete amended.id;
		if (overruled) amended.overruled = true;
		else delete amended.overruled;
		await logs.delete(logId);
		await journalUndo(asJournal(t), log.uid, Date.now());
		const newId = await logs.add(amended);
		const deltas = new AggregateDeltas();
		deltas.remove(log);
		deltas.add(amended);
		await writeAggregates(t.objectStore('reviewAggregates'), deltas);
		const history = await logs
			.index('card')
			.getAll(IDBKeyRange.bound([log.cardId, -Infinity], [log.cardId, Infinity]));
		const [configs, options, card] = await Promise.all([
			t.objectStore('configs').getAll(),
			t.objectStore('deckOptions').get(log.deck),
			t.objectStore('cards').get(log.cardId),
		]);
		const state = replayCard(
			history,
			{ configs: new Map(configs.map((c) => [c.key, c.config])), days },
			options?.options.rescheduled,
			card?.forgottenAt,
		);
		if (card && state) {
			const next: CardRecord = { ...card, ...state };
			await t.objectStore('cards').put(next);
		}
		return newId;
	}
}
