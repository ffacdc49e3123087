import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	format,
	isTooFarAhead,
	MAX_AHEAD_MS,
	newClock,
	newNodeId,
	parse,
	receive,
	tick,
	type Clock,
} from '../../src/lib/sync/hlc.ts';
import { mergeChanges, EMPTY_STATE } from '../../src/lib/sync/merge.ts';
import { NODES, T0 } from './sync-fixtures.ts';

const HOUR = 3_600_000;
const anyClock = fc.record({
	wall: fc.integer({ min: 0, max: 2 ** 48 }),
	counter: fc.integer({ min: 0, max: 999_999 }),
	node: fc.constantFrom(...NODES),
});
const tuple = (c: Clock) => [c.wall, c.counter, c.node] as const;
const compareTuples = (a: Clock, b: Clock) => {
	const [x, y] = [tuple(a), tuple(b)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
	return 0;
};
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('hybrid logical clock', () => {
	it('orders timestamps as plain text exactly as by (wall, counter, node)', () => {
		fc.assert(
			fc.property(anyClock, anyClock, (a, b) => {
				expect(compareText(format(a), format(b))).toBe(sign(compareTuples(a, b)));
				expect(parse(format(a))).toEqual(a);
			}),
		);
	});

	it('ties between devices at the same wall time and counter are broken by node id', () => {
		const [a, b] = NODES.map((node) => format({ wall: T0, counter: 4, node }));
		expect(a < b).toBe(true);
		expect(a).not.toBe(b);
	});

	it('stamps every local event later than the last, even when the wall clock goes back', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: T0 - 5 * HOUR, max: T0 + 5 * HOUR })), (nows) => {
				let clock = newClock(NODES[0]);
				let last = format(clock);
				for (const now of nows) {
					clock = tick(clock, now);
					expect(format(clock) > last).toBe(true);
					last = format(clock);
				}
			}),
		);
	});

	it('after receiving a remote time, stamps later than both it and its own last time', () => {
		fc.assert(
			fc.property(anyClock, anyClock, fc.integer({ min: 0, max: 2 ** 48 }), (own, remote, now) => {
				const local = { ...own, node: NODES[0] };
				const after = tick(receive(local, format({ ...remote, node: NODES[1] }), now), now);
				expect(format(after) > format({ ...remote, node: NODES[1] })).toBe(true);
				expect(format(after) > format(local)).toBe(true);
			}),
		);
	});

	it("a device whose clock is hours behind: its later edit wins once it has seen the other's", () => {
		const key = 'deck:hsk/hsk1:desiredRetention';
		// The laptop's clock is right; the phone's is three hours behind.
		const laptop = tick(newClock(NODES[0]), T0);
		const laptopEdit = { kind: 'register' as const, key, value: 0.85, hlc: format(laptop) };
		// Ten minutes later the phone pulls the laptop's edit, then changes the same option.
		const phoneNow = T0 + 10 * 60_000 - 3 * HOUR;
		const phone = tick(receive(newClock(NODES[1]), laptopEdit.hlc, phoneNow), phoneNow);
		const phoneEdit = { kind: 'register' as const, key, value: 0.95, hlc: format(phone) };
		for (const order of [
			[laptopEdit, phoneEdit],
			[phoneEdit, laptopEdit],
		]) {
			expect(mergeChanges(EMPTY_STATE, order).state.registers.get(key)?.value).toBe(0.95);
		}
		// Without having seen it, the phone's wall clock alone would have lost.
		const unseen = format(tick(newClock(NODES[1]), phoneNow));
		expect(unseen < laptopEdit.hlc).toBe(true);
	});

	it('keeps a fixed width when a million events share one ms: the wall moves on by 1 ms', () => {
		const full = { wall: T0, counter: 999_999, node: NODES[0] };
		const next = tick(full, T0 - HOUR);
		expect(next).toEqual({ wall: T0 + 1, counter: 0, node: NODES[0] });
		expect(format(next) > format(full)).toBe(true);
		expect(format(next)).toHaveLength(format(full).length);
	});

	it('tells the server which times come from a clock more than a day ahead', () => {
		const at = (wall: number) => format({ wall, counter: 0, node: NODES[0] });
		expect(isTooFarAhead(at(T0 + MAX_AHEAD_MS), T0)).toBe(false);
		expect(isTooFarAhead(at(T0 + MAX_AHEAD_MS + 1), T0)).toBe(true);
		expect(isTooFarAhead(at(T0 - 30 * 24 * HOUR), T0)).toBe(false);
	});

	it('makes 16-hex-digit node ids and refuses any other', () => {
		expect(newNodeId()).toMatch(/^[0-9a-f]{16}$/);
		expect(newNodeId()).not.toBe(newNodeId());
		expect(() => newClock('phone')).toThrow();
		expect(() => parse('1-2-3')).toThrow();
	});
});
