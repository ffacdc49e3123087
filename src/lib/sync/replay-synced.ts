/**
 * Cards from the merged log: each device replays every card's reviews, in one order that every
 * device agrees on, with the configurations they name. Card states are never synced, so two
 * devices cannot disagree on a lapse (the way Anki's newest-card-wins sync loses them).
 *
 * The replay also writes each review's log record as the app stores it (with the card's state
 * before the review, which a synced review leaves out), so Check data's `replayCard` over the
 * stored log reaches the same cards (tested).
 */
import type { MemoryState, ReviewLogRecord } from '../srs/records.ts';
import { afterForget, schedulerFor, type ReplayContext, type Rescheduled } from '../srs/replay.ts';
import type { SchedulerConfig } from '../srs/scheduler.ts';
import type { StudyDays } from '../srs/study-day.ts';
import type { SyncState } from './merge.ts';
import type { SyncedReview } from './records.ts';

/** The order of a card's reviews on every device: by time, then by uid (two at the same ms). */
export function byReviewTime(a: SyncedReview, b: SyncedReview): number {
	return a.review - b.review || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
}

/** Each card's reviews, oldest first. */
export function historiesByCard(reviews: Iterable<SyncedReview>): Map<string, SyncedReview[]> {
	const byCard = new Map<string, SyncedReview[]>();
	for (const r of reviews) {
		const list = byCard.get(r.cardId);
		if (list) list.push(r);
		else byCard.set(r.cardId, [r]);
	}
	for (const list of byCard.values()) list.sort(byReviewTime);
	return byCard;
}

/** A replay context over the configurations a synced state holds. */
export function replayContext(state: SyncState, days: StudyDays): ReplayContext {
	const configs = new Map<string, SchedulerConfig>();
	for (const [key, c] of state.configs) configs.set(key, c.config);
	return { configs, days };
}

export type SyncedLogRecord = ReviewLogRecord & { uid: string };

/**
 * One card's history (oldest first, see `historiesByCard`) replayed as `replayCard` does, after
 * a reschedule with its configuration: the card's state, and the log records to store. A card
 * forgotten at `forgottenAt` replays from then (`afterForget`); the reviews before it still get
 * their log records, replayed from the card's first review. (Only the latest forget is known: of
 * a card forgotten twice, the reviews between the two forgets are logged here as following on
 * from the ones before, not as starting from new as where they were made. The card's state, and
 * so Check data, is the same either way.)
 */
export function replaySynced(
	history: readonly SyncedReview[],
	context: ReplayContext,
	rescheduled?: Rescheduled,
	forgottenAt?: number,
): { state: MemoryState | undefined; logs: SyncedLogRecord[] } {
	const { start, before, reviews } = afterForget(history, forgottenAt);
	const logs: SyncedLogRecord[] = [];
	const replay = (from: MemoryState | undefined, list: readonly SyncedReview[]) => {
		let state = from;
		for (const r of list) {
			const scheduler = schedulerFor(r, context, rescheduled);
			const meta = {
				cardId: r.cardId,
				deck: r.deck,
				durationMs: r.durationMs,
				balancedDays: r.balancedDays,
			};
			const answer = scheduler.rate(state, r.review, r.rating, meta);
			// The log names the configuration the review was made with, whatever replayed it.
			const log: SyncedLogRecord = { ...answer.log, config: r.config, uid: r.uid };
			if (r.overruled) log.overruled = true;
			logs.push(log);
			state = answer.state;
		}
		return state;
	};
	replay(undefined, before);
	return { state: replay(start, reviews), logs };
}
