/**
 * What a deck has for today, counted by the same queue the study screen builds: due reviews and
 * learning cards within the daily limits (new cards counting towards the review limit), new cards
 * within what is left, and nothing that is suspended, buried, or of a question no longer in the
 * deck. A count here never differs from what opening the deck shows.
 */
import { StudyQueue, type QueueCounts } from '$lib/srs/queue';
import type { DeckOptions } from '$lib/srs/options';
import type { StudyDays } from '$lib/srs/study-day';
import type { Db } from '$lib/storage/db';
import { idbReviewStore } from '$lib/storage/idb-review-store';

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
