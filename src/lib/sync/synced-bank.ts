/**
 * An imported bank as it syncs, and back. Going up, the stored bank becomes the data of a Kioku
 * bank file; coming down, that data goes through the importer exactly as an uploaded file or a
 * backup's bank does (a device never trusts another's bank, nor the server), under a byte limit
 * raised to what a bank read from a 2 MB file can become (MAX_SYNCED_BANK_BYTES).
 */
import * as v from 'valibot';
import type { BankError } from '../bank/errors.ts';
import { formatImportError, importBankFile } from '../bank/exchange/index.ts';
import { kiokuBankData } from '../bank/exchange/export-kioku.ts';
import type { Bank } from '../bank/validate.ts';
import { err, ok, type Result } from '../result.ts';
import { MAX_SYNCED_BANK_BYTES } from './bounds.ts';
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

export interface SyncedBankError {
	/** In English, for logs and the server's refusal. */
	message: string;
	/** The importer's first error, as data. */
	error?: BankError;
}

/** A synced bank's content read by the importer, or why it is not a bank of that id. */
export function bankFromSynced(
	id: string,
	kioku: Record<string, unknown>,
): Result<Bank, SyncedBankError> {
	const read = importBankFile(`${id}.json`, JSON.stringify(kioku), {
		bankId: id,
		// A bank imported before tags had titles and paragraphs summaries is still the learner's.
		titlesRequired: false,
		maxBytes: MAX_SYNCED_BANK_BYTES,
	});
	if (!read.ok) {
		const error = read.error.errors[0];
		return err({ message: formatImportError(error), error });
	}
	if (read.value.bank.id !== id)
		return err({ message: `its bank id is "${read.value.bank.id}", not "${id}"` });
	return ok(read.value.bank);
}
