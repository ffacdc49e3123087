import { deckKey } from '$lib/bank';
import { allBanks } from '$lib/content/decks';
import { builderRequest } from '$lib/quiz/quick-test';
import type { PageLoad } from './$types';

// The builder lists past results and imported banks from the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = async ({ url }) => {
	const banks = await allBanks();
	const offered = banks.flatMap((b) => b.decks.map((d) => deckKey(b.id, d.id)));
	return { banks, request: builderRequest(url.searchParams, offered) };
};
