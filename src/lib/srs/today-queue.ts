/**
 * Today's queue of one deck, read from the store: the one rule behind both what a study session
 * shows and what the lists of decks (home, "Study due cards") count, so a deck never offers a
 * different number of cards than the list said.
 */
import type { DeckOptions } from './options.ts';
import { StudyQueue, type QueueCounts } from './queue.ts';
import type { DeckSnapshot, ReviewStore } from './review-store.ts';
import type { StudyDays } from './study-day.ts';

export interface TodayDeck {
	key: string;
	questionIds: readonly string[];
	limits: Pick<DeckOptions, 'newPerDay' | 'reviewsPerDay'>;
	/** Focused study: every card of `questionIds`, whatever its due date and the daily limits. */
	focus?: { answered: ReadonlySet<string> };
}

/** The deck's stored cards and today's answers, and the queue built from them. */
export async function loadTodayQueue(
	store: Pick<ReviewStore, 'loadDeck'>,
	deck: TodayDeck,
	days: StudyDays,
	now: number,
): Promise<{ snapshot: DeckSnapshot; queue: StudyQueue }> {
	const day = days.of(now);
	const dueBefore = deck.focus ? Infinity : day.end;
	// Today's answers are counted from the start of the study day: cards introduced earlier
	// today (in any session, tab or practice test) use up today's new-card limit.
	// A focused group is read card by card: it is often a small part of a large deck.
	const only = deck.focus ? deck.questionIds : undefined;
	const snapshot = await store.loadDeck(deck.key, day.start, dueBefore, only);
	const queue = new StudyQueue({
		now,
		day,
		questionIds: deck.questionIds,
		candidates: snapshot.candidates,
		knownIds: snapshot.knownIds,
		doneToday: snapshot.doneToday,
		limits: deck.limits,
		focus: deck.focus,
	});
	return { snapshot, queue };
}

/** What opening the deck now would offer: due reviews, learning cards and new cards. */
export async function todayCounts(
	store: Pick<ReviewStore, 'loadDeck'>,
	deck: TodayDeck,
	days: StudyDays,
	now: number,
): Promise<QueueCounts> {
	return (await loadTodayQueue(store, deck, days, now)).queue.counts();
}
