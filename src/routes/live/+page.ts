import { catalog } from '$lib/content/decks';
import type { PageLoad } from './$types';

// The host's games are remembered in this browser's storage.
export const ssr = false;

export const load: PageLoad = () => ({ banks: catalog });
