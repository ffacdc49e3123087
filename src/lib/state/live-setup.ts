/**
 * What the live setup offers and sends: the built-in decks, which the server has, and the
 * host's own (imported on this device), whose questions travel with the new game.
 */
import { deckKey } from '$lib/bank';
import { catalog, importedCatalog, isBuiltIn, loadAnyDeck } from '$lib/content/decks';
import type { CreateGame } from '$lib/live/protocol';

/**
 * Every bank a game can be made from: the built-in ones, then those imported on this device;
 * and `wanted` (a deck key, from the deck page's "Host a live game") when it is one of them.
 */
export async function liveBanks(wanted?: string | null) {
	const own = await importedCatalog();
	const offered = [...catalog, ...own].some((b) =>
		b.decks.some((d) => deckKey(b.id, d.id) === wanted),
	);
	return { builtIn: catalog, own, preselected: offered && wanted ? wanted : undefined };
}

/**
 * The request for the chosen decks: built-in decks by name, the host's own with their
 * questions (the server checks them as a bank file is checked).
 */
export async function gameRequest(settings: CreateGame): Promise<CreateGame> {
	const builtIn: string[] = [];
	const own: NonNullable<CreateGame['own']> = [];
	for (const key of settings.decks) {
		const [bankId, deckId] = key.split('/');
		if (isBuiltIn(bankId)) {
			builtIn.push(key);
			continue;
		}
		const deck = await loadAnyDeck(bankId, deckId);
		if (deck) own.push({ deck: deckKey(bankId, deckId), questions: deck.questions });
	}
	return { ...settings, decks: builtIn, ...(own.length > 0 ? { own } : {}) };
}
