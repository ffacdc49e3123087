declare module 'virtual:kioku/catalog' {
	import type { BankSummary, Deck } from '$lib/bank';
	export const catalog: BankSummary[];
	/** One lazy loader per deck, keyed by `deckKey(bankId, deckId)`. */
	export const deckLoaders: Record<string, () => Promise<Deck>>;
}
