import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { format } from '../../src/lib/sync/hlc.ts';
import {
	Change,
	MAX_PUSH_CHANGES,
	PushBatch,
	type SyncedReview,
} from '../../src/lib/sync/records.ts';
import {
	cardKey,
	deckKey,
	deckOptionsFrom,
	parseRegisterKey,
	settingsKey,
} from '../../src/lib/sync/registers.ts';
import { DEFAULT_CONFIG, DEFAULT_KEY, DECK, NODES, review, T0 } from './sync-fixtures.ts';

const hlc = format({ wall: T0, counter: 0, node: NODES[0] });
const ok = (change: unknown) => v.is(Change, change);
const register = (key: string, value: unknown) => ({ kind: 'register', key, value, hlc });

describe('synced reviews', () => {
	it('take what a review is, and nothing else', () => {
		expect(ok(review())).toBe(true);
		expect(ok(review({ overruled: true }))).toBe(true);
		// The card's state before the review is not synced: every device replays it.
		expect(ok({ ...review(), stability: 3.2 })).toBe(false);
		const noDuration: Partial<SyncedReview> = review();
		delete noDuration.durationMs;
		expect(ok(noDuration)).toBe(false);
	});

	it('refuse ratings, times, ids and configurations out of bounds', () => {
		for (const bad of [
			{ rating: 0 },
			{ rating: 5 },
			{ review: Date.UTC(1999, 11, 31) },
			{ review: Date.UTC(2100, 0, 2) },
			{ review: T0 + 0.5 },
			{ durationMs: -1 },
			{ durationMs: 2 * 60 * 60 * 1000 },
			{ cardId: '' },
			{ cardId: 'x'.repeat(201) },
			{ deck: 'a\u0000b' },
			{ uid: 'not-a-uuid' },
			{ uid: '01900000-0000-4000-8000-000000000001' }, // a v4, not a v7
			{ config: 'default' },
		])
			expect(ok(review(bad as never)), JSON.stringify(bad)).toBe(false);
	});
});

describe('registers', () => {
	it('take a known field with a value it can hold', () => {
		expect(ok(register(deckKey(DECK, 'desiredRetention'), 0.85))).toBe(true);
		expect(ok(register(deckKey(DECK, 'learningSteps'), ['1m', '10m']))).toBe(true);
		expect(ok(register(cardKey('ni-hao', 'suspended'), true))).toBe(true);
		expect(ok(register(cardKey('ni-hao', 'buriedUntil'), 20_460))).toBe(true);
		expect(ok(register(settingsKey('dayStartsAt'), 4))).toBe(true);
		const fit = { weights: [0.4, 1.2, 3.1, 15.7], rescheduled: { config: DEFAULT_KEY, at: T0 } };
		expect(ok(register(deckKey(DECK, 'fit'), fit))).toBe(true);
	});

	it('refuse unknown fields, wrong values and oversized ones', () => {
		for (const [key, value] of [
			[deckKey(DECK, 'desiredRetention'), 1.5],
			[deckKey(DECK, 'desiredRetention'), '0.9'],
			[deckKey(DECK, 'weights' as never), [1, 2]], // weights travel only with their fit
			[deckKey(DECK, 'learningSteps'), ['soon']],
			[deckKey(DECK, 'learningSteps'), Array(21).fill('1m')],
			[deckKey(DECK, 'fit'), { weights: Array(33).fill(1) }],
			[deckKey(DECK, 'fit'), { weights: [1], extra: true }],
			[cardKey('ni-hao', 'suspended'), 'yes'],
			[cardKey('ni-hao', 'stability' as never), 3],
			[settingsKey('theme' as never), 'dark'],
			['settings:', 4],
			[`card:${'x'.repeat(300)}:suspended`, true],
			[deckKey(DECK, 'desiredRetention'), undefined],
		] as const)
			expect(ok(register(key, value)), key).toBe(false);
		expect(ok({ ...register(deckKey(DECK, 'newPerDay'), 20), hlc: '2026-01-05' })).toBe(false);
	});

	it('read back any card id whole, colons included', () => {
		expect(parseRegisterKey(cardKey('a:b:c', 'leech'))).toEqual({
			scope: 'card',
			card: 'a:b:c',
			field: 'leech',
		});
		expect(parseRegisterKey(deckKey('hsk/hsk1', 'fit'))).toEqual({
			scope: 'deck',
			deck: 'hsk/hsk1',
			field: 'fit',
		});
		expect(parseRegisterKey('card::suspended')).toBeUndefined();
	});

	it("give a deck's options: set fields, a fit's weights and reschedule, defaults elsewhere", () => {
		const registers = new Map([
			[deckKey(DECK, 'desiredRetention'), { value: 0.85 }],
			[
				deckKey(DECK, 'fit'),
				{ value: { weights: [1, 2, 3], rescheduled: { config: DEFAULT_KEY, at: T0 } } },
			],
			[deckKey('other/deck', 'newPerDay'), { value: 5 }],
		]);
		expect(deckOptionsFrom(registers, DECK)).toEqual({
			...DEFAULT_DECK_OPTIONS,
			desiredRetention: 0.85,
			weights: [1, 2, 3],
			rescheduled: { config: DEFAULT_KEY, at: T0 },
		});
	});
});

