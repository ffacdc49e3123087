// "I was right": a typed answer the checker marked wrong, counted as right because the learner
// says so, in study (before rating) and on a practice test's results (after its review was written).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuestionOf } from '../../src/lib/bank/schema.ts';
import { checkAnswer } from '../../src/lib/quiz/check.ts';
import { canOverrule, overrule, withdrawOverrule } from '../../src/lib/quiz/overrule.ts';
import { fsrsGrade, summarize, type ItemOutcome } from '../../src/lib/quiz/score.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { reviewOnce } from '../../src/lib/srs/single-review.ts';
import { parseBackup } from '../../src/lib/storage/backup.ts';
import { exportBackup } from '../../src/lib/storage/backup-io.ts';
import { checkData } from '../../src/lib/storage/check-data.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { overruledItem, setOverruled } from '../../src/lib/storage/test-overrule.ts';
import { saveTestResult, type TestItemResult } from '../../src/lib/storage/test-results.ts';
import { UTC_DAYS } from './srs-fixtures.ts';

const common = {
	explanation: { zh: '因为', en: 'Because' },
	source: { paragraphs: [3] },
	tags: ['t'],
};
const short: QuestionOf<'short'> = {
	...common,
	id: 'q-short',
	type: 'short',
	prompt: { zh: '哪个领域？', en: 'Which domain?' },
	answers: { zh: ['太空'], en: ['space'] },
};
const single: QuestionOf<'single'> = {
	...common,
	id: 'q-single',
	type: 'single',
	prompt: { zh: '问', en: 'Q' },
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B' },
		{ zh: '丙', en: 'C' },
	],
};

describe('overruling the checker', () => {
	it('is offered for a typed answer marked wrong, never for a choice or a right answer', () => {
		const wrong = checkAnswer(short, { type: 'short', text: 'the cosmos' }, 'en');
		expect(canOverrule(short, wrong)).toBe(true);
		expect(canOverrule(short, checkAnswer(short, { type: 'short', text: 'space' }, 'en'))).toBe(
			false,
		);
		const picked = checkAnswer(single, { type: 'single', choice: 1 }, 'en');
		expect(canOverrule(single, picked)).toBe(false);
		expect(canOverrule(short, overrule(wrong))).toBe(false);
	});

	it('counts as right, keeps the checker’s verdict, and can be taken back', () => {
		const wrong = checkAnswer(short, { type: 'short', text: 'the cosmos' }, 'en');
		const right = overrule(wrong);
		expect(right).toMatchObject({ correct: true, score: 1, overruled: wrong });
		expect(withdrawOverrule(right)).toEqual(wrong);
	});

	it('gives an overruled test answer Good, whatever its speed', () => {
		const outcome: ItemOutcome = {
			...{ id: 'q', deck: 'b/d', type: 'short', correct: true, score: 1 },
			...{ timeMs: 100, answered: true, overruled: true },
		};
		expect(fsrsGrade(outcome, 10_000)).toBe(3);
		expect(fsrsGrade({ ...outcome, overruled: undefined }, 10_000)).toBe(4);
	});
});

let db: Db;
let n = 0;
beforeEach(async () => {
	db = await openKiokuDb(`overrule-${n++}`);
});

describe('in study', () => {
	it('marks the review as overruled in the log, and undo takes it away', async () => {
		const now = Date.UTC(2024, 5, 1, 10);
		const session = await StudySession.start({
			deck: 'b/d',
			questionIds: ['q-short'],
			options: DEFAULT_DECK_OPTIONS,
			store: idbReviewStore(db),
			clock: () => now,
			days: UTC_DAYS,
		});
		await session.next();
		expect((await session.answer('q-short', 3, 5000, { overruled: true })).ok).toBe(true);
		expect(await db.getAll('logs')).toMatchObject([{ rating: 3, overruled: true }]);
		// Backups carry the mark.
		const backup = parseBackup(await exportBackup(db, now));
		expect(backup.ok && backup.value.data.logs[0].overruled).toBe(true);
		await session.undo();
		expect(await db.getAll('logs')).toEqual([]);
	});
});

