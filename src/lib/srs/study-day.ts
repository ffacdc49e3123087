/**
 * Study days: a day starts at a local hour (04:00 by default, as in Anki), in the learner's
 * time zone, through daylight-saving changes. Computed with Intl so tests can name any zone.
 */

export interface StudyDay {
	/** Days since 1970-01-01 of the local calendar date the study day is named after. */
	day: number;
	/** First instant of the study day (ms). */
	start: number;
	/** First instant of the next study day (ms). */
	end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: number, timeZone: string) {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, f);
	}
	const parts: Record<string, number> = {};
	for (const p of f.formatToParts(instant))
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's offset from UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
	const p = localParts(instant, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the local clock reads `hour`:00 on calendar day `day`. When that hour
 * is skipped by a DST change, the first instant after the gap.
 */
function localHourToInstant(day: number, hour: number, timeZone: string): number {
	const wall = day * 86_400_000 + hour * 3_600_000;
	let guess = wall - offsetAt(wall, timeZone);
	guess = wall - offsetAt(guess, timeZone);
	const p = localParts(guess, timeZone);
	const reads = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
	// In a DST gap the wall time does not exist: move forward by what the clock is behind.
	return reads < wall ? guess + (wall - reads) : guess;
}

export function studyDay(now: number, dayStartsAt: number, timeZone: string): StudyDay {
	const p = localParts(now, timeZone);
	let day = Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
	if (p.hour < dayStartsAt) day -= 1;
	return {
		day,
		start: localHourToInstant(day, dayStartsAt, timeZone),
		end: localHourToInstant(day + 1, dayStartsAt, timeZone),
	};
}

export function systemTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The learner's day boundary: the local hour a study day starts at, in their time zone. */
export interface DayBoundary {
	/** Local hour (0–23) at which a study day starts. */
	dayStartsAt: number;
	/** IANA time zone of the learner. */
	timeZone: string;
}

const DAY_MS = 86_400_000;

/**
 * One learner's study days, remembered as they are asked for: scheduling and replay place every
 * review in its study day, and `studyDay` costs an Intl call, which a replay of a million reviews
 * cannot afford each time.
 */
export class StudyDays {
	readonly dayStartsAt: number;
	readonly timeZone: string;
	/** Study days by the UTC hour an instant falls in; an entry is used only if it holds the instant. */
	#byHour = new Map<number, StudyDay>();
	#byNumber = new Map<number, StudyDay>();

	constructor(boundary: DayBoundary) {
		this.dayStartsAt = boundary.dayStartsAt;
		this.timeZone = boundary.timeZone;
	}

	/** The study day `instant` belongs to. */
	of(instant: number): StudyDay {
		const hour = Math.floor(instant / 3_600_000);
		const cached = this.#byHour.get(hour);
		if (cached && cached.start <= instant && instant < cached.end) return cached;
		const day = this.#remember(studyDay(instant, this.dayStartsAt, this.timeZone));
		if (this.#byHour.size > 100_000) this.#byHour.clear();
		this.#byHour.set(hour, day);
		return day;
	}

	/** The study day numbered `day` (days since 1970-01-01 of the local date it is named after). */
	numbered(day: number): StudyDay {
		const cached = this.#byNumber.get(day);
		if (cached) return cached;
		// Noon UTC of that date is within a day of its local noon in every zone (offsets are ±14 h).
		let guess = this.of(day * DAY_MS + DAY_MS / 2);
		for (let i = 0; i < 3 && guess.day > day; i++) guess = this.of(guess.start - 1);
		// A date a zone skipped (Samoa, 30 December 2011) has no study day: the next one stands in.
		for (let i = 0; i < 3 && guess.day < day; i++) guess = this.of(guess.end);
		return guess;
	}

	#remember(day: StudyDay): StudyDay {
		const known = this.#byNumber.get(day.day);
		if (known) return known;
		if (this.#byNumber.size > 100_000) this.#byNumber.clear();
		this.#byNumber.set(day.day, day);
		return day;
	}
}
