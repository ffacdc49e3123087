/**
 * Join codes: six digits a class can read off the board and type on a phone. A code is a
 * string throughout, so "012345" keeps its zero.
 */

export const JOIN_CODE_SPACE = 1_000_000;
const MAX_TRIES = 1000;

/** A code no running game has; `randomInt(n)` gives a whole number from 0 to n − 1. */
export function newJoinCode(
	randomInt: (maxExclusive: number) => number,
	taken: ReadonlySet<string>,
): string {
	for (let i = 0; i < MAX_TRIES; i++) {
		const n = randomInt(JOIN_CODE_SPACE);
		if (!Number.isInteger(n) || n < 0 || n >= JOIN_CODE_SPACE) {
			throw new RangeError(`randomInt(${JOIN_CODE_SPACE}) returned ${n}`);
		}
		const code = String(n).padStart(6, '0');
		if (!taken.has(code)) return code;
	}
	// Only when nearly every code is in use, or the random source is broken.
	throw new Error(`No free join code after ${MAX_TRIES} tries`);
}

/** Whether `s` has the shape of a join code (what newJoinCode makes). */
export const isJoinCode = (s: string): boolean => /^\d{6}$/.test(s);
