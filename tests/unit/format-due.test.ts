import { describe, expect, it } from 'vitest';
import { formatDue } from '../../src/lib/srs/format-due.ts';

// Sunday 6 December 2026, 10:00 in Shanghai (02:00 UTC).
const NOW = Date.UTC(2026, 11, 6, 2, 0);
const SHANGHAI = 'Asia/Shanghai';
const at = (day: number, hour: number, minute: number) => Date.UTC(2026, 11, day, hour - 8, minute);

describe('formatDue', () => {
	it('says today and tomorrow with the time, in both languages', () => {
		expect(formatDue(at(6, 16, 31), NOW, 'en', SHANGHAI)).toBe('today 16:31');
		expect(formatDue(at(7, 16, 31), NOW, 'en', SHANGHAI)).toBe('tomorrow 16:31');
		expect(formatDue(at(6, 16, 31), NOW, 'zh-CN', SHANGHAI)).toBe('今天 16:31');
		expect(formatDue(at(7, 9, 5), NOW, 'zh-CN', SHANGHAI)).toBe('明天 09:05');
	});

	it('counts calendar days in the time zone, not 24-hour spans', () => {
		const lateTonight = Date.UTC(2026, 11, 6, 15, 50); // 23:50 in Shanghai
		const justAfterMidnight = Date.UTC(2026, 11, 6, 16, 10); // 00:10 on the 7th in Shanghai
		expect(formatDue(justAfterMidnight, lateTonight, 'en', SHANGHAI)).toBe('tomorrow 00:10');
		// The same instants are both on the 6th in UTC.
		expect(formatDue(justAfterMidnight, lateTonight, 'en', 'UTC')).toBe('today 16:10');
	});

	it('names the weekday within the week', () => {
		expect(formatDue(at(11, 8, 0), NOW, 'en', SHANGHAI)).toBe('Friday 08:00');
		expect(formatDue(at(11, 8, 0), NOW, 'zh-CN', SHANGHAI)).toBe('星期五 08:00');
	});

	it('gives a date a week or more away, with the year only when it is another year', () => {
		expect(formatDue(at(20, 16, 31), NOW, 'en', SHANGHAI)).toBe('Dec 20 16:31');
		expect(formatDue(at(20, 16, 31), NOW, 'zh-CN', SHANGHAI)).toBe('12月20日 16:31');
		const nextYear = Date.UTC(2027, 0, 15, 4, 0);
		expect(formatDue(nextYear, NOW, 'en', SHANGHAI)).toBe('Jan 15, 2027 12:00');
		expect(formatDue(nextYear, NOW, 'zh-CN', SHANGHAI)).toBe('2027年1月15日 12:00');
	});

	it('says a time already past today as today (a card due now)', () => {
		expect(formatDue(at(6, 9, 0), NOW, 'en', SHANGHAI)).toBe('today 09:00');
	});
});
