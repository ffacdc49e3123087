/**
 * Rescheduling a deck with new options (fitted FSRS weights): every card's memory state and due
 * date recomputed from its whole history with them, as Anki does when parameters change. The
 * review log is not touched; the reschedule is recorded in the deck's options, so a replay
 * ("Check data", a backup merge) reaches the same cards. One transaction per deck.
 */
import type { DeckOptions } from '../srs/options.ts';
import { replayCard } from '../srs/replay.ts';
import { configKey, schedulerConfig } from '../srs/scheduler.ts';
import type { StudyDays } from '../srs/study-day.ts';
import type { Db } from './db.ts';
import { asJournal, deckOptionChanges, journal, JOURNAL_STORES } from './sync-journal.ts';

/** Returns how many cards changed. */
export async function rescheduleDeck(
	db: Db,
	deck: string,
	options: DeckOptions,
	now: number,
	days: StudyDays,
): Promise<number> {
	const config = schedulerConfig(options);
	const key = configKey(config);
	const rescheduled = { config: key, at: now };
	const tx = db.transaction(
		['cards', 'logs', 'configs', 'deckOptions', ...JOURNAL_STORES],
		'readwrite',
		{ durability: 'strict' },
	);
	const before = (await tx.objectStore('deckOptions').get(deck))?.options;
	const after = { ...options, rescheduled };
	// The configuration first: the fit names it, and another device replays with it.
	await journal(
		asJournal(tx),
		[{ kind: 'config', key, config }, ...deckOptionChanges(deck, before, after)],
		now,
	);
	const cards = await tx.objectStore('cards').index('deck').getAll(deck);
	const index = tx.objectStore('logs').index('card');
	const histories = await Promise.all(
		cards.map((c) => index.getAll(IDBKeyRange.bound([c.id, -Infinity], [c.id, Infinity]))),
	);
	// Only the new configuration is needed: every log up to now is read with it.
	const context = { configs: new Map([[key, config]]), days };
	const writes: Promise<unknown>[] = [
		tx.objectStore('configs').put({ key, config }),
		tx.objectStore('deckOptions').put({ deck, options: after }),
	];
	let changed = 0;
	cards.forEach((card, i) => {
		const state = replayCard(histories[i], context, rescheduled, card.forgottenAt);
		// Never answered, or not since it was forgotten: nothing to reschedule.
		if (!state || state.reps === 0) return;
		writes.push(tx.objectStore('cards').put({ ...card, ...state }));
		changed++;
	});
	await Promise.all([...writes, tx.done]);
	return changed;
}
