/**
 * The built-in banks, validated at build time and bundled with the app: the catalog is part
 * of the page, and each deck is its own chunk, so browsing and studying need no server.
 */
import { deckKey, type Deck } from '$lib/bank';
import { catalog, deckLoaders } from 'virtual:kioku/catalog';

export { catalog };

export async function loadDeck(bankId: string, deckId: string): Promise<Deck | undefined> {
	const load = deckLoaders[deckKey(bankId, deckId)];
	return load ? load() : undefined;
}

export function findBank(bankId: string) {
	return catalog.find((b) => b.id === bankId);
}
