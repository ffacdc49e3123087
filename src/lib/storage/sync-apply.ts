/**
 * A pulled chunk of changes into IndexedDB, in one transaction with the cursor that follows it:
 * a pull cut off midway resumes from the last chunk applied, and a chunk applied twice changes
 * nothing the second time (merge is idempotent, sync/merge.ts).
 *
 * The database holds what `SyncState` would hold, in the app's own stores: reviews are the logs
 * (by their `uid` index), undone reviews the tombstones, fields the registers (and their values
 * in deckOptions, settings and the cards' flags), configurations the configs. Only the records a
 * chunk names are read, so a million stored reviews are never in memory at once.
 *
 * New reviews are not replayed here: they wait in `pulled`, one record per bucket of cards
 * (a card is always in the same bucket), until the pull ends and pulled-replay.ts rebuilds each
 * bucket's cards once from their merged histories. Replaying each chunk's cards at once replayed
 * a card again on every page that named it, reading and writing its whole log each time: a
 * 200,000-review history took 945 s. Storing each review as a record of its own, to replay later
 * by card, still cost 0.1 ms a review in Chromium; a page's bucket is one write.
 * Cards whose reviews a tombstone removed, that were forgotten (reset to new), or whose deck was
 * rescheduled, wait in `replayQueue`.
 *
 * A pulled bank is read by the importer, as a file would be (synced-bank.ts), and checked for
 * question ids that another bank here already has, as a backup's banks are: a bank that is not
 * one, or that clashes, is not stored (whatever is here stays) and is reported. Its cards need
 * nothing: reviews are stored by card whether the bank has come yet or not, so a bank arriving
 * after its reviews shows them at once. A pulled practice-test result joins the results list.
 */
import { unwrap } from 'idb';
import {
	DEFAULT_SETTINGS,
	readDeckOptions,
	type DeckOptions,
	type Settings,
} from '../srs/options.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { deckKey } from '../bank/index.ts';
import { idClashes, type IdClash, type IdOwners } from '../bank/id-clashes.ts';
import type { LocalizedText } from '../bank/schema.ts';
import { format, parse, receive } from '../sync/hlc.ts';
import type { Change, SyncedReview } from '../sync/records.ts';
import { parseRegisterKey, type Fit } from '../sync/registers.ts';
import { SYNC_META_KEY, type Db } from './db.ts';
import { AggregateDeltas, writeAggregates } from './review-aggregates.ts';
import { bucketOf } from './pulled-replay.ts';

/** A pulled bank this device did not take; what was here before stays. */
export interface RefusedBank {
	id: string;
	/** Its title, when the importer could read it. */
	title?: LocalizedText;
	problem:
		| { kind: 'clash'; clash: IdClash }
		/** Not a bank Kioku imports (from a device that is not Kioku's, or a damaged one). */
		| { kind: 'unreadable'; message: string };
}

export interface Applied {
	/** Reviews stored to replay (those this device has already are counted out by the replay). */
	pulled: number;
	/** Banks added, replaced or deleted, and results added. */
	banks: number;
	results: number;
	refusedBanks: RefusedBank[];
	/** Decks whose options or banks changed (to tell open study screens); cards change later. */
	decks: Set<string>;
}

export interface ApplyContext {
	/** The time, corrected by the server's clock when this device's is far off. */
	now: number;
	days: StudyDays;
	/** The display a deck never configured here gets, as `getDeckOptions` gives it. */
	uiLanguage: 'zh' | 'en';
	/** The built-in banks and their question ids: a pulled bank may not take them. */
	builtIn?: IdOwners;
	/** How many buckets the pull's reviews are spread over (pulled-replay.ts `bucketsFor`). */
	buckets?: number;
}

const STORES = [
	'cards',
	'logs',
	'configs',
	'deckOptions',
	'settings',
	'syncMeta',
	'registers',
	'tombstones',
	'banks',
	'bankClocks',
	'testResults',
	'pulled',
	'replayQueue',
	'reviewAggregates',
] as const;

