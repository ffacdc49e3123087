/**
 * Reviews per study day: the calendar heatmap, streaks and days studied. Logs are counted per
 * day once, in one pass; everything else reads the per-day counts.
 */
import type { ReviewLogRecord } from '../srs/records.ts';
import type { ReviewAggregate } from './review-aggregates.ts';
import { SLOT_MS } from './slot.ts';
import type { StudyCalendar } from './study-calendar.ts';

export const HEATMAP_DAYS = 365;

export interface DayCount {
	/** `YYYY-MM-DD`, the local date the study day is named after. */
	day: string;
	count: number;
}

export interface ReviewActivity {
	/** The last `HEATMAP_DAYS` study days, oldest first, today last; days without reviews too. */
	days: DayCount[];
	/** Reviews over those days. */
	reviews: number;
	/**
	 * Consecutive study days with a review, ending today, or yesterday while nothing is
	 * answered yet today (as Anki), so the streak is not shown broken before the day's session.
	 */
	currentStreak: number;
	/** The longest run of such days over every day the calendar covers. */
	longestStreak: number;
	/** Days of the heatmap with at least one review. */
	daysStudied: number;
	/**
	 * Days from the first studied day of the heatmap to today: a learner who started last week
	 * is measured over a week, not a year (as Anki's "days studied").
	 */
	periodDays: number;
	/** `daysStudied / periodDays`, 0..1; null before any review. */
	daysStudiedRate: number | null;
}

/** Reviews per day of the calendar, from `firstOffset` to today (logs outside are ignored). */
export function reviewsPerDay(
	logs: readonly ReviewLogRecord[],
	calendar: StudyCalendar,
): Uint32Array {
	const first = calendar.firstOffset;
	const counts = new Uint32Array(1 - first);
	for (const log of logs) {
		const offset = calendar.offsetOf(log.review);
		if (offset <= 0 && offset >= first) counts[offset - first]++;
	}
	return counts;
}

/** `reviewsPerDay` from the per-slot aggregates (review-aggregates.ts). */
export function reviewsPerDayOfAggregates(
	aggregates: readonly ReviewAggregate[],
	calendar: StudyCalendar,
): Uint32Array {
	const first = calendar.firstOffset;
	const counts = new Uint32Array(1 - first);
	for (const agg of aggregates) {
		const offset = calendar.offsetOf(agg.slot * SLOT_MS);
		if (offset <= 0 && offset >= first) counts[offset - first] += agg.reviews;
	}
	return counts;
}

export function reviewActivity(
	logs: readonly ReviewLogRecord[],
	calendar: StudyCalendar,
	heatmapDays = HEATMAP_DAYS,
): ReviewActivity {
	return activityOfCounts(reviewsPerDay(logs, calendar), calendar, heatmapDays);
}

/** `reviewActivity` from the per-slot aggregates. */
export function reviewActivityOfAggregates(
	aggregates: readonly ReviewAggregate[],
	calendar: StudyCalendar,
	heatmapDays = HEATMAP_DAYS,
): ReviewActivity {
	return activityOfCounts(reviewsPerDayOfAggregates(aggregates, calendar), calendar, heatmapDays);
}

function activityOfCounts(
	counts: Uint32Array,
	calendar: StudyCalendar,
	heatmapDays: number,
): ReviewActivity {
	if (-calendar.firstOffset < heatmapDays - 1)
		throw new RangeError(
			`the calendar covers ${1 - calendar.firstOffset} past days, not ${heatmapDays}`,
		);
	const todayIndex = counts.length - 1;

	const days: DayCount[] = [];
	let reviews = 0,
		daysStudied = 0,
		firstStudied: number | null = null;
	for (let offset = 1 - heatmapDays; offset <= 0; offset++) {
		const count = counts[todayIndex + offset];
		days.push({ day: calendar.dateKey(offset), count });
		reviews += count;
		if (count > 0) {
			daysStudied++;
			firstStudied ??= offset;
		}
	}
	const periodDays = firstStudied === null ? 0 : 1 - firstStudied;

	let currentStreak = 0;
	for (let i = counts[todayIndex] > 0 ? todayIndex : todayIndex - 1; i >= 0 && counts[i] > 0; i--)
		currentStreak++;
	let longestStreak = 0,
		run = 0;
	for (const count of counts) {
		run = count > 0 ? run + 1 : 0;
		if (run > longestStreak) longestStreak = run;
	}

	return {
		days,
		reviews,
		currentStreak,
		longestStreak,
		daysStudied,
		periodDays,
		daysStudiedRate: periodDays === 0 ? null : daysStudied / periodDays,
	};
}
