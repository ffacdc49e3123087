/**
 * Question ids are the keys of progress: a bank that reuses a question id of another bank would
 * mix two cards' histories. Checked before a bank from a file, or from a backup, is saved.
 */
import type { Bank } from './validate.ts';

export type IdClash = { kind: 'built-in-bank' } | { kind: 'question'; id: string; bank: string };

export interface IdOwners {
	/** Banks that ship with the app: an imported bank may not take their ids. */
	builtInBanks: ReadonlySet<string>;
	/** Question id → the id of the bank that has it. */
	questions: ReadonlyMap<string, string>;
}

export function idClashes(bank: Bank, owners: IdOwners): IdClash[] {
	if (owners.builtInBanks.has(bank.id)) return [{ kind: 'built-in-bank' }];
	const out: IdClash[] = [];
	for (const d of bank.decks)
		for (const q of d.questions) {
			const owner = owners.questions.get(q.id);
			if (owner !== undefined && owner !== bank.id)
				out.push({ kind: 'question', id: q.id, bank: owner });
		}
	return out;
}

/**
 * The first clash among banks restored together (from one backup): each is checked against
 * `owners` and against the banks before it.
 */
export function firstClashAmong(
	banks: readonly Bank[],
	owners: IdOwners,
): { bank: string; clash: IdClash } | undefined {
	const questions = new Map(owners.questions);
	for (const bank of banks) {
		const [clash] = idClashes(bank, { builtInBanks: owners.builtInBanks, questions });
		if (clash) return { bank: bank.id, clash };
		for (const d of bank.decks) for (const q of d.questions) questions.set(q.id, bank.id);
	}
	return undefined;
}
