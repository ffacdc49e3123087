/**
 * This device's side of sync in IndexedDB: starting to sync with an account, and what to push.
 *
 * A push is the logs above `pushedLogId` (with the configurations they name), then the outbox
 * (tombstones, registers, banks and test results, sync-journal.ts). A batch leaves only when the
 * server acknowledged it; a push cut off midway is sent again, and the server counts each review
 * once by its uid. A batch stays within the server's body limit: a large bank goes up alone.
 */
import { utf8Length } from '../bank/exchange/upload-limits.ts';
import { MAX_PUSH_BODY_BYTES } from '../sync/bounds.ts';
import { derivedUid, firstSyncChanges, initialRegisters } from '../sync/local-log.ts';
import { syncedBankOf } from '../sync/synced-bank.ts';
import { uuid7 } from '../sync/uuid7.ts';
import { format, newClock, newNodeId } from '../sync/hlc.ts';
import * as v from 'valibot';
import { SyncedConfig, type Change } from '../sync/records.ts';
import { cardKey, deckKey, settingsKey } from '../sync/registers.ts';
import { readDeckOptions } from '../srs/options.ts';
import { SYNC_META_KEY, type Db, type SyncMeta } from './db.ts';
import { bankOutboxKey, fitOf, syncedResultOf } from './sync-journal.ts';

/** The device's sync record, made (with a new node id) the first time it is asked for. */
export async function syncMeta(db: Db): Promise<SyncMeta> {
	const tx = db.transaction('syncMeta', 'readwrite');
	const held = await tx.store.get(SYNC_META_KEY);
	if (held) {
		await tx.done;
		return held;
	}
	const node = newNodeId();
	const meta: SyncMeta = {
		key: SYNC_META_KEY,
		node,
		clock: format(newClock(node)),
		cursor: 0,
		pushedLogId: 0,
	};
	await tx.store.put(meta);
	await tx.done;
	return meta;
}

/** The account this device syncs with, if any (without making a sync record). */
export async function linkedAccount(db: Db): Promise<string | undefined> {
	return (await db.get('syncMeta', SYNC_META_KEY))?.userId;
}

export async function updateSyncMeta(db: Db, patch: Partial<Omit<SyncMeta, 'key'>>) {
	const tx = db.transaction('syncMeta', 'readwrite');
	const held = await tx.store.get(SYNC_META_KEY);
	if (held) await tx.store.put({ ...held, ...patch });
	await tx.done;
}

/** Every value this device holds that syncs as a register: deck options, settings, card flags. */
async function localValues(db: Db): Promise<[string, unknown][]> {
	const tx = db.transaction(['deckOptions', 'settings', 'cards'], 'readonly');
	const values: [string, unknown][] = [];
	for (const record of await tx.objectStore('deckOptions').getAll()) {
		const o = readDeckOptions(record.options);
		const d = record.deck;
		values.push(
			[deckKey(d, 'desiredRetention'), o.desiredRetention],
			[deckKey(d, 'maximumInterval'), o.maximumInterval],
			[deckKey(d, 'learningSteps'), o.learningSteps],
			[deckKey(d, 'relearningSteps'), o.relearningSteps],
			[deckKey(d, 'newPerDay'), o.newPerDay],
			[deckKey(d, 'reviewsPerDay'), o.reviewsPerDay],
			[deckKey(d, 'leechThreshold'), o.leechThreshold],
			[deckKey(d, 'leechAction'), o.leechAction],
			[deckKey(d, 'display'), o.display],
		);
		if (o.weights || o.rescheduled) values.push([deckKey(d, 'fit'), fitOf(o)]);
	}
	const settings = await tx.objectStore('settings').get('settings');
	if (settings) {
		values.push([settingsKey('dayStartsAt'), settings.value.dayStartsAt]);
		const { loadBalance, easyDays } = settings.value;
		if (loadBalance !== undefined) values.push([settingsKey('loadBalance'), loadBalance]);
		if (easyDays !== undefined) values.push([settingsKey('easyDays'), easyDays]);
	}
	for (const card of await tx.objectStore('cards').getAll()) {
		if (card.suspended) values.push([cardKey(card.id, 'suspended'), true]);
		if (card.leech) values.push([cardKey(card.id, 'leech'), true]);
		if (card.buriedUntil > 0) values.push([cardKey(card.id, 'buriedUntil'), card.buriedUntil]);
		if (card.forgottenAt) values.push([cardKey(card.id, 'forgottenAt'), card.forgottenAt]);
	}
	await tx.done;
	return values;
}

