/**
 * What home shows of each deck: how far the learner has come (questions seen at least once, of
 * all) and which deck to study next. Today's due and new counts come from the study queue
 * itself (see state/today-counts), so home and the study screen never disagree.
 */
import { State } from 'ts-fsrs';
import type { CardRecord } from '../srs/records.ts';

export interface DeckProgress {
	/** Questions of the deck answered at least once (a card out of the New state). */
	seen: number;
	/** Questions in the deck now. */
	total: number;
}

/** Only the deck's current questions count: a card whose question left the bank is not progress. */
export function deckProgress(
	cards: readonly Pick<CardRecord, 'id' | 'state'>[],
	questionIds: readonly string[],
): DeckProgress {
	const inDeck = new Set(questionIds);
	const seen = cards.filter((c) => inDeck.has(c.id) && c.state !== State.New).length;
	return { seen, total: inDeck.size };
}

export interface DeckToday {
	key: string;
	/** Reviews and learning cards to study today. */
	due: number;
	/** New cards today's limits still allow. */
	fresh: number;
	/** When the deck was last studied (ms), if ever. */
	lastStudied?: number;
}

/**
 * The deck "Continue" opens: the one studied last, while it still has cards for today; else the
 * deck with the most due cards; else the first (in the order given) with new cards to learn.
 * None when every deck is done for the day.
 */
export function continueDeck(decks: readonly DeckToday[]): string | undefined {
	const open = decks.filter((d) => d.due + d.fresh > 0);
	const studied = open.filter((d) => d.lastStudied !== undefined);
	if (studied.length > 0) {
		return studied.reduce((a, b) => (b.lastStudied! > a.lastStudied! ? b : a)).key;
	}
	const due = open.filter((d) => d.due > 0);
	if (due.length > 0) return due.reduce((a, b) => (b.due > a.due ? b : a)).key;
	return open[0]?.key;
}
