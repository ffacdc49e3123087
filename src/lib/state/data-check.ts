/**
 * "Check data" in Settings: every card compared with a replay of its review history, and the
 * cards that disagree repaired from it (see storage/check-data.ts), in the learner's study days.
 * The Statistics screen's aggregates of the log are counted again and rebuilt first.
 */
import { checkData, repairData, type CheckReport } from '$lib/storage/check-data';
import { database } from '$lib/storage/connection';
import { learnerStudyDays } from '$lib/storage/preferences';
import { rebuildAggregates } from '$lib/storage/review-aggregates';

export type { CheckReport };

export async function checkStoredData(): Promise<CheckReport> {
	const db = await database();
	await rebuildAggregates(db);
	return checkData(db, await learnerStudyDays(db));
}

/** Repairs the report's mismatched cards; returns how many were repaired, and the report after. */
export async function repairStoredData(
	report: CheckReport,
): Promise<{ repaired: number; report: CheckReport }> {
	const db = await database();
	const days = await learnerStudyDays(db);
	const ids = report.mismatched.map((x) => x.id);
	const repaired = await repairData(db, ids, days);
	return { repaired, report: await checkData(db, days) };
}
