/**
 * The rules of spaced-review assignments that the student's device and the server both follow:
 * which questions a review covers, how the device measures its mastery of them (the same
 * `mastery` the Statistics screen shows, over the student's own cards), and the student's state.
 * Kept without storage so they are tested on their own.
 */
import type { CardRecord } from '../srs/records.ts';
import { mastery } from '../stats/mastery.ts';
import type { StatsQuestion } from '../stats/stats-question.ts';
import { bankOf } from '../stats/study-group.ts';
import type { ReviewSpec, StudentStatus } from './assignment-protocol.ts';
import { studentStatus } from './gradebook.ts';

/** The questions of the review's bank citing any of its paragraphs, each once, in deck order. */
export function reviewQuestions<Q extends Pick<StatsQuestion, 'id' | 'deck' | 'source'>>(
	questions: readonly Q[],
	review: Pick<ReviewSpec, 'bank' | 'paragraphs'>,
): Q[] {
	const seen = new Set<string>();
	return questions.filter(
		(q) =>
			bankOf(q.deck) === review.bank &&
			q.source.paragraphs.some((p) => review.paragraphs.includes(p)) &&
			!seen.has(q.id) &&
			(seen.add(q.id), true),
	);
}

/** How many questions of the bank cite each paragraph (a paragraph no question cites: none). */
export function paragraphCounts(
	questions: readonly Pick<StatsQuestion, 'id' | 'source'>[],
): Map<number, number> {
	const counts = new Map<number, number>();
	const seen = new Set<string>();
	for (const q of questions) {
		if (seen.has(q.id)) continue;
		seen.add(q.id);
		for (const p of new Set(q.source.paragraphs)) counts.set(p, (counts.get(p) ?? 0) + 1);
	}
	return counts;
}

/** The device's measure of a review: each paragraph's mastery and the whole's. */
export interface ReviewMastery {
	/** Over every question of the review, each once (unseen ones counting 0), 0 to 1. */
	mastery: number;
	/** The questions measured over (a report's `questions`). */
	questions: number;
	/** In the review's order of paragraphs. */
	paragraphs: { paragraph: number; mastery: number; questions: number; seen: number }[];
}

/** One tag no question has: the whole review as one group of `mastery`. */
const WHOLE = '\u0000review';

/**
 * Mastery of the review's paragraphs, as `mastery` (stats/mastery.ts) computes it for the
 * Statistics screen: `now` is the moment it is measured at (the screen looks a week ahead, see
 * MASTERY_HORIZON_MS), `decay` the cards' forgetting curve.
 */
export function reviewMastery(
	review: ReviewSpec,
	questions: readonly StatsQuestion[],
	cards: readonly CardRecord[],
	now: number,
	decay?: number | ((deck: string) => number),
): ReviewMastery {
	const covered = reviewQuestions(questions, review);
	// The whole: every covered question in one group, so a question citing two of the
	// paragraphs counts once.
	const whole = mastery(
		covered.map((q) => ({ ...q, tags: [WHOLE] })),
		cards,
		now,
		decay,
	);
	const byParagraph = new Map(
		whole.byParagraph.filter((g) => g.bank === review.bank).map((g) => [g.paragraph, g]),
	);
	return {
		mastery: whole.byTag[0]?.mastery ?? 0,
		questions: covered.length,
		paragraphs: review.paragraphs.map((paragraph) => {
			const g = byParagraph.get(paragraph);
			return {
				paragraph,
				mastery: g?.mastery ?? 0,
				questions: g?.questions ?? 0,
				seen: g?.seen ?? 0,
			};
		}),
	};
}

/** Whether a measured mastery reaches the target (a float a hair short of it reaches it). */
export const reachesTarget = (mastery: number, target: number): boolean => mastery >= target - 1e-9;

/** What decides a student's state in a review. */
export interface ReviewProgress {
	/** The highest mastery reported; null before any report. */
	mastery: number | null;
	/** Whether the target was reached, and whether after the deadline. */
	reached: boolean;
	late: boolean;
}

/**
 * Not started before any report, or while nothing is known (0); done once the target was
 * reached by the deadline, late once reached after it; in progress between.
 */
export function reviewStatus(p: ReviewProgress): StudentStatus {
	return studentStatus({
		answered: p.mastery !== null && p.mastery > 0 ? 1 : 0,
		finished: p.reached,
		late: p.reached && p.late,
	});
}
