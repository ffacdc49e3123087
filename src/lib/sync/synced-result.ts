/**
 * A practice-test result as it syncs: what the results list and a result's page show, and
 * nothing that only means something on the device that took the test. An item's `review` (the
 * id of the log its answer was counted as) is left out: log ids are local, and on another device
 * it would name some other review ("I was right" there would amend the wrong one).
 */
import * as v from 'valibot';
import { LOCALES } from '../bank/schema.ts';
import { LIMITS, POOLS, QUIZ_TYPES } from '../quiz/test-spec.ts';
import { SyncTime } from './bounds.ts';

const MAX_TEXT = 20_000;
const MAX_LIST = 200;

const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(LIMITS.count));
const Index = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(1000));
const Fraction = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
/** Up to a day (ms): a test's limit is two hours, a tab left open is cut to this. */
const Duration = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(24 * 3600 * 1000));
const Text = v.pipe(v.string(), v.maxLength(MAX_TEXT));
/** A question id or a deck key ("bank/deck"). */
const Ref = v.pipe(v.string(), v.regex(/^[^\p{Cc}]{1,200}$/u));
const QuizType = v.picklist(QUIZ_TYPES);

const Seconds = v.pipe(
	v.number(),
	v.safeInteger(),
	v.minValue(LIMITS.seconds[0]),
	v.maxValue(LIMITS.seconds[1]),
);

const Spec = v.strictObject({
	decks: v.pipe(v.array(Ref), v.minLength(1), v.maxLength(LIMITS.decks)),
	count: v.pipe(Count, v.minValue(1)),
	types: v.pipe(v.array(QuizType), v.maxLength(QUIZ_TYPES.length)),
	pool: v.picklist(POOLS),
	timeLimit: v.variant('mode', [
		v.strictObject({ mode: v.literal('none') }),
		v.strictObject({ mode: v.literal('question'), seconds: Seconds }),
		v.strictObject({ mode: v.literal('test'), seconds: Seconds }),
	]),
	feedback: v.picklist(['immediate', 'end']),
	partialCredit: v.boolean(),
	feedFsrs: v.boolean(),
	shuffle: v.boolean(),
	lang: v.picklist(LOCALES),
	seed: v.pipe(v.string(), v.maxLength(200)),
	only: v.optional(v.pipe(v.array(Ref), v.maxLength(LIMITS.count))),
});

const Answer = v.variant('type', [
	v.strictObject({ type: v.literal('single'), choice: Index }),
	v.strictObject({ type: v.literal('multi'), choices: v.pipe(v.array(Index), v.maxLength(100)) }),
	v.strictObject({ type: v.literal('truefalse'), value: v.boolean() }),
	v.strictObject({ type: v.literal('cloze'), blanks: v.pipe(v.array(Text), v.maxLength(100)) }),
	v.strictObject({ type: v.literal('short'), text: Text }),
	v.strictObject({ type: v.literal('order'), order: v.pipe(v.array(Index), v.maxLength(100)) }),
]);

const Item = v.strictObject({
	id: Ref,
	deck: Ref,
	type: QuizType,
	correct: v.boolean(),
	score: Fraction,
	timeMs: Duration,
	answered: v.boolean(),
	overruled: v.optional(v.boolean()),
	answer: v.nullable(Answer),
	prompt: Text,
	answerText: Text,
	rightAnswer: Text,
	explanation: Text,
	paragraphs: v.pipe(v.array(Index), v.maxLength(MAX_LIST)),
	checked: v.optional(v.strictObject({ correct: v.boolean(), score: Fraction })),
});

const Summary = v.strictObject({
	total: Count,
	answered: Count,
	correct: Count,
	points: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(LIMITS.count)),
	percent: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)),
	timeMs: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(7 * 24 * 3600 * 1000)),
	missedIds: v.pipe(v.array(Ref), v.maxLength(LIMITS.count)),
	byType: v.record(QuizType, v.strictObject({ total: Count, correct: Count })),
});

export const SyncedTestResult = v.strictObject({
	spec: Spec,
	startedAt: SyncTime,
	finishedAt: SyncTime,
	items: v.pipe(v.array(Item), v.maxLength(LIMITS.count)),
	summary: Summary,
});
export type SyncedTestResult = v.InferOutput<typeof SyncedTestResult>;
