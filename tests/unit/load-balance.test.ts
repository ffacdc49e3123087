import fc from 'fast-check';
import { fsrs, get_fuzz_range, State } from 'ts-fsrs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DueLoad } from '../../src/lib/srs/due-load.ts';
import {
	balancedInterval,
	EASY_DAY_LEVELS,
	MAX_BALANCED_DAYS,
	NORMAL_WEEK,
	weekday,
	type DayLoad,
	type EasyDay,
} from '../../src/lib/srs/load-balance.ts';
import { balancing, DEFAULT_DECK_OPTIONS, Settings } from '../../src/lib/srs/options.ts';
import { isValidRegister } from '../../src/lib/sync/registers.ts';
import type { Grade, MemoryState, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import {
	configKey,
	createScheduler,
	fsrsParameters,
	schedulerConfig,
} from '../../src/lib/srs/scheduler.ts';
import { syncedFromLocal } from '../../src/lib/sync/local-log.ts';
import { SyncedReview } from '../../src/lib/sync/records.ts';
import { replaySynced } from '../../src/lib/sync/replay-synced.ts';
import {
	mean,
	simulateBalance,
	standardDeviation,
} from '../../scripts/bench/balance-simulation.ts';
import { UTC_DAYS } from './srs-fixtures.ts';

const DAY = 86_400_000;
/** A Monday, 09:00 UTC. */
const T0 = Date.UTC(2026, 0, 5, 9);
const meta = { cardId: 'ni-hao', deck: 'hsk/hsk1', durationMs: 3000 };

const easyDays = fc.array(fc.constantFrom<EasyDay>(...EASY_DAY_LEVELS), {
	minLength: 7,
	maxLength: 7,
});
/** Reviews due on each of the next 200 days. */
const loads = fc.array(fc.nat({ max: 400 }), { minLength: 200, maxLength: 200 });
const loadOf = (counts: number[], week = NORMAL_WEEK, today = UTC_DAYS.of(T0).day): DayLoad => ({
	due: (day) => counts[day - today] ?? 0,
	easyDays: week,
});

/** A card in review whose last review was `elapsed` days before `now`. */
function reviewCard(stability: number, difficulty: number, elapsed: number, now: number) {
	const lastReview = now - elapsed * DAY - 3_600_000;
	const card: MemoryState = {
		due: lastReview + Math.max(1, Math.round(stability)) * DAY,
		stability,
		difficulty,
		elapsedDays: 0,
		scheduledDays: Math.max(1, Math.round(stability)),
		learningSteps: 0,
		reps: 5,
		lapses: 0,
		state: State.Review,
		lastReview,
	};
	return card;
}

const reviewCards = fc.record({
	stability: fc.double({ min: 0.5, max: 300, noNaN: true }),
	difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
	elapsed: fc.integer({ min: 0, max: 120 }),
	maximumInterval: fc.oneof(fc.integer({ min: 3, max: 120 }), fc.constant(36500)),
	grade: fc.constantFrom<Grade>(1, 2, 3, 4),
});

describe('choosing a day', () => {
	it('takes a day of the range, the emptiest one against its capacity', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 80 }),
				fc.integer({ min: 0, max: 20 }),
				fc.nat(),
				loads,
				easyDays,
				(min, width, at, counts, week) => {
					const range = { min, max: min + width };
					const fuzzed = min + (at % (width + 1));
					const today = 20_000;
					const load = loadOf(counts, week, today);
					const days = balancedInterval(range, fuzzed, today, load);
					expect(days).toBeGreaterThanOrEqual(range.min);
					expect(days).toBeLessThanOrEqual(range.max);
					const score = (d: number) =>
						(load.due(today + d) + 1) /
						{ normal: 1, reduced: 0.5, minimum: 0.02 }[week[weekday(today + d)]];
					for (let d = range.min; d <= range.max; d++)
						expect(score(days)).toBeLessThanOrEqual(score(d));
				},
			),
		);
	});

	it('breaks ties toward the fuzzed day, then the earlier day', () => {
		const empty = loadOf([]);
		expect(balancedInterval({ min: 5, max: 9 }, 7, 20_000, empty)).toBe(7);
		const flat = loadOf(Array(200).fill(3));
		expect(balancedInterval({ min: 5, max: 9 }, 9, 20_000, flat)).toBe(9);
		// 6 and 8 are equally near 7 and equally loaded: the earlier one.
		const twoLow = loadOf([9, 9, 9, 9, 9, 9, 1, 9, 1, 9], NORMAL_WEEK, 20_000);
		expect(balancedInterval({ min: 5, max: 9 }, 7, 20_000, twoLow)).toBe(6);
	});

	it('keeps reviews off a "minimum" day while another day has room, and halves a "reduced" one', () => {
		const today = 20_458; // Monday 5 January 2026: day + 6 is a Sunday
		expect(weekday(today + 6)).toBe(0);
		const sundayOff = ['minimum', ...NORMAL_WEEK.slice(1)] as EasyDay[];
		// An empty Sunday against days of 20: "minimum" takes a review only past 49 a day.
		const counts = Array(200).fill(20);
		counts[6] = 0;
		expect(balancedInterval({ min: 4, max: 8 }, 6, today, loadOf(counts, NORMAL_WEEK, today))).toBe(
			6,
		);
		expect(
			balancedInterval({ min: 4, max: 8 }, 6, today, loadOf(counts, sundayOff, today)),
		).not.toBe(6);
		counts.fill(50);
		const sundayHalf = ['reduced', ...NORMAL_WEEK.slice(1)] as EasyDay[];
		counts[6] = 20; // 21 / 0.5 = 42 < 51: still the emptiest
		expect(balancedInterval({ min: 4, max: 8 }, 6, today, loadOf(counts, sundayHalf, today))).toBe(
			6,
		);
		counts[6] = 30; // 62 > 51
		expect(
			balancedInterval({ min: 4, max: 8 }, 6, today, loadOf(counts, sundayHalf, today)),
		).not.toBe(6);
	});
});

