/**
 * An imported bank as it syncs, and back. Going up, the stored bank becomes the data of a Kioku
 * bank file; coming down, that data goes through the importer exactly as an uploaded file or a
 * backup's bank does (a device never trusts another's bank, nor the server), under a byte limit
 * raised to what a bank read from a 2 MB file can become (MAX_SYNCED_BANK_BYTES; the reading
 * is in synced-bank-read.ts, apart, because every page loads this module through the sync
 * journal and the importer brings the YAML parser).
 */
import * as v from 'valibot';
import { kiokuBankData } from '../bank/exchange/kioku-data.ts';
import type { Bank } from '../bank/validate.ts';
import { SyncedBank } from './records.ts';

/** What a device keeps of an imported bank (imported-banks.ts). */
export interface BankToSync {
	id: string;
	bank: Bank;
	fileName: string;
	importedAt: number;
}

/** The bank as a change stamped `hlc`, or undefined when it is too large to sync. */
export function syncedBankOf(record: BankToSync, hlc: string): SyncedBank | undefined {
	const change = {
		kind: 'bank' as const,
		id: record.id,
		hlc,
		bank: {
			fileName: record.fileName,
			importedAt: record.importedAt,
			kioku: kiokuBankData(record.bank),
		},
	};
	return v.is(SyncedBank, change) ? change : undefined;
}

/** The deletion of a bank, stamped `hlc`. */
export const bankDeletion = (id: string, hlc: string): SyncedBank => ({
	kind: 'bank',
	id,
	hlc,
	bank: null,
});
