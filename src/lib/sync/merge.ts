/**
 * Merging synced changes. The merged state depends only on the set of changes seen, never on
 * their order or on how often one was seen, so every device and the server reach the same state
 * from the same changes (merge is commutative, associative and idempotent; property-tested):
 *
 * - Reviews are a set by uid: the same review again is nothing new. The same uid with other
 *   content cannot come from an honest device (uids are random); it is reported as a conflict and
 *   one version is kept, the same one everywhere: the first in the order of their canonical JSON.
 *   ("First received" would keep different versions on different devices.)
 * - A tombstone beats its review forever: an undone review never comes back, even when a device
 *   that had not heard of the undo pushes it again. Of two tombstones for one uid, the earliest.
 * - A register keeps the value with the greatest hybrid clock time. Equal times with different
 *   values (impossible from honest devices: the node id is in the time) keep the first value in
 *   canonical JSON order, and are reported.
 * - Configurations are a set by key; a key is a hash of the content, so two contents under one
 *   key are a conflict, resolved like reviews.
 * - A bank, or its deletion, is a register of its own: the greatest hybrid clock time wins, so a
 *   deletion beats every copy stamped before it, and an import after the deletion beats it.
 * - Practice-test results are a set by uid, like reviews (they are never undone).
 */
import { canonicalJson } from './canonical-json.ts';
import type {
	Change,
	Register,
	SyncedBank,
	SyncedConfig,
	SyncedResult,
	SyncedReview,
	Tombstone,
} from './records.ts';

export interface SyncState {
	/** Reviews not undone, by uid. */
	readonly reviews: ReadonlyMap<string, SyncedReview>;
	readonly tombstones: ReadonlyMap<string, Tombstone>;
	readonly registers: ReadonlyMap<string, Register>;
	readonly configs: ReadonlyMap<string, SyncedConfig>;
	/** Banks and deleted banks, by bank id. */
	readonly banks: ReadonlyMap<string, SyncedBank>;
	readonly results: ReadonlyMap<string, SyncedResult>;
}

export const EMPTY_STATE: SyncState = {
	reviews: new Map(),
	tombstones: new Map(),
	registers: new Map(),
	configs: new Map(),
	banks: new Map(),
	results: new Map(),
};

/**
 * What a change does to a state: `new` changes it, `known` was already there, `stale` loses to
 * what is there (an older register, a review undone); a `conflict` is reported, and changes the
 * state when the incoming version wins.
 */
export type Outcome = 'new' | 'known' | 'stale' | { conflict: 'wins' | 'loses' };

/** Whether a change alters the state it is merged into. */
export const changes = (o: Outcome) =>
	o === 'new' || (typeof o === 'object' && o.conflict === 'wins');

/** The first of two versions in canonical JSON order: the one kept on every device. */
const firstOf = (incoming: unknown, held: unknown): 'wins' | 'loses' =>
	canonicalJson(incoming) < canonicalJson(held) ? 'wins' : 'loses';

/** What merging `change` into `state` would do, without doing it. */
export function outcome(state: SyncState, change: Change): Outcome {
	switch (change.kind) {
		case 'review': {
			if (state.tombstones.has(change.uid)) return 'stale';
			const held = state.reviews.get(change.uid);
			if (!held) return 'new';
			return canonicalJson(held) === canonicalJson(change)
				? 'known'
				: { conflict: firstOf(change, held) };
		}
		case 'tombstone': {
			const held = state.tombstones.get(change.uid);
			if (!held) return 'new';
			return change.hlc === held.hlc ? 'known' : change.hlc < held.hlc ? 'new' : 'stale';
		}
		case 'register': {
			const held = state.registers.get(change.key);
			if (!held || change.hlc > held.hlc) return 'new';
			if (change.hlc < held.hlc) return 'stale';
			return canonicalJson(change.value) === canonicalJson(held.value)
				? 'known'
				: { conflict: firstOf(change.value, held.value) };
		}
		case 'config':
			return asSet(state.configs.get(change.key), change);
		case 'result':
			return asSet(state.results.get(change.uid), change);
		case 'bank': {
			const held = state.banks.get(change.id);
			if (!held || change.hlc > held.hlc) return 'new';
			if (change.hlc < held.hlc) return 'stale';
			return canonicalJson(change.bank) === canonicalJson(held.bank)
				? 'known'
				: { conflict: firstOf(change.bank, held.bank) };
		}
	}
}

