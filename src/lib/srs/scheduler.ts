/**
 * Scheduling is ts-fsrs's: this module builds its parameters from deck options and answers in
 * stored records. Fuzz and short-term steps are always on. Three things are Kioku's own:
 *
 * - Days are the learner's study days. ts-fsrs counts the days between two reviews by UTC
 *   calendar date; fsrs-rs (the optimizer, Anki) counts days that start at the learner's day
 *   start in their time zone. So ts-fsrs is run on a clock of its own (`EngineClock`) on which
 *   each study day is one UTC date, and its answers are read back onto the real clock.
 * - No interval goes past the deck's maximum: ts-fsrs caps each interval, then pushes Good to
 *   Hard + 1 and Easy to Good + 1, which can pass the cap by a day or two; Anki never does.
 * - Steps are read in whole minutes (steps.ts), so "0.5h" is 30 minutes rather than none.
 */
import {
	fsrs,
	generatorParameters,
	State,
	StrategyMode,
	type Card,
	type FSRS,
	type FSRSParameters,
	type RecordLogItem,
} from 'ts-fsrs';
import { fromFsrsCard, newMemoryState, toFsrsCard, toLogRecord } from './convert.ts';
import type { DeckOptions } from './options.ts';
import type { Grade, MemoryState, ReviewLogRecord, SchedulerConfig } from './records.ts';
import { toEngineStep } from './steps.ts';
import type { StudyDays } from './study-day.ts';

export type { SchedulerConfig };

export function schedulerConfig(options: DeckOptions): SchedulerConfig {
	const { desiredRetention, maximumInterval, learningSteps, relearningSteps, weights } = options;
	return { desiredRetention, maximumInterval, learningSteps, relearningSteps, weights };
}

/** A short content key: equal configs share one key, so logs stay small. */
export function configKey(config: SchedulerConfig): string {
	const text = JSON.stringify([
		config.desiredRetention,
		config.maximumInterval,
		config.learningSteps,
		config.relearningSteps,
		config.weights ?? null,
	]);
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return `c${(hash >>> 0).toString(36)}`;
}

export function fsrsParameters(config: SchedulerConfig): FSRSParameters {
	return generatorParameters({
		request_retention: config.desiredRetention,
		maximum_interval: config.maximumInterval,
		learning_steps: config.learningSteps.map(toEngineStep),
		relearning_steps: config.relearningSteps.map(toEngineStep),
		enable_fuzz: true,
		enable_short_term: true,
		...(config.weights ? { w: config.weights } : {}),
	});
}

export interface Scheduler {
	readonly config: SchedulerConfig;
	readonly key: string;
	/** The state after answering `grade` now, and the log entry to append. */
	rate(
		card: MemoryState | undefined,
		now: number,
		grade: Grade,
		meta: { cardId: string; deck: string; durationMs: number },
	): { state: MemoryState; log: ReviewLogRecord };
	/** When the card would next be due for each grade (ms), for the rating buttons. */
	preview(card: MemoryState | undefined, now: number): Record<Grade, number>;
}

const DAY_MS = 86_400_000;

/**
 * The clock ts-fsrs runs on: an instant becomes its study day's number of days since 1970 plus
 * the time since that study day began, so the UTC date ts-fsrs reads is the study day. (The last
 * hour of a 25-hour day, when clocks go back, is held at the day's last millisecond.)
 */
export class EngineClock {
	constructor(readonly days: StudyDays) {}

	toEngine(instant: number): number {
		const day = this.days.of(instant);
		return day.day * DAY_MS + Math.min(instant - day.start, DAY_MS - 1);
	}

	/** The real instant of an engine time: the same time into the same-numbered study day. */
	fromEngine(engine: number): number {
		const number = Math.floor(engine / DAY_MS);
		const day = this.days.numbered(number);
		return Math.min(day.start + (engine - number * DAY_MS), day.end - 1);
	}
}

export function createScheduler(config: SchedulerConfig, days: StudyDays): Scheduler {
	const engine: FSRS = fsrs(fsrsParameters(config));
	const clock = new EngineClock(days);
	const key = configKey(config);
	// ts-fsrs seeds its fuzz with the review's time, the card's repetitions (this one included)
	// and difficulty × stability. Kioku seeds it the same way with the real time, so the fuzz does
	// not depend on the clock it is computed on. Set before each call, which is synchronous.
	let seed = '';
	engine.useStrategy(StrategyMode.SEED, () => seed);

	const onEngineClock = (card: MemoryState | undefined, now: number): Card => {
		const m = card ?? newMemoryState(now);
		return toFsrsCard({
			...m,
			due: clock.toEngine(m.due),
			lastReview: m.lastReview === undefined ? undefined : clock.toEngine(m.lastReview),
		});
	};

	/** The answer back on the real clock, with the interval capped at the maximum. */
	const onRealClock = (next: Card, engineNow: number, now: number): MemoryState => {
		const state = fromFsrsCard(next);
		if (next.state === State.Review && state.scheduledDays > config.maximumInterval) {
			state.scheduledDays = config.maximumInterval;
			state.due = engineNow + config.maximumInterval * DAY_MS;
		}
		const engineWait = state.due - engineNow;
		// A wait of days lands on the same time of a later study day; minutes stay minutes.
		state.due = engineWait >= DAY_MS ? clock.fromEngine(state.due) : now + engineWait;
		state.lastReview = now;
		return state;
	};

	const outcomes = (card: MemoryState | undefined, now: number) => {
		const engineNow = clock.toEngine(now);
		const current = onEngineClock(card, now);
		seed = `${now}_${current.reps + 1}_${current.difficulty * current.stability}`;
		const preview = engine.repeat(current, new Date(engineNow));
		const at = (grade: Grade): { state: MemoryState; item: RecordLogItem } => ({
			state: onRealClock(preview[grade].card, engineNow, now),
			item: preview[grade],
		});
		return { at, engineNow };
	};

	return {
		config,
		key,
		rate(card, now, grade, meta) {
			const { at } = outcomes(card, now);
			const { state, item } = at(grade);
			const log = toLogRecord(item.log, { ...meta, config: key });
			log.review = now;
			// The log's `due` is the card's due date before this review, on the real clock.
			log.due = card ? (card.lastReview ?? card.due) : now;
			return { state, log };
		},
		preview(card, now) {
			const { at } = outcomes(card, now);
			return { 1: at(1).state.due, 2: at(2).state.due, 3: at(3).state.due, 4: at(4).state.due };
		},
	};
}
