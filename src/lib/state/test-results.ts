/** Past practice tests on this device: listed on the builder, shown on the results page. */
import { database } from '$lib/storage/connection';
import { learnerStudyDays } from '$lib/storage/preferences';
import { setOverruled } from '$lib/storage/test-overrule';
import { getTestResult, listTestResults, type TestResultRecord } from '$lib/storage/test-results';

export type { TestResultRecord };

/** Newest first. */
export async function pastTestResults(): Promise<TestResultRecord[]> {
	return listTestResults(await database());
}

/** Undefined for an id that is no saved result (a bad link, or a result from another device). */
export async function loadTestResult(id: string): Promise<TestResultRecord | undefined> {
	const n = Number(id);
	return Number.isSafeInteger(n) ? getTestResult(await database(), n) : undefined;
}

/**
 * "I was right" on a result's item (`right`), or taken back: the result with the item counted
 * so, and its review corrected when the test counted as reviews (see storage/test-overrule).
 */
export async function overruleTestItem(
	resultId: number,
	index: number,
	right: boolean,
): Promise<TestResultRecord> {
	const db = await database();
	return setOverruled(db, resultId, index, right, await learnerStudyDays(db));
}
