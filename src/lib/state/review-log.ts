/** The review log as Settings shows it: how many reviews, and the CSV the FSRS optimizer reads. */
import { revlogToCsv } from '$lib/srs/revlog-csv';
import { database } from '$lib/storage/connection';

export async function reviewCount(): Promise<number> {
	return (await database()).count('logs');
}

export async function reviewLogCsv(): Promise<string> {
	return revlogToCsv(await (await database()).getAll('logs'));
}
