/** How stable and how difficult the learner's reviewed cards are (FSRS memory state). */
import { State } from 'ts-fsrs';
import type { CardRecord } from '../srs/records.ts';
import { Histogram, type Bucket } from './histogram.ts';

/** Days: under a day, a week, a month, a quarter, a year, and beyond. */
export const STABILITY_EDGES = [0, 1, 7, 30, 90, 365, Infinity] as const;

/** FSRS difficulty runs from 1 to 10; ten equal steps, as Anki's 0–100 % difficulty chart. */
export const DIFFICULTY_EDGES = Array.from({ length: 11 }, (_, i) => 1 + (9 * i) / 10);

export interface MemoryDistribution {
	/** Cards with a memory state: answered at least once (suspended ones included). */
	cards: number;
	stability: Bucket[];
	difficulty: Bucket[];
}

/**
 * New cards are left out: their stability and difficulty are placeholders, not a memory.
 * Suspended cards stay in: what was learnt is still remembered (or not).
 */
export function memoryDistribution(cards: readonly CardRecord[]): MemoryDistribution {
	const stability = new Histogram(STABILITY_EDGES);
	const difficulty = new Histogram(DIFFICULTY_EDGES);
	let count = 0;
	for (const card of cards) {
		if (card.state === State.New) continue;
		count++;
		stability.add(card.stability);
		difficulty.add(card.difficulty);
	}
	return { cards: count, stability: stability.buckets(), difficulty: difficulty.buckets() };
}
