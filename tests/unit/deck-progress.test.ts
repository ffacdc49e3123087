import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { continueDeck, deckProgress } from '../../src/lib/stats/deck-progress.ts';

describe('deck progress', () => {
	it('counts questions answered at least once, of the deck’s current questions', () => {
		const cards = [
			{ id: 'q1', state: State.Review },
			{ id: 'q2', state: State.Learning },
			// Suspended before it was ever answered: not seen.
			{ id: 'q3', state: State.New },
			// Its question left the deck.
			{ id: 'gone', state: State.Review },
		];
		expect(deckProgress(cards, ['q1', 'q2', 'q3', 'q4'])).toEqual({ seen: 2, total: 4 });
	});

	it('is nothing seen for a deck never studied', () => {
		expect(deckProgress([], ['a', 'b'])).toEqual({ seen: 0, total: 2 });
	});
});

describe('the deck to continue', () => {
	it('is the deck studied last while it still has cards today', () => {
		expect(
			continueDeck([
				{ key: 'b/a', due: 9, fresh: 0, lastStudied: 100 },
				{ key: 'b/b', due: 1, fresh: 5, lastStudied: 200 },
				{ key: 'b/c', due: 30, fresh: 20 },
			]),
		).toBe('b/b');
	});

	it('passes over a deck done for today, even the one studied last', () => {
		expect(
			continueDeck([
				{ key: 'b/a', due: 0, fresh: 0, lastStudied: 300 },
				{ key: 'b/b', due: 2, fresh: 0, lastStudied: 100 },
			]),
		).toBe('b/b');
	});

	it('is the deck with most due cards when none was studied, else the first with new ones', () => {
		expect(
			continueDeck([
				{ key: 'b/a', due: 0, fresh: 20 },
				{ key: 'b/b', due: 3, fresh: 0 },
				{ key: 'b/c', due: 7, fresh: 0 },
			]),
		).toBe('b/c');
		expect(
			continueDeck([
				{ key: 'b/a', due: 0, fresh: 0 },
				{ key: 'b/b', due: 0, fresh: 20 },
				{ key: 'b/c', due: 0, fresh: 20 },
			]),
		).toBe('b/b');
	});

	it('is none when every deck is done for the day', () => {
		expect(continueDeck([{ key: 'b/a', due: 0, fresh: 0, lastStudied: 1 }])).toBeUndefined();
		expect(continueDeck([])).toBeUndefined();
	});
});
