/**
 * UUIDv7 (RFC 9562): 48 bits of Unix time in ms, then random bits. A review's id is made on
 * the device that made the review, so a push retried after a lost answer carries the same ids
 * and the server can tell it already has them; ids sort by time, which keeps the server's index
 * of them append-mostly. Twenty lines instead of the `uuid` package: nothing else of it is needed.
 */
import { randomBytes } from './random-bytes.ts';

export const UUID7_PATTERN =
	/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const MAX_TIME = 2 ** 48 - 1;

/**
 * `fill` supplies the 74 bits after the time (10 bytes, of which the version and variant bits are
 * overwritten): random by default, or derived from something else for an id that must be the same
 * each time it is made (see local-log.ts).
 */
export function uuid7(now: number, fill: Uint8Array = randomBytes(10)): string {
	const ms = Math.floor(now);
	if (!(ms >= 0 && ms <= MAX_TIME)) throw new RangeError(`time ${now} does not fit a UUIDv7`);
	if (fill.length < 10) throw new RangeError('a UUIDv7 needs 10 bytes after its time');
	const bytes = new Uint8Array(16);
	// 48 bits do not fit JavaScript's 32-bit shifts: the high 16 and the low 32 separately.
	const high = Math.floor(ms / 2 ** 32);
	const low = ms >>> 0;
	bytes[0] = high >>> 8;
	bytes[1] = high & 0xff;
	bytes[2] = low >>> 24;
	bytes[3] = (low >>> 16) & 0xff;
	bytes[4] = (low >>> 8) & 0xff;
	bytes[5] = low & 0xff;
	bytes.set(fill.subarray(0, 10), 6);
	bytes[6] = 0x70 | (bytes[6] & 0x0f); // version 7
	bytes[8] = 0x80 | (bytes[8] & 0x3f); // variant 10
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The time (ms) a UUIDv7 was made at. */
export function uuid7Time(uuid: string): number {
	const hex = uuid.slice(0, 8) + uuid.slice(9, 13);
	return parseInt(hex, 16);
}
