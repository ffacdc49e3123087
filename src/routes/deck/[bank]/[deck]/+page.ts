import { error } from '@sveltejs/kit';
import { findBank, loadDeck } from '$lib/content/decks';
import type { PageLoad } from './$types';

/**
 * Built-in decks render on the server (an unknown one is a real 404); any other bank may be one
 * imported on this device, which only the page in the browser can open.
 */
export const load: PageLoad = async ({ params }) => {
	const bank = findBank(params.bank);
	if (!bank) return { local: { bank: params.bank, deck: params.deck } };
	const deck = await loadDeck(params.bank, params.deck);
	if (!deck) error(404, 'No such deck');
	return { bank, deck, local: undefined };
};
