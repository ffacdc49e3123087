/**
 * What a local write tells sync, written in the same transaction as the write itself, so a
 * change and its record for the server are kept together or not at all.
 *
 * Reviews need nothing here: logs are append-only with growing ids, and the engine pushes every
 * log above `pushedLogId` (sync-outgoing.ts), whichever screen wrote it (study, a practice test,
 * a live game, a backup merge). What cannot be read off the log is queued in the outbox: an
 * undone review (a tombstone), a changed field (a register), an imported or deleted bank and a
 * finished practice test.
 *
 * Only a device linked to an account queues anything. Before its first sync, its whole log and
 * its current values go up as the first sync's changes (local-log.ts), so a learner who never
 * signs in keeps no outbox at all, and an undo before then needs no tombstone: the review is
 * simply not in the log any more.
 */
import type { IDBPTransaction } from 'idb';
import * as v from 'valibot';
import { canonicalJson } from '../sync/canonical-json.ts';
import { format, parse, tick } from '../sync/hlc.ts';
import { Change, Register, SyncedResult } from '../sync/records.ts';
import { bankDeletion, syncedBankOf, type BankToSync } from '../sync/synced-bank.ts';
import { cardKey, deckKey, type CardField, type DeckField } from '../sync/registers.ts';
import type { CardRecord } from '../srs/records.ts';
import { DEFAULT_DECK_OPTIONS, type DeckOptions } from '../srs/options.ts';
import { SYNC_META_KEY, type KiokuDB, type KiokuStore } from './db.ts';
import type { TestResultRecord } from './test-results.ts';

/** The stores a journalled write needs besides its own. */
export const JOURNAL_STORES = ['syncMeta', 'outbox', 'registers'] as const;

// idb types a transaction by its exact store list; the journal only uses these three stores.
export type JournalTx = IDBPTransaction<KiokuDB, KiokuStore[], 'readwrite'>;
export const asJournal = (tx: unknown) => tx as JournalTx;

/**
 * Queues `changes` if this device is linked to an account. Registers are stamped here with the
 * device's hybrid clock and kept as its newest values; a queued value of the same field is
 * replaced (the newer always wins, so the server never needs the older).
 */
export async function journal(
	tx: JournalTx,
	changes: readonly (Change | { kind: 'set'; key: string; value: unknown })[],
	now: number,
): Promise<void> {
	if (changes.length === 0) return;
	const metaStore = tx.objectStore('syncMeta');
	const meta = await metaStore.get(SYNC_META_KEY);
	if (!meta?.userId) return;
	const outbox = tx.objectStore('outbox');
	now += meta.skewMs ?? 0;
	let clock = parse(meta.clock);
	for (const c of changes) {
		if (c.kind !== 'set') {
			// The server refuses a whole batch for one bad change: one that cannot sync stays here.
			if (v.is(Change, c)) await outbox.add({ change: c });
			continue;
		}
		clock = tick(clock, now);
		const register = { kind: 'register' as const, key: c.key, value: c.value, hlc: format(clock) };
		if (!v.is(Register, register)) continue; // an id too long to sync: kept on this device only
		for (const old of await outbox.index('register').getAllKeys(c.key)) await outbox.delete(old);
		await outbox.add({ change: register, register: c.key });
		await tx.objectStore('registers').put(register);
	}
	await metaStore.put({ ...meta, clock: format(clock) });
}

/** The stores `journalBank` needs besides the bank's own. */
export const BANK_JOURNAL_STORES = ['syncMeta', 'outbox', 'bankClocks'] as const;
/** The stores `journalResult` needs besides the result's own. */
export const RESULT_JOURNAL_STORES = ['syncMeta', 'outbox'] as const;

/** The outbox index key of a queued bank: a newer change of the bank replaces it. */
export const bankOutboxKey = (id: string) => `bank:${id}`;

/**
 * A bank imported (`record`) or deleted (`{ id }`), stamped by the device's clock. A bank too
 * large to sync stays on this device only; its clock is still kept, so an older copy pulled
 * later does not replace it.
 */
export async function journalBank(tx: JournalTx, bank: BankToSync | { id: string }, now: number) {
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (!meta?.userId) return;
	const clock = tick(parse(meta.clock), now + (meta.skewMs ?? 0));
	const hlc = format(clock);
	await tx.objectStore('syncMeta').put({ ...meta, clock: hlc });
	await tx.objectStore('bankClocks').put({ id: bank.id, hlc });
	const change = 'bank' in bank ? syncedBankOf(bank, hlc) : bankDeletion(bank.id, hlc);
	const outbox = tx.objectStore('outbox');
	const key = bankOutboxKey(bank.id);
	for (const old of await outbox.index('register').getAllKeys(key)) await outbox.delete(old);
	if (change) await outbox.add({ change, register: key });
}

