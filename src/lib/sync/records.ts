/**
 * What travels between a device and the server: four kinds of change, each a strict, bounded
 * schema that the device and the server both check.
 *
 * - `review`: one answer, only what a review *is*. Not the card's state before it: every device
 *   rebuilds cards by replaying the merged log (replay-synced.ts), so there is nothing to disagree on.
 * - `tombstone`: an undone review, gone everywhere for good.
 * - `register`: one field's value, newest wins by hybrid clock (registers.ts).
 * - `config`: a scheduler configuration that reviews name by key. The key is a hash of the
 *   content, so the same key always means the same configuration and configs merge as a set.
 */
import * as v from 'valibot';
import { AGAIN, EASY, GOOD, HARD } from '../srs/records.ts';
import { configKey } from '../srs/scheduler.ts';
import { CONFIG_KEY_PATTERN, Steps, SyncTime, Weights } from './bounds.ts';
import { canonicalJson } from './canonical-json.ts';
import { HLC_PATTERN } from './hlc.ts';
import { isValidRegister, MAX_REGISTER_KEY_LENGTH } from './registers.ts';
import { UUID7_PATTERN } from './uuid7.ts';

/** Changes one push may carry. */
export const MAX_PUSH_CHANGES = 500;
/** Longest time counted for one answer (ms); a longer one is a tab left open. */
export const MAX_DURATION_MS = 60 * 60 * 1000;
const MAX_VALUE_CHARS = 2000;

const Uid = v.pipe(v.string(), v.regex(UUID7_PATTERN));
const Hlc = v.pipe(v.string(), v.regex(HLC_PATTERN));
const ConfigKey = v.pipe(v.string(), v.regex(CONFIG_KEY_PATTERN));
/** A card or deck id: bounded, no control characters. */
const Id = v.pipe(v.string(), v.regex(/^[^\p{Cc}]{1,200}$/u));

export const SyncedReview = v.strictObject({
	kind: v.literal('review'),
	uid: Uid,
	cardId: Id,
	deck: Id,
	rating: v.picklist([AGAIN, HARD, GOOD, EASY] as const),
	/** When the answer was given (ms). */
	review: SyncTime,
	durationMs: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_DURATION_MS)),
	/** Key of the scheduler configuration the review was made with. */
	config: ConfigKey,
	overruled: v.optional(v.literal(true)),
});
export type SyncedReview = v.InferOutput<typeof SyncedReview>;

export const Tombstone = v.strictObject({
	kind: v.literal('tombstone'),
	uid: Uid,
	hlc: Hlc,
});
export type Tombstone = v.InferOutput<typeof Tombstone>;

export const Register = v.pipe(
	v.strictObject({
		kind: v.literal('register'),
		key: v.pipe(v.string(), v.maxLength(MAX_REGISTER_KEY_LENGTH)),
		value: v.unknown(),
		hlc: Hlc,
	}),
	// The field's schema first: it bounds the value's shape, so measuring it cannot recurse deep.
	v.check(
		(r) => isValidRegister(r.key, r.value) && canonicalJson(r.value).length <= MAX_VALUE_CHARS,
		'not a known field, or a value it cannot take',
	),
);
export type Register = v.InferOutput<typeof Register>;

export const SyncedSchedulerConfig = v.strictObject({
	desiredRetention: v.pipe(v.number(), v.gtValue(0), v.ltValue(1)),
	maximumInterval: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(36500)),
	learningSteps: Steps,
	relearningSteps: Steps,
	weights: v.optional(Weights),
});

export const SyncedConfig = v.pipe(
	v.strictObject({ kind: v.literal('config'), key: ConfigKey, config: SyncedSchedulerConfig }),
	v.check((c) => configKey(c.config) === c.key, 'key is not the hash of the configuration'),
);
export type SyncedConfig = v.InferOutput<typeof SyncedConfig>;

export const Change = v.variant('kind', [SyncedReview, Tombstone, Register, SyncedConfig]);
export type Change = v.InferOutput<typeof Change>;

export const PushBatch = v.pipe(v.array(Change), v.maxLength(MAX_PUSH_CHANGES));