/**
 * Starts syncing this device with `userId`: its whole log goes up (from log id 0, with uids
 * derived as local-log.ts explains) and its values as registers older than anything the account
 * holds; the feed is read from the start. What an earlier account left queued is dropped: its
 * reviews are in the log, and its values are sent again as this device's.
 *
 * Its imported banks go up stamped with the time they were imported: a bank deleted on the
 * account after that stays deleted, one imported there later replaces this one, and otherwise
 * this device's bank is kept. Its practice-test results go up too (each given a uid once).
 */
export async function linkDevice(db: Db, userId: string): Promise<void> {
	const meta = await syncMeta(db);
	const values = await localValues(db);
	const configs = await db.getAll('configs');
	const stores = [
		'syncMeta',
		'outbox',
		'registers',
		'tombstones',
		'banks',
		'bankClocks',
		'testResults',
	] as const;
	const tx = db.transaction([...stores], 'readwrite', { durability: 'strict' });
	await Promise.all([
		tx.objectStore('outbox').clear(),
		tx.objectStore('registers').clear(),
		tx.objectStore('tombstones').clear(),
		tx.objectStore('bankClocks').clear(),
	]);
	// Fit registers name their configuration: it goes up first.
	const named = new Set(
		values.flatMap(([, v]) => {
			const r = (v as { rescheduled?: { config: string } } | null)?.rescheduled;
			return r ? [r.config] : [];
		}),
	);
	for (const c of configs) {
		if (!named.has(c.key)) continue;
		const change: SyncedConfig = { kind: 'config', key: c.key, config: c.config };
		if (v.is(SyncedConfig, change)) await tx.objectStore('outbox').add({ change });
	}
	for (const register of initialRegisters(values, meta.node)) {
		await tx.objectStore('outbox').add({ change: register, register: register.key });
		await tx.objectStore('registers').put(register);
	}
	for (const record of await tx.objectStore('banks').getAll()) {
		const hlc = format({ wall: record.importedAt, counter: 0, node: meta.node });
		await tx.objectStore('bankClocks').put({ id: record.id, hlc });
		const change = syncedBankOf(record, hlc);
		if (change) await tx.objectStore('outbox').add({ change, register: bankOutboxKey(record.id) });
	}
	const results = tx.objectStore('testResults');
	for (let c = await results.openCursor(); c; c = await c.continue()) {
		const record = c.value.uid ? c.value : { ...c.value, uid: uuid7(c.value.finishedAt) };
		if (!c.value.uid) await c.update(record);
		const change = syncedResultOf(record as typeof record & { uid: string });
		if (change) await tx.objectStore('outbox').add({ change });
	}
	await tx
		.objectStore('syncMeta')
		.put({ ...meta, userId, cursor: 0, pushedLogId: 0, lastSyncAt: undefined, signedOut: false });
	await tx.done;
}

/** The learner signed out on purpose: until the next sign-in, the status says just that. */
export async function markSignedOut(db: Db): Promise<void> {
	await updateSyncMeta(db, { signedOut: true });
}

/**
 * The account was deleted: this device syncs with none. Its progress stays, and the next account
 * it signs in to is linked as a first one (everything goes up), with no question about another
 * account's progress, since there is none left.
 */
export async function unlinkDevice(db: Db): Promise<void> {
	await updateSyncMeta(db, {
		userId: undefined,
		cursor: 0,
		pushedLogId: 0,
		lastSyncAt: undefined,
		signedOut: false,
	});
}

/**
 * Gives a uid to every log stored without one (written by a backup restore, which keeps the
 * file's records as they are), so the uid index finds each review a pulled tombstone names.
 */
export async function ensureUids(db: Db): Promise<void> {
	const [all, indexed] = await Promise.all([db.count('logs'), db.countFromIndex('logs', 'uid')]);
	if (all === indexed) return;
	const tx = db.transaction('logs', 'readwrite');
	for (let c = await tx.store.openCursor(); c; c = await c.continue()) {
		if (!c.value.uid)
			await c.update({ ...c.value, uid: derivedUid(c.value.cardId, c.value.review) });
	}
	await tx.done;
}

