/**
 * Banks the learner brought: validated when imported (see $lib/bank/exchange), kept whole in
 * IndexedDB, and studied like the built-in ones. Deleting one keeps its reviews unless the
 * learner asks otherwise: importing the same file again brings the progress back. On a device
 * that syncs, importing and deleting are queued for the account in the same write.
 */
import { deckKey, summarizeBanks, type Bank, type BankSummary, type Deck } from '../bank/index.ts';
import type { Db } from './db.ts';
import { asJournal, BANK_JOURNAL_STORES, journalBank } from './sync-journal.ts';

export interface ImportedBankRecord {
	id: string;
	bank: Bank;
	fileName: string;
	importedAt: number;
}

export async function saveImportedBank(db: Db, bank: Bank, fileName: string, now: number) {
	const tx = db.transaction(['banks', ...BANK_JOURNAL_STORES], 'readwrite', {
		durability: 'strict',
	});
	const record: ImportedBankRecord = { id: bank.id, bank, fileName, importedAt: now };
	await tx.objectStore('banks').put(record);
	await journalBank(asJournal(tx), record, now);
	await tx.done;
}

/**
 * Banks written without the importer's journal (a backup's, by a restore), queued for the
 * account as imported at `now`.
 */
export async function queueBanksForSync(db: Db, ids: readonly string[], now: number) {
	if (ids.length === 0) return;
	const tx = db.transaction(['banks', ...BANK_JOURNAL_STORES], 'readwrite', {
		durability: 'strict',
	});
	for (const id of ids) {
		const record = await tx.objectStore('banks').get(id);
		if (record) await journalBank(asJournal(tx), record, now);
	}
	await tx.done;
}

export async function importedBanks(db: Db): Promise<ImportedBankRecord[]> {
	return (await db.getAll('banks')).sort((a, b) => a.importedAt - b.importedAt);
}

export async function importedBankSummaries(db: Db): Promise<BankSummary[]> {
	return summarizeBanks((await importedBanks(db)).map((r) => r.bank));
}

export async function importedDeck(
	db: Db,
	bankId: string,
	deckId: string,
): Promise<Deck | undefined> {
	const record = await db.get('banks', bankId);
	return record?.bank.decks.find((d) => d.id === deckId);
}

/**
 * In one transaction: the bank, and with `withReviews` its decks' cards and review logs too.
 * The deletion syncs; the reviews deleted with it are deleted on this device only.
 */
export async function deleteImportedBank(
	db: Db,
	bankId: string,
	withReviews: boolean,
	now = Date.now(),
) {
	const record = await db.get('banks', bankId);
	if (!record) return;
	const tx = db.transaction(
		['banks', 'cards', 'logs', 'reviewAggregates', ...BANK_JOURNAL_STORES],
		'readwrite',
		{ durability: 'strict' },
	);
	await journalBank(asJournal(tx), { id: bankId }, now);
	const work: Promise<unknown>[] = [tx.objectStore('banks').delete(bankId)];
	if (withReviews) {
		for (const deck of record.bank.decks) {
			const key = deckKey(bankId, deck.id);
			const cards = tx.objectStore('cards').index('deck');
			for (const id of await cards.getAllKeys(key)) work.push(tx.objectStore('cards').delete(id));
			const range = IDBKeyRange.bound([key, -Infinity], [key, Infinity]);
			const logs = tx.objectStore('logs').index('deck-review');
			for (const id of await logs.getAllKeys(range)) work.push(tx.objectStore('logs').delete(id));
			// Every log of the deck goes, so does every aggregate of it.
			work.push(tx.objectStore('reviewAggregates').delete(range));
		}
	}
	await Promise.all([...work, tx.done]);
}
