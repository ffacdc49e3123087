/**
 * What is stored per card and per review. Dates are epoch milliseconds so records survive
 * IndexedDB, JSON backups and structured cloning unchanged; `convert.ts` turns them into
 * ts-fsrs values at one border.
 */
import type { State } from 'ts-fsrs';

export type Grade = 1 | 2 | 3 | 4;
export const AGAIN = 1,
	HARD = 2,
	GOOD = 3,
	EASY = 4;

/** The FSRS memory state of a card, as ts-fsrs computes it. */
export interface MemoryState {
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	state: State;
	lastReview?: number;
}

export interface CardRecord extends MemoryState {
	/** The question id: progress survives any change of the question's wording. */
	id: string;
	/** `bank/deck` of the deck the question belongs to. */
	deck: string;
	suspended: boolean;
	/** Study day (see study-day.ts) before which the card stays hidden; 0 when not buried. */
	buriedUntil: number;
	leech: boolean;
}

/** One answer: append-only, the record of truth from which card states are rebuilt. */
export interface ReviewLogRecord {
	/** Assigned by the store. */
	id?: number;
	cardId: string;
	deck: string;
	rating: Grade;
	/** When the answer was given (ms). */
	review: number;
	/** Time spent on the card (ms). */
	durationMs: number;
	/** Key of the scheduler configuration used, so a replay uses the same parameters. */
	config: string;
	/** The card's state before this review (ts-fsrs's log fields). */
	state: State;
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	lastElapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	/** The learner overruled the answer check ("I was right"): a typed answer marked wrong counted as right. */
	overruled?: true;
}
