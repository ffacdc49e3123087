/**
 * The wire format of sync, shared by both sides, and reading one untrusted change into it.
 * The store checks what it needs to store a change safely (its shape, id, key, clock, size);
 * what a review's or register's `data` means is the validator's job (`SyncValidator`).
 */
import { MAX_DATA_CHARS, MAX_HLC_LENGTH, MAX_KEY_LENGTH } from './limits.ts';

export type SyncChange =
	/** `id`: a client UUIDv7. Immutable: the same id again is a no-op (a retried push). */
	| { type: 'review'; id: string; data: unknown }
	/** Undoes review `id`, everywhere and for good: it wins over that review in either order. */
	| { type: 'tombstone'; id: string; hlc: string }
	/** Last writer wins per key: the greater `hlc` (plain string comparison). */
	| { type: 'register'; key: string; hlc: string; data: unknown }
	/** A scheduler config, content-addressed by its key: stored once. */
	| { type: 'config'; key: string; data: unknown };

/** A change as a pull returns it: with its place in the user's feed. */
export type PulledChange = SyncChange & { seq: number };

/** Returns why a change's content is refused (a sentence), or undefined to accept it. */
export type SyncValidator = (change: SyncChange) => string | undefined;

// Any canonical UUID in lower case: the client makes UUIDv7s, the validator may insist on that.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Printable ASCII without spaces: compares the same as bytes and as UTF-16 units.
const HLC = /^[\x21-\x7e]+$/;
// No control characters (a key is shown in exports and logs), no lone surrogate (the database
// would store U+FFFD instead, and the key read back would not be the key sent).
const UNSAFE_IN_KEY = /[\p{Cc}\p{Cs}]/u;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function checkFields(change: Record<string, unknown>, fields: string[]): string | undefined {
	const extra = Object.keys(change).find((name) => !fields.includes(name));
	return extra === undefined
		? undefined
		: `it has an unknown field ${JSON.stringify(extra.slice(0, 40))}`;
}

function checkId(id: unknown): string | undefined {
	return typeof id === 'string' && UUID.test(id) ? undefined : 'its id is not a lower-case UUID';
}

function checkKey(key: unknown): string | undefined {
	if (typeof key !== 'string' || key.length === 0) return 'its key is not a non-empty string';
	if (key.length > MAX_KEY_LENGTH) return `its key is longer than ${MAX_KEY_LENGTH} characters`;
	if (UNSAFE_IN_KEY.test(key)) return 'its key has a control character or a lone surrogate';
	return undefined;
}

function checkHlc(hlc: unknown): string | undefined {
	if (typeof hlc !== 'string' || !HLC.test(hlc)) return 'its hlc is not printable ASCII';
	if (hlc.length > MAX_HLC_LENGTH) return `its hlc is longer than ${MAX_HLC_LENGTH} characters`;
	return undefined;
}

/** The data as the JSON text to store, or why it cannot be stored. */
export function dataText(data: unknown): { text: string } | { error: string } {
	if (data === undefined) return { error: 'it has no data' };
	let text: string | undefined;
	try {
		text = JSON.stringify(data);
	} catch {
		return { error: 'its data is not JSON' };
	}
	if (typeof text !== 'string') return { error: 'its data is not JSON' };
	if (text.length > MAX_DATA_CHARS) {
		return { error: `its data is longer than ${MAX_DATA_CHARS} characters of JSON` };
	}
	return { text };
}

/**
 * One untrusted change as a `SyncChange` with its data as the JSON text to store (null for a
 * tombstone), or why it is refused (a sentence without its subject: "its id is not …").
 */
export function readChange(
	input: unknown,
): { change: SyncChange; data: string | null } | { error: string } {
	if (!isRecord(input)) return { error: 'it is not an object' };
	const problem = (() => {
		switch (input.type) {
			case 'review':
				return checkFields(input, ['type', 'id', 'data']) ?? checkId(input.id);
			case 'tombstone':
				return (
					checkFields(input, ['type', 'id', 'hlc']) ?? checkId(input.id) ?? checkHlc(input.hlc)
				);
			case 'register':
				return (
					checkFields(input, ['type', 'key', 'hlc', 'data']) ??
					checkKey(input.key) ??
					checkHlc(input.hlc)
				);
			case 'config':
				return checkFields(input, ['type', 'key', 'data']) ?? checkKey(input.key);
			default:
				return 'its type is not review, tombstone, register or config';
		}
	})();
	if (problem) return { error: problem };
	if (input.type === 'tombstone') return { change: input as SyncChange, data: null };
	const data = dataText(input.data);
	if ('error' in data) return data;
	return { change: input as SyncChange, data: data.text };
}

const MAX_DEPTH = 32;

function depth(value: unknown): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[value, 1]];
	while (stack.length > 0) {
		const [item, level] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		deepest = Math.max(deepest, level);
		if (deepest > MAX_DEPTH) return deepest;
		for (const child of Object.values(item)) stack.push([child, level + 1]);
	}
	return deepest;
}

/**
 * The validator used until the sync rules' schemas plug in: reviews and configs are JSON
 * objects, nothing nests deeper than 32 levels. It knows nothing of what the fields mean.
 */
export const shapeValidator: SyncValidator = (change) => {
	if (change.type === 'tombstone') return undefined;
	if ((change.type === 'review' || change.type === 'config') && !isRecord(change.data)) {
		return `its data is not a JSON object`;
	}
	if (depth(change.data) > MAX_DEPTH) return `its data nests deeper than ${MAX_DEPTH} levels`;
	return undefined;
};
