/**
 * "I was right": a typed answer the checker marked wrong, counted as right because the learner
 * says so (as Quizlet allows). The checker is strict about content on purpose, and sometimes a
 * learner's wording is right in a way no list of accepted forms foresaw. The result keeps what
 * the checker said, so the overrule can be taken back and is shown as an overrule, not a pass.
 */
import type { Question } from '../bank/schema.ts';
import type { CheckResult } from './check.ts';

export interface GradedResult extends CheckResult {
	/** The checker's own verdict, when the learner overruled it. */
	overruled?: CheckResult;
}

/** Only typed answers can be overruled, and only when the checker did not accept them fully. */
export function canOverrule(q: Question, result: GradedResult | undefined): boolean {
	return (
		(q.type === 'short' || q.type === 'cloze') &&
		result !== undefined &&
		result.overruled === undefined &&
		!result.correct
	);
}

export function overrule(result: CheckResult): GradedResult {
	return {
		...result,
		correct: true,
		score: 1,
		reasons: [],
		blanks: result.blanks?.map((b) => ({ ...b, correct: true })),
		overruled: result,
	};
}

/** Takes an overrule back: the checker's verdict again. */
export function withdrawOverrule(result: GradedResult): CheckResult {
	return result.overruled ?? result;
}
