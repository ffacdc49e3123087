/** What one account and one request may hold or send to sync; every refusal says which. */
import {
	MAX_PUSH_BODY_BYTES,
	MAX_SYNCED_BANK_BYTES,
	MAX_SYNCED_RESULT_CHARS,
} from '../../sync/bounds.ts';

/** Changes in one push. */
export const MAX_PUSH_CHANGES = 1000;
/**
 * A push request's body, in bytes: room for one bank of the largest size a device syncs
 * (devices send such a bank in a push of its own).
 */
export const MAX_PUSH_BYTES = MAX_PUSH_BODY_BYTES;
/** One change's `data`, as JSON text (a review is a few hundred bytes, a register a few KB). */
export const MAX_DATA_CHARS = 64 * 1024;
/** A bank's `data` (its Kioku content and file name; the content is bounded in UTF-8 bytes). */
export const MAX_BANK_DATA_CHARS = MAX_SYNCED_BANK_BYTES + 4 * 1024;
/** A practice-test result's `data`. */
export const MAX_RESULT_DATA_CHARS = MAX_SYNCED_RESULT_CHARS;
/** Changes in one pull page, and the page size when the client names none. */
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
/**
 * Characters of data in one pull page: a page stops before the change that would pass it (the
 * first change always goes, so one bank of the largest size still comes down). Reviews never
 * come near it; it keeps a page of banks to a size a phone can hold.
 */
export const MAX_PULL_PAGE_CHARS = 16 * 1024 * 1024;
/** Rows one account may hold (reviews, undone reviews, settings, configs): `KIOKU_SYNC_QUOTA`. */
export const DEFAULT_QUOTA = 5_000_000;
/**
 * Characters of banks and practice-test results one account may hold: rows of up to 8 MB would
 * make a row quota meaningless. 128 MiB: sixteen of the largest banks, or thousands of ordinary
 * ones with every test result.
 */
export const DEFAULT_DATA_QUOTA = 128 * 1024 * 1024;
export const DATA_QUOTA_VARIABLE = 'KIOKU_SYNC_DATA_QUOTA';

export const MAX_HLC_LENGTH = 64;
export const MAX_KEY_LENGTH = 200;

/**
 * A quota from the environment's text: a positive whole number, else the default (the row quota
 * unless another is given, with the variable's name for the error).
 */
export function quotaFromEnv(
	text: string | undefined,
	fallback = DEFAULT_QUOTA,
	name = 'KIOKU_SYNC_QUOTA',
): number {
	if (text === undefined || text.trim() === '') return fallback;
	const value = Number(text);
	if (!Number.isSafeInteger(value) || value < 1) {
		throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(text)}`);
	}
	return value;
}
