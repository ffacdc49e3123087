import { error } from '@sveltejs/kit';
import { findBank } from '$lib/content/decks';
import type { PageLoad } from './$types';

// Options are stored in the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
	const bank = findBank(params.bank);
	const deck = bank?.decks.find((d) => d.id === params.deck);
	if (!bank || !deck) error(404, 'No such deck');
	return { bank, deck };
};
