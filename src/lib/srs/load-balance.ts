/**
 * Evening out the daily reviews, as Anki's load balancer (24.11) does. FSRS fuzzes each review
 * interval within a range of days that are all equally good for memory; instead of a random day
 * of the range, the balancer takes the day with the fewest reviews already due, measured against
 * that day's capacity: a learner can mark days of the week as easy ("reduced": about half the
 * reviews, "minimum": almost none), and the balancer then prefers the other days.
 *
 * Pure rules only. The scheduler (scheduler.ts) decides which intervals may be balanced (review
 * intervals that ts-fsrs fuzzed, not learning steps) and records the chosen interval in the log,
 * so a replay gives the same card on every device without balancing again (see `recordedDays`).
 */
import { get_fuzz_range } from 'ts-fsrs';

export const EASY_DAY_LEVELS = ['normal', 'reduced', 'minimum'] as const;
export type EasyDay = (typeof EASY_DAY_LEVELS)[number];

/** One level per weekday, Sunday first (as `Date.getDay`). */
export type EasyDays = readonly EasyDay[];
export const NORMAL_WEEK: EasyDays = Array.from({ length: 7 }, () => 'normal' as const);

/**
 * Share of a normal day's reviews an easy day takes. "minimum" is small but not zero: when every
 * day of a range is a minimum day, the fewest reviews still wins.
 */
export const CAPACITY: Record<EasyDay, number> = { normal: 1, reduced: 0.5, minimum: 0.02 };

/** The weekday (0 = Sunday) of a study day number (days since 1970-01-01, a Thursday). */
export function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

/**
 * Longer intervals are not balanced, as in Anki: a day more or less matters little that far out,
 * and the session counts the reviews due on only this many days ahead (due-load.ts).
 */
export const MAX_BALANCED_DAYS = 90;

/** The interval range (days) ts-fsrs draws a fuzzed interval from, inclusive. */
export interface DayRange {
	min: number;
	max: number;
}

/**
 * The range ts-fsrs fuzzes `interval` (its unfuzzed interval, whole days) within, or undefined
 * when it does not fuzz it (under 2.5 days) or the range is a single day: nothing to choose.
 */
export function fuzzRange(
	interval: number,
	elapsedDays: number,
	maximumInterval: number,
): DayRange | undefined {
	if (interval < 2.5) return undefined;
	const { min_ivl, max_ivl } = get_fuzz_range(interval, elapsedDays, maximumInterval);
	return min_ivl < max_ivl ? { min: min_ivl, max: max_ivl } : undefined;
}

/** What the balancer knows of the days ahead. */
export interface DayLoad {
	/** Reviews already due on study day `day` (a day number, see study-day.ts). */
	due(day: number): number;
	easyDays: EasyDays;
}

/**
 * The interval to use among `range`: the day whose reviews, one more included, fill the least of
 * its capacity. Ties go to the day nearest `fuzzed` (the day the scheduler gives unbalanced),
 * then to the earlier day, so the choice is deterministic.
 */
export function balancedInterval(
	range: DayRange,
	fuzzed: number,
	today: number,
	load: DayLoad,
): number {
	let best = fuzzed;
	let bestScore = Infinity;
	let bestDistance = Infinity;
	for (let days = range.min; days <= range.max; days++) {
		const day = today + days;
		const level = load.easyDays[weekday(day)] ?? 'normal';
		const score = (load.due(day) + 1) / CAPACITY[level];
		const distance = Math.abs(days - fuzzed);
		// Days are visited in increasing order, so on a full tie the earlier one stays.
		if (score < bestScore || (score === bestScore && distance < bestDistance)) {
			best = days;
			bestScore = score;
			bestDistance = distance;
		}
	}
	return best;
}

/**
 * The interval a log recorded as balanced, if it can be used: a whole number of days inside the
 * range a replay finds. A stale or forged value never moves a card outside the fuzz range.
 */
export function recordedDays(recorded: number | undefined, range: DayRange | undefined) {
	if (recorded === undefined || !range || !Number.isSafeInteger(recorded)) return undefined;
	return recorded >= range.min && recorded <= range.max ? recorded : undefined;
}
