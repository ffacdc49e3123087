// Kioku's scheduler against the FSRS project's own implementation: fsrs-rs, compiled for Node
// (scripts/fsrs-rs.ts). fsrs-rs counts the days between reviews in the learner's
// study days (Anki: days start at a local hour, in the learner's time zone); so must Kioku,
// wherever the learner lives, or the optimizer fits one day count and the scheduler applies
// another.
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import type { Grade, MemoryState } from '../../src/lib/srs/records.ts';
import { createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudyDays } from '../../src/lib/srs/study-day.ts';
import { loadFsrsRs, type MemoryState as RsMemoryState } from '../../scripts/fsrs-rs.ts';

const { BindingMemoryState, FSRSBinding } = loadFsrsRs();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAY_STARTS_AT = 4;
const ZONES = ['America/New_York', 'Australia/Sydney', 'Asia/Shanghai', 'UTC'];

function mulberry32(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

/**
 * The study day of an instant, worked out apart from Kioku's code: the local wall clock read
 * with Intl, moved back by the hour the day starts at, as a day number.
 */
function referenceDay(instant: number, timeZone: string): { day: number; hour: number } {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
	}).formatToParts(instant);
	const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
	const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
	return { day: Math.floor((wall - DAY_STARTS_AT * HOUR) / DAY), hour: n('hour') };
}

/** A card's reviews at random moments between 08:00 and 23:00 local time, across DST changes. */
function randomHistory(random: () => number, timeZone: string) {
	let t = Date.UTC(2024, 0, 1) + random() * 300 * DAY;
	const reviews: { time: number; rating: Grade }[] = [];
	const count = 4 + Math.floor(random() * 12);
	for (let i = 0; i < count; i++) {
		if (i > 0)
			t += random() < 0.35 ? 5 * 60_000 + random() * 3 * HOUR : 0.3 * DAY + random() * 20 * DAY;
		while (referenceDay(t, timeZone).hour < 8 || referenceDay(t, timeZone).hour >= 23) t += HOUR;
		const u = random();
		const rating = (u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4) as Grade;
		reviews.push({ time: t, rating });
	}
	return reviews;
}

const relativeGap = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-9);

describe('memory states against fsrs-rs, with elapsed days in study days', () => {
	const reference = new FSRSBinding([...default_w]);
	const config = schedulerConfig(DEFAULT_DECK_OPTIONS);

	for (const timeZone of ZONES) {
		// About a second each; allow for a loaded machine.
		it(`agrees to 1e-4 on 150 random histories in ${timeZone}`, { timeout: 30_000 }, () => {
			const random = mulberry32(ZONES.indexOf(timeZone) + 1);
			const scheduler = createScheduler(config, new StudyDays({ dayStartsAt: 4, timeZone }));
			let worst = 0;
			for (let c = 0; c < 150; c++) {
				let ours: MemoryState | undefined;
				let theirs: RsMemoryState | null = null;
				let previousDay: number | undefined;
				for (const { time, rating } of randomHistory(random, timeZone)) {
					const day = referenceDay(time, timeZone).day;
					const elapsed = previousDay === undefined ? 0 : day - previousDay;
					const next = reference.nextStates(theirs, config.desiredRetention, elapsed);
					theirs = [next.again, next.hard, next.good, next.easy][rating - 1].memory;
					ours = scheduler.rate(ours, time, rating, {
						cardId: `c${c}`,
						deck: 'd',
						durationMs: 0,
					}).state;
					expect(ours.elapsedDays).toBe(elapsed);
					worst = Math.max(
						worst,
						relativeGap(ours.stability, theirs.stability),
						relativeGap(ours.difficulty, theirs.difficulty),
					);
					previousDay = day;
				}
			}
			expect(worst).toBeLessThan(1e-4);
		});
	}

	it('counts an evening Good and the next morning’s Again in New York as a day apart', () => {
		const days = new StudyDays({ dayStartsAt: 4, timeZone: 'America/New_York' });
		const scheduler = createScheduler(config, days);
		const meta = { cardId: 'q', deck: 'd', durationMs: 0 };
		// A mature card: learnt in January, then Good at each due date.
		let card = scheduler.rate(undefined, Date.parse('2024-01-02T15:00:00Z'), 3, meta).state;
		while (card.scheduledDays < 20) card = scheduler.rate(card, card.due, 3, meta).state;
		// Good at 22:30 in New York (03:30 UTC the next calendar day), Again at 08:30 the next morning.
		const evening = Date.parse(new Date(card.due).toISOString().slice(0, 10) + 'T03:30:00Z');
		card = scheduler.rate(card, evening, 3, meta).state;
		const again = scheduler.rate(card, evening + 10 * HOUR, 1, meta).state;
		expect(again.elapsedDays).toBe(1);
		const before = new BindingMemoryState(card.stability, card.difficulty);
		const theirs = reference.nextStates(before, 0.9, 1).again.memory;
		expect(relativeGap(again.stability, theirs.stability)).toBeLessThan(1e-4);
	});
});
