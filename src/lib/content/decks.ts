/**
 * The banks a learner can open: the built-in ones, validated at build time and bundled with the
 * app (the catalog is part of the page, each deck its own chunk), and in the browser the ones
 * imported from a file, kept in IndexedDB.
 */
import { browser } from '$app/environment';
import { deckKey, type BankSummary, type Deck } from '$lib/bank';
import { catalog, deckLoaders } from 'virtual:kioku/catalog';

export { catalog };

export async function loadDeck(bankId: string, deckId: string): Promise<Deck | undefined> {
	const load = deckLoaders[deckKey(bankId, deckId)];
	return load ? load() : undefined;
}

export function findBank(bankId: string) {
	return catalog.find((b) => b.id === bankId);
}

export function isBuiltIn(bankId: string): boolean {
	return findBank(bankId) !== undefined;
}

/** The browser's store of imported banks, loaded only when asked for (never on the server). */
async function importedStore() {
	const [{ database }, banks] = await Promise.all([
		import('$lib/storage/connection'),
		import('$lib/storage/imported-banks'),
	]);
	return { db: await database(), ...banks };
}

/** The imported banks' summaries; none on the server, nor when storage is unavailable. */
export async function importedCatalog(): Promise<BankSummary[]> {
	if (!browser) return [];
	try {
		const { db, importedBankSummaries } = await importedStore();
		return await importedBankSummaries(db);
	} catch {
		return [];
	}
}

/** Built-in first, then imported. */
export async function allBanks(): Promise<BankSummary[]> {
	return [...catalog, ...(await importedCatalog())];
}

export async function findAnyBank(bankId: string): Promise<BankSummary | undefined> {
	return findBank(bankId) ?? (await importedCatalog()).find((b) => b.id === bankId);
}

export async function loadAnyDeck(bankId: string, deckId: string): Promise<Deck | undefined> {
	if (isBuiltIn(bankId)) return loadDeck(bankId, deckId);
	if (!browser) return undefined;
	const { db, importedDeck } = await importedStore();
	return importedDeck(db, bankId, deckId);
}

/** Deletes an imported bank (and with `withReviews` its cards' reviews), and tells other tabs. */
export async function deleteImported(bankId: string, withReviews: boolean): Promise<void> {
	const { db, deleteImportedBank } = await importedStore();
	await deleteImportedBank(db, bankId, withReviews);
	(await import('$lib/storage/connection')).announceChange('*');
	(await import('$lib/state/sync-trigger')).scheduleSync();
}
