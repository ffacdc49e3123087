import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { findAnyBank, isBuiltIn, loadAnyDeck } from '$lib/content/decks';
import type { PageLoad } from './$types';

/**
 * Progress lives in the browser's IndexedDB, so the card is always drawn there; the server draws
 * the screen around it for a built-in deck, so something shows before the app's code has loaded.
 * A bank imported on this device is known only to the browser: the server sends an empty screen.
 */
export const load: PageLoad = async ({ params }) => {
	if (!browser && !isBuiltIn(params.bank)) return { bank: undefined, deck: undefined };
	const bank = await findAnyBank(params.bank);
	const deck = bank && (await loadAnyDeck(params.bank, params.deck));
	if (!bank || !deck) error(404, 'No such deck');
	return { bank, deck };
};
