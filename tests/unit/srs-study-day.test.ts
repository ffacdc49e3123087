import { describe, expect, it } from 'vitest';
import { studyDay } from '../../src/lib/srs/study-day.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('studyDay', () => {
	it('counts a late-night session for the day before, until the day starts at 04:00', () => {
		// 01:30 in Shanghai on 2 March is still the study day of 1 March.
		const night = studyDay(Date.parse('2024-03-01T17:30:00Z'), 4, 'Asia/Shanghai');
		const morning = studyDay(Date.parse('2024-03-01T20:30:00Z'), 4, 'Asia/Shanghai');
		expect(iso(night.start)).toBe('2024-02-29T20:00:00.000Z');
		expect(iso(night.end)).toBe('2024-03-01T20:00:00.000Z');
		expect(morning.day).toBe(night.day + 1);
		expect(morning.start).toBe(night.end);
	});

	it('gives a 23-hour study day across the night clocks go forward (New York, 10 March 2024)', () => {
		// 01:30 EST on 10 March belongs to the study day of 9 March (04:00 EST to 04:00 EDT).
		const d = studyDay(Date.parse('2024-03-10T06:30:00Z'), 4, 'America/New_York');
		expect(iso(d.start)).toBe('2024-03-09T09:00:00.000Z');
		expect(iso(d.end)).toBe('2024-03-10T08:00:00.000Z');
		expect(d.end - d.start).toBe(23 * 3_600_000);
	});

	it('gives a 25-hour study day across the night clocks go back (New York, 3 November 2024)', () => {
		const d = studyDay(Date.parse('2024-11-03T06:00:00Z'), 4, 'America/New_York');
		expect(iso(d.start)).toBe('2024-11-02T08:00:00.000Z');
		expect(d.end - d.start).toBe(25 * 3_600_000);
	});

	it('starts the day after the gap when the start hour does not exist that night', () => {
		// 02:00 never happens in New York on 10 March 2024: the day starts at 03:00 EDT.
		const d = studyDay(Date.parse('2024-03-10T12:00:00Z'), 2, 'America/New_York');
		expect(iso(d.start)).toBe('2024-03-10T07:00:00.000Z');
	});

	it('handles half-hour zones and half-hour DST (Lord Howe Island)', () => {
		const d = studyDay(Date.parse('2024-04-06T03:00:00Z'), 4, 'Australia/Lord_Howe');
		expect(d.end - d.start).toBe(24.5 * 3_600_000);
	});

	it('with the day starting at midnight, is the calendar day', () => {
		const d = studyDay(Date.parse('2024-06-15T23:59:59Z'), 0, 'UTC');
		expect(iso(d.start)).toBe('2024-06-15T00:00:00.000Z');
		expect(d.day).toBe(Math.floor(Date.parse('2024-06-15T00:00:00Z') / 86_400_000));
	});
});
