/** Results of practice tests, kept on the device and listed newest first. */
import type { Answer } from '../quiz/check.ts';
import type { ItemOutcome, TestSummary } from '../quiz/score.ts';
import type { TestSpec } from '../quiz/test-spec.ts';
import type { Grade } from '../srs/records.ts';
import { uuid7 } from '../sync/uuid7.ts';
import type { Db } from './db.ts';
import { asJournal, journalResult, RESULT_JOURNAL_STORES } from './sync-journal.ts';

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
	/** The same result on every device (a UUIDv7); given when it is saved or first synced. */
	uid?: string;
	spec: TestSpec;
	startedAt: number;
	finishedAt: number;
	items: TestItemResult[];
	summary: TestSummary;
}

/** Saves a finished test; a device that syncs queues it for its account in the same write. */
export async function saveTestResult(
	db: Db,
	result: TestResultRecord,
	now = Date.now(),
): Promise<number> {
	const tx = db.transaction(['testResults', ...RESULT_JOURNAL_STORES], 'readwrite');
	const record = { ...result, uid: result.uid ?? uuid7(now) };
	const id = await tx.objectStore('testResults').add(record);
	await journalResult(asJournal(tx), record);
	await tx.done;
	return id;
}

/**
 * Replaces a saved result (its `id` says which), keeping its uid. What syncs of a result is what
 * it was when saved: results are immutable in sync (see sync/synced-result.ts).
 */
export async function updateTestResult(db: Db, result: TestResultRecord): Promise<void> {
	const tx = db.transaction('testResults', 'readwrite');
	const held = result.id === undefined ? undefined : await tx.store.get(result.id);
	const uid = result.uid ?? held?.uid;
	await tx.store.put(uid === undefined ? result : { ...result, uid });
	await tx.done;
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
