/**
 * Checking a bank against what is already on the device before it is saved (see
 * $lib/bank/id-clashes): an uploaded bank, or the banks a backup carries.
 */
import { type Bank } from '$lib/bank';
import type { ImportOptions } from '$lib/bank/exchange';
import { firstClashAmong, idClashes, type IdClash, type IdOwners } from '$lib/bank/id-clashes';
import { catalog } from '$lib/content/decks';
import type { ImportMode } from '$lib/storage/backup-io';
import { announceChange, database } from '$lib/storage/connection';
import { scheduleSync } from './sync-trigger';
import {
	importedBanks,
	saveImportedBank,
	type ImportedBankRecord,
} from '$lib/storage/imported-banks';

export type Clash = IdClash | { kind: 'replaces'; importedAt: number };

/** The built-in banks and their questions: no imported bank, nor a synced one, may take them. */
export async function builtInOwners(): Promise<IdOwners> {
	const questions = new Map<string, string>();
	for (const b of catalog)
		for (const d of b.decks) for (const id of d.questionIds) questions.set(id, b.id);
	return { builtInBanks: new Set(catalog.map((b) => b.id)), questions };
}

/** Built-in questions, and those of the imported banks kept (`keep`) on the device. */
async function owners(imported: readonly ImportedBankRecord[]): Promise<IdOwners> {
	const questions = new Map((await builtInOwners()).questions);
	for (const r of imported)
		for (const d of r.bank.decks) for (const q of d.questions) questions.set(q.id, r.id);
	return { builtInBanks: new Set(catalog.map((b) => b.id)), questions };
}

/** Why the bank cannot be saved as it is, or that it replaces an earlier import of itself. */
export async function clashes(bank: Bank): Promise<Clash[]> {
	const imported = await importedBanks(await database());
	const out: Clash[] = idClashes(bank, await owners(imported.filter((r) => r.id !== bank.id)));
	if (out.some((c) => c.kind === 'built-in-bank')) return out;
	const earlier = imported.find((r) => r.id === bank.id);
	if (earlier) out.push({ kind: 'replaces', importedAt: earlier.importedAt });
	return out;
}

/**
 * The first clash a backup's banks would make. Replacing keeps only built-in banks; merging also
 * keeps the imported banks the backup does not bring again.
 */
export async function backupClash(banks: readonly Bank[], mode: ImportMode) {
	if (banks.length === 0) return undefined;
	const restored = new Set(banks.map((b) => b.id));
	const kept =
		mode === 'replace'
			? []
			: (await importedBanks(await database())).filter((r) => !restored.has(r.id));
	return firstClashAmong(banks, await owners(kept));
}

/**
 * Keeps the bank on this device (replacing an earlier import of it); other tabs list it, and the
 * account hears of it.
 */
export async function saveBank(bank: Bank, fileName: string): Promise<void> {
	await saveImportedBank(await database(), bank, fileName, Date.now());
	announceChange('*');
	scheduleSync();
}

/** The import screen's choices for a list of cards; names left empty take the file's. */
export interface CardChoices {
	bankTitle: string;
	deckTitle: string;
	frontColumn: 1 | 2;
	reverse: boolean;
}

export const DEFAULT_CARD_CHOICES: CardChoices = {
	bankTitle: '',
	deckTitle: '',
	frontColumn: 1,
	reverse: false,
};

/** The importer's options for these choices. */
export function cardImportOptions(choices: CardChoices): ImportOptions {
	return {
		bankTitle: choices.bankTitle.trim() || undefined,
		deckTitle: choices.deckTitle.trim() || undefined,
		frontColumn: choices.frontColumn,
		reverse: choices.reverse,
	};
}
