/**
 * The IndexedDB database, through `idb` (a 1 kB promise wrapper over the browser's own API:
 * Dexie's query layer would add ~25 kB gzip to every page for queries we write by hand anyway).
 * Each schema version is one migration; opening runs every one the stored database lacks.
 */
import {
	openDB,
	unwrap,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames,
} from 'idb';
import type { DeckOptions, Settings } from '../srs/options.ts';
import type { CardRecord, ReviewLogRecord } from '../srs/records.ts';
import type { SchedulerConfig } from '../srs/scheduler.ts';
import { storedParagraphs, type CitedSource } from '../bank/schema.ts';
import type { ImportedBankRecord } from './imported-banks.ts';
import type { TestItemResult, TestResultRecord } from './test-results.ts';
import type { Hlc } from '../sync/hlc.ts';
import { derivedUid } from '../sync/local-log.ts';
import type { Change, Register, SyncedReview, Tombstone } from '../sync/records.ts';
import type { ReviewAggregate } from '../stats/review-aggregates.ts';
import { countStoredLogs, replaceAggregates } from './review-aggregates.ts';

export const DB_NAME = 'kioku';

export interface KiokuDB extends DBSchema {
	cards: {
		key: string;
		value: CardRecord;
		indexes: { deck: string; 'deck-due': [string, number] };
	};
	logs: {
		key: number;
		value: ReviewLogRecord;
		indexes: { card: [string, number]; 'deck-review': [string, number]; uid: string };
	};
	configs: { key: string; value: { key: string; config: SchedulerConfig } };
	deckOptions: { key: string; value: { deck: string; options: DeckOptions } };
	settings: { key: 'settings'; value: { key: 'settings'; value: Settings } };
	testResults: {
		key: number;
		value: TestResultRecord;
		indexes: { finishedAt: number; uid: string };
	};
	banks: { key: string; value: ImportedBankRecord };
	/** Changes made here and not yet acknowledged by the sync server, oldest first. */
	outbox: { key: number; value: OutboxEntry; indexes: { register: string } };
	/** This device's side of sync: one record, `SYNC_META_KEY`. */
	syncMeta: { key: string; value: SyncMeta };
	/** Each synced field's newest value with its clock time, to tell a pulled value older or newer. */
	registers: { key: string; value: Register };
	/** Undone reviews: a pulled copy of one of them stays out. */
	tombstones: { key: string; value: Tombstone };
	/**
	 * The clock time of each bank's newest import or deletion that this device knows of, kept
	 * after a deletion: a pulled copy stamped before it stays out (sync/merge.ts).
	 */
	bankClocks: { key: string; value: BankClock };
	/**
	 * Pulled reviews not yet replayed into `logs` and `cards`: each page of a pull is stored as it
	 * comes, as one record per bucket of cards, and each bucket's cards replayed once at the end
	 * (pulled-replay.ts).
	 */
	pulled: { key: [number, number]; value: PulledReviews };
	/** Cards to replay: their pulled reviews or tombstones came, or their deck was rescheduled. */
	replayQueue: { key: string; value: ReplayQueueEntry };
	/**
	 * The review log counted per deck and quarter hour (stats/review-aggregates.ts), written in
	 * the same transaction as every change to `logs`: what the Statistics screen reads.
	 */
	reviewAggregates: { key: [string, number]; value: ReviewAggregate };
}

/** A page's reviews of the cards in one bucket (sync-apply.ts). */
export interface PulledReviews {
	bucket: number;
	/** The cursor after the page, which makes the key unique: a page stored twice is one record. */
	cursor: number;
	reviews: SyncedReview[];
}

export interface ReplayQueueEntry {
	cardId: string;
	/** Its reviews changed, so its logs are written again; a reschedule alone leaves them. */
	logs: boolean;
}

export interface BankClock {
	id: string;
	hlc: Hlc;
}

/** `register`: the key of a register change, so a newer value of the field replaces a queued one. */
export interface OutboxEntry {
	id?: number;
	change: Change;
	register?: string;
}

export const SYNC_META_KEY = 'meta';

export interface SyncMeta {
	key: typeof SYNC_META_KEY;
	/** This device's node id (hlc.ts). */
	node: string;
	/** The hybrid clock as its last stamp (`wall-counter-node`). */
	clock: Hlc;
	/** The server's sequence number of the last change pulled and applied. */
	cursor: number;
	/** Logs with an id up to this one are on the server (logs are append-only; ids only grow). */
	pushedLogId: number;
	/** The account this device syncs with; undefined until its first sync. */
	userId?: string;
	/** When the last sync finished (ms). */
	lastSyncAt?: number;
	/** The learner signed out on purpose: the status says so, not "sign-in expired". */
	signedOut?: boolean;
	/**
	 * The server's clock minus this device's, when they differ by more than a minute (from the
	 * `Date` header): stamps use the corrected time, so a device set days ahead is not refused.
	 */
	skewMs?: number;
}

export type KiokuStore = StoreNames<KiokuDB>;
/** The stores a backup holds (practice-test results are this device's history, not progress). */
export const STORES: KiokuStore[] = [
	'cards',
	'logs',
	'configs',
	'deckOptions',
	'settings',
	'banks',
];

type UpgradeTx = IDBPTransaction<KiokuDB, KiokuStore[], 'versionchange'>;
type Migration = (db: IDBPDatabase<KiokuDB>, tx: UpgradeTx) => void;

