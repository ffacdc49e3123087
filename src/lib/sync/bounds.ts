/**
 * Bounds shared by every synced record. The server checks a push with the same schemas as the
 * device, so these are limits on what any client, honest or not, can make the server store.
 */
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
