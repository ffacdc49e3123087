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
 * - Review intervals can be balanced (load-balance.ts): given the days ahead, the day of the fuzz
 *   range with the fewest reviews is taken instead of the fuzzed one, and the log records it
 *   (`balancedDays`), so a replay takes the same day without knowing the load.
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
import {
	balancedInterval,
	fuzzRange,
	MAX_BALANCED_DAYS,
	recordedDays,
	type DayLoad,
	type DayRange,
} from './load-balance.ts';
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

/** What the log says of a review besides the card before it. */
export interface RateMeta {
	cardId: string;
	deck: string;
	durationMs: number;
	/** The interval a balanced review took (a replay's log says it; see `ReviewLogRecord`). */
	balancedDays?: number;
}

export interface Scheduler {
	readonly config: SchedulerConfig;
	readonly key: string;
	/**
	 * The state after answering `grade` now, and the log entry to append. With `load`, a review
	 * interval is balanced and the log records the day taken; without it (a replay), the day the
	 * log records is taken when it lies in the fuzz range, and the fuzzed day otherwise.
	 */
	rate(
		card: MemoryState | undefined,
		now: number,
		grade: Grade,
		meta: RateMeta,
		load?: DayLoad,
	): { state: MemoryState; log: ReviewLogRecord };
	/** When the card would next be due for each grade (ms), for the rating buttons. */
	preview(card: MemoryState | undefined, now: number, load?: DayLoad): Record<Grade, number>;
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
	// The same engine without fuzz gives the interval ts-fsrs fuzzes (the middle of the range).
	const plain: FSRS = fsrs({ ...fsrsParameters(config), enable_fuzz: false });
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

	/**
	 * The fuzz range of an answer's interval, when ts-fsrs fuzzed it: a review interval (not a
	 * learning step; those have no fuzz) whose fuzzed day lies in the range (ts-fsrs's pushing
	 * Good past Hard can leave it, and then the day is not ts-fsrs's to move).
	 */
	const rangeOf = (item: RecordLogItem, fuzzed: number): DayRange | undefined => {
		if (item.card.state !== State.Review || item.card.learning_steps !== 0) return undefined;
		const elapsed = item.log.elapsed_days;
		const interval = plain.next_interval(item.card.stability, elapsed);
		const range = fuzzRange(interval, elapsed, config.maximumInterval);
		return range && fuzzed >= range.min && fuzzed <= range.max ? range : undefined;
	};

	const outcomes = (card: MemoryState | undefined, now: number, load?: DayLoad) => {
		const engineNow = clock.toEngine(now);
		const today = Math.floor(engineNow / DAY_MS);
		const current = onEngineClock(card, now);
		seed = `${now}_${current.reps + 1}_${current.difficulty * current.stability}`;
		const preview = engine.repeat(current, new Date(engineNow));
		// Balanced in grade order, each after the one below, so Hard < Good < Easy still holds.
		const balanced = new Map<Grade, number>();
		if (load) {
			let below = 0;
			for (const grade of [1, 2, 3, 4] as const) {
				const item = preview[grade];
				const fuzzed = Math.min(item.card.scheduled_days, config.maximumInterval);
				const range = rangeOf(item, fuzzed);
				const allowed = range && { min: Math.max(range.min, below + 1), max: range.max };
				if (allowed && allowed.min <= allowed.max && allowed.max <= MAX_BALANCED_DAYS) {
					const days = balancedInterval(allowed, fuzzed, today, load);
					if (days !== fuzzed) balanced.set(grade, days);
				}
				if (item.card.state === State.Review) {
					const days = balanced.get(grade) ?? fuzzed;
					// A grade left unbalanced can land on or before the one below it (its range ends
					// there): then the answer is not balanced at all, and the buttons keep ts-fsrs's order.
					if (days <= below) {
						balanced.clear();
						break;
					}
					below = days;
				}
			}
		}
		/** The answer, on `days` instead of the fuzzed interval when given. */
		const at = (grade: Grade, days?: number): { state: MemoryState; item: RecordLogItem } => {
			const item = preview[grade];
			const card =
				days === undefined
					? item.card
					: { ...item.card, scheduled_days: days, due: new Date(engineNow + days * DAY_MS) };
			return { state: onRealClock(card, engineNow, now), item };
		};
		return { at, balanced };
	};

	return {
		config,
		key,
		rate(card, now, grade, meta, load) {
			const { at, balanced } = outcomes(card, now, load);
			let days = balanced.get(grade);
			if (!load && meta.balancedDays !== undefined) {
				const item = at(grade).item;
				const fuzzed = Math.min(item.card.scheduled_days, config.maximumInterval);
				days = recordedDays(meta.balancedDays, rangeOf(item, fuzzed));
			}
			const { state, item } = at(grade, days);
			const log = toLogRecord(item.log, {
				cardId: meta.cardId,
				deck: meta.deck,
				durationMs: meta.durationMs,
				config: key,
			});
			if (days !== undefined) log.balancedDays = days;
			log.review = now;
			// The log's `due` is the card's due date before this review, on the real clock.
			log.due = card ? (card.lastReview ?? card.due) : now;
			return { state, log };
		},
		preview(card, now, load) {
			const { at, balanced } = outcomes(card, now, load);
			const due = (g: Grade) => at(g, balanced.get(g)).state.due;
			return { 1: due(1), 2: due(2), 3: due(3), 4: due(4) };
		},
	};
}
