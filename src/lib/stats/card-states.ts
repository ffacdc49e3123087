/** How many of a deck's questions are new, learning, in review, relearning or suspended. */
import { State } from 'ts-fsrs';
import type { CardRecord } from '../srs/records.ts';

export interface CardStateCounts {
	/** New cards, never-seen questions included. */
	new: number;
	learning: number;
	review: number;
	relearning: number;
	/** Suspended cards, whatever their state; not counted in the other states. */
	suspended: number;
	/** Questions without any stored card (a subset of `new`). */
	neverSeen: number;
	/** Every question: the sum of the five states above. */
	total: number;
}

/**
 * Counts over the questions, not the stored cards: a card whose question left the bank is not
 * studied any more (see queue.ts), so it is not counted either. Buried cards keep their state.
 */
export function cardStateCounts(
	cards: readonly CardRecord[],
	questionIds: readonly string[],
): CardStateCounts {
	const ids = new Set(questionIds);
	const counts: CardStateCounts = {
		new: 0,
		learning: 0,
		review: 0,
		relearning: 0,
		suspended: 0,
		neverSeen: 0,
		total: ids.size,
	};
	let stored = 0;
	for (const card of cards) {
		if (!ids.has(card.id)) continue;
		stored++;
		if (card.suspended) counts.suspended++;
		else if (card.state === State.Learning) counts.learning++;
		else if (card.state === State.Review) counts.review++;
		else if (card.state === State.Relearning) counts.relearning++;
		else counts.new++;
	}
	counts.neverSeen = ids.size - stored;
	counts.new += counts.neverSeen;
	return counts;
}
