/** A deck's options as its options page reads and saves them. */
import type { DeckOptions } from '$lib/srs/options';
import { database } from '$lib/storage/connection';
import { getDeckOptions, putDeckOptions } from '$lib/storage/preferences';
import { scheduleSync } from './sync-trigger';

/** A deck never configured shows its cards in `uiLang`. */
export async function loadDeckOptions(deck: string, uiLang: 'zh' | 'en'): Promise<DeckOptions> {
	return getDeckOptions(await database(), deck, uiLang);
}

export async function saveDeckOptions(deck: string, options: DeckOptions): Promise<void> {
	await putDeckOptions(await database(), deck, options);
	scheduleSync();
}
