import { error } from '@sveltejs/kit';
import { findBank, loadDeck } from '$lib/content/decks';
import type { PageLoad } from './$types';

// Progress lives in the browser's IndexedDB: the page is rendered there, never on the server.
export const ssr = false;

export const load: PageLoad = async ({ params }) => {
	const bank = findBank(params.bank);
	const deck = bank && (await loadDeck(params.bank, params.deck));
	if (!bank || !deck) error(404, 'No such deck');
	return { bank, deck };
};
