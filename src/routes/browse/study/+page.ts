import { loadChosenDecks } from '$lib/state/browse-data';
import type { PageLoad } from './$types';

// The chosen cards are kept in this tab's sessionStorage, their progress in IndexedDB.
export const ssr = false;

export const load: PageLoad = async () => ({ decks: await loadChosenDecks() });
