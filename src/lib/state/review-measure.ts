/**
 * A spaced review's mastery as this device measures it: the student's own cards (IndexedDB) of
 * the questions of the review's bank citing its paragraphs, through the same `mastery` the
 * Statistics screen shows (a week ahead, with each deck's own forgetting curve).
 */
import type { ReviewSpec } from '$lib/classes/assignment-protocol';
import { reviewMastery, type ReviewMastery } from '$lib/classes/review-rules';
import { findAnyBank, loadAnyDeck } from '$lib/content/decks';
import { deckKey } from '$lib/bank';
import { decayOf, deckQuestions, MASTERY_HORIZON_MS, type StatsQuestion } from '$lib/stats';
import { database } from '$lib/storage/connection';
import { deckCards } from '$lib/storage/deck-cards';

/** Undefined when the bank is not on this device. */
export async function measureReview(
	review: ReviewSpec,
	now = Date.now(),
): Promise<ReviewMastery | undefined> {
	const bank = await findAnyBank(review.bank);
	if (!bank) return undefined;
	const questions: StatsQuestion[] = [];
	for (const d of bank.decks) {
		const deck = await loadAnyDeck(bank.id, d.id);
		if (deck) questions.push(...deckQuestions(deck));
	}
	const keys = bank.decks.map((d) => deckKey(bank.id, d.id));
	const db = await database();
	const [cards, options] = await Promise.all([deckCards(db, keys), db.getAll('deckOptions')]);
	const weightsOf = new Map(options.map((o) => [o.deck, o.options.weights]));
	return reviewMastery(review, questions, cards, now + MASTERY_HORIZON_MS, (key) =>
		decayOf(weightsOf.get(key)),
	);
}