describe('configurations and batches', () => {
	it('take a configuration only under the key that is its hash', () => {
		expect(ok({ kind: 'config', key: DEFAULT_KEY, config: DEFAULT_CONFIG })).toBe(true);
		const other = { ...DEFAULT_CONFIG, desiredRetention: 0.8 };
		expect(ok({ kind: 'config', key: DEFAULT_KEY, config: other })).toBe(false);
		expect(ok({ kind: 'config', key: DEFAULT_KEY, config: { ...DEFAULT_CONFIG, extra: 1 } })).toBe(
			false,
		);
	});

	it('take tombstones with a uid and a clock time', () => {
		expect(ok({ kind: 'tombstone', uid: review().uid, hlc })).toBe(true);
		expect(ok({ kind: 'tombstone', uid: review().uid })).toBe(false);
		expect(ok({ kind: 'snapshot', uid: review().uid, hlc })).toBe(false);
	});

	it(`carry at most ${MAX_PUSH_CHANGES} changes in one push`, () => {
		expect(v.is(PushBatch, Array(MAX_PUSH_CHANGES).fill(review()))).toBe(true);
		expect(v.is(PushBatch, Array(MAX_PUSH_CHANGES + 1).fill(review()))).toBe(false);
	});
});

describe('hostile input', () => {
	it('refuses a deeply nested value without overflowing the stack', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 200_000; i++) deep = [deep];
		expect(ok(register(deckKey(DECK, 'learningSteps'), deep))).toBe(false);
		expect(ok(register(deckKey(DECK, 'fit'), { weights: deep }))).toBe(false);
	});
});

describe('any JSON a client could send', () => {
	it('is checked without throwing, and what passes survives JSON unchanged', () => {
		const nearlyValid = fc.oneof(
			fc.jsonValue(),
			fc
				.record(
					{ kind: fc.constantFrom('review', 'tombstone', 'register', 'config') },
					{ requiredKeys: [] },
				)
				.chain((base) =>
					fc
						.dictionary(
							fc.constantFrom('uid', 'hlc', 'key', 'value', 'rating', 'config', 'cardId'),
							fc.jsonValue(),
						)
						.map((extra) => ({ ...base, ...extra })),
				),
			fc
				.constantFrom(review(), register(deckKey(DECK, 'newPerDay'), 5))
				.chain((valid) =>
					fc
						.tuple(fc.constantFrom(...Object.keys(valid)), fc.jsonValue())
						.map(([k, value]) => ({ ...valid, [k]: value })),
				),
		);
		fc.assert(
			fc.property(nearlyValid, (input) => {
				const result = v.safeParse(Change, input);
				// JSON has one zero: -0 is written as 0, which is the same number for every
				// use a record has, so the comparison counts them as one (toEqual would not).
				if (result.success)
					expect(JSON.parse(JSON.stringify(result.output))).toEqual(
						withoutNegativeZero(result.output),
					);
			}),
			{ numRuns: 2000 },
		);
	});
});

function withoutNegativeZero(value: unknown): unknown {
	if (Object.is(value, -0)) return 0;
	if (Array.isArray(value)) return value.map(withoutNegativeZero);
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)]));
	return value;
}