/** A change in a set by id: new, the same again, or another version under its id. */
function asSet(held: Change | undefined, change: Change): Outcome {
	if (!held) return 'new';
	return canonicalJson(held) === canonicalJson(change)
		? 'known'
		: { conflict: firstOf(change, held) };
}

export interface Merged {
	state: SyncState;
	/** The changes that altered the state, in the order given (what a server appends to its feed). */
	accepted: Change[];
	/** Changes that clashed with a different version under the same id. */
	conflicts: Change[];
}

/**
 * The held records a batch's outcome depends on. A device with a million reviews in IndexedDB
 * does not build a whole `SyncState` for each pulled chunk: it reads these (the reviews and
 * tombstones of these uids, these registers and configurations) into one, merges the chunk into
 * it, and writes back what `accepted` says (tested to give what the whole state gives).
 */
export function namedBy(batch: Iterable<Change>): {
	uids: Set<string>;
	registers: Set<string>;
	configs: Set<string>;
	banks: Set<string>;
	results: Set<string>;
} {
	const named = {
		uids: new Set<string>(),
		registers: new Set<string>(),
		configs: new Set<string>(),
		banks: new Set<string>(),
		results: new Set<string>(),
	};
	for (const c of batch) {
		if (c.kind === 'review' || c.kind === 'tombstone') named.uids.add(c.uid);
		else if (c.kind === 'register') named.registers.add(c.key);
		else if (c.kind === 'bank') named.banks.add(c.id);
		else if (c.kind === 'result') named.results.add(c.uid);
		else named.configs.add(c.key);
	}
	return named;
}

/** Merges a batch: the state's maps are copied once per batch, not once per change. */
export function mergeChanges(state: SyncState, batch: Iterable<Change>): Merged {
	const reviews = new Map(state.reviews);
	const tombstones = new Map(state.tombstones);
	const registers = new Map(state.registers);
	const configs = new Map(state.configs);
	const banks = new Map(state.banks);
	const results = new Map(state.results);
	const next: SyncState = { reviews, tombstones, registers, configs, banks, results };
	const accepted: Change[] = [];
	const conflicts: Change[] = [];
	for (const change of batch) {
		const o = outcome(next, change);
		if (typeof o === 'object') conflicts.push(change);
		if (!changes(o)) continue;
		accepted.push(change);
		switch (change.kind) {
			case 'review':
				reviews.set(change.uid, change);
				break;
			case 'tombstone':
				tombstones.set(change.uid, change);
				reviews.delete(change.uid);
				break;
			case 'register':
				registers.set(change.key, change);
				break;
			case 'config':
				configs.set(change.key, change);
				break;
			case 'bank':
				banks.set(change.id, change);
				break;
			case 'result':
				results.set(change.uid, change);
				break;
		}
	}
	return { state: next, accepted, conflicts };
}

/** Every change a state holds: merging them into an empty state gives the state back. */
export function changesOf(state: SyncState): Change[] {
	return [
		...state.configs.values(),
		...state.reviews.values(),
		...state.tombstones.values(),
		...state.registers.values(),
		...state.banks.values(),
		...state.results.values(),
	];
}

export function merge(a: SyncState, b: SyncState): SyncState {
	return mergeChanges(a, changesOf(b)).state;
}

/** A state as text, the same for equal states whatever order they were built in (for tests). */
export function stateFingerprint(state: SyncState): string {
	const sortedValues = (m: ReadonlyMap<string, unknown>) =>
		[...m.keys()].sort().map((k) => canonicalJson(m.get(k)));
	return JSON.stringify({
		reviews: sortedValues(state.reviews),
		tombstones: sortedValues(state.tombstones),
		registers: sortedValues(state.registers),
		configs: sortedValues(state.configs),
		banks: sortedValues(state.banks),
		results: sortedValues(state.results),
	});
}
