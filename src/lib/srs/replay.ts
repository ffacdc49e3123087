/**
 * Rebuilds a card's memory state from its review log, with the scheduler configuration each
 * review was made with: the log is the record of truth, stored card states are a cache of it.
 */
import { newMemoryState } from './convert.ts';
import { countsAfterForget } from './forget.ts';
import type { MemoryState, ReviewLogRecord } from './records.ts';
import { createScheduler, type Scheduler, type SchedulerConfig } from './scheduler.ts';
import type { StudyDays } from './study-day.ts';

export class UnknownConfigError extends Error {
	constructor(readonly key: string) {
		super(`no scheduler configuration "${key}" is stored`);
		this.name = 'UnknownConfigError';
	}
}

/** A deck's cards recomputed with new parameters (`DeckOptions.rescheduled`). */
export interface Rescheduled {
	config: string;
	at: number;
}

/** What a replay needs besides the log: the configurations, the learner's days, any reschedule. */
export interface ReplayContext {
	configs: ReadonlyMap<string, SchedulerConfig>;
	/** The learner's study days: elapsed days are counted in them, as when the card was studied. */
	days: StudyDays;
	/** Schedulers built so far, by config key (reused across the cards of one replay). */
	cache?: Map<string, Scheduler>;
}

/**
 * The scheduler a review is replayed with: its own configuration's, or the reschedule's for a
 * review made before the reschedule. Built once per configuration for the whole replay.
 */
export function schedulerFor(
	review: { review: number; config: string },
	context: ReplayContext,
	rescheduled?: Rescheduled,
): Scheduler {
	const key = rescheduled && review.review <= rescheduled.at ? rescheduled.config : review.config;
	const cache = (context.cache ??= new Map());
	let scheduler = cache.get(key);
	if (!scheduler) {
		const config = context.configs.get(key);
		if (!config) throw new UnknownConfigError(key);
		scheduler = createScheduler(config, context.days);
		cache.set(key, scheduler);
	}
	return scheduler;
}

/**
 * Forget (reset to new, the card browser's) is a fact about a card, the time it was forgotten,
 * not a change to the log: the log is append-only and every device rebuilds the card from it, so
 * a reset written into the card alone would be undone by the next replay or sync. Every replay
 * reads a card's history through here: the reviews made until the forget are `before` (history,
 * which statistics keep, as Anki's Forget keeps its revlog), and the card starts again from
 * `start`, a new card due at that time, to which only the later `reviews` apply.
 */
export function afterForget<T extends { review: number }>(
	history: readonly T[],
	forgottenAt: number | undefined,
): { start: MemoryState | undefined; before: T[]; reviews: T[] } {
	if (!forgottenAt) return { start: undefined, before: [], reviews: [...history] };
	return {
		start: newMemoryState(forgottenAt),
		before: history.filter((r) => !countsAfterForget(r.review, forgottenAt)),
		reviews: history.filter((r) => countsAfterForget(r.review, forgottenAt)),
	};
}

/**
 * `logs` are one card's, oldest first. After a reschedule the reviews made until then are read
 * with its configuration: the log itself stays as it was written (append-only), and the
 * reschedule is one more fact, kept with the deck's options. A card forgotten at `forgottenAt`
 * replays from then (`afterForget`): with no later review, it is the new card it became.
 */
export function replayCard(
	history: readonly ReviewLogRecord[],
	context: ReplayContext,
	rescheduled?: Rescheduled,
	forgottenAt?: number,
): MemoryState | undefined {
	const { start, reviews: logs } = afterForget(history, forgottenAt);
	let state = start;
	for (const log of logs) {
		const scheduler = schedulerFor(log, context, rescheduled);
		// A card's first review starts from the empty card it was then (its `due` is in the log).
		const before = state ?? newMemoryState(log.due);
		state = scheduler.rate(before, log.review, log.rating, log).state;
	}
	return state;
}

const SAME_FIELDS = [
	'due',
	'stability',
	'difficulty',
	'scheduledDays',
	'learningSteps',
	'reps',
	'lapses',
	'state',
	'lastReview',
] as const;

/** Whether a stored state agrees with its replay (floating-point fields to 1e-9). */
export function sameMemoryState(a: MemoryState | undefined, b: MemoryState | undefined): boolean {
	if (!a || !b) return a === b;
	return SAME_FIELDS.every((f) => {
		const x = a[f];
		const y = b[f];
		return typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) < 1e-9 : x === y;
	});
}
