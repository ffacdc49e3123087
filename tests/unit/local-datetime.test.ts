// A deadline typed in a date-and-time field is the device's local time, to the minute.
import { describe, expect, it } from 'vitest';
import { endOfDay, fromLocalInput, toLocalInput } from '$lib/components/local-datetime';

describe('local date and time fields', () => {
	it('reads what it writes, to the minute', () => {
		const at = new Date(2026, 11, 14, 9, 5, 42);
		expect(toLocalInput(at)).toBe('2026-12-14T09:05');
		expect(fromLocalInput('2026-12-14T09:05')).toBe(new Date(2026, 11, 14, 9, 5).getTime());
	});

	it('refuses what is not a whole date and time, or a day the month lacks', () => {
		expect(fromLocalInput('')).toBeUndefined();
		expect(fromLocalInput('2026-12-14')).toBeUndefined();
		expect(fromLocalInput('2026-02-31T10:00')).toBeUndefined();
	});

	it('a deadline "at the end of the day" is 23:59 that day', () => {
		const end = endOfDay(new Date(2026, 11, 14, 9, 5).getTime());
		expect(toLocalInput(end)).toBe('2026-12-14T23:59');
	});
});
