import { error } from '@sveltejs/kit';
import { findAnyBank } from '$lib/content/decks';
import type { PageLoad } from './$types';

// Options are stored in the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = async ({ params }) => {
	const bank = await findAnyBank(params.bank);
	const deck = bank?.decks.find((d) => d.id === params.deck);
	if (!bank || !deck) error(404, 'No such deck');
	return { bank, deck };
};
