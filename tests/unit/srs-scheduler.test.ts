// Scheduling is ts-fsrs's own: the same history gives the same intervals as calling it directly.
import {
	fsrs,
	generatorParameters,
	createEmptyCard,
	Rating,
	type Grade as FsrsGrade,
} from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import type { Grade, MemoryState, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { configKey, createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudyDays } from '../../src/lib/srs/study-day.ts';

const T0 = Date.UTC(2024, 0, 1, 9, 0, 0);
const history: Grade[] = [3, 3, 1, 3, 4, 2, 3, 3];

function runOurs(options = DEFAULT_DECK_OPTIONS) {
	const scheduler = createScheduler(schedulerConfig(options), UTC_DAYS);
	let state: MemoryState | undefined;
	let now = T0;
	const logs: ReviewLogRecord[] = [];
	for (const grade of history) {
		const r = scheduler.rate(state, now, grade, { cardId: 'q1', deck: 'b/d', durationMs: 1000 });
		state = r.state;
		logs.push(r.log);
		now = Math.max(now + 60_000, state.due);
	}
	return { state: state!, logs, scheduler };
}

describe('scheduler over ts-fsrs', () => {
	it('gives exactly what ts-fsrs gives for the same history and parameters', () => {
		const f = fsrs(
			generatorParameters({
				request_retention: 0.9,
				maximum_interval: 36500,
				learning_steps: ['1m', '10m'],
				relearning_steps: ['10m'],
				enable_fuzz: true,
				enable_short_term: true,
			}),
		);
		let card = createEmptyCard(new Date(T0));
		let now = T0;
		for (const grade of history) {
			card = f.next(card, new Date(now), grade as unknown as FsrsGrade).card;
			now = Math.max(now + 60_000, card.due.getTime());
		}
		const ours = runOurs().state;
		expect(ours.due).toBe(card.due.getTime());
		expect(ours.stability).toBe(card.stability);
		expect(ours.difficulty).toBe(card.difficulty);
		expect(ours.reps).toBe(card.reps);
		expect(ours.lapses).toBe(card.lapses);
		expect(ours.state).toBe(card.state);
		expect(ours.lapses).toBe(1);
	});

	it('uses the learning steps: Good on a new card brings it back in 10 minutes, Again in 1', () => {
		const s = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
		const preview = s.preview(undefined, T0);
		expect(preview[Rating.Again]).toBe(T0 + 60_000);
		expect(preview[Rating.Good]).toBe(T0 + 10 * 60_000);
		expect(preview[Rating.Easy]).toBeGreaterThan(T0 + 86_400_000);
	});

	it('schedules further out with a lower desired retention', () => {
		const high = runOurs({ ...DEFAULT_DECK_OPTIONS, desiredRetention: 0.97 }).state;
		const low = runOurs({ ...DEFAULT_DECK_OPTIONS, desiredRetention: 0.75 }).state;
		expect(low.scheduledDays).toBeGreaterThan(high.scheduledDays);
	});

	it('never schedules past the maximum interval (ts-fsrs pushes Good and Easy a day or two over)', () => {
		const scheduler = createScheduler(
			schedulerConfig({ ...DEFAULT_DECK_OPTIONS, maximumInterval: 30 }),
			UTC_DAYS,
		);
		const meta = { cardId: 'q', deck: 'd', durationMs: 0 };
		let capped = 0;
		for (let c = 0; c < 1000; c++) {
			// Mature cards: learnt, then Good or Easy at each due date until the cap is reached.
			let card = scheduler.rate(undefined, T0 + c * 3_600_000, 3, {
				...meta,
				cardId: `q${c}`,
			}).state;
			for (let i = 0; i < 8; i++)
				card = scheduler.rate(card, card.due, (3 + ((c + i) % 2)) as Grade, meta).state;
			for (const grade of [2, 3, 4] as Grade[]) {
				const next = scheduler.rate(card, card.due, grade, meta).state;
				expect(next.scheduledDays).toBeLessThanOrEqual(30);
				expect(UTC_DAYS.of(next.due).day - UTC_DAYS.of(card.due).day).toBeLessThanOrEqual(30);
				if (next.scheduledDays === 30) capped++;
			}
			const preview = scheduler.preview(card, card.due);
			for (const grade of [2, 3, 4] as Grade[])
				expect(UTC_DAYS.of(preview[grade]).day - UTC_DAYS.of(card.due).day).toBeLessThanOrEqual(30);
		}
		expect(capped).toBeGreaterThan(1000);
	});

	it('takes steps in whole minutes: 0.5h is thirty minutes, not no step at all', () => {
		const scheduler = createScheduler(
			schedulerConfig({
				...DEFAULT_DECK_OPTIONS,
				learningSteps: ['0.5h'],
				relearningSteps: ['1.5h'],
			}),
			UTC_DAYS,
		);
		const meta = { cardId: 'q', deck: 'd', durationMs: 0 };
		const again = scheduler.rate(undefined, T0, 1, meta).state;
		expect(again.state).toBe(1); // Learning
		expect(again.due - T0).toBe(30 * 60_000);
		let card = scheduler.rate(again, again.due, 3, meta).state;
		card = scheduler.rate(card, card.due, 1, meta).state;
		expect(card.state).toBe(3); // Relearning
		expect(card.due - card.lastReview!).toBe(90 * 60_000);
	});

	it('brings a card back at the same local time on a later study day, across a DST change', () => {
		const days = new StudyDays({ dayStartsAt: 4, timeZone: 'America/New_York' });
		const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), days);
		const meta = { cardId: 'q', deck: 'd', durationMs: 0 };
		// 19:00 EST on 5 March 2024; clocks go forward on 10 March.
		const start = Date.parse('2024-03-06T00:00:00Z');
		let card = scheduler.rate(undefined, start, 4, meta).state;
		card = scheduler.rate(card, card.due, 4, meta).state;
		const local = (t: number) =>
			new Intl.DateTimeFormat('en-GB', {
				timeZone: 'America/New_York',
				hour: '2-digit',
				minute: '2-digit',
			}).format(t);
		expect(days.of(card.due).day - days.of(start).day).toBe(card.scheduledDays + card.elapsedDays);
		expect(card.due).toBeGreaterThan(Date.parse('2024-03-11T00:00:00Z'));
		expect(local(card.due)).toBe('19:00');
	});

	it('rebuilds the card state from its log exactly, with the configuration each review used', () => {
		const { state, logs, scheduler } = runOurs();
		const configs = new Map([[scheduler.key, scheduler.config]]);
		expect(sameMemoryState(replayCard(logs, { configs, days: UTC_DAYS }), state)).toBe(true);
		expect(sameMemoryState(replayCard(logs.slice(0, -1), { configs, days: UTC_DAYS }), state)).toBe(
			false,
		);
	});

	it('keys equal configurations alike and different ones apart', () => {
		const a = schedulerConfig(DEFAULT_DECK_OPTIONS);
		expect(configKey(a)).toBe(configKey({ ...a }));
		expect(configKey(a)).not.toBe(configKey({ ...a, desiredRetention: 0.91 }));
	});
});
