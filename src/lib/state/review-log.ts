/** The review log as Settings shows it: how many reviews, and the CSV the FSRS optimizer reads. */
import {
	buildFsrsItems,
	optimizerReadiness,
	sinceForgotten,
	type OptimizerReadiness,
} from '$lib/srs/fsrs-items';
import { revlogToCsv } from '$lib/srs/revlog-csv';
import { systemTimeZone } from '$lib/srs/study-day';
import { forgottenTimes } from '$lib/storage/card-flags';
import { database } from '$lib/storage/connection';
import { getSettings } from '$lib/storage/preferences';

export async function reviewCount(): Promise<number> {
	return (await database()).count('logs');
}

export async function reviewLogCsv(): Promise<string> {
	return revlogToCsv(await (await database()).getAll('logs'));
}

/**
 * Whether the optimizer has enough of this device's reviews to fit FSRS yet, by the rule the
 * optimizer itself applies (so Settings can say so before anyone waits for the WASM to load).
 */
export async function optimiserReadiness(): Promise<OptimizerReadiness> {
	const db = await database();
	const [logs, forgotten, settings] = await Promise.all([
		db.getAll('logs'),
		forgottenTimes(db),
		getSettings(db),
	]);
	const day = { dayStartsAt: settings.dayStartsAt, timeZone: systemTimeZone() };
	return optimizerReadiness(buildFsrsItems(sinceForgotten(logs, forgotten), day));
}
