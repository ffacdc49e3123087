/**
 * Checking an uploaded bank against what is already on the device before it is saved: question
 * ids are the keys of progress, so one used by another bank would mix two cards' histories.
 */
import type { Bank } from '$lib/bank';
import { catalog, loadDeck } from '$lib/content/decks';
import { database } from '$lib/storage/connection';
import { importedBanks } from '$lib/storage/imported-banks';

export type Clash =
	| { kind: 'built-in-bank' }
	| { kind: 'question'; id: string; bank: string }
	| { kind: 'replaces'; importedAt: number };

/** Why the bank cannot be saved as it is, or that it replaces an earlier import of itself. */
export async function clashes(bank: Bank): Promise<Clash[]> {
	if (catalog.some((b) => b.id === bank.id)) return [{ kind: 'built-in-bank' }];
	const owners = new Map<string, string>();
	for (const b of catalog)
		for (const d of b.decks)
			for (const q of (await loadDeck(b.id, d.id))?.questions ?? []) owners.set(q.id, b.id);
	const imported = await importedBanks(await database());
	for (const r of imported) {
		if (r.id === bank.id) continue;
		for (const d of r.bank.decks) for (const q of d.questions) owners.set(q.id, r.id);
	}
	const out: Clash[] = [];
	for (const d of bank.decks)
		for (const q of d.questions) {
			const owner = owners.get(q.id);
			if (owner) out.push({ kind: 'question', id: q.id, bank: owner });
		}
	const earlier = imported.find((r) => r.id === bank.id);
	if (earlier) out.push({ kind: 'replaces', importedAt: earlier.importedAt });
	return out;
}
