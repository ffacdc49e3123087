/**
 * Which of the learner's cards a practice test may draw from, when its pool is not every
 * question: the cards due now, or the cards the learner finds hard.
 */
import { State } from 'ts-fsrs';
import { isAvailable } from '../srs/queue.ts';
import type { CardRecord } from '../srs/records.ts';
import type { StudyDay } from '../srs/study-day.ts';
import type { TestSpec } from './test-spec.ts';

/** FSRS difficulty (1–10) from which a card counts as hard. */
export const WEAK_DIFFICULTY = 7;

/** A card the learner finds hard: it has lapsed, is hard by FSRS's measure, is being relearned, or is a leech. */
export function isWeak(card: CardRecord): boolean {
	return (
		card.lapses > 0 ||
		card.difficulty >= WEAK_DIFFICULTY ||
		card.state === State.Relearning ||
		card.leech
	);
}

/**
 * A reviewed card due now (`day`: the study day `now` falls in). What study hides today is not
 * due either: a suspended card, or one buried until tomorrow (the study queue's own rule).
 */
export function isDueNow(card: CardRecord, now: number, day: StudyDay): boolean {
	return card.state !== State.New && isAvailable(card, day) && card.due <= now;
}

/** The ids of the cards in the test's pool. */
export function testPool(
	cards: readonly CardRecord[],
	pool: Exclude<TestSpec['pool'], 'all'>,
	now: number,
	day: StudyDay,
): Set<string> {
	const inPool = pool === 'due' ? (c: CardRecord) => isDueNow(c, now, day) : isWeak;
	return new Set(cards.filter(inPool).map((c) => c.id));
}
