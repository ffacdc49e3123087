import { database } from '$lib/storage/connection';
import { getTestResult } from '$lib/storage/test-results';
import type { PageLoad } from './$types';

// Results are kept in the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = async ({ params }) => {
	const id = Number(params.id);
	const result = Number.isSafeInteger(id) ? await getTestResult(await database(), id) : undefined;
	return { result };
};
