/**
 * The study days around today, computed once: `studyDay` asks Intl for every boundary, so the
 * statistics call it once per day covered and then place each instant (log, due date) by a
 * binary search over the boundaries, never by asking Intl per log or per card.
 */
import { studyDay, type StudyDay } from '../srs/study-day.ts';

export interface DaySettings {
	/** Local hour at which a study day starts (settings.dayStartsAt). */
	dayStartsAt: number;
	timeZone: string;
}

export interface StudyCalendar {
	readonly today: StudyDay;
	/** Offset from today of the first day covered (≤ 0). */
	readonly firstOffset: number;
	/** Offset from today of the last day covered (≥ 0). */
	readonly lastOffset: number;
	/** First instant of the day `offset` days from today (negative: past). */
	start(offset: number): number;
	/** First instant of the day after that day. */
	end(offset: number): number;
	/** The day's offset from today; -Infinity or Infinity outside the days covered. */
	offsetOf(instant: number): number;
	/** `YYYY-MM-DD`: the local date the study day is named after. */
	dateKey(offset: number): string;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), as `StudyDay.day` counts them. */
export function dayNumberKey(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function studyCalendar(
	now: number,
	settings: DaySettings,
	range: { daysBack: number; daysAhead: number },
): StudyCalendar {
	const { dayStartsAt, timeZone } = settings;
	const today = studyDay(now, dayStartsAt, timeZone);
	const daysBack = Math.max(0, Math.floor(range.daysBack));
	const daysAhead = Math.max(0, Math.floor(range.daysAhead));
	// bounds[i] is the start of day (i - daysBack); the last entry is the end of the last day.
	const bounds = new Float64Array(daysBack + daysAhead + 2);
	let d = today;
	bounds[daysBack] = today.start;
	for (let i = daysBack - 1; i >= 0; i--) {
		d = studyDay(d.start - 1, dayStartsAt, timeZone);
		bounds[i] = d.start;
	}
	d = today;
	bounds[daysBack + 1] = today.end;
	for (let i = daysBack + 2; i < bounds.length; i++) {
		d = studyDay(d.end, dayStartsAt, timeZone);
		bounds[i] = d.end;
	}
	const index = (offset: number) => {
		if (offset < -daysBack || offset > daysAhead)
			throw new RangeError(`day ${offset} is outside the calendar (${-daysBack}…${daysAhead})`);
		return offset + daysBack;
	};
	return {
		today,
		firstOffset: -daysBack,
		lastOffset: daysAhead,
		start: (offset) => bounds[index(offset)],
		end: (offset) => bounds[index(offset) + 1],
		offsetOf(instant) {
			if (instant < bounds[0]) return -Infinity;
			if (instant >= bounds[bounds.length - 1]) return Infinity;
			// The last bound at or before the instant.
			let lo = 0,
				hi = bounds.length - 1;
			while (hi - lo > 1) {
				const mid = (lo + hi) >>> 1;
				if (bounds[mid] <= instant) lo = mid;
				else hi = mid;
			}
			return lo - daysBack;
		},
		// Study days are named after consecutive local dates, so no Intl call is needed here.
		dateKey: (offset) => dayNumberKey(today.day + offset),
	};
}
