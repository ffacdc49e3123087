/**
 * Answers given outside a study session (a practice test, a live game) counted as FSRS reviews:
 * one review each, in its deck with the deck's options, through the same scheduler, leech rule
 * and all-or-nothing commit as a study session's answer (srs/single-review.ts).
 */
import type { Grade } from '../srs/records.ts';
import { reviewOnce } from '../srs/single-review.ts';
import type { StudyDays } from '../srs/study-day.ts';
import type { DeckOptions } from '../srs/options.ts';
import type { Db } from './db.ts';
import { idbReviewStore } from './idb-review-store.ts';
import { getDeckOptions } from './preferences.ts';

export interface AnswerAsReview {
	/** Deck key, `bank/deck`. */
	deck: string;
	/** The question's id. */
	id: string;
	grade: Grade;
	durationMs: number;
	/** The learner overruled the answer check ("I was right"). */
	overruled?: boolean;
}

export interface AnswerReviewContext {
	/** The learner's study days. */
	days: StudyDays;
	/** The interface language: a deck never configured takes it (see getDeckOptions). */
	uiLang: 'zh' | 'en';
	clock: () => number;
	/** Told of each deck a review was written to (other tabs catch up). */
	onChange?: (deck: string) => void;
}

/**
 * In order; per answer, the id of the review log written, or undefined when another tab kept
 * changing the card (see reviewOnce).
 */
export async function saveAnswersAsReviews(
	db: Db,
	answers: readonly AnswerAsReview[],
	context: AnswerReviewContext,
): Promise<(number | undefined)[]> {
	const store = idbReviewStore(db, context.onChange);
	const optionsOf = new Map<string, DeckOptions>();
	const logIds: (number | undefined)[] = [];
	for (const answer of answers) {
		let options = optionsOf.get(answer.deck);
		if (!options) {
			options = await getDeckOptions(db, answer.deck, context.uiLang);
			optionsOf.set(answer.deck, options);
		}
		const written = await reviewOnce(store, {
			...answer,
			now: context.clock(),
			options,
			days: context.days,
		});
		logIds.push(written?.logId);
	}
	return logIds;
}
