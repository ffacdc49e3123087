/**
 * What travels between a device and the server: six kinds of change, each a strict, bounded
 * schema that the device and the server both check.
 *
 * - `review`: one answer, only what a review *is*. Not the card's state before it: every device
 *   rebuilds cards by replaying the merged log (replay-synced.ts), so there is nothing to disagree on.
 * - `tombstone`: an undone review, gone everywhere for good.
 * - `register`: one field's value, newest wins by hybrid clock (registers.ts).
 * - `config`: a scheduler configuration that reviews name by key. The key is a hash of the
 *   content, so the same key always means the same configuration and configs merge as a set.
 * - `bank`: an imported bank (or, with `bank: null`, its deletion), newest wins by hybrid clock
 *   as a register does, so a deletion is never undone by an older copy, and importing the bank
 *   again later brings it back. The bank travels in the form a Kioku bank file has (the data of
 *   `exportKiokuJson`, the form backups carry), not the file it was imported from: every device
 *   reads it with the same importer as a file (bank-sync.ts), banks imported before sync have
 *   no file kept, and a bank does not change when a later importer reads its file differently.
 *   The schema bounds its size and nesting; what it holds is the importer's to check.
 * - `result`: a finished practice test, immutable, a set by uid like reviews.
 */
import * as v from 'valibot';
import { AGAIN, EASY, GOOD, HARD } from '../srs/records.ts';
import { configKey } from '../srs/scheduler.ts';
import { utf8Length } from '../bank/exchange/upload-limits.ts';
import { ID_PATTERN } from '../bank/schema.ts';
import {
	CONFIG_KEY_PATTERN,
	MAX_SYNCED_BANK_BYTES,
	MAX_SYNCED_NESTING,
	MAX_SYNCED_RESULT_CHARS,
	nesting,
	Steps,
	SyncTime,
	Weights,
} from './bounds.ts';
import { canonicalJson } from './canonical-json.ts';
import { HLC_PATTERN } from './hlc.ts';
import { isValidRegister, MAX_REGISTER_KEY_LENGTH } from './registers.ts';
import { SyncedTestResult } from './synced-result.ts';
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
	/**
	 * The interval the load balancer took: the day is chosen from this device's load, which other
	 * devices do not know, so it travels with the review. A replay uses it only inside the fuzz range.
	 */
	balancedDays: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(36500))),
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

/** A bank's id, as the importer gives it (lower-case letters, digits and "-"). */
export const BankId = v.pipe(v.string(), v.maxLength(100), v.regex(ID_PATTERN));

/** Whether a JSON value is small and shallow enough to be a synced bank's data. */
const fitsBank = (data: Record<string, unknown>) =>
	nesting(data, MAX_SYNCED_NESTING) <= MAX_SYNCED_NESTING &&
	utf8Length(JSON.stringify(data)) <= MAX_SYNCED_BANK_BYTES;

export const SyncedBank = v.strictObject({
	kind: v.literal('bank'),
	id: BankId,
	hlc: Hlc,
	/** null: the bank was deleted. */
	bank: v.nullable(
		v.strictObject({
			/** The name of the file it was imported from, as the banks list shows it. */
			fileName: v.pipe(v.string(), v.regex(/^[^\p{Cc}]{1,200}$/u)),
			importedAt: SyncTime,
			/** The bank as a Kioku bank file holds it (`kiokuBankData`). */
			kioku: v.pipe(
				v.record(v.string(), v.unknown()),
				// Nesting first: measuring the JSON of a value nested deep could overflow the stack.
				v.check(fitsBank, `is larger than ${MAX_SYNCED_BANK_BYTES} bytes or nests too deep`),
			),
		}),
	),
});
export type SyncedBank = v.InferOutput<typeof SyncedBank>;

export const SyncedResult = v.pipe(
	v.strictObject({ kind: v.literal('result'), uid: Uid, result: SyncedTestResult }),
	v.check(
		(r) => JSON.stringify(r.result).length <= MAX_SYNCED_RESULT_CHARS,
		`is longer than ${MAX_SYNCED_RESULT_CHARS} characters of JSON`,
	),
);
export type SyncedResult = v.InferOutput<typeof SyncedResult>;

export const Change = v.variant('kind', [
	SyncedReview,
	Tombstone,
	Register,
	SyncedConfig,
	SyncedBank,
	SyncedResult,
]);
export type Change = v.InferOutput<typeof Change>;

export const PushBatch = v.pipe(v.array(Change), v.maxLength(MAX_PUSH_CHANGES));
