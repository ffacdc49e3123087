import { catalog } from '$lib/content/decks';
import type { PageLoad } from './$types';

// The builder lists past results from the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = () => ({ banks: catalog });
