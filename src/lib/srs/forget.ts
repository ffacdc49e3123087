/**
 * Forget (reset to new) keeps the review log and records when the card was forgotten
 * (`CardRecord.forgottenAt`): the reviews that count for the card are the ones made after it.
 * On its own, free of the scheduler, so the optimizer's worker can use the same rule
 * (fsrs-items.ts); replays read it through replay.ts `afterForget`.
 */

/** Whether a review made at `review` counts for a card forgotten at `forgottenAt` (0: never). */
export function countsAfterForget(review: number, forgottenAt: number | undefined): boolean {
	return review > (forgottenAt ?? 0);
}
