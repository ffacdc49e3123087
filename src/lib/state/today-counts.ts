/**
 * What a deck has for today, counted by the same queue the study screen builds: due reviews and
 * learning cards within the daily limits (new cards counting towards the review limit), new cards
 * within what is left, and nothing that is suspended, buried, or of a question no longer in the
 * deck. A count here never differs from what opening the deck shows.
 */
import { deckKey, type BankSummary } from '$lib/bank';
import { loadAnyDeck } from '$lib/content/decks';
import { StudyQueue, type QueueCounts } from '$lib/srs/queue';
import type { DeckOptions } from '$lib/srs/options';
import type { StudyDays } from '$lib/srs/study-day';
import { database } from '$lib/storage/connection';
import type { Db } from '$lib/storage/db';
import { idbReviewStore } from '$lib/storage/idb-review-store';
import { getDeckOptions, learnerStudyDays } from '$lib/storage/preferences';

export async function todayCounts(
	db: Db,
	deck: { key: string; questionIds: readonly string[]; options: DeckOptions },
	days: StudyDays,
	now: number,
): Promise<QueueCounts> {
	const day = days.of(now);
	const snapshot = await idbReviewStore(db).loadDeck(deck.key, day.start, day.end);
	return new StudyQueue({
		now,
		day,
		questionIds: deck.questionIds,
		candidates: snapshot.candidates,
		knownIds: snapshot.knownIds,
		doneToday: snapshot.doneToday,
		limits: deck.options,
	}).counts();
}

/** What "Study due cards" lists: each deck's cards waiting now, by deck key. */
export async function decksDueToday(
	banks: readonly BankSummary[],
	uiLang: 'zh' | 'en',
): Promise<Record<string, { due: number; fresh: number }>> {
	const db = await database();
	const days = await learnerStudyDays(db);
	const now = Date.now();
	const out: Record<string, { due: number; fresh: number }> = {};
	for (const bank of banks) {
		for (const summary of bank.decks) {
			const key = deckKey(bank.id, summary.id);
			const [deck, options] = await Promise.all([
				loadAnyDeck(bank.id, summary.id),
				getDeckOptions(db, key, uiLang),
			]);
			const questionIds = deck?.questions.map((q) => q.id) ?? [];
			const c = await todayCounts(db, { key, questionIds, options }, days, now);
			out[key] = { due: c.reviews + c.learning, fresh: c.newCards };
		}
	}
	return out;
}
