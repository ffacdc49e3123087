/**
 * Backups in and out of IndexedDB. Each direction is one transaction over every store: an export
 * is a consistent snapshot, and an import lands whole or not at all (any failure, in IndexedDB or
 * in our own code, aborts the transaction before it can commit half a restore).
 */
import { unwrap, type IDBPTransaction } from 'idb';
import type { CardRecord, ReviewLogRecord } from '../srs/records.ts';
import { replayCard, type Rescheduled } from '../srs/replay.ts';
import { configKey, type SchedulerConfig } from '../srs/scheduler.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { exportKiokuJson } from '../bank/exchange/index.ts';
import { bankFromBackup, serializeBackup, type Backup, type BackupData } from './backup.ts';
import { STORES, type Db, type KiokuDB, type KiokuStore } from './db.ts';
import type { ImportedBankRecord } from './imported-banks.ts';
import { abandon } from './abandon.ts';
import { AggregateDeltas, replaceAggregates, writeAggregates } from './review-aggregates.ts';
import { aggregateLogs } from '../stats/review-aggregates.ts';

export async function exportBackup(db: Db, now: number): Promise<string> {
	const tx = db.transaction(STORES, 'readonly');
	const [cards, logs, configs, deckOptions, settings, banks] = await Promise.all([
		tx.objectStore('cards').getAll(),
		tx.objectStore('logs').getAll(),
		tx.objectStore('configs').getAll(),
		tx.objectStore('deckOptions').getAll(),
		tx.objectStore('settings').getAll(),
		tx.objectStore('banks').getAll(),
		tx.done,
	]);
	const data: BackupData = {
		cards,
		logs: logs as BackupData['logs'], // the store's key path: every stored log has its id
		configs,
		deckOptions,
		settings,
	};
	if (banks.length > 0)
		data.banks = banks.map(({ id, fileName, importedAt, bank }) => ({
			...{ id, fileName, importedAt },
			kioku: exportKiokuJson(bank),
		}));
	return serializeBackup(data, now);
}

export type ImportMode = 'merge' | 'replace';

/** A merge meets a scheduler configuration key that names other parameters here. */
export class ConfigConflict extends Error {
	constructor(readonly key: string) {
		super(`The backup's scheduler configuration "${key}" differs from the stored one.`);
	}
}

export async function importBackup(
	db: Db,
	backup: Backup,
	mode: ImportMode,
	/** The learner's study days, in which a merged card's history is replayed. */
	days: StudyDays,
): Promise<{ cards: number; logs: number }> {
	// The aggregates of the log change with it (review-aggregates.ts); a backup does not hold them.
	const tx = db.transaction([...STORES, 'reviewAggregates'], 'readwrite', {
		durability: 'strict',
	});
	try {
		const counts =
			mode === 'replace' ? replace(tx, backup.data) : await merge(tx, backup.data, days);
		await tx.done;
		return counts;
	} catch (error) {
		await abandon(tx);
		throw error;
	}
}

type ImportTx = IDBPTransaction<KiokuDB, KiokuStore[], 'readwrite'>;

/**
 * Writes go through the raw stores: a million logs would otherwise be a million promises. A write
 * that fails aborts the transaction and `tx.done` rejects with its error; one that throws at once
 * (a bad key, a value that cannot be cloned) is caught by importBackup.
 */
function raw(tx: ImportTx) {
	return (name: KiokuStore) => unwrap(tx.objectStore(name));
}

function replace(tx: ImportTx, data: BackupData): { cards: number; logs: number } {
	const store = raw(tx);
	for (const name of STORES) store(name).clear();
	for (const card of data.cards) store('cards').put(card);
	for (const log of data.logs) store('logs').put(log);
	replaceAggregates(store('reviewAggregates'), aggregateLogs(data.logs));
	for (const config of data.configs) store('configs').put(config);
	for (const options of data.deckOptions) store('deckOptions').put(options);
	for (const settings of data.settings) store('settings').put(settings);
	for (const record of importedBanks(data)) store('banks').put(record);
	return { cards: data.cards.length, logs: data.logs.length };
}

/**
 * The backup's banks as stored records. parseBackup has read each one already; reading it again
 * here (a few milliseconds per bank, only on a restore) keeps the file's form out of the stores.
 */
function importedBanks(data: BackupData): ImportedBankRecord[] {
	return (data.banks ?? []).map((entry) => {
		const read = bankFromBackup(entry);
		if (!read.ok)
			throw new Error(`The backup's bank "${entry.id}" is damaged: ${read.error.message}`);
		return {
			id: entry.id,
			fileName: entry.fileName,
			importedAt: entry.importedAt,
			bank: read.value,
		};
	});
}

/** Field by field, so merging a backup twice writes (and counts) nothing the second time. */
function sameCard(a: CardRecord, b: CardRecord): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof CardRecord)[]);
	return [...keys].every((k) => a[k] === b[k]);
}

