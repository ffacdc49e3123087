/** What one account and one request may hold or send to sync; every refusal says which. */

/** Changes in one push. */
export const MAX_PUSH_CHANGES = 1000;
/** A push request's body, in bytes. */
export const MAX_PUSH_BYTES = 1024 * 1024;
/** One change's `data`, as JSON text (a review is a few hundred bytes, a register a few KB). */
export const MAX_DATA_CHARS = 64 * 1024;
/** Changes in one pull page, and the page size when the client names none. */
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
/** Rows one account may hold (reviews, undone reviews, settings, configs): `KIOKU_SYNC_QUOTA`. */
export const DEFAULT_QUOTA = 5_000_000;

export const MAX_HLC_LENGTH = 64;
export const MAX_KEY_LENGTH = 200;

/** The quota from the environment's text: a positive whole number, else the default. */
export function quotaFromEnv(text: string | undefined): number {
	if (text === undefined || text.trim() === '') return DEFAULT_QUOTA;
	const value = Number(text);
	if (!Number.isSafeInteger(value) || value < 1) {
		throw new Error(
			`KIOKU_SYNC_QUOTA must be a positive whole number, not ${JSON.stringify(text)}`,
		);
	}
	return value;
}
