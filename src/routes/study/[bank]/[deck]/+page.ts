import { error } from '@sveltejs/kit';
import { findAnyBank, loadAnyDeck } from '$lib/content/decks';
import type { PageLoad } from './$types';

// Progress lives in the browser's IndexedDB: the page is rendered there, never on the server.
export const ssr = false;

export const load: PageLoad = async ({ params }) => {
	const bank = await findAnyBank(params.bank);
	const deck = bank && (await loadAnyDeck(params.bank, params.deck));
	if (!bank || !deck) error(404, 'No such deck');
	return { bank, deck };
};
