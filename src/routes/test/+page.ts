import { deckKey } from '$lib/bank';
import { catalog } from '$lib/content/decks';
import { builderRequest } from '$lib/quiz/quick-test';
import type { PageLoad } from './$types';

// Drawn on the server with the built-in banks, so the builder shows before the app's code has
// loaded; banks imported on this device and past results are added once the browser has started.
export const load: PageLoad = ({ url }) => {
	const offered = catalog.flatMap((b) => b.decks.map((d) => deckKey(b.id, d.id)));
	return { builtIn: catalog, request: builderRequest(url.searchParams, offered) };
};
