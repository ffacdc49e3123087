/**
 * The wire format of sync, shared by both sides, and reading one untrusted change into it.
 * The store checks what it needs to store a change safely (its shape, id, key, clock, size);
 * what a review's or register's `data` means is the validator's job (`SyncValidator`).
 */
import { nesting } from '../../sync/bounds.ts';
import {
	MAX_BANK_DATA_CHARS,
	MAX_DATA_CHARS,
	MAX_HLC_LENGTH,
	MAX_KEY_LENGTH,
	MAX_RESULT_DATA_CHARS,
} from './limits.ts';

export type SyncChange =
	/** `id`: a client UUIDv7. Immutable: the same id again is a no-op (a retried push). */
	| { type: 'review'; id: string; data: unknown }
	/** Undoes review `id`, everywhere and for good: it wins over that review in either order. */
	| { type: 'tombstone'; id: string; hlc: string }
	/** Last writer wins per key: the greater `hlc` (plain string comparison). */
	| { type: 'register'; key: string; hlc: string; data: unknown }
	/** A scheduler config, content-addressed by its key: stored once. */
	| { type: 'config'; key: string; data: unknown }
	/** A bank (`data` null: deleted). Last writer wins per key, as a register. */
	| { type: 'bank'; key: string; hlc: string; data: unknown }
	/** A practice-test result: immutable, as a review. */
	| { type: 'result'; id: string; data: unknown };

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

/** How long a change's data may be: banks and results are larger than the rest. */
export function maxDataChars(type: SyncChange['type']): number {
	return type === 'bank'
		? MAX_BANK_DATA_CHARS
		: type === 'result'
			? MAX_RESULT_DATA_CHARS
			: MAX_DATA_CHARS;
}

/** The data as the JSON text to store, or why it cannot be stored. */
export function dataText(
	data: unknown,
	max: number = MAX_DATA_CHARS,
): { text: string } | { error: string } {
	if (data === undefined) return { error: 'it has no data' };
	let text: string | undefined;
	try {
		text = JSON.stringify(data);
	} catch {
		return { error: 'its data is not JSON' };
	}
	if (typeof text !== 'string') return { error: 'its data is not JSON' };
	if (text.length > max) {
		return { error: `its data is longer than ${max} characters of JSON` };
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
			case 'bank':
				return (
					checkFields(input, ['type', 'key', 'hlc', 'data']) ??
					checkKey(input.key) ??
					checkHlc(input.hlc)
				);
			case 'result':
				return checkFields(input, ['type', 'id', 'data']) ?? checkId(input.id);
			default:
				return 'its type is not review, tombstone, register, config, bank or result';
		}
	})();
	if (problem) return { error: problem };
	if (input.type === 'tombstone') return { change: input as SyncChange, data: null };
	const change = input as SyncChange;
	const data = dataText(input.data, maxDataChars(change.type));
	if ('error' in data) return data;
	return { change, data: data.text };
}

const MAX_DEPTH = 32;
/** A bank's questions nest deeper than a review: the importer's own limit. */
const MAX_BANK_DEPTH = 64;

/**
 * The validator used until the sync rules' schemas plug in: reviews, configs and results are
 * JSON objects (a bank's an object or null), nothing nests deeper than 32 levels (a bank, 64).
 * It knows nothing of what the fields mean.
 */
export const shapeValidator: SyncValidator = (change) => {
	if (change.type === 'tombstone') return undefined;
	const objects = ['review', 'config', 'result'];
	if (objects.includes(change.type) && !isRecord(change.data)) {
		return `its data is not a JSON object`;
	}
	if (change.type === 'bank' && change.data !== null && !isRecord(change.data)) {
		return `its data is not a JSON object or null`;
	}
	const max = change.type === 'bank' ? MAX_BANK_DEPTH : MAX_DEPTH;
	if (nesting(change.data, max) > max) return `its data nests deeper than ${max} levels`;
	return undefined;
};
