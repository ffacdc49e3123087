/**
 * A synced bank coming down: its data goes through the importer exactly as an uploaded file or a
 * backup's bank does (a device never trusts another's bank, nor the server), under a byte limit
 * raised to what a bank read from a 2 MB file can become (MAX_SYNCED_BANK_BYTES).
 */
import type { BankError } from '../bank/errors.ts';
import { formatImportError, importBankFile } from '../bank/exchange/index.ts';
import type { Bank } from '../bank/validate.ts';
import { err, ok, type Result } from '../result.ts';
import { MAX_SYNCED_BANK_BYTES } from './bounds.ts';

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
