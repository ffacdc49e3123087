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
 * Every card a chunk touched is then rebuilt by replaying its merged history (replay-synced.ts):
 * its logs are written again with the state before each review, so card states stay equal to
 * what Check data's replay of the stored log gives.
 *
 * A pulled bank is read by the importer, as a file would be (synced-bank.ts), and checked for
 * question ids that another bank here already has, as a backup's banks are: a bank that is not
 * one, or that clashes, is not stored (whatever is here stays) and is reported. Its cards need
 * nothing: reviews are stored by card whether the bank has come yet or not, so a bank arriving
 * after its reviews shows them at once. A pulled practice-test result joins the results list.
 */
import { State } from 'ts-fsrs';
import { newMemoryState } from '../srs/convert.ts';
import { DEFAULT_SETTINGS, readDeckOptions, type DeckOptions } from '../srs/options.ts';
import type { CardRecord } from '../srs/records.ts';
import type { SchedulerConfig } from '../srs/scheduler.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { deckKey } from '../bank/index.ts';
import { idClashes, type IdClash, type IdOwners } from '../bank/id-clashes.ts';
import type { LocalizedText } from '../bank/schema.ts';
import { canonicalJson } from '../sync/canonical-json.ts';
import { format, parse, receive } from '../sync/hlc.ts';
import { syncedFromLocal } from '../sync/local-log.ts';
import type { Change, SyncedReview } from '../sync/records.ts';
import { cardKey, parseRegisterKey, type Fit } from '../sync/registers.ts';
import { byReviewTime, replaySynced } from '../sync/replay-synced.ts';
import { bankFromSynced } from '../sync/synced-bank.ts';
import { SYNC_META_KEY, type Db } from './db.ts';

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
	/** Reviews new to this device. */
	received: number;
	/** Banks added, replaced or deleted, and results added. */
	banks: number;
	results: number;
	refusedBanks: RefusedBank[];
	/** Decks whose cards or options changed (to tell open study screens). */
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
] as const;

const cardRange = (id: string) => IDBKeyRange.bound([id, -Infinity], [id, Infinity]);

