import { allBanks } from '$lib/content/decks';
import type { PageLoad } from './$types';

// The builder lists past results and imported banks from the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = async () => ({ banks: await allBanks() });
