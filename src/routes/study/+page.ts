import { allBanks } from '$lib/content/decks';
import type { PageLoad } from './$types';

// Due counts come from the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = async () => ({ banks: await allBanks() });
