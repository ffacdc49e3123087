/** Anki's leech rule: a card is a leech at the threshold, and again every half-threshold lapses after. */
import { State } from 'ts-fsrs';
import type { DeckOptions } from './options.ts';
import { AGAIN, type CardRecord, type Grade } from './records.ts';

export function applyLeechRule(
	before: CardRecord | undefined,
	after: CardRecord,
	grade: Grade,
	options: Pick<DeckOptions, 'leechThreshold' | 'leechAction'>,
): boolean {
	const lapsed = grade === AGAIN && before?.state === State.Review;
	const t = options.leechThreshold;
	const leechNow =
		lapsed && after.lapses >= t && (after.lapses - t) % Math.max(1, Math.ceil(t / 2)) === 0;
	if (leechNow) {
		after.leech = true;
		if (options.leechAction === 'suspend') after.suspended = true;
	}
	return leechNow;
}

/** The fields a card keeps across reviews, whatever its memory state. */
export function cardMeta(id: string, deck: string, before: CardRecord | undefined) {
	return {
		id,
		deck,
		suspended: before?.suspended ?? false,
		buriedUntil: before?.buriedUntil ?? 0,
		leech: before?.leech ?? false,
		// Kept so that later replays still start from the forget (replay.ts `afterForget`).
		...(before?.forgottenAt ? { forgottenAt: before.forgottenAt } : {}),
	};
}
