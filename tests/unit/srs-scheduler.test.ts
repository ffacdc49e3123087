// Scheduling is ts-fsrs's own: the same history gives the same intervals as calling it directly.
import {
	fsrs,
	generatorParameters,
	createEmptyCard,
	Rating,
	type Grade as FsrsGrade,
} from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import type { Grade, MemoryState, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { configKey, createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';

const T0 = Date.UTC(2024, 0, 1, 9, 0, 0);
const history: Grade[] = [3, 3, 1, 3, 4, 2, 3, 3];

function runOurs(options = DEFAULT_DECK_OPTIONS) {
	const scheduler = createScheduler(schedulerConfig(options));
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
		const s = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS));
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

	it('caps intervals at the maximum interval (ts-fsrs keeps Easy a day or two past Good)', () => {
		const run = (maximumInterval: number) => {
			const s = createScheduler(schedulerConfig({ ...DEFAULT_DECK_OPTIONS, maximumInterval }));
			let state: MemoryState | undefined;
			let now = T0;
			let longest = 0;
			for (let i = 0; i < 10; i++) {
				state = s.rate(state, now, 4, { cardId: 'q', deck: 'd', durationMs: 0 }).state;
				now = state.due;
				longest = Math.max(longest, state.scheduledDays);
			}
			return longest;
		};
		expect(run(30)).toBeLessThanOrEqual(32);
		expect(run(36500)).toBeGreaterThan(365);
	});

	it('rebuilds the card state from its log exactly, with the configuration each review used', () => {
		const { state, logs, scheduler } = runOurs();
		const configs = new Map([[scheduler.key, scheduler.config]]);
		expect(sameMemoryState(replayCard(logs, configs), state)).toBe(true);
		expect(sameMemoryState(replayCard(logs.slice(0, -1), configs), state)).toBe(false);
	});

	it('keys equal configurations alike and different ones apart', () => {
		const a = schedulerConfig(DEFAULT_DECK_OPTIONS);
		expect(configKey(a)).toBe(configKey({ ...a }));
		expect(configKey(a)).not.toBe(configKey({ ...a, desiredRetention: 0.91 }));
	});
});