export async function applyPulled(
	db: Db,
	changes: readonly Change[],
	cursor: number,
	context: ApplyContext,
): Promise<Applied> {
	// The importer (and the YAML parser it brings) is loaded only for a page that holds a bank,
	// and before the transaction opens: awaiting a module inside it would let it commit.
	const reader = changes.some((c) => c.kind === 'bank' && c.bank)
		? await import('../sync/synced-bank-read.ts')
		: undefined;
	const tx = db.transaction([...STORES], 'readwrite', { durability: 'strict' });
	const logs = tx.objectStore('logs');
	const byUid = logs.index('uid');
	const cards = tx.objectStore('cards');
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (!meta) throw new Error('this device has not started syncing');

	let clock = parse(meta.clock);
	const incoming = new Map<string, SyncedReview>();
	/** Cards whose reviews changed (tombstones here; new reviews are added at the end). */
	const touched = new Set<string>();
	const deltas = new AggregateDeltas();
	const rescheduledDecks = new Set<string>();
	const decks = new Set<string>();
	let banks = 0;
	let results = 0;
	const refusedBanks: RefusedBank[] = [];

	for (const change of changes) {
		switch (change.kind) {
			case 'config':
				if (!(await tx.objectStore('configs').getKey(change.key)))
					await tx.objectStore('configs').put({ key: change.key, config: change.config });
				break;
			case 'review':
				// Whether it is here already, or undone, the replay tells (pulled-replay.ts).
				incoming.set(change.uid, change);
				break;
			case 'tombstone': {
				clock = receive(clock, change.hlc, context.now);
				const held = await tx.objectStore('tombstones').get(change.uid);
				if (!held || change.hlc < held.hlc) await tx.objectStore('tombstones').put(change);
				incoming.delete(change.uid);
				for (const key of await byUid.getAllKeys(change.uid)) {
					const log = await logs.get(key);
					await logs.delete(key);
					if (log) {
						touched.add(log.cardId);
						deltas.remove(log);
					}
				}
				// A copy waiting in `pulled` is left out by the replay, which reads the tombstones.
				break;
			}
			case 'result': {
				const store = tx.objectStore('testResults');
				if ((await store.index('uid').getKey(change.uid)) !== undefined) break;
				await store.add({ ...change.result, uid: change.uid });
				results++;
				break;
			}
			case 'bank': {
				clock = receive(clock, change.hlc, context.now);
				const held = await tx.objectStore('bankClocks').get(change.id);
				if (held && change.hlc <= held.hlc) break;
				const stored = await tx.objectStore('banks').get(change.id);
				if (!change.bank) {
					await tx.objectStore('bankClocks').put({ id: change.id, hlc: change.hlc });
					if (!stored) break;
					// Its reviews stay, as when the learner deletes a bank here and keeps them.
					await tx.objectStore('banks').delete(change.id);
					for (const d of stored.bank.decks) decks.add(deckKey(change.id, d.id));
					banks++;
					break;
				}
				const read = reader!.bankFromSynced(change.id, change.bank.kioku);
				if (!read.ok) {
					refusedBanks.push({
						id: change.id,
						problem: { kind: 'unreadable', message: read.error.message },
					});
					break;
				}
				const bank = read.value;
				const [clash] = idClashes(bank, await owners(change.id));
				if (clash) {
					refusedBanks.push({
						id: change.id,
						title: bank.title,
						problem: { kind: 'clash', clash },
					});
					break;
				}
				const { fileName, importedAt } = change.bank;
				await tx.objectStore('banks').put({ id: change.id, bank, fileName, importedAt });
				await tx.objectStore('bankClocks').put({ id: change.id, hlc: change.hlc });
				for (const d of [...(stored?.bank.decks ?? []), ...bank.decks])
					decks.add(deckKey(change.id, d.id));
				banks++;
				break;
			}
			case 'register': {
				clock = receive(clock, change.hlc, context.now);
				const held = await tx.objectStore('registers').get(change.key);
				if (held && change.hlc <= held.hlc) break;
				await tx.objectStore('registers').put(change);
				const parsed = parseRegisterKey(change.key);
				if (!parsed) break;
				if (parsed.scope === 'settings') {
					const stored = (await tx.objectStore('settings').get('settings'))?.value;
					// The register's schema is the setting's: the value fits it.
					const value = {
						...DEFAULT_SETTINGS,
						...stored,
						[parsed.field]: change.value,
					} as Settings;
					await tx.objectStore('settings').put({ key: 'settings', value });
				} else if (parsed.scope === 'deck') {
					const record = await tx.objectStore('deckOptions').get(parsed.deck);
					const options: DeckOptions = record
						? readDeckOptions(record.options)
						: { ...readDeckOptions(undefined), display: context.uiLanguage };
					if (parsed.field === 'fit') {
						const fit = change.value as Fit;
						options.weights = fit.weights;
						options.rescheduled = fit.rescheduled;
						rescheduledDecks.add(parsed.deck);
					} else {
						(options as Record<string, unknown>)[parsed.field] = change.value;
					}
					await tx
						.objectStore('deckOptions')
						.put({ deck: parsed.deck, options: readDeckOptions(options) });
					decks.add(parsed.deck);
				} else {
					// A card this device has never stored gets its flags when it is first stored
					// by a replay below (from the registers); one never answered anywhere keeps
					// them in the registers only (its deck is not known here).
					const card = await cards.get(parsed.card);
					if (card) {
						const next = { ...card, [parsed.field]: change.value };
						if (next.forgottenAt === 0) delete next.forgottenAt;
						await cards.put(next);
						decks.add(card.deck);
						// A forget changes which reviews the card is replayed from (replay.ts
						// `afterForget`), and the state each later review was made in.
						if (parsed.field === 'forgottenAt') touched.add(card.id);
					}
				}
				break;
			}
		}
	}

	const byBucket = new Map<number, SyncedReview[]>();
	for (const r of incoming.values()) {
		const bucket = bucketOf(r.cardId, context.buckets ?? 1);
		const list = byBucket.get(bucket);
		if (list) list.push(r);
		else byBucket.set(bucket, [r]);
	}
	for (const [bucket, reviews] of byBucket)
		await tx.objectStore('pulled').put({ bucket, cursor, reviews });

	const queue = unwrap(tx.objectStore('replayQueue'));
	for (const cardId of touched) queue.put({ cardId, logs: true });
	// A reschedule recomputes cards and leaves their logs as they are, as it does where it was
	// made (reschedule.ts).
	for (const deck of rescheduledDecks)
		for (const cardId of await cards.index('deck').getAllKeys(deck))
			if (!touched.has(cardId) && !(await tx.objectStore('replayQueue').getKey(cardId)))
				queue.put({ cardId, logs: false });

	await writeAggregates(tx.objectStore('reviewAggregates'), deltas);
	await tx.objectStore('syncMeta').put({
		...meta,
		clock: format(clock),
		cursor: Math.max(meta.cursor, cursor),
	});
	await tx.done;
	return { pulled: incoming.size, banks, results, refusedBanks, decks };

	/** Who holds each question id here, but for bank `except` (which a pulled copy replaces). */
	async function owners(except: string): Promise<IdOwners> {
		const questions = new Map(context.builtIn?.questions ?? []);
		for (const record of await tx.objectStore('banks').getAll()) {
			if (record.id === except) continue;
			for (const d of record.bank.decks)
				for (const q of d.questions) questions.set(q.id, record.id);
		}
		return { builtInBanks: context.builtIn?.builtInBanks ?? new Set(), questions };
	}
}
