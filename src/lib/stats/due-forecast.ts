/** How many cards come due on each of the next days, for the forecast chart and the due counts. */
import { State } from 'ts-fsrs';
import type { CardRecord } from '../srs/records.ts';
import type { StudyCalendar } from './study-calendar.ts';

export const FORECAST_DAYS = 30;

export interface DueForecast {
	/** Due by the end of today's study day, overdue cards included (= `days[0]`). */
	dueToday: number;
	/** Due during tomorrow's study day (= `days[1]`). */
	dueTomorrow: number;
	/** Cards due on each study day from today; day 0 includes every overdue card. */
	days: number[];
}

/**
 * Suspended and new cards are not due. Learning cards count on the day of their step, as in
 * Anki's forecast. A buried card counts on the day it shows again, since it cannot be studied
 * before. The calendar must cover `days` days from today.
 */
export function dueForecast(
	cards: readonly CardRecord[],
	calendar: StudyCalendar,
	days = FORECAST_DAYS,
): DueForecast {
	if (calendar.lastOffset < days - 1)
		throw new RangeError(`the calendar covers ${calendar.lastOffset + 1} days, not ${days}`);
	const counts = new Array<number>(days).fill(0);
	const today = calendar.today.day;
	for (const card of cards) {
		if (card.suspended || card.state === State.New) continue;
		// Overdue cards (-Infinity or a negative offset) are due today.
		const offset = Math.max(0, calendar.offsetOf(card.due), card.buriedUntil - today);
		if (offset < days) counts[offset]++;
	}
	return { dueToday: counts[0] ?? 0, dueTomorrow: counts[1] ?? 0, days: counts };
}
