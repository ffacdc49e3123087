/**
 * The result of a practice test, and the FSRS grade an answer gives when the test also counts
 * as reviews.
 */
import type { QuizType } from './test-spec.ts';

export interface ItemOutcome {
	id: string;
	deck: string;
	type: QuizType;
	correct: boolean;
	/** 0..1; below 1 with partial credit for a partly right answer. */
	score: number;
	timeMs: number;
	/** False when time ran out or the question was skipped. */
	answered: boolean;
	/** Counted as right because the learner said so ("I was right"); the checker had said wrong. */
	overruled?: boolean;
}

export interface TestSummary {
	total: number;
	answered: number;
	correct: number;
	/** Sum of the scores. */
	points: number;
	/** 0..100, one decimal, of points / total. */
	percent: number;
	timeMs: number;
	/** Not fully right (wrong, partly right or unanswered), each once, in test order. */
	missedIds: string[];
	byType: Record<string, { total: number; correct: number }>;
}

// Sums of thirds and sixths leave float noise (0.30000000000000004) that a teacher should not see.
const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

export function summarize(outcomes: ItemOutcome[]): TestSummary {
	const total = outcomes.length;
	const points = round(
		outcomes.reduce((sum, o) => sum + o.score, 0),
		6,
	);
	const byType: TestSummary['byType'] = {};
	for (const o of outcomes) {
		const t = (byType[o.type] ??= { total: 0, correct: 0 });
		t.total++;
		if (o.correct) t.correct++;
	}
	return {
		total,
		answered: outcomes.filter((o) => o.answered).length,
		correct: outcomes.filter((o) => o.correct).length,
		points,
		percent: total === 0 ? 0 : round((points / total) * 100, 1),
		timeMs: outcomes.reduce((sum, o) => sum + o.timeMs, 0),
		missedIds: [...new Set(outcomes.filter((o) => !o.correct).map((o) => o.id))],
		byType,
	};
}

const EASY_BELOW = 0.5;
const HARD_ABOVE = 2;

/**
 * 1 Again for a wrong or unanswered question, 2 Hard for a partly right one; a right one by
 * speed against `expectedMs`: 4 Easy under half of it, 2 Hard over twice it, else 3 Good. An
 * answer the learner overruled is Good: right, but not in words the checker knew. A question a
 * guess answers half the time (`coinFlip`, true/false) is never Easy.
 */
export function fsrsGrade(
	outcome: ItemOutcome,
	expectedMs: number,
	coinFlip = false,
): 1 | 2 | 3 | 4 {
	if (!outcome.answered) return 1;
	if (!outcome.correct) return outcome.score > 0 ? 2 : 1;
	if (outcome.overruled) return 3;
	// Without a usable clock or estimate, speed says nothing.
	if (!(expectedMs > 0) || !(outcome.timeMs >= 0)) return 3;
	if (outcome.timeMs < EASY_BELOW * expectedMs) return coinFlip ? 3 : 4;
	if (outcome.timeMs > HARD_ABOVE * expectedMs) return 2;
	return 3;
}