export interface OutgoingBatch {
	changes: Change[];
	/** The highest log id in the batch: acknowledged, `pushedLogId` moves to it. */
	lastLogId?: number;
	/** Outbox entries in the batch. */
	outboxKeys: number[];
	/** Reviews in the batch. */
	reviews: number;
	/** Logs that cannot sync (a record no synced review can hold): passed over, counted. */
	refused: number;
}

/** The next batch to push, at most `limit` changes: unpushed logs first, then the outbox. */
export async function nextBatch(db: Db, limit: number): Promise<OutgoingBatch> {
	const tx = db.transaction(['syncMeta', 'logs', 'configs', 'outbox'], 'readonly');
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	const after = meta?.pushedLogId ?? 0;
	// Half the batch for logs leaves room for the configurations they name.
	const logs = await tx
		.objectStore('logs')
		.getAll(IDBKeyRange.lowerBound(after, true), Math.floor(limit / 2));
	if (logs.length > 0) {
		const configs = new Map(
			(await tx.objectStore('configs').getAll()).map((c) => [c.key, c.config]),
		);
		const { changes, refused } = firstSyncChanges(logs, configs);
		await tx.done;
		return {
			changes,
			lastLogId: logs.at(-1)!.id,
			outboxKeys: [],
			reviews: changes.filter((c) => c.kind === 'review').length,
			refused: refused.length,
		};
	}
	const changes: Change[] = [];
	const outboxKeys: number[] = [];
	// The push's envelope and the commas between changes take the rest of the body.
	let room = MAX_PUSH_BODY_BYTES - 1024;
	for (let c = await tx.objectStore('outbox').openCursor(); c; c = await c.continue()) {
		if (changes.length >= limit) break;
		const bytes = utf8Length(JSON.stringify(c.value.change)) + 1;
		if (bytes > room && changes.length > 0) break;
		room -= bytes;
		changes.push(c.value.change);
		outboxKeys.push(c.primaryKey);
	}
	await tx.done;
	return { changes, outboxKeys, reviews: 0, refused: 0 };
}

/** The server has the batch: its logs count as pushed and its outbox entries leave. */
export async function acknowledgeBatch(db: Db, batch: OutgoingBatch): Promise<void> {
	const tx = db.transaction(['syncMeta', 'outbox'], 'readwrite', { durability: 'strict' });
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (meta && batch.lastLogId !== undefined)
		await tx
			.objectStore('syncMeta')
			.put({ ...meta, pushedLogId: Math.max(meta.pushedLogId, batch.lastLogId) });
	// A register replaced while the batch was on its way is already gone: deleting it is a no-op.
	for (const key of batch.outboxKeys) await tx.objectStore('outbox').delete(key);
	await tx.done;
}

/** How many changes wait to be pushed: unpushed reviews and queued changes. */
export async function pendingCount(db: Db): Promise<{ reviews: number; other: number }> {
	const meta = await db.get('syncMeta', SYNC_META_KEY);
	if (!meta?.userId) return { reviews: 0, other: 0 };
	const [reviews, other] = await Promise.all([
		db.count('logs', IDBKeyRange.lowerBound(meta.pushedLogId, true)),
		db.count('outbox'),
	]);
	return { reviews, other };
}

/**
 * Signing in to another account without this device's progress: its progress is removed, and
 * the account's comes down in its place (the previous account keeps what it was sent). Its
 * practice-test results go too (they were the previous account's); imported banks stay, and go
 * to the new account as banks imported before signing in do.
 */
export async function forgetLocalProgress(db: Db): Promise<void> {
	const stores = [
		'cards',
		'logs',
		'deckOptions',
		'settings',
		'outbox',
		'registers',
		'tombstones',
		'bankClocks',
		'testResults',
		'pulled',
		'replayQueue',
	] as const;
	const tx = db.transaction([...stores, 'syncMeta'], 'readwrite', { durability: 'strict' });
	await Promise.all(stores.map((s) => tx.objectStore(s).clear()));
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (meta)
		await tx.objectStore('syncMeta').put({ ...meta, userId: undefined, cursor: 0, pushedLogId: 0 });
	await tx.done;
}

/**
 * Push the whole log again and pull the feed from the start (after a backup replaced the log).
 * The banks' clocks go too: the account's banks come down again, whatever was here before.
 */
export async function resetSyncPosition(db: Db): Promise<void> {
	await updateSyncMeta(db, { cursor: 0, pushedLogId: 0 });
	await db.clear('bankClocks');
}