describe('on a practice test’s results', () => {
	const item = (over: Partial<TestItemResult> = {}): TestItemResult => ({
		...{ id: 'q-short', deck: 'b/d', type: 'short', correct: false, score: 0 },
		...{ timeMs: 4000, answered: true, answer: { type: 'short', text: 'the cosmos' } },
		...{ prompt: 'Which domain?', answerText: 'the cosmos', rightAnswer: 'space' },
		...{ explanation: 'Because', paragraphs: [3] },
		...over,
	});

	async function finishedTest(items: TestItemResult[]) {
		const spec = {} as never; // the spec is not read by an overrule
		return saveTestResult(db, {
			spec,
			startedAt: 0,
			finishedAt: 1,
			items,
			summary: summarize(items),
		});
	}

	it('refuses what is not a typed answer marked wrong', () => {
		expect(() => overruledItem(item({ type: 'single' }), true)).toThrow(/typed answer/);
		expect(() => overruledItem(item({ correct: true, score: 1 }), true)).toThrow(/typed answer/);
		expect(() => overruledItem(item({ answered: false }), true)).toThrow(/typed answer/);
		expect(() => overruledItem(item(), false)).toThrow(/not overruled/);
	});

	it('sums the score again, corrects the review to Good and replays the card; taken back, all is as before', async () => {
		const store = idbReviewStore(db);
		const at = Date.UTC(2024, 5, 1, 10);
		// An earlier review, then the test's: Again for the wrong answer.
		await reviewOnce(store, {
			...{ deck: 'b/d', id: 'q-short', grade: 3, durationMs: 1000, now: at },
			...{ options: DEFAULT_DECK_OPTIONS, days: UTC_DAYS },
		});
		const written = await reviewOnce(store, {
			...{ deck: 'b/d', id: 'q-short', grade: 1, durationMs: 4000, now: at + 3 * 86_400_000 },
			...{ options: DEFAULT_DECK_OPTIONS, days: UTC_DAYS },
		});
		const before = await db.get('cards', 'q-short');
		const id = await finishedTest([
			item({ review: { logId: written!.logId, rating: 1 } }),
			item({ id: 'q-other', correct: true, score: 1 }),
		]);

		const right = await setOverruled(db, id, 0, true, UTC_DAYS);
		expect(right.summary).toMatchObject({ correct: 2, points: 2, missedIds: [] });
		expect(right.items[0]).toMatchObject({
			overruled: true,
			checked: { correct: false, score: 0 },
		});
		expect(await db.get('testResults', id)).toEqual(right);
		// The corrected review replaces the old one under a new uid (so it syncs as a new review,
		// and the old one as undone): the result names the new log.
		const old = (await db.getAll('logs')).find((l) => l.rating === 1);
		expect(old).toBeUndefined();
		const newId = right.items[0].review!.logId;
		expect(newId).not.toBe(written!.logId);
		const log = await db.get('logs', newId);
		expect(log).toMatchObject({ rating: 3, overruled: true });
		expect(log!.uid).toMatch(/^[0-9a-f-]{36}$/);
		const after = await db.get('cards', 'q-short');
		expect(after!.lapses).toBe(0);
		expect(after!.stability).toBeGreaterThan(before!.stability);
		// The card agrees with its (corrected) log, and so do the Statistics screen's aggregates:
		// one Again fewer, one Good more.
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);
		const ratings = async () =>
			(await db.getAll('reviewAggregates')).reduce(
				(sum, a) => sum.map((n, i) => n + a.ratings[i]),
				[0, 0, 0, 0],
			);
		expect(await ratings()).toEqual([0, 0, 2, 0]);

		const back = await setOverruled(db, id, 0, false, UTC_DAYS);
		expect(back.summary).toMatchObject({ correct: 1, missedIds: ['q-short'] });
		expect(back.items[0].overruled).toBeUndefined();
		const restored = await db.get('logs', back.items[0].review!.logId);
		expect(restored).toMatchObject({ rating: 1 });
		expect(restored).not.toHaveProperty('overruled');
		expect(restored!.uid).not.toBe(log!.uid);
		expect(await db.count('logs')).toBe(2);
		expect(await db.get('cards', 'q-short')).toEqual(before);
		expect(await ratings()).toEqual([1, 0, 1, 0]);
	});

	it('changes only the result when its review is gone', async () => {
		const id = await finishedTest([item({ review: { logId: 999, rating: 1 } })]);
		const right = await setOverruled(db, id, 0, true, UTC_DAYS);
		expect(right.summary.correct).toBe(1);
		expect(await db.getAll('cards')).toEqual([]);
	});
});
