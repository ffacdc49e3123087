import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	EMPTY_STATE,
	merge,
	mergeChanges,
	namedBy,
	stateFingerprint,
	type SyncState,
} from '../../src/lib/sync/merge.ts';
import type { Change } from '../../src/lib/sync/records.ts';
import { anyChange, review, T0 } from './sync-fixtures.ts';

const anyState: fc.Arbitrary<SyncState> = fc
	.array(anyChange, { maxLength: 12 })
	.map((changes) => mergeChanges(EMPTY_STATE, changes).state);
// A property passes unless it throws or returns false: `same` asserts and returns nothing.
function same(a: SyncState, b: SyncState): void {
	expect(stateFingerprint(a)).toBe(stateFingerprint(b));
}

describe('merge laws', () => {
	it('is commutative', () => {
		fc.assert(
			fc.property(anyState, anyState, (a, b) => {
				same(merge(a, b), merge(b, a));
			}),
		);
	});

	it('is associative', () => {
		fc.assert(
			fc.property(anyState, anyState, anyState, (a, b, c) =>
				same(merge(merge(a, b), c), merge(a, merge(b, c))),
			),
		);
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(anyState, (a) => {
				same(merge(a, a), a);
			}),
		);
	});

	it('reaches the same state from the same changes in any order, any of them repeated', () => {
		fc.assert(
			fc.property(
				fc.array(anyChange, { maxLength: 16 }).chain((changes) =>
					fc.tuple(
						fc.constant(changes),
						fc.shuffledSubarray([...changes, ...changes], {
							minLength: changes.length * 2,
						}),
					),
				),
				([changes, shuffledTwice]) => {
					same(
						mergeChanges(EMPTY_STATE, changes).state,
						mergeChanges(EMPTY_STATE, shuffledTwice).state,
					);
				},
			),
		);
	});
});

describe('merge rules', () => {
	const r = review();
	const undo: Change = {
		kind: 'tombstone',
		uid: r.uid,
		hlc: `${T0}`.padStart(16, '0') + '-000000-00000000000000a1',
	};

	it('counts a review pushed again once', () => {
		const once = mergeChanges(EMPTY_STATE, [r]);
		const again = mergeChanges(once.state, [r, { ...r }]);
		expect(again.accepted).toEqual([]);
		expect(again.conflicts).toEqual([]);
		expect([...again.state.reviews.keys()]).toEqual([r.uid]);
	});

	it('never brings an undone review back, whichever comes first', () => {
		for (const order of [
			[r, undo],
			[undo, r],
			[r, undo, r],
		]) {
			const { state } = mergeChanges(EMPTY_STATE, order);
			expect(state.reviews.size).toBe(0);
			expect(state.tombstones.has(r.uid)).toBe(true);
		}
		// A stale device pushing the review later changes nothing.
		const undone = mergeChanges(EMPTY_STATE, [r, undo]).state;
		expect(mergeChanges(undone, [r]).accepted).toEqual([]);
	});

	it('reports the same uid with other content and keeps one version, the same in any order', () => {
		const other = { ...r, rating: 1 as const };
		const ab = mergeChanges(EMPTY_STATE, [r, other]);
		const ba = mergeChanges(EMPTY_STATE, [other, r]);
		expect(ab.conflicts).toHaveLength(1);
		expect(ba.conflicts).toHaveLength(1);
		expect(ab.state.reviews.get(r.uid)).toEqual(ba.state.reviews.get(r.uid));
	});

	it('keeps the newest value of each register, field by field', () => {
		const at = (ms: number) => `${T0 + ms}`.padStart(16, '0') + '-000000-00000000000000a1';
		const retention = 'deck:hsk/hsk1:desiredRetention';
		const limit = 'deck:hsk/hsk1:newPerDay';
		const changes: Change[] = [
			{ kind: 'register', key: retention, value: 0.85, hlc: at(2) },
			{ kind: 'register', key: limit, value: 10, hlc: at(1) },
			{ kind: 'register', key: retention, value: 0.95, hlc: at(1) },
			{ kind: 'register', key: limit, value: 30, hlc: at(3) },
		];
		const { state, accepted } = mergeChanges(EMPTY_STATE, changes);
		expect(state.registers.get(retention)?.value).toBe(0.85);
		expect(state.registers.get(limit)?.value).toBe(30);
		expect(accepted).toEqual([changes[0], changes[1], changes[3]]);
	});
});

describe('merging into what a batch names', () => {
	it('accepts and reports the same as merging into the whole state', () => {
		fc.assert(
			fc.property(anyState, fc.array(anyChange, { maxLength: 8 }), (whole, batch) => {
				const { uids, registers, configs, banks, results } = namedBy(batch);
				const pick = <T>(m: ReadonlyMap<string, T>, keys: Set<string>) =>
					new Map([...m].filter(([k]) => keys.has(k)));
				const part: SyncState = {
					reviews: pick(whole.reviews, uids),
					tombstones: pick(whole.tombstones, uids),
					registers: pick(whole.registers, registers),
					configs: pick(whole.configs, configs),
					banks: pick(whole.banks, banks),
					results: pick(whole.results, results),
				};
				const full = mergeChanges(whole, batch);
				const partial = mergeChanges(part, batch);
				expect(partial.accepted).toEqual(full.accepted);
				expect(partial.conflicts).toEqual(full.conflicts);
			}),
		);
	});
});