describe('balancing in the scheduler', () => {
	it('keeps every answer inside the fuzz range ts-fsrs would draw from, or leaves it as it was', () => {
		fc.assert(
			fc.property(reviewCards, loads, easyDays, (c, counts, week) => {
				const options = { ...DEFAULT_DECK_OPTIONS, maximumInterval: c.maximumInterval };
				const config = schedulerConfig(options);
				const scheduler = createScheduler(config, UTC_DAYS);
				const card = reviewCard(c.stability, c.difficulty, c.elapsed, T0);
				const plain = scheduler.rate(card, T0, c.grade, meta);
				const balanced = scheduler.rate(card, T0, c.grade, meta, loadOf(counts, week));
				const { state, log } = balanced;
				if (log.balancedDays === undefined) {
					expect(sameMemoryState(state, plain.state)).toBe(true);
					return;
				}
				// The range, worked out here from ts-fsrs's own pieces.
				const engine = fsrs({ ...fsrsParameters(config), enable_fuzz: false });
				const interval = engine.next_interval(state.stability, log.elapsedDays);
				const { min_ivl, max_ivl } = get_fuzz_range(interval, log.elapsedDays, c.maximumInterval);
				expect(state.state).toBe(State.Review);
				expect(state.scheduledDays).toBe(log.balancedDays);
				expect(state.scheduledDays).toBeGreaterThanOrEqual(min_ivl);
				expect(state.scheduledDays).toBeLessThanOrEqual(Math.min(max_ivl, MAX_BALANCED_DAYS));
				expect(UTC_DAYS.of(state.due).day - UTC_DAYS.of(T0).day).toBe(state.scheduledDays);
				// Only the interval moves: the memory is FSRS's.
				expect(state.stability).toBe(plain.state.stability);
				expect(state.difficulty).toBe(plain.state.difficulty);
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps Hard before Good before Easy on the rating buttons', () => {
		fc.assert(
			fc.property(reviewCards, loads, (c, counts) => {
				const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
				const card = reviewCard(c.stability, c.difficulty, c.elapsed, T0);
				const due = scheduler.preview(card, T0, loadOf(counts));
				expect(due[2]).toBeLessThan(due[3]);
				expect(due[3]).toBeLessThan(due[4]);
				for (const g of [1, 2, 3, 4] as Grade[])
					expect(scheduler.rate(card, T0, g, meta, loadOf(counts)).state.due).toBe(due[g]);
			}),
			{ numRuns: 100 },
		);
	});

	it('leaves learning steps alone', () => {
		const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
		const full = loadOf(Array(200).fill(1000));
		const first = scheduler.rate(undefined, T0, 3, meta, full);
		expect(first.state.state).toBe(State.Learning);
		expect(first.log.balancedDays).toBeUndefined();
		expect(first.state).toEqual(scheduler.rate(undefined, T0, 3, meta).state);
	});

	it('moves a card off a crowded day', () => {
		const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
		const card = reviewCard(15, 5, 15, T0);
		const plain = scheduler.rate(card, T0, 3, meta).state;
		const counts = Array(200).fill(0);
		counts[plain.scheduledDays] = 500;
		const balanced = scheduler.rate(card, T0, 3, meta, loadOf(counts));
		expect(balanced.state.scheduledDays).not.toBe(plain.scheduledDays);
		expect(balanced.log.balancedDays).toBe(balanced.state.scheduledDays);
	});
});

describe('replaying balanced reviews', () => {
	const HOUR = 3_600_000;
	const histories = fc.array(
		fc.record({
			grade: fc.constantFrom<Grade>(1, 2, 3, 3, 3, 4),
			late: fc.integer({ min: 0, max: 3 * 24 * HOUR }),
		}),
		{ minLength: 2, maxLength: 12 },
	);

	/** A card studied with a load, each answer at or after its due time. */
	function study(list: { grade: Grade; late: number }[], counts: number[]) {
		// A year at most, so every review stays a time sync accepts (before 2100).
		const config = schedulerConfig({ ...DEFAULT_DECK_OPTIONS, maximumInterval: 365 });
		const scheduler = createScheduler(config, UTC_DAYS);
		const load = loadOf(counts);
		let state: MemoryState | undefined;
		let now = T0;
		const logs: ReviewLogRecord[] = [];
		for (const { grade, late } of list) {
			now = Math.max(now + 60_000, (state?.due ?? now) + late);
			const answer = scheduler.rate(state, now, grade, meta, load);
			logs.push(answer.log);
			state = answer.state;
		}
		return { state, logs, config };
	}

	it('gives the same card from the stored log and from the synced log', () => {
		let balancedLogs = 0;
		fc.assert(
			fc.property(histories, loads, (list, counts) => {
				const { state, logs, config } = study(list, counts);
				balancedLogs += logs.filter((l) => l.balancedDays !== undefined).length;
				const context = { configs: new Map([[configKey(config), config]]), days: UTC_DAYS };
				expect(sameMemoryState(replayCard(logs, context), state)).toBe(true);
				const synced = logs.map((log) => {
					const r = syncedFromLocal({ ...log, uid: undefined });
					if (!r.ok) throw new Error(r.error);
					expect(r.value.balancedDays).toBe(log.balancedDays);
					return r.value;
				});
				const replayed = replaySynced(synced, context);
				expect(sameMemoryState(replayed.state, state)).toBe(true);
				// The stored logs a sync writes replay to the same card again (Check data).
				expect(sameMemoryState(replayCard(replayed.logs, context), state)).toBe(true);
			}),
			{ numRuns: 60 },
		);
		// The property is about balanced logs: make sure it saw many.
		expect(balancedLogs).toBeGreaterThan(50);
	});

	it('ignores a forged or stale day outside the fuzz range', () => {
		fc.assert(
			fc.property(
				reviewCards,
				fc.oneof(fc.integer({ min: 1, max: 36500 }), fc.constantFrom(0.5, -3, 1e9)),
				(c, forged) => {
					const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
					const card = reviewCard(c.stability, c.difficulty, c.elapsed, T0);
					const plain = scheduler.rate(card, T0, c.grade, meta);
					const replayed = scheduler.rate(card, T0, c.grade, { ...meta, balancedDays: forged });
					const days = replayed.state.scheduledDays;
					if (days !== plain.state.scheduledDays) {
						// Taken only when it is a day of the range: within a few days of FSRS's.
						expect(days).toBe(forged);
						expect(replayed.log.balancedDays).toBe(forged);
						const engine = fsrs({
							...fsrsParameters(schedulerConfig(DEFAULT_DECK_OPTIONS)),
							enable_fuzz: false,
						});
						const interval = engine.next_interval(plain.state.stability, plain.log.elapsedDays);
						const range = get_fuzz_range(interval, plain.log.elapsedDays, 36500);
						expect(days).toBeGreaterThanOrEqual(range.min_ivl);
						expect(days).toBeLessThanOrEqual(range.max_ivl);
					} else expect(sameMemoryState(replayed.state, plain.state)).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
		// A far-off value for a short interval: the plain day.
		const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
		const card = reviewCard(10, 5, 10, T0);
		const plain = scheduler.rate(card, T0, 3, meta);
		const forged = scheduler.rate(card, T0, 3, { ...meta, balancedDays: 3000 });
		expect(forged.state).toEqual(plain.state);
		expect(forged.log.balancedDays).toBeUndefined();
	});

	it('refuses a synced review whose day is not a whole number of days from 1 to 36500', () => {
		const base = {
			kind: 'review',
			uid: '019b8f3e-0000-7000-8000-000000000000',
			cardId: 'c',
			deck: 'd',
			rating: 3,
			review: T0,
			durationMs: 1000,
			config: configKey(schedulerConfig(DEFAULT_DECK_OPTIONS)),
		};
		expect(v.is(SyncedReview, base)).toBe(true);
		expect(v.is(SyncedReview, { ...base, balancedDays: 12 })).toBe(true);
		for (const bad of [0, 1.5, -1, 36501, '12', null])
			expect(v.is(SyncedReview, { ...base, balancedDays: bad })).toBe(false);
	});
});

describe('a seeded collection studied for 60 days', () => {
	const base = { cards: 2000, lump: 1500, days: 60 };

	it('has smoother daily reviews with balancing, and fewer on an easy day', () => {
		for (const seed of ['t1', 't2']) {
			const off = simulateBalance({ ...base, seed, balance: false });
			const on = simulateBalance({ ...base, seed, balance: true });
			const before = standardDeviation(off.reviews.slice(3));
			const after = standardDeviation(on.reviews.slice(3));
			expect(after).toBeLessThan(before);
			// Once the import's second reviews are done, the days are much more even.
			expect(standardDeviation(on.reviews.slice(16))).toBeLessThan(
				0.8 * standardDeviation(off.reviews.slice(16)),
			);
			const sundayOff = ['minimum', ...NORMAL_WEEK.slice(1)] as EasyDay[];
			const easy = simulateBalance({ ...base, seed, balance: true, easyDays: sundayOff });
			const sundays = (o: typeof on) =>
				mean(o.reviews.filter((_, d) => d >= 3 && o.weekdays[d] === 0));
			const others = (o: typeof on) =>
				mean(o.reviews.filter((_, d) => d >= 3 && o.weekdays[d] !== 0));
			expect(sundays(easy)).toBeLessThan(0.6 * sundays(on));
			expect(sundays(easy)).toBeLessThan(0.6 * others(easy));
		}
	}, 60_000);
});

describe('the due reviews a session keeps', () => {
	it('counts each of the next 90 days once, then moves cards without counting again', async () => {
		const today = UTC_DAYS.of(T0);
		const asked: [number, number][] = [];
		const countDue = async (deck: string, spans: readonly { start: number; end: number }[]) => {
			expect(deck).toBe('hsk/hsk1');
			asked.push(...spans.map((d): [number, number] => [d.start, d.end]));
			return spans.map((d) => UTC_DAYS.of(d.start).day - today.day); // day n ahead holds n cards
		};
		const load = await DueLoad.count(countDue, 'hsk/hsk1', UTC_DAYS, today, NORMAL_WEEK);
		expect(asked).toHaveLength(MAX_BALANCED_DAYS);
		expect(asked[0]).toEqual([today.end, UTC_DAYS.numbered(today.day + 1).end]);
		expect(load.due(today.day + 5)).toBe(5);
		expect(load.due(today.day)).toBe(0); // today is not a day a review interval can land on
		expect(load.due(today.day + MAX_BALANCED_DAYS + 1)).toBe(0);
		const card = reviewCard(10, 5, 10, T0);
		const on = (days: number) => ({ ...card, due: today.start + days * DAY + 3_600_000 });
		load.moved(on(5), on(7));
		expect([load.due(today.day + 5), load.due(today.day + 7)]).toEqual([4, 8]);
		load.moved(undefined, on(200)); // outside the window: nothing to keep
		load.moved(on(7), undefined);
		expect(load.due(today.day + 7)).toBe(7);
		expect(asked).toHaveLength(MAX_BALANCED_DAYS);
	});
});

describe('the settings as synced registers', () => {
	it('takes on/off and seven easy-day levels, nothing else', () => {
		expect(isValidRegister('settings:loadBalance', false)).toBe(true);
		expect(isValidRegister('settings:loadBalance', 'no')).toBe(false);
		const week = ['minimum', 'normal', 'reduced', 'normal', 'normal', 'normal', 'normal'];
		expect(isValidRegister('settings:easyDays', week)).toBe(true);
		expect(isValidRegister('settings:easyDays', week.slice(1))).toBe(false);
		expect(isValidRegister('settings:easyDays', [...week.slice(1), 'none'])).toBe(false);
		expect(isValidRegister('settings:easyDays', undefined)).toBe(false);
	});

	it('reads settings stored before these existed as balancing on, every day normal', () => {
		const old = v.parse(Settings, { dayStartsAt: 4 });
		expect(balancing(old)).toEqual(NORMAL_WEEK);
		expect(balancing({ ...old, loadBalance: false })).toBeUndefined();
		expect(balancing({ ...old, easyDays: [...week()] })).toEqual(week());
		function week(): EasyDay[] {
			return ['reduced', ...NORMAL_WEEK.slice(1)];
		}
	});
});
