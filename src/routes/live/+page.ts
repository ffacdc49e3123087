import { liveBanks } from '$lib/state/live-setup';
import type { PageLoad } from './$types';

// The host's games are remembered in this browser's storage, and their own decks too.
export const ssr = false;

export const load: PageLoad = async ({ url }) => liveBanks(url.searchParams.get('deck'));
