import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import type { ReviewLogRecord } from '../../src/lib/srs/records.ts';
import {
	derivedUid,
	firstSyncChanges,
	initialRegisters,
	syncedFromLocal,
} from '../../src/lib/sync/local-log.ts';
import { format } from '../../src/lib/sync/hlc.ts';
import { EMPTY_STATE, mergeChanges, stateFingerprint } from '../../src/lib/sync/merge.ts';
import { deckKey, settingsKey } from '../../src/lib/sync/registers.ts';
import { UUID7_PATTERN, uuid7, uuid7Time } from '../../src/lib/sync/uuid7.ts';
import { DEFAULT_CONFIG, DEFAULT_KEY, DECK, NODES, T0 } from './sync-fixtures.ts';

function stored(overrides: Partial<ReviewLogRecord> = {}): ReviewLogRecord {
	return {
		id: 1,
		cardId: 'ni-hao',
		deck: DECK,
		rating: 3,
		review: T0,
		durationMs: 4200,
		config: DEFAULT_KEY,
		state: State.New,
		due: T0,
		stability: 0,
		difficulty: 0,
		elapsedDays: 0,
		lastElapsedDays: 0,
		scheduledDays: 0,
		learningSteps: 0,
		...overrides,
	};
}
const configs = new Map([[DEFAULT_KEY, DEFAULT_CONFIG]]);

describe("a device's history from before it signed in", () => {
	it('gets uids from its card and time: the same on every device, whatever the local id', () => {
		const uid = derivedUid('ni-hao', T0);
		expect(uid).toMatch(UUID7_PATTERN);
		expect(uuid7Time(uid)).toBe(T0);
		expect(derivedUid('ni-hao', T0)).toBe(uid);
		expect(derivedUid('ni-hao', T0 + 1)).not.toBe(uid);
		expect(derivedUid('xie-xie', T0)).not.toBe(uid);
		expect(derivedUid('ni-ha', T0)).not.toBe(uid);
		const phone = syncedFromLocal(stored({ id: 17 }));
		const laptop = syncedFromLocal(stored({ id: 4031 }));
		expect(phone).toEqual(laptop);
	});

	it('keeps the uid a review was stored with', () => {
		const uid = uuid7(T0);
		const r = syncedFromLocal({ ...stored(), uid });
		expect(r.ok && r.value.uid).toBe(uid);
	});

	it('counts a review once when the same backup was restored on two devices that sign in', () => {
		const logs = [stored(), stored({ id: 2, review: T0 + 86_400_000, rating: 1 })];
		const restored = logs.map((l, i) => ({ ...l, id: 100 + i })); // new local ids
		const a = firstSyncChanges(logs, configs);
		const b = firstSyncChanges(restored, configs);
		const merged = mergeChanges(mergeChanges(EMPTY_STATE, a.changes).state, b.changes);
		expect(merged.state.reviews.size).toBe(2);
		expect(merged.accepted).toEqual([]);
		expect(merged.conflicts).toEqual([]);
	});

	it('pushes the configurations its reviews name once, before them', () => {
		const logs = [stored(), stored({ id: 2, cardId: 'xie-xie' })];
		const { changes, refused } = firstSyncChanges(logs, configs);
		expect(refused).toEqual([]);
		expect(changes.map((c) => c.kind)).toEqual(['config', 'review', 'review']);
	});

	it('cuts a time spent beyond an hour to an hour and keeps the mark of an overruled answer', () => {
		const r = syncedFromLocal(stored({ durationMs: 5 * 3_600_000, overruled: true }));
		expect(r.ok && r.value.durationMs).toBe(3_600_000);
		expect(r.ok && r.value.overruled).toBe(true);
	});

	it('says which reviews it cannot sync, and why, and syncs the rest', () => {
		const logs = [stored(), stored({ id: 2, review: 5 }), stored({ id: 3, config: 'cmissing' })];
		const { changes, refused } = firstSyncChanges(logs, configs);
		expect(changes.filter((c) => c.kind === 'review')).toHaveLength(1);
		expect(refused.map((r) => r.log.id)).toEqual([2, 3]);
		expect(refused[1].reason).toContain('cmissing');
	});

	it("keeps the account's options where it has them and the device's where it has none", () => {
		const local = initialRegisters(
			[
				[deckKey(DECK, 'desiredRetention'), 0.8],
				[deckKey(DECK, 'newPerDay'), 5],
				[settingsKey('dayStartsAt'), 99], // invalid: left out
			],
			NODES[1],
		);
		expect(local).toHaveLength(2);
		const account = {
			kind: 'register' as const,
			key: deckKey(DECK, 'desiredRetention'),
			value: 0.95,
			hlc: format({ wall: T0, counter: 0, node: NODES[0] }),
		};
		const one = mergeChanges(EMPTY_STATE, [account, ...local]).state;
		const other = mergeChanges(EMPTY_STATE, [...local, account]).state;
		expect(stateFingerprint(one)).toBe(stateFingerprint(other));
		expect(one.registers.get(deckKey(DECK, 'desiredRetention'))?.value).toBe(0.95);
		expect(one.registers.get(deckKey(DECK, 'newPerDay'))?.value).toBe(5);
	});
});
