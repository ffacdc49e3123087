/**
 * "Study these questions": a player's answers in a live game counted as FSRS reviews on their own
 * device, through the same scheduler as study sessions (right → Good, wrong → Again).
 */
import { catalog, loadDeck } from '$lib/content/decks';
import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import { reviewOnce } from '$lib/srs/single-review';
import { announceChange, database } from '$lib/storage/connection';
import { idbReviewStore } from '$lib/storage/idb-review-store';
import { getDeckOptions, learnerStudyDays } from '$lib/storage/preferences';
import { afterReviewsChanged } from './persistence';

export async function addLiveAnswersToReviews(
	outcomes: { id: string; correct: boolean }[],
): Promise<number> {
	const wanted = new Set(outcomes.map((o) => o.id));
	const deckOf = new Map<string, string>();
	for (const bank of catalog) {
		for (const d of bank.decks) {
			const deck = await loadDeck(bank.id, d.id);
			for (const q of deck?.questions ?? [])
				if (wanted.has(q.id)) deckOf.set(q.id, `${bank.id}/${d.id}`);
		}
	}
	const db = await database();
	const store = idbReviewStore(db, announceChange);
	const days = await learnerStudyDays(db);
	let added = 0;
	for (const o of outcomes) {
		const deck = deckOf.get(o.id);
		if (!deck) continue;
		const options = await getDeckOptions(db, deck, contentLocale(getLocale()));
		const card = await reviewOnce(store, {
			deck,
			id: o.id,
			grade: o.correct ? 3 : 1,
			durationMs: 0,
			now: Date.now(),
			options,
			days,
		});
		if (card) added++;
	}
	if (added > 0) void afterReviewsChanged(added);
	return added;
}
