/**
 * One review outside a study session: a practice-test answer counted for FSRS. Same scheduler,
 * same leech rule, same all-or-nothing commit as a session's answer.
 */
import { applyLeechRule, cardMeta } from './leech.ts';
import type { DeckOptions } from './options.ts';
import type { CardRecord, Grade } from './records.ts';
import type { ReviewStore } from './review-store.ts';
import { createScheduler, schedulerConfig } from './scheduler.ts';
import type { StudyDays } from './study-day.ts';

export interface SingleReview {
	deck: string;
	id: string;
	grade: Grade;
	durationMs: number;
	now: number;
	options: DeckOptions;
	days: StudyDays;
	/** The learner overruled the answer check ("I was right"). */
	overruled?: boolean;
}

/**
 * Returns the card's new state and the id of its log, or undefined when another tab kept changing
 * it (tried twice).
 */
export async function reviewOnce(
	store: ReviewStore,
	r: SingleReview,
): Promise<{ card: CardRecord; logId: number } | undefined> {
	const scheduler = createScheduler(schedulerConfig(r.options), r.days);
	await store.saveConfig(scheduler.key, scheduler.config);
	for (let attempt = 0; attempt < 2; attempt++) {
		const before = await store.getCard(r.id);
		const { state, log } = scheduler.rate(before, r.now, r.grade, {
			cardId: r.id,
			deck: r.deck,
			durationMs: r.durationMs,
		});
		if (r.overruled) log.overruled = true;
		const after: CardRecord = { ...cardMeta(r.id, r.deck, before), ...state };
		applyLeechRule(before, after, r.grade, r.options);
		const result = await store.commitReview(before, after, log);
		if (result.ok) return { card: after, logId: result.value.logId };
	}
	return undefined;
}
