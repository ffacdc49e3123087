/**
 * Bounds shared by every synced record. The server checks a push with the same schemas as the
 * device, so these are limits on what any client, honest or not, can make the server store.
 */
import { IMPORT_LIMITS } from '../bank/exchange/upload-limits.ts';
import * as v from 'valibot';

/** 2000-01-01 to 2100-01-01 (ms): room for a history imported from Anki, nothing absurd. */
export const MIN_TIME = Date.UTC(2000, 0, 1);
export const MAX_TIME = Date.UTC(2100, 0, 1);
export const SyncTime = v.pipe(
	v.number(),
	v.safeInteger(),
	v.minValue(MIN_TIME),
	v.maxValue(MAX_TIME),
);

/** `configKey` (scheduler.ts): `c` and a 32-bit hash in base 36. */
export const CONFIG_KEY_PATTERN = /^c[0-9a-z]{1,7}$/;

/** Learning or relearning steps, as deck options write them ("1m", "10m", "1d"). */
export const Steps = v.pipe(
	v.array(v.pipe(v.string(), v.maxLength(16), v.regex(/^\d+(?:\.\d+)?[mhd]$/))),
	v.maxLength(20),
);

/** FSRS weights (21 in FSRS-6); generous bounds, the scheduler clamps them to its own. */
export const Weights = v.pipe(
	v.array(v.pipe(v.number(), v.finite(), v.minValue(-100), v.maxValue(100))),
	v.minLength(1),
	v.maxLength(32),
);

/** A synced bank's Kioku data, as UTF-8 JSON: as large as a kept bank can be (upload-limits.ts). */
export const MAX_SYNCED_BANK_BYTES = IMPORT_LIMITS.maxBankDataBytes;
/** A practice-test result as JSON: 200 questions of a few KB each at most. */
export const MAX_SYNCED_RESULT_CHARS = 1024 * 1024;
/** A push request's body: one bank of the largest size, with its envelope. */
export const MAX_PUSH_BODY_BYTES = MAX_SYNCED_BANK_BYTES + 64 * 1024;
/** Nesting of a bank's data: the importer's own limit (a real bank nests about 8 deep). */
export const MAX_SYNCED_NESTING = 64;

/** How deep a JSON value nests, counted without recursion; stops counting past `limit`. */
export function nesting(value: unknown, limit: number): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[value, 1]];
	while (stack.length > 0) {
		const [item, level] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		deepest = Math.max(deepest, level);
		if (deepest > limit) return deepest;
		for (const child of Object.values(item)) stack.push([child, level + 1]);
	}
	return deepest;
}
