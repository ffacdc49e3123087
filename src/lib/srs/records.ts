/**
 * What is stored per card and per review, as schemas: the types the app uses are inferred from
 * them, and the backup reader checks a file against the same schemas, so the two cannot drift.
 * Dates are epoch milliseconds so records survive IndexedDB, JSON backups and structured cloning
 * unchanged; `convert.ts` turns them into ts-fsrs values at one border. The messages are written
 * for a learner reading why a backup was refused ("logs[12].rating must be 1 to 4").
 */
import { State } from 'ts-fsrs';
import * as v from 'valibot';
import { UUID7_PATTERN } from '../sync/uuid7.ts';

export type Grade = 1 | 2 | 3 | 4;
export const AGAIN = 1,
	HARD = 2,
	GOOD = 3,
	EASY = 4;

const number = v.pipe(v.number('must be a number'), v.finite('must be a finite number'));
const nonNegative = v.pipe(number, v.minValue(0, 'must not be negative'));
const integer = v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'));
const count = v.pipe(integer, v.minValue(0, 'must not be negative'));
const time = v.pipe(integer, v.minValue(0, 'must be a time after 1970 (ms)'));
const text = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));
const grade = v.picklist([AGAIN, HARD, GOOD, EASY] as const, 'must be 1 to 4');

/** The FSRS memory state of a card, as ts-fsrs computes it. */
export const MemoryState = v.strictObject({
	due: time,
	stability: nonNegative,
	difficulty: number,
	elapsedDays: integer,
	scheduledDays: count,
	learningSteps: count,
	reps: count,
	lapses: count,
	state: v.enum(State, 'must be a card state from 0 to 3'),
	lastReview: v.optional(time),
});
export type MemoryState = v.InferOutput<typeof MemoryState>;

export const CardRecord = v.strictObject({
	...MemoryState.entries,
	/** The question id: progress survives any change of the question's wording. */
	id: text,
	/** `bank/deck` of the deck the question belongs to. */
	deck: text,
	suspended: v.boolean('must be true or false'),
	/** Study day (see study-day.ts) before which the card stays hidden; 0 when not buried. */
	buriedUntil: count,
	leech: v.boolean('must be true or false'),
	/**
	 * When the learner last chose Forget (reset to new) for the card (ms). Its replay reads only
	 * the reviews made after it (replay.ts `afterForget`); the log keeps the earlier ones. Absent
	 * when never forgotten, so cards and backups written before Forget existed stay valid.
	 */
	forgottenAt: v.optional(time),
});
export type CardRecord = v.InferOutput<typeof CardRecord>;

/** One answer: append-only, the record of truth from which card states are rebuilt. */
export const ReviewLogRecord = v.strictObject({
	/** Assigned by the store. */
	id: v.optional(v.pipe(integer, v.minValue(1, 'must be 1 or more'))),
	cardId: text,
	deck: text,
	rating: grade,
	/** When the answer was given (ms). */
	review: time,
	/** Time spent on the card (ms). */
	durationMs: nonNegative,
	/** Key of the scheduler configuration used, so a replay uses the same parameters. */
	config: text,
	// The card's state before this review (ts-fsrs's log fields).
	state: v.enum(State, 'must be a card state from 0 to 3'),
	due: time,
	stability: nonNegative,
	difficulty: number,
	elapsedDays: integer,
	lastElapsedDays: integer,
	scheduledDays: count,
	learningSteps: count,
	/**
	 * The interval (days) the load balancer took instead of the fuzzed one (load-balance.ts).
	 * Absent when the review was not balanced, or balancing took the fuzzed day anyway.
	 */
	balancedDays: v.optional(v.pipe(integer, v.minValue(1, 'must be 1 or more'))),
	/** The learner overruled the answer check ("I was right"): a typed answer marked wrong counted as right. */
	overruled: v.optional(v.literal(true, 'must be true when present')),
	/**
	 * The review's id across devices (a UUIDv7, see sync/local-log.ts). Missing in logs written
	 * before sync existed: such a log's id is derived from its card and time when it is needed.
	 */
	uid: v.optional(v.pipe(v.string('must be a string'), v.regex(UUID7_PATTERN, 'must be a UUIDv7'))),
});
export type ReviewLogRecord = v.InferOutput<typeof ReviewLogRecord>;

/** The parts of deck options that change scheduling, in a stable form (stored with each log). */
export const SchedulerConfig = v.strictObject({
	desiredRetention: v.pipe(
		number,
		v.gtValue(0, 'must be above 0'),
		v.ltValue(1, 'must be below 1'),
	),
	maximumInterval: v.pipe(count, v.minValue(1, 'must be 1 or more')),
	learningSteps: v.array(v.string('must be a string'), 'must be a list'),
	relearningSteps: v.array(v.string('must be a string'), 'must be a list'),
	weights: v.optional(v.array(number, 'must be a list')),
});
export type SchedulerConfig = v.InferOutput<typeof SchedulerConfig>;
