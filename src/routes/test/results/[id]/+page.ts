import { loadTestResult } from '$lib/state/test-results';
import type { PageLoad } from './$types';

// Results are kept in the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = async ({ params }) => ({ result: await loadTestResult(params.id) });
