/**
 * What the live setup offers and sends: the built-in decks, which the server has, and the
 * host's own (imported on this device), whose questions travel with the new game. The setup's
 * choices start here too, so that a link can preselect a deck with one change.
 */
import { deckKey, hasArticle, type BankSummary, type ContentLocale } from '$lib/bank';
import { catalog, importedCatalog, isBuiltIn, loadAnyDeck } from '$lib/content/decks';
import { LIVE_TYPES, type CreateGame } from '$lib/live/protocol';
import { questionsInSelection } from '$lib/live/selection';

/**
 * The deck a link asks for (the deck page's "Host a live game"), when `banks` offer it. The page
 * asks twice: with the built-in banks as it is drawn (on the server too), and again with the
 * host's own banks once this device's storage has been read.
 */
export function offeredDeck(
	banks: readonly BankSummary[],
	wanted: string | null | undefined,
): string | undefined {
	if (!wanted) return undefined;
	return banks.some((b) => b.decks.some((d) => deckKey(b.id, d.id) === wanted))
		? wanted
		: undefined;
}

/** A new setup: every type, ten questions of twenty seconds, on `decks` (the first deck if none). */
export function initialSettings(lang: ContentLocale, decks?: string[]): CreateGame {
	const first = catalog[0]?.decks[0];
	return {
		decks: decks ?? (first ? [deckKey(first.bankId, first.id)] : []),
		types: [...LIVE_TYPES],
		count: 10,
		secondsPerQuestion: 20,
		readingSeconds: 3,
		scoring: 'speed',
		shuffle: true,
		lang,
		optionsOnPhones: true,
	};
}

/** How many questions the chosen decks hold of the chosen types. */
export function selectionSize(banks: readonly BankSummary[], settings: CreateGame): number {
	return questionsInSelection(
		banks.flatMap((b) => b.decks),
		settings.decks,
		settings.types,
	);
}

/** The chosen decks' titles, for the projector's lobby. */
export function deckTitles(
	banks: readonly BankSummary[],
	keys: readonly string[],
	lang: ContentLocale,
): string[] {
	const chosen = new Set(keys);
	return banks.flatMap((b) =>
		b.decks.filter((d) => chosen.has(deckKey(b.id, d.id))).map((d) => d.title[lang]),
	);
}

/**
 * The request for the chosen decks: built-in decks by name, the host's own with their
 * questions (the server checks them as a bank file is checked).
 */
export async function gameRequest(settings: CreateGame): Promise<CreateGame> {
	const builtIn: string[] = [];
	const own: NonNullable<CreateGame['own']> = [];
	const ownBanks = await importedCatalog();
	for (const key of settings.decks) {
		const [bankId, deckId] = key.split('/');
		if (isBuiltIn(bankId)) {
			builtIn.push(key);
			continue;
		}
		const deck = await loadAnyDeck(bankId, deckId);
		const bank = ownBanks.find((b) => b.id === bankId);
		if (deck)
			own.push({
				deck: deckKey(bankId, deckId),
				questions: deck.questions,
				cites: !bank || hasArticle(bank),
			});
	}
	return { ...settings, decks: builtIn, ...(own.length > 0 ? { own } : {}) };
}