export async function applyPulled(
	db: Db,
	changes: readonly Change[],
	cursor: number,
	context: ApplyContext,
): Promise<Applied> {
	const tx = db.transaction([...STORES], 'readwrite', { durability: 'strict' });
	const logs = tx.objectStore('logs');
	const byUid = logs.index('uid');
	const cards = tx.objectStore('cards');
	const meta = await tx.objectStore('syncMeta').get(SYNC_META_KEY);
	if (!meta) throw new Error('this device has not started syncing');
	// Logs above `pushedLogId` are still to be pushed; when there are none, the logs this chunk
	// adds are the server's own and need not go back (see the end).
	const last = await logs.openKeyCursor(null, 'prev');
	const caughtUp = (last?.primaryKey ?? 0) <= meta.pushedLogId;

	let clock = parse(meta.clock);
	const incoming = new Map<string, SyncedReview>();
	const touched = new Set<string>();
	const rescheduledDecks = new Set<string>();
	const decks = new Set<string>();
	let received = 0;
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
				if (incoming.has(change.uid) || (await tx.objectStore('tombstones').getKey(change.uid)))
					break;
				if ((await byUid.getKey(change.uid)) !== undefined) break;
				incoming.set(change.uid, change);
				touched.add(change.cardId);
				received++;
				break;
			case 'tombstone': {
				clock = receive(clock, change.hlc, context.now);
				const held = await tx.objectStore('tombstones').get(change.uid);
				if (!held || change.hlc < held.hlc) await tx.objectStore('tombstones').put(change);
				if (incoming.delete(change.uid)) received--;
				for (const key of await byUid.getAllKeys(change.uid)) {
					const log = await logs.get(key);
					await logs.delete(key);
					if (log) touched.add(log.cardId);
				}
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
				const read = bankFromSynced(change.id, change.bank.kioku);
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
					const value = { ...DEFAULT_SETTINGS, ...stored, [parsed.field]: change.value as number };
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
						await cards.put({ ...card, [parsed.field]: change.value });
						decks.add(card.deck);
					}
				}
				break;
			}
		}
	}

	// A reschedule recomputes cards and leaves their logs as they are, as it does where it was
	// made (reschedule.ts): only cards whose reviews changed get their logs written again.
	const logsChanged = new Set(touched);
	for (const deck of rescheduledDecks)
		for (const id of await cards.index('deck').getAllKeys(deck)) touched.add(id);

	if (touched.size > 0) {
		const configs = new Map<string, SchedulerConfig>(
			(await tx.objectStore('configs').getAll()).map((c) => [c.key, c.config]),
		);
		const replay = { configs, days: context.days, cache: new Map() };
		const incomingByCard = new Map<string, SyncedReview[]>();
		for (const r of incoming.values()) {
			const list = incomingByCard.get(r.cardId);
			if (list) list.push(r);
			else incomingByCard.set(r.cardId, [r]);
		}
		for (const id of touched) {
			const stored = await logs.index('card').getAll(cardRange(id));
			const idOf = new Map<string, number>();
			const storedOf = new Map<string, (typeof stored)[number]>();
			const history: SyncedReview[] = [];
			for (const log of stored) {
				const synced = syncedFromLocal(log);
				// A stored log that cannot sync stays as it is, and so does its card.
				if (!synced.ok) continue;
				idOf.set(synced.value.uid, log.id!);
				storedOf.set(synced.value.uid, log);
				history.push(synced.value);
			}
			if (history.length < stored.length) continue;
			// A log stored without its uid (an older writer) is found by its derived uid here.
			history.push(...(incomingByCard.get(id) ?? []).filter((r) => !idOf.has(r.uid)));
			history.sort(byReviewTime);
			const card = await cards.get(id);
			const deck = card?.deck ?? history.at(-1)?.deck;
			const options = deck ? (await tx.objectStore('deckOptions').get(deck))?.options : undefined;
			// An unknown configuration throws: the chunk is not applied and the cursor stays.
			const { state, logs: replayed } = replaySynced(history, replay, options?.rescheduled);
			if (logsChanged.has(id))
				for (const log of replayed) {
					const key = idOf.get(log.uid);
					if (key === undefined) {
						await logs.add(log);
						continue;
					}
					// Reviews before the new ones replay as they were stored: writing them again
					// made a long history's pull rewrite every card's whole log on every page.
					const next = { ...log, id: key };
					if (canonicalJson(next) !== canonicalJson(storedOf.get(log.uid))) await logs.put(next);
				}
			if (deck) decks.add(deck);
			if (!state) {
				// Every review undone: a new card again, kept only for flags set on it.
				if (card && (card.suspended || card.buriedUntil > 0 || card.leech))
					await cards.put({ ...card, ...newMemoryState(card.due), state: State.New });
				else if (card) await cards.delete(id);
				continue;
			}
			const flags = card ?? (await flagsFromRegisters(id));
			const next: CardRecord = {
				id,
				deck: deck!,
				suspended: flags.suspended,
				buriedUntil: flags.buriedUntil,
				leech: flags.leech,
				...state,
			};
			await cards.put(next);
		}
	}

	const end = await logs.openKeyCursor(null, 'prev');
	await tx.objectStore('syncMeta').put({
		...meta,
		clock: format(clock),
		cursor: Math.max(meta.cursor, cursor),
		pushedLogId: caughtUp ? Math.max(meta.pushedLogId, end?.primaryKey ?? 0) : meta.pushedLogId,
	});
	await tx.done;
	return { received, banks, results, refusedBanks, decks };

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

	async function flagsFromRegisters(id: string) {
		const registers = tx.objectStore('registers');
		const [suspended, buriedUntil, leech] = await Promise.all([
			registers.get(cardKey(id, 'suspended')),
			registers.get(cardKey(id, 'buriedUntil')),
			registers.get(cardKey(id, 'leech')),
		]);
		return {
			suspended: suspended?.value === true,
			buriedUntil: typeof buriedUntil?.value === 'number' ? buriedUntil.value : 0,
			leech: leech?.value === true,
		};
	}
}
