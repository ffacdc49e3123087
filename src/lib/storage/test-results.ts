/** Results of practice tests, kept on the device and listed newest first. */
import type { Answer } from '../quiz/check.ts';
import type { ItemOutcome, TestSummary } from '../quiz/score.ts';
import type { TestSpec } from '../quiz/test-spec.ts';
import type { Grade } from '../srs/records.ts';
import type { Db } from './db.ts';

/** One question's outcome, with its texts in the test's language so the history reads on its own. */
export interface TestItemResult extends ItemOutcome {
	/** The learner's answer, in the positions shown (null: not answered). */
	answer: Answer | null;
	prompt: string;
	answerText: string;
	rightAnswer: string;
	explanation: string;
	/** The paragraphs the question cites, main one first (records before DB version 4: `paragraph`). */
	paragraphs: number[];
	/** The FSRS review the answer was counted as, and the rating it was given then. */
	review?: { logId: number; rating: Grade };
	/** What the checker said, kept when the learner overruled it ("I was right"). */
	checked?: { correct: boolean; score: number };
}

export interface TestResultRecord {
	id?: number;
	spec: TestSpec;
	startedAt: number;
	finishedAt: number;
	items: TestItemResult[];
	summary: TestSummary;
}

export async function saveTestResult(db: Db, result: TestResultRecord): Promise<number> {
	return db.add('testResults', result);
}

/** Replaces a saved result (its `id` says which). */
export async function updateTestResult(db: Db, result: TestResultRecord): Promise<void> {
	await db.put('testResults', result);
}

export async function getTestResult(db: Db, id: number): Promise<TestResultRecord | undefined> {
	return db.get('testResults', id);
}

export async function listTestResults(db: Db, limit = 50): Promise<TestResultRecord[]> {
	const out: TestResultRecord[] = [];
	let cursor = await db
		.transaction('testResults')
		.store.index('finishedAt')
		.openCursor(null, 'prev');
	while (cursor && out.length < limit) {
		out.push(cursor.value);
		cursor = await cursor.continue();
	}
	return out;
}
