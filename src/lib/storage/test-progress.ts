/**
 * A practice test in progress, kept in this tab's sessionStorage after each step: a reload (or a
 * phone that drops the page) carries on with the same answers and the same clock, instead of a
 * fresh start with the time limit reset. What is read back is checked against a schema: anything
 * else (another version's record, a damaged one) starts the test afresh, as no record would.
 */
import * as v from 'valibot';
import type { Answer } from '../quiz/check.ts';
import { ACCEPT_REASONS } from '../quiz/match-typed.ts';
import type { GradedResult } from '../quiz/overrule.ts';
import { storedValue, type WebStorageArea } from './web-storage.ts';

const Index = v.pipe(v.number(), v.integer(), v.minValue(0));

const StoredAnswer = v.variant('type', [
	v.object({ type: v.literal('single'), choice: Index }),
	v.object({ type: v.literal('multi'), choices: v.array(Index) }),
	v.object({ type: v.literal('truefalse'), value: v.boolean() }),
	v.object({ type: v.literal('cloze'), blanks: v.array(v.string()) }),
	v.object({ type: v.literal('short'), text: v.string() }),
	v.object({ type: v.literal('order'), order: v.array(Index) }),
]) satisfies v.GenericSchema<Answer>;

const Reasons = v.array(v.picklist(ACCEPT_REASONS));
const CheckResult = v.object({
	correct: v.boolean(),
	score: v.number(),
	reasons: Reasons,
	blanks: v.optional(
		v.array(v.object({ correct: v.boolean(), reasons: Reasons, expected: v.string() })),
	),
	expected: v.array(v.string()),
});
const StoredResult = v.object({
	...CheckResult.entries,
	overruled: v.optional(CheckResult),
}) satisfies v.GenericSchema<GradedResult>;

const TestProgress = v.object({
	/** The test's question ids: the same link always builds the same questions. */
	ids: v.array(v.string()),
	index: Index,
	phase: v.picklist(['question', 'feedback']),
	answers: v.array(v.nullable(StoredAnswer)),
	results: v.array(v.nullable(StoredResult)),
	/** Time spent on each question (ms). */
	times: v.array(v.number()),
	startedAt: v.number(),
	/** When the running time limit ends (ms). */
	deadline: v.optional(v.number()),
});
export type TestProgress = v.InferOutput<typeof TestProgress>;

/**
 * The progress kept under `key` (the test's link identifies the test). A practice test is kept
 * for the tab; homework (`'local'`) for the device, since it is done over days.
 */
export function testProgress(key: string, area: WebStorageArea = 'session') {
	const stored = storedValue(area, key, v.nullable(TestProgress), null);
	return {
		/** The progress of the test with these questions; undefined for any other test's. */
		read(ids: readonly string[]): TestProgress | undefined {
			const saved = stored.get();
			if (!saved || saved.ids.join('\n') !== ids.join('\n') || saved.index >= ids.length) return;
			return saved;
		},
		/** Without storage a reload starts the test again, as before. */
		save: (progress: TestProgress) => stored.set(progress),
		forget: () => stored.remove(),
	};
}
