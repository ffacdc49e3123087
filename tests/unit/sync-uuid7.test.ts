import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UUID7_PATTERN, uuid7, uuid7Time } from '../../src/lib/sync/uuid7.ts';

const MAX = 2 ** 48 - 1;

describe('uuid7', () => {
	it('is an RFC 9562 version 7 id carrying its time', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: MAX }),
				fc.uint8Array({ minLength: 10, maxLength: 10 }),
				(t, fill) => {
					const id = uuid7(t, fill);
					expect(id).toMatch(UUID7_PATTERN);
					expect(uuid7Time(id)).toBe(t);
				},
			),
		);
		expect(uuid7(Date.UTC(2026, 0, 1))).toMatch(UUID7_PATTERN);
	});

	it('sorts as text in time order', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: MAX }), (a, b) => {
				fc.pre(a !== b);
				expect(uuid7(a) < uuid7(b)).toBe(a < b);
			}),
		);
	});

	it('gives different ids to reviews made in the same ms', () => {
		const now = Date.now();
		const ids = new Set(Array.from({ length: 10_000 }, () => uuid7(now)));
		expect(ids.size).toBe(10_000);
	});

	it('refuses a time it cannot carry', () => {
		expect(() => uuid7(-1)).toThrow(RangeError);
		expect(() => uuid7(MAX + 1)).toThrow(RangeError);
		expect(() => uuid7(Number.NaN)).toThrow(RangeError);
		expect(() => uuid7(0, new Uint8Array(9))).toThrow(RangeError);
	});
});
