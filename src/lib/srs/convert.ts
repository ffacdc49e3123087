/** Between stored records (ms numbers) and ts-fsrs values (Dates): the one place they meet. */
import { createEmptyCard, type Card, type ReviewLog } from 'ts-fsrs';
import type { Grade, MemoryState, ReviewLogRecord } from './records.ts';

export function toFsrsCard(m: MemoryState): Card {
	return {
		due: new Date(m.due),
		stability: m.stability,
		difficulty: m.difficulty,
		elapsed_days: m.elapsedDays,
		scheduled_days: m.scheduledDays,
		learning_steps: m.learningSteps,
		reps: m.reps,
		lapses: m.lapses,
		state: m.state,
		last_review: m.lastReview === undefined ? undefined : new Date(m.lastReview),
	};
}

export function fromFsrsCard(c: Card): MemoryState {
	const m: MemoryState = {
		due: c.due.getTime(),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsedDays: c.elapsed_days,
		scheduledDays: c.scheduled_days,
		learningSteps: c.learning_steps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state,
	};
	if (c.last_review) m.lastReview = c.last_review.getTime();
	return m;
}

export function newMemoryState(now: number): MemoryState {
	return fromFsrsCard(createEmptyCard(new Date(now)));
}

export function toLogRecord(
	log: ReviewLog,
	extra: { cardId: string; deck: string; durationMs: number; config: string },
): ReviewLogRecord {
	return {
		...extra,
		rating: log.rating as Grade,
		review: log.review.getTime(),
		state: log.state,
		due: log.due.getTime(),
		stability: log.stability,
		difficulty: log.difficulty,
		elapsedDays: log.elapsed_days,
		lastElapsedDays: log.last_elapsed_days,
		scheduledDays: log.scheduled_days,
		learningSteps: log.learning_steps,
	};
}
