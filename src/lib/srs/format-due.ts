/**
 * When the next card is due, said as a person would: "today 16:31", "tomorrow 16:31", "Friday
 * 16:31" within the week, then a date ("Dec 12 16:31", a year only when it is another year).
 * In Chinese: "今天 16:31", "明天 16:31", "星期五 16:31", "12月12日 16:31". Days are calendar
 * days in the learner's time zone, not 24-hour spans: 23:50 to 00:10 is "tomorrow".
 */
const DAY_MS = 86_400_000;

export function formatDue(at: number, now: number, locale: string, timeZone?: string): string {
	const days = calendarDay(at, timeZone) - calendarDay(now, timeZone);
	const time = new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone,
	}).format(at);
	let day: string;
	if (days >= -1 && days <= 1) {
		day = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
	} else if (days > 1 && days < 7) {
		day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone }).format(at);
	} else {
		const sameYear = yearOf(at, timeZone) === yearOf(now, timeZone);
		day = new Intl.DateTimeFormat(locale, {
			day: 'numeric',
			month: 'short',
			year: sameYear ? undefined : 'numeric',
			timeZone,
		}).format(at);
	}
	return `${day} ${time}`;
}

/** Days since 1970-01-01 of the calendar date `ms` falls on in `timeZone`. */
function calendarDay(ms: number, timeZone: string | undefined): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		timeZone,
	}).formatToParts(ms);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return Math.round(Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS);
}

function yearOf(ms: number, timeZone: string | undefined): number {
	return Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(ms));
}