/** A practice-test result as it syncs: without the local ids of the reviews it was counted as. */
export function syncedResultOf(
	record: TestResultRecord & { uid: string },
): SyncedResult | undefined {
	const { spec, startedAt, finishedAt, summary } = record;
	const items = record.items.map((item) => {
		const synced: Partial<typeof item> = { ...item };
		delete synced.review;
		return synced;
	});
	const result = { spec, startedAt, finishedAt, items, summary };
	// As JSON, as the server keeps it and other devices get it: a field left undefined is absent.
	const change = { kind: 'result', uid: record.uid, result: JSON.parse(JSON.stringify(result)) };
	return v.is(SyncedResult, change) ? change : undefined;
}

/** A finished practice test, queued as it is now (results do not change in sync). */
export async function journalResult(tx: JournalTx, record: TestResultRecord & { uid: string }) {
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (!meta?.userId) return;
	const change = syncedResultOf(record);
	if (change) await tx.objectStore('outbox').add({ change });
}

/** A tombstone for an undone review, stamped by the device's clock. */
export async function journalUndo(tx: JournalTx, uid: string | undefined, now: number) {
	if (!uid) return;
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (!meta?.userId) return;
	const clock = tick(parse(meta.clock), now + (meta.skewMs ?? 0));
	await tx.objectStore('syncMeta').put({ ...meta, clock: format(clock) });
	const tombstone = { kind: 'tombstone' as const, uid, hlc: format(clock) };
	await tx.objectStore('outbox').add({ change: tombstone });
}

const CARD_FIELDS: CardField[] = ['suspended', 'buriedUntil', 'leech', 'forgottenAt'];

/** The card's flags that differ between two versions of it, as register changes. */
export function cardFlagChanges(
	before: CardRecord | undefined,
	after: CardRecord | undefined,
): { kind: 'set'; key: string; value: unknown }[] {
	const card = (after ?? before)?.id;
	if (!card) return [];
	const defaults = { suspended: false, buriedUntil: 0, leech: false, forgottenAt: 0 };
	return CARD_FIELDS.flatMap((field) => {
		const was = before?.[field] ?? defaults[field];
		const is = after?.[field] ?? defaults[field];
		return was === is ? [] : [{ kind: 'set' as const, key: cardKey(card, field), value: is }];
	});
}

const DECK_FIELDS: Exclude<DeckField, 'fit'>[] = [
	'desiredRetention',
	'maximumInterval',
	'learningSteps',
	'relearningSteps',
	'newPerDay',
	'reviewsPerDay',
	'leechThreshold',
	'leechAction',
	'display',
];

/** The value of a deck's `fit` register: fitted weights and the reschedule made with them. */
export function fitOf(options: DeckOptions): {
	weights?: number[];
	rescheduled?: DeckOptions['rescheduled'];
} {
	const fit: { weights?: number[]; rescheduled?: DeckOptions['rescheduled'] } = {};
	if (options.weights) fit.weights = options.weights;
	if (options.rescheduled) fit.rescheduled = options.rescheduled;
	return fit;
}

/** Only the fields saving the options changed: another device's change to another field stays. */
export function deckOptionChanges(
	deck: string,
	before: DeckOptions | undefined,
	after: DeckOptions,
): { kind: 'set'; key: string; value: unknown }[] {
	// A deck never saved has the defaults: only what the learner changed from them is news.
	const was = before ?? DEFAULT_DECK_OPTIONS;
	const changed = (a: unknown, b: unknown) => canonicalJson(a ?? null) !== canonicalJson(b ?? null);
	// A deck never saved shows its cards in the interface language: that one is no choice.
	const chosen = (f: (typeof DECK_FIELDS)[number]) =>
		before || f !== 'display' || after.display.includes('-');
	const sets: { kind: 'set'; key: string; value: unknown }[] = DECK_FIELDS.filter(
		(f) => chosen(f) && changed(was[f], after[f]),
	).map((f) => ({
		kind: 'set' as const,
		key: deckKey(deck, f),
		value: after[f],
	}));
	if (changed(fitOf(was), fitOf(after)))
		sets.push({ kind: 'set', key: deckKey(deck, 'fit'), value: fitOf(after) });
	return sets;
}
