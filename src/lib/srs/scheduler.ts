/**
 * Scheduling is ts-fsrs's: this module only builds its parameters from deck options and
 * answers in stored records. Fuzz and short-term steps are always on, as the issue asks.
 */
import { fsrs, generatorParameters, type FSRS, type FSRSParameters, type StepUnit } from 'ts-fsrs';
import { fromFsrsCard, newMemoryState, toFsrsCard, toLogRecord } from './convert.ts';
import type { DeckOptions } from './options.ts';
import type { Grade, MemoryState, ReviewLogRecord } from './records.ts';

/** The parts of deck options that change scheduling, in a stable form (stored with each log). */
export interface SchedulerConfig {
	desiredRetention: number;
	maximumInterval: number;
	learningSteps: string[];
	relearningSteps: string[];
	weights?: number[];
}

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
		learning_steps: config.learningSteps as StepUnit[],
		relearning_steps: config.relearningSteps as StepUnit[],
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

export function createScheduler(config: SchedulerConfig): Scheduler {
	const engine: FSRS = fsrs(fsrsParameters(config));
	const key = configKey(config);
	const current = (card: MemoryState | undefined, now: number) =>
		toFsrsCard(card ?? newMemoryState(now));
	return {
		config,
		key,
		rate(card, now, grade, meta) {
			const { card: next, log } = engine.next(current(card, now), new Date(now), grade);
			return { state: fromFsrsCard(next), log: toLogRecord(log, { ...meta, config: key }) };
		},
		preview(card, now) {
			const preview = engine.repeat(current(card, now), new Date(now));
			return {
				1: preview[1].card.due.getTime(),
				2: preview[2].card.due.getTime(),
				3: preview[3].card.due.getTime(),
				4: preview[4].card.due.getTime(),
			};
		},
	};
}