/** Same card, same moment, same answer: the same review, whichever device's copy it is. */
const identity = (log: ReviewLogRecord) => `${log.review}|${log.rating}`;

async function merge(
	tx: ImportTx,
	data: BackupData,
	days: StudyDays,
): Promise<{ cards: number; logs: number }> {
	const incoming = new Map<string, ReviewLogRecord[]>();
	for (const log of data.logs) {
		const list = incoming.get(log.cardId);
		if (list) list.push(log);
		else incoming.set(log.cardId, [log]);
	}
	const backupCards = new Map(data.cards.map((c) => [c.id, c]));
	const ids = [...new Set([...incoming.keys(), ...backupCards.keys()])];
	const logIndex = tx.objectStore('logs').index('card');
	const [storedConfigs, storedOptions, storedSettings, storedBanks, storedCards, storedLogs] =
		await Promise.all([
			tx.objectStore('configs').getAll(),
			tx.objectStore('deckOptions').getAll(),
			tx.objectStore('settings').getKey('settings'),
			tx.objectStore('banks').getAllKeys(),
			Promise.all(ids.map((id) => tx.objectStore('cards').get(id))),
			Promise.all(
				ids.map((id) => logIndex.getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity]))),
			),
		]);

	const store = raw(tx);
	const configs = new Map<string, SchedulerConfig>(storedConfigs.map((c) => [c.key, c.config]));
	for (const { key, config } of data.configs) {
		const mine = configs.get(key);
		// Keys name contents, so a known key needs no write; one naming other parameters would
		// change how the stored logs replay: a forged or broken file.
		if (mine && configKey(mine) !== configKey(config)) throw new ConfigConflict(key);
		if (!mine) store('configs').put({ key, config });
		configs.set(key, config);
	}

	const context = { configs, days };
	// A deck's options here win over the backup's (see below), and with them its reschedule.
	const decks = new Set(storedOptions.map((o) => o.deck));
	const rescheduled = new Map<string, Rescheduled>();
	for (const { deck, options } of [
		...data.deckOptions.filter((o) => !decks.has(o.deck)),
		...storedOptions,
	])
		if (options.rescheduled) rescheduled.set(deck, options.rescheduled);
	let cardsWritten = 0;
	let logsAdded = 0;
	const deltas = new AggregateDeltas();
	ids.forEach((id, i) => {
		const stored = storedCards[i];
		const theirs = backupCards.get(id);
		const known = new Set(storedLogs[i].map(identity));
		const added: ReviewLogRecord[] = [];
		const sorted = [...(incoming.get(id) ?? [])].sort((a, b) => a.review - b.review);
		for (const log of sorted) {
			if (known.has(identity(log))) continue;
			known.add(identity(log));
			// Ids are per database (both devices have a log 1): this one gets the next free id.
			const fresh: ReviewLogRecord = { ...log };
			delete fresh.id;
			store('logs').add(fresh);
			deltas.add(fresh);
			added.push(fresh);
		}
		logsAdded += added.length;
		// The index's order: by time, then stored logs before the ones added now (higher keys).
		const history = [...storedLogs[i], ...added].sort((a, b) => a.review - b.review);
		const deck = stored?.deck ?? theirs?.deck ?? history[history.length - 1]?.deck;
		// Forgotten on either device: the later forget holds, as a sync's newest register does.
		const forgottenAt = Math.max(stored?.forgottenAt ?? 0, theirs?.forgottenAt ?? 0);
		const state = replayCard(history, context, rescheduled.get(deck), forgottenAt);
		if (!state) {
			// Never reviewed anywhere (a suspended new card): a stored record wins.
			if (!stored && theirs) {
				store('cards').put(theirs);
				cardsWritten++;
			}
			return;
		}
		const card: CardRecord = {
			id,
			deck,
			suspended: Boolean(stored?.suspended || theirs?.suspended),
			buriedUntil: Math.max(stored?.buriedUntil ?? 0, theirs?.buriedUntil ?? 0),
			leech: Boolean(stored?.leech || theirs?.leech),
			...state,
		};
		if (forgottenAt > 0) card.forgottenAt = forgottenAt;
		if (stored && sameCard(stored, card)) return;
		store('cards').put(card);
		cardsWritten++;
	});

	await writeAggregates(tx.objectStore('reviewAggregates'), deltas);
	for (const options of data.deckOptions)
		if (!decks.has(options.deck)) store('deckOptions').put(options);
	if (storedSettings === undefined) for (const s of data.settings) store('settings').put(s);
	// A bank imported here already wins, as deck options do.
	for (const record of importedBanks(data))
		if (!storedBanks.includes(record.id)) store('banks').put(record);
	return { cards: cardsWritten, logs: logsAdded };
}
