// Seeded shuffles: the same seed gives the same order (a test link, a card shown again), and an
// order question never starts in its answer's order.
import { describe, expect, it } from 'vitest';
import { seededArrangement, seededShuffle } from '../../src/lib/random/seeded-shuffle.ts';

const ITEMS = ['a', 'b', 'c', 'd', 'e'];
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('seededShuffle', () => {
	it('gives the same order for the same seed, and another for another seed', () => {
		expect(seededShuffle(ITEMS, 'test-1')).toEqual(seededShuffle(ITEMS, 'test-1'));
		const orders = new Set(
			Array.from({ length: 20 }, (_, i) => seededShuffle(ITEMS, `s${i}`).join('')),
		);
		expect(orders.size).toBeGreaterThan(10);
	});

	it('keeps every item once and leaves the input as it was', () => {
		const input = [...ITEMS];
		expect(sorted(seededShuffle(input, 'x'))).toEqual(ITEMS);
		expect(input).toEqual(ITEMS);
	});

	it('draws every order of three items about equally often', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < 6000; i++) {
			const order = seededShuffle(['a', 'b', 'c'], `seed-${i}`).join('');
			counts.set(order, (counts.get(order) ?? 0) + 1);
		}
		expect(counts.size).toBe(6);
		for (const n of counts.values()) expect(n).toBeGreaterThan(850);
	});
});

describe('seededArrangement', () => {
	it('never gives the items in their own order, and repeats for the same seed', () => {
		for (let i = 0; i < 500; i++) {
			const seed = `q-${i}`;
			const out = seededArrangement(['first', 'second'], seed);
			expect(out).toEqual(['second', 'first']);
			const five = seededArrangement(ITEMS, seed);
			expect(five).not.toEqual(ITEMS);
			expect(sorted(five)).toEqual(ITEMS);
			expect(seededArrangement(ITEMS, seed)).toEqual(five);
		}
	});

	it('leaves a single item as it is', () => {
		expect(seededArrangement(['only'], 'x')).toEqual(['only']);
	});
});
