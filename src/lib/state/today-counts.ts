/**
 * What each deck has for today, counted by the same rule the study screen builds its queue with
 * (srs/today-queue): due reviews and learning cards within the daily limits, new cards within
 * what today's earlier sessions left of them, nothing suspended, buried, or of a question no
 * longer in the deck. A count here never differs from what opening the deck shows.
 */
import { deckKey, type BankSummary } from '$lib/bank';
import { todayCounts } from '$lib/srs/today-queue';
import { continueDeck, deckProgress, type DeckProgress, type DeckToday } from '$lib/stats';
import { database } from '$lib/storage/connection';
import { deckCards, lastReviewOf } from '$lib/storage/deck-cards';
import { idbReviewStore } from '$lib/storage/idb-review-store';
import { getDeckOptions, learnerStudyDays } from '$lib/storage/preferences';

export type DeckDashboard = DeckToday & DeckProgress;

/** Each deck's counts for today and progress, by deck key, and the deck "Continue" opens. */
export async function deckDashboard(
	banks: readonly BankSummary[],
	uiLang: 'zh' | 'en',
): Promise<{ decks: Record<string, DeckDashboard>; next: string | undefined }> {
	const db = await database();
	const store = idbReviewStore(db);
	const days = await learnerStudyDays(db);
	const now = Date.now();
	const decks = banks.flatMap((bank) => bank.decks);
	const rows = await Promise.all(
		decks.map(async ({ bankId, id, questionIds }): Promise<DeckDashboard> => {
			const key = deckKey(bankId, id);
			const [limits, cards, lastStudied] = await Promise.all([
				getDeckOptions(db, key, uiLang),
				deckCards(db, [key]),
				lastReviewOf(db, key),
			]);
			const c = await todayCounts(store, { key, questionIds, limits }, days, now);
			return {
				key,
				due: c.reviews + c.learning,
				fresh: c.newCards,
				lastStudied,
				...deckProgress(cards, questionIds),
			};
		}),
	);
	return { decks: Object.fromEntries(rows.map((r) => [r.key, r])), next: continueDeck(rows) };
}

/** What "Study due cards" lists: each deck's cards waiting now, by deck key. */
export async function decksDueToday(
	banks: readonly BankSummary[],
	uiLang: 'zh' | 'en',
): Promise<Record<string, { due: number; fresh: number }>> {
	return (await deckDashboard(banks, uiLang)).decks;
}