/** Index = version - 1. Never edit a shipped migration: add the next one. */
export const MIGRATIONS: Migration[] = [
	(db) => {
		const cards = db.createObjectStore('cards', { keyPath: 'id' });
		cards.createIndex('deck', 'deck');
		cards.createIndex('deck-due', ['deck', 'due']);
		const logs = db.createObjectStore('logs', { keyPath: 'id', autoIncrement: true });
		logs.createIndex('card', ['cardId', 'review']);
		logs.createIndex('deck-review', ['deck', 'review']);
		db.createObjectStore('configs', { keyPath: 'key' });
		db.createObjectStore('deckOptions', { keyPath: 'deck' });
		db.createObjectStore('settings', { keyPath: 'key' });
	},
	// 2: results of practice tests.
	(db) => {
		const results = db.createObjectStore('testResults', { keyPath: 'id', autoIncrement: true });
		results.createIndex('finishedAt', 'finishedAt');
	},
	// 3: banks the learner imported from a file.
	(db) => {
		db.createObjectStore('banks', { keyPath: 'id' });
	},
	// 4: a question can cite several paragraphs: `source: { paragraph }` becomes
	// `source: { paragraphs }` in imported banks, and a test result's `paragraph`, `paragraphs`.
	(_db, tx) => {
		void citeSeveralParagraphs(tx);
	},
	// 5: sync. Each review gets its uid (derived from its card and time, as a first sync would
	// derive it), and the stores of the device's side of sync.
	(db, tx) => {
		tx.objectStore('logs').createIndex('uid', 'uid');
		db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true }).createIndex(
			'register',
			'register',
		);
		db.createObjectStore('syncMeta', { keyPath: 'key' });
		db.createObjectStore('registers', { keyPath: 'key' });
		db.createObjectStore('tombstones', { keyPath: 'uid' });
		void giveLogsUids(tx);
	},
	// 6: banks and practice-test results sync. A result gets its uid when it is first synced
	// (sync-outgoing.ts), so this adds only where pulled ones are found by it.
	(db, tx) => {
		tx.objectStore('testResults').createIndex('uid', 'uid');
		db.createObjectStore('bankClocks', { keyPath: 'id' });
	},
	// 7: a pull stores reviews as they come and replays each card once at its end.
	(db) => {
		db.createObjectStore('pulled', { keyPath: ['bucket', 'cursor'] });
		db.createObjectStore('replayQueue', { keyPath: 'cardId' });
	},
	// 8: the review log's aggregates, counted from the log there is.
	(db, tx) => {
		db.createObjectStore('reviewAggregates', { keyPath: ['deck', 'slot'] });
		void aggregateLogs(tx);
	},
];

async function aggregateLogs(tx: UpgradeTx) {
	const logs = tx.objectStore('logs');
	const aggregates = await countStoredLogs((range, count) => logs.getAll(range, count));
	replaceAggregates(unwrap(tx.objectStore('reviewAggregates')), aggregates);
}

async function giveLogsUids(tx: UpgradeTx) {
	for (let c = await tx.objectStore('logs').openCursor(); c; c = await c.continue()) {
		const log = c.value;
		if (log.uid || typeof log.cardId !== 'string' || typeof log.review !== 'number') continue;
		try {
			await c.update({ ...log, uid: derivedUid(log.cardId, log.review) });
		} catch {
			// A time no UUIDv7 can hold (a forged record): it stays without one, and does not sync.
		}
	}
}

/**
 * Runs inside the upgrade transaction, which stays open while each request is made as soon as
 * the previous one succeeds. It never throws on a record of an unexpected shape: it leaves it.
 */
async function citeSeveralParagraphs(tx: UpgradeTx) {
	type Legacy = { source?: CitedSource | { paragraph: number } };
	for (let c = await tx.objectStore('banks').openCursor(); c; c = await c.continue()) {
		const record = c.value;
		for (const deck of record.bank?.decks ?? []) {
			for (const q of (deck.questions ?? []) as Legacy[]) {
				if (q.source && 'paragraph' in q.source) {
					q.source = { paragraphs: storedParagraphs(q.source) };
				}
			}
		}
		await c.update(record);
	}
	type LegacyItem = Partial<TestItemResult> & { paragraph?: number };
	for (let c = await tx.objectStore('testResults').openCursor(); c; c = await c.continue()) {
		const record = c.value;
		for (const item of (record.items ?? []) as LegacyItem[]) {
			if (item.paragraphs === undefined && typeof item.paragraph === 'number') {
				item.paragraphs = [item.paragraph];
				delete item.paragraph;
			}
		}
		await c.update(record);
	}
}

export const DB_VERSION = MIGRATIONS.length;

export type Db = IDBPDatabase<KiokuDB>;

/** `onClose` is told when the connection closes so the caller can open a fresh one next time. */
export async function openKiokuDb(
	name = DB_NAME,
	version = DB_VERSION,
	onClose?: () => void,
): Promise<Db> {
	const db: Db = await openDB<KiokuDB>(name, version, {
		upgrade(db, oldVersion, newVersion, tx) {
			for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v](db, tx);
		},
		blocking() {
			// A newer version (another tab) or a deletion is waiting: step aside, reopen on next use.
			db.close();
			onClose?.();
		},
		terminated() {
			onClose?.();
		},
	});
	return db;
}
