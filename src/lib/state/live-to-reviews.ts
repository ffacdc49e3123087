/**
 * "Study these questions": a player's answers in a live game counted as FSRS reviews on their own
 * device (right → Good, wrong → Again), each in the built-in deck that holds its question.
 */
import { deckKey } from '$lib/bank';
import { catalog, loadDeck } from '$lib/content/decks';
import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import { AGAIN, GOOD } from '$lib/srs/records';
import { saveAnswersAsReviews, type AnswerAsReview } from '$lib/storage/answers-as-reviews';
import { announceChange, database } from '$lib/storage/connection';
import { learnerStudyDays } from '$lib/storage/preferences';
import { afterReviewsChanged } from './persistence';

/** Returns how many reviews were written. */
export async function addLiveAnswersToReviews(
	outcomes: { id: string; correct: boolean }[],
): Promise<number> {
	const wanted = new Set(outcomes.map((o) => o.id));
	const deckOf = new Map<string, string>();
	for (const bank of catalog) {
		for (const d of bank.decks) {
			const deck = await loadDeck(bank.id, d.id);
			for (const q of deck?.questions ?? [])
				if (wanted.has(q.id)) deckOf.set(q.id, deckKey(bank.id, d.id));
		}
	}
	const answers = outcomes.flatMap(({ id, correct }): AnswerAsReview[] => {
		const deck = deckOf.get(id);
		return deck ? [{ deck, id, grade: correct ? GOOD : AGAIN, durationMs: 0 }] : [];
	});
	const db = await database();
	const logIds = await saveAnswersAsReviews(db, answers, {
		days: await learnerStudyDays(db),
		uiLang: contentLocale(getLocale()),
		clock: Date.now,
		onChange: announceChange,
	});
	const added = logIds.filter((id) => id !== undefined).length;
	if (added > 0) void afterReviewsChanged(added);
	return added;
}
