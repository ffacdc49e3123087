import { focusFromParams } from '$lib/stats';
import { loadFocusedDecks } from '$lib/state/focused-study';
import type { PageLoad } from './$types';

// Progress lives in the browser's IndexedDB: the page is rendered there, never on the server.
export const ssr = false;

export const load: PageLoad = async ({ url }) => {
	const spec = focusFromParams(url.searchParams);
	if (!spec) return { spec, banks: [], decks: [] };
	return { spec, ...(await loadFocusedDecks(spec)) };
};
