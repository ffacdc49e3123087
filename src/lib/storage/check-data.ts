/**
 * "Check data": the stored card states are a cache of the review log, so each one is compared with
 * a replay of its log, and a mismatch can be repaired by taking the replay. The log is read one
 * card at a time through the `card` index, so a million reviews are never in memory at once.
 */
import { State } from 'ts-fsrs';
import { newMemoryState } from '../srs/convert.ts';
import type { CardRecord, MemoryState, ReviewLogRecord } from '../srs/records.ts';
import type { DeckOptions } from '../srs/options.ts';
import {
	replayCard,
	sameMemoryState,
	UnknownConfigError,
	type ReplayContext,
	type Rescheduled,
} from '../srs/replay.ts';
import type { SchedulerConfig } from '../srs/scheduler.ts';
import type { StudyDays } from '../srs/study-day.ts';
import type { Db } from './db.ts';

export interface Mismatch {
	id: string;
	stored: MemoryState | undefined;
	replayed: MemoryState | undefined;
}

export interface CheckReport {
	checked: number;
	mismatched: Mismatch[];
	/** Configurations some log refers to but the database lacks: those cards cannot be replayed. */
	unknownConfigs: string[];
}

const cardRange = (id: string) => IDBKeyRange.bound([id, -Infinity], [id, Infinity]);

/** The card without its deck and flags, as the replay has it. */
function memoryState(c: CardRecord): MemoryState {
	const m: MemoryState = {
		due: c.due,
		stability: c.stability,
		difficulty: c.difficulty,
		elapsedDays: c.elapsedDays,
		scheduledDays: c.scheduledDays,
		learningSteps: c.learningSteps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state,
	};
	if (c.lastReview !== undefined) m.lastReview = c.lastReview;
	return m;
}

/** What a replay needs besides a card's logs, with each deck's reschedule. */
export interface DeckReplayContext extends ReplayContext {
	rescheduled: ReadonlyMap<string, Rescheduled>;
}

export function replayContext(
	configList: { key: string; config: SchedulerConfig }[],
	options: { deck: string; options: DeckOptions }[],
	days: StudyDays,
): DeckReplayContext {
	return {
		days,
		configs: new Map(configList.map((c) => [c.key, c.config])),
		rescheduled: new Map(
			options.flatMap((o) => (o.options.rescheduled ? [[o.deck, o.options.rescheduled]] : [])),
		),
		cache: new Map(),
	};
}

/** The replay (from the card's forget, if it was forgotten), or the config key it lacks. */
function replay(
	logs: ReviewLogRecord[],
	card: CardRecord | undefined,
	context: DeckReplayContext,
): { state: MemoryState | undefined } | { unknown: string } {
	const deck = card?.deck ?? logs.at(-1)?.deck;
	const rescheduled = deck ? context.rescheduled.get(deck) : undefined;
	try {
		return { state: replayCard(logs, context, rescheduled, card?.forgottenAt) };
	} catch (e) {
		if (e instanceof UnknownConfigError) return { unknown: e.key };
		throw e;
	}
}

/** A card without logs is fine while it is new (suspended or buried before its first answer). */
function agrees(stored: CardRecord | undefined, replayed: MemoryState | undefined): boolean {
	if (!replayed) return !stored || stored.state === State.New;
	return sameMemoryState(stored, replayed);
}

/** `days`: the learner's study days, in which each review's elapsed days are counted. */
export async function checkData(db: Db, days: StudyDays): Promise<CheckReport> {
	const tx = db.transaction(['cards', 'logs', 'configs', 'deckOptions'], 'readonly');
	const [cards, configList, options] = await Promise.all([
		tx.objectStore('cards').getAll(),
		tx.objectStore('configs').getAll(),
		tx.objectStore('deckOptions').getAll(),
	]);
	const context = replayContext(configList, options, days);
	const unchecked = new Map(cards.map((c) => [c.id, c]));
	const report: CheckReport = { checked: 0, mismatched: [], unknownConfigs: [] };
	const unknown = new Set<string>();
	const index = tx.objectStore('logs').index('card');

	// Walk the distinct card ids of the log: after reading one card's logs, jump past them
	// (an array sorts after every number, so [id, []] comes after all of [id, review]).
	let cursor = await index.openKeyCursor();
	while (cursor) {
		const id = (cursor.key as [string, number])[0];
		const logs = await index.getAll(cardRange(id));
		const stored = unchecked.get(id);
		unchecked.delete(id);
		report.checked++;
		const result = replay(logs, stored, context);
		if ('unknown' in result) unknown.add(result.unknown);
		else if (!agrees(stored, result.state))
			report.mismatched.push({ id, stored: stored && memoryState(stored), replayed: result.state });
		cursor = await cursor.continue([id, []] as unknown as [string, number]);
	}
	await tx.done;

	for (const card of unchecked.values()) {
		report.checked++;
		if (!agrees(card, undefined))
			report.mismatched.push({ id: card.id, stored: memoryState(card), replayed: undefined });
	}
	report.unknownConfigs = [...unknown].sort();
	return report;
}

/**
 * Gives each card the state its log replays to, keeping its deck and flags; a card with no log
 * becomes new again. Cards whose log needs a missing configuration are left alone. One
 * transaction: all the repairs, or none.
 */
export async function repairData(db: Db, ids: string[], days: StudyDays): Promise<number> {
	const tx = db.transaction(['cards', 'logs', 'configs', 'deckOptions'], 'readwrite', {
		durability: 'strict',
	});
	const cardStore = tx.objectStore('cards');
	const index = tx.objectStore('logs').index('card');
	const [configList, options, stored, logs] = await Promise.all([
		tx.objectStore('configs').getAll(),
		tx.objectStore('deckOptions').getAll(),
		Promise.all(ids.map((id) => cardStore.get(id))),
		Promise.all(ids.map((id) => index.getAll(cardRange(id)))),
	]);
	const context = replayContext(configList, options, days);
	// Everything is computed before the first write, so an error here leaves nothing half done.
	const repaired: CardRecord[] = [];
	ids.forEach((id, i) => {
		const card = stored[i];
		const result = replay(logs[i], card, context);
		if ('unknown' in result || agrees(card, result.state)) return;
		// A card without a log is here only when it exists and is not new: it starts over as new.
		const state = result.state ?? newMemoryState(card!.due);
		const { deck, suspended, buriedUntil, leech } = card ?? {
			deck: logs[i][logs[i].length - 1].deck,
			suspended: false,
			buriedUntil: 0,
			leech: false,
		};
		const next: CardRecord = { id, deck, suspended, buriedUntil, leech, ...state };
		if (card?.forgottenAt) next.forgottenAt = card.forgottenAt;
		repaired.push(next);
	});
	await Promise.all([...repaired.map((card) => cardStore.put(card)), tx.done]);
	return repaired.length;
}
