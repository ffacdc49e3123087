// Backups over the real IndexedDB store (fake-indexeddb in Node), with data made by real sessions.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { englishWords } from './english-words.ts';
import { restoreRefusalText } from '../../src/lib/i18n/backup-errors.ts';
import { overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';
import { DEFAULT_DECK_OPTIONS, type DeckOptions } from '../../src/lib/srs/options.ts';
import type { Grade } from '../../src/lib/srs/records.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import {
	BACKUP_VERSION,
	backupFileName,
	MAX_BACKUP_CHARS,
	parseBackup,
	type Backup,
	type BackupError,
} from '../../src/lib/storage/backup.ts';
import { exportBackup, importBackup, type ImportMode } from '../../src/lib/storage/backup-io.ts';
import { importedBanks, saveImportedBank } from '../../src/lib/storage/imported-banks.ts';
import { importBankFile } from '../../src/lib/bank/exchange/index.ts';
import { IMPORT_LIMITS, utf8Length } from '../../src/lib/bank/exchange/upload-limits.ts';
import { checkData } from '../../src/lib/storage/check-data.ts';
import { openKiokuDb, STORES, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 5, 1, 10);
let dbCount = 0;
const fresh = () => openKiokuDb(`backup-${++dbCount}`);

/** A learner's days: real sessions answering with a fixed pattern, on a fake clock. */
async function study(
	db: Db,
	opts: {
		deck: string;
		days: number[];
		pattern: Grade[];
		options?: Partial<DeckOptions>;
		offset?: number;
	},
) {
	const ids = Array.from({ length: 30 }, (_, i) => `${opts.deck}-q${String(i).padStart(2, '0')}`);
	let answered = 0;
	for (const d of opts.days) {
		let now = START + d * DAY + (opts.offset ?? 0);
		const session = await StudySession.start({
			deck: opts.deck,
			questionIds: ids,
			options: { ...DEFAULT_DECK_OPTIONS, newPerDay: 8, ...opts.options },
			store: idbReviewStore(db),
			clock: () => now,
			days: UTC_DAYS,
		});
		for (let i = 0; i < 40; i++) {
			const next = await session.next();
			if (next.kind === 'done') break;
			if (next.kind === 'wait') now = next.until;
			else await session.answer(next.id, opts.pattern[answered++ % opts.pattern.length], 3000);
			now += 20_000;
		}
	}
	return answered;
}

async function dump(db: Db) {
	const out: Record<string, unknown[]> = {};
	for (const store of STORES) out[store] = await db.getAll(store);
	return JSON.stringify(out);
}

/** What the restore page does: parse, then import only what parsed. */
async function restoreFile(
	db: Db,
	text: string,
	mode: ImportMode,
): Promise<BackupError | undefined> {
	const parsed = parseBackup(text);
	if (!parsed.ok) return parsed.error;
	await importBackup(db, parsed.value, mode, UTC_DAYS);
	return undefined;
}

function parsed(text: string): Backup {
	const result = parseBackup(text);
	if (!result.ok) throw new Error(result.error.message);
	return result.value;
}

/** A copy of the backup as plain JSON, changed by `edit`. */
function edited(
	text: string,
	edit: (b: { data: Record<string, Record<string, unknown>[]> } & Record<string, unknown>) => void,
) {
	const json = JSON.parse(text);
	edit(json);
	return JSON.stringify(json);
}

async function logIdentities(db: Db) {
	return (await db.getAll('logs')).map((l) => `${l.cardId}|${l.review}|${l.rating}`).sort();
}

const P1: Grade[] = [3, 1, 3, 4, 2, 3];
const P2: Grade[] = [1, 3, 2, 4, 3];

describe('export and import (replace)', () => {
	let source: Db;
	let text: string;
	beforeAll(async () => {
		source = await fresh();
		await study(source, { deck: 'b/one', days: [0, 1, 2, 5, 9], pattern: P1 });
		await study(source, {
			deck: 'b/two',
			days: [1, 2],
			pattern: P2,
			options: { desiredRetention: 0.85 },
		});
		await source.put('deckOptions', {
			deck: 'b/one',
			options: { ...DEFAULT_DECK_OPTIONS, newPerDay: 8 },
		});
		await source.put('settings', { key: 'settings', value: { dayStartsAt: 5 } });
		text = await exportBackup(source, START + 10 * DAY);
	});

	it('writes a versioned file that parses back', async () => {
		const backup = parsed(text);
		expect(backup).toMatchObject({ format: 'kioku-backup', version: BACKUP_VERSION, app: 'kioku' });
		expect(backup.exportedAt).toBe(START + 10 * DAY);
		expect(backup.data.logs.length).toBe(await source.count('logs'));
		expect(backup.data.logs.length).toBeGreaterThan(100);
		expect(backup.data.configs).toHaveLength(2);
	});

	it('restores into a fresh database with identical store contents', async () => {
		const target = await fresh();
		const result = await importBackup(target, parsed(text), 'replace', UTC_DAYS);
		expect(result).toEqual({
			cards: await source.count('cards'),
			logs: await source.count('logs'),
		});
		expect(await dump(target)).toBe(await dump(source));
		expect(await exportBackup(target, START + 10 * DAY)).toBe(text);
	});

	it('replaces whatever the database held before', async () => {
		const target = await fresh();
		await study(target, { deck: 'b/other', days: [0, 3], pattern: P2 });
		await importBackup(target, parsed(text), 'replace', UTC_DAYS);
		expect(await dump(target)).toBe(await dump(source));
		// New reviews after a restore get fresh ids, after the restored ones.
		await study(target, { deck: 'b/one', days: [20], pattern: P1 });
		const ids = (await target.getAllKeys('logs')).slice(-1);
		expect(ids[0]).toBeGreaterThan(parsed(text).data.logs.length);
	});

	it('names the file after the day it was made', () => {
		expect(backupFileName(Date.UTC(2024, 5, 1, 10), 'UTC')).toBe('kioku-backup-2024-06-01.json');
		expect(backupFileName(Date.UTC(2024, 5, 1, 20), 'Asia/Shanghai')).toBe(
			'kioku-backup-2024-06-02.json',
		);
	});
});

describe('a large imported bank', () => {
	it('is backed up and restored whole, though as Kioku data it is larger than its file', async () => {
		// A card file just under the 2 MB import limit: 5,000 cards of about 400 bytes.
		const rows = Array.from(
			{ length: 5000 },
			(_, i) => `front ${i} ${'x'.repeat(190)}\tback ${i} ${'y'.repeat(190)}`,
		);
		const file = rows.join('\n');
		expect(utf8Length(file)).toBeLessThanOrEqual(IMPORT_LIMITS.maxFileBytes);
		const read = importBankFile('big.tsv', file);
		if (!read.ok) throw new Error(read.error.errors[0].message);
		const source = await fresh();
		await saveImportedBank(source, read.value.bank, 'big.tsv', START);
		const text = await exportBackup(source, START + DAY);
		const kept = parsed(text).data.banks?.[0]?.kioku ?? '';
		expect(utf8Length(kept)).toBeGreaterThan(IMPORT_LIMITS.maxFileBytes);

		const target = await fresh();
		await importBackup(target, parsed(text), 'replace', UTC_DAYS);
		const [bank] = await importedBanks(target);
		expect(bank.bank.decks[0].questions).toHaveLength(5000);
		expect(bank.bank.decks[0].questions).toEqual(read.value.bank.decks[0].questions);
		// Five thousand cards written and read twice: seconds on a loaded machine.
	}, 60_000);
});

describe('merging two devices', () => {
	let a: Db;
	let b: Db;
	let aBefore: string[];
	let bLogs: string[];
	let suspendedOnA: string;
	let backupOfB: string;
	beforeAll(async () => {
		a = await fresh();
		b = await fresh();
		// Both devices start from the same history, then each is used on its own.
		await study(a, { deck: 'b/one', days: [0, 1, 2], pattern: P1 });
		await importBackup(b, parsed(await exportBackup(a, START + 3 * DAY)), 'replace', UTC_DAYS);
		await study(a, { deck: 'b/one', days: [3, 4, 6], pattern: P1 });
		await study(b, {
			deck: 'b/one',
			days: [3, 5, 6],
			pattern: P2,
			offset: 7_200_000,
			options: { desiredRetention: 0.85 },
		});
		await study(b, { deck: 'b/two', days: [4, 5], pattern: P2 });
		// A suspends a card B went on reviewing; B suspends a card before ever answering it.
		const session = await StudySession.start({
			deck: 'b/one',
			questionIds: (await a.getAllKeys('cards')).filter((id) => id.startsWith('b/one')),
			options: DEFAULT_DECK_OPTIONS,
			store: idbReviewStore(a),
			clock: () => START + 8 * DAY,
			days: UTC_DAYS,
		});
		const shown = await session.next();
		if (shown.kind !== 'card') throw new Error('expected a card');
		suspendedOnA = shown.id;
		await session.suspend(suspendedOnA);
		const other = await StudySession.start({
			deck: 'b/three',
			questionIds: ['b/three-q00', 'b/three-q01'],
			options: DEFAULT_DECK_OPTIONS,
			store: idbReviewStore(b),
			clock: () => START + 8 * DAY,
			days: UTC_DAYS,
		});
		await other.suspend('b/three-q00');
		await a.put('deckOptions', {
			deck: 'b/one',
			options: { ...DEFAULT_DECK_OPTIONS, newPerDay: 8 },
		});
		await b.put('deckOptions', {
			deck: 'b/one',
			options: { ...DEFAULT_DECK_OPTIONS, newPerDay: 12 },
		});
		await b.put('deckOptions', {
			deck: 'b/two',
			options: { ...DEFAULT_DECK_OPTIONS, display: 'zh-en' },
		});
		await b.put('settings', { key: 'settings', value: { dayStartsAt: 6 } });
		aBefore = await logIdentities(a);
		bLogs = await logIdentities(b);
		backupOfB = await exportBackup(b, START + 9 * DAY);
	});

	it('keeps the union of the reviews, each once, and replays every card from it', async () => {
		const union = [...new Set([...aBefore, ...bLogs])].sort();
		expect(union.length).toBeLessThan(aBefore.length + bLogs.length); // they did share a past
		expect(union.length).toBeGreaterThan(Math.max(aBefore.length, bLogs.length));
		const result = await importBackup(a, parsed(backupOfB), 'merge', UTC_DAYS);
		expect(result.logs).toBe(union.length - aBefore.length);
		expect(await logIdentities(a)).toEqual(union);
		expect(await checkData(a, UTC_DAYS)).toMatchObject({ mismatched: [], unknownConfigs: [] });
		const configs = new Map((await a.getAll('configs')).map((c) => [c.key, c.config]));
		expect(configs.size).toBe(2);
		for (const card of await a.getAll('cards')) {
			const logs = await a.getAllFromIndex(
				'logs',
				'card',
				IDBKeyRange.bound([card.id, 0], [card.id, Infinity]),
			);
			if (logs.length)
				expect(sameMemoryState(card, replayCard(logs, { configs, days: UTC_DAYS }))).toBe(true);
		}
	});

	it('keeps flags from both sides, and options and settings already set', async () => {
		expect(await a.get('cards', suspendedOnA)).toMatchObject({ suspended: true });
		expect(await a.get('cards', 'b/three-q00')).toMatchObject({
			suspended: true,
			state: 0,
			reps: 0,
		});
		expect((await a.get('deckOptions', 'b/one'))?.options.newPerDay).toBe(8);
		expect((await a.get('deckOptions', 'b/two'))?.options.display).toBe('zh-en');
		expect((await a.get('settings', 'settings'))?.value).toEqual({ dayStartsAt: 6 });
	});

	it('changes nothing when the same backup is merged again', async () => {
		const before = await dump(a);
		expect(await importBackup(a, parsed(backupOfB), 'merge', UTC_DAYS)).toEqual({
			cards: 0,
			logs: 0,
		});
		expect(await dump(a)).toBe(before);
	});

	it('brings both devices to the same cards when each merges the other', async () => {
		await importBackup(b, parsed(await exportBackup(a, START + 9 * DAY)), 'merge', UTC_DAYS);
		expect(await logIdentities(b)).toEqual(await logIdentities(a));
		const [cardsA, cardsB] = [await a.getAll('cards'), await b.getAll('cards')];
		for (const [i, card] of cardsB.entries()) expect(card, card.id).toEqual(cardsA[i]);
		expect((await b.get('deckOptions', 'b/one'))?.options.newPerDay).toBe(12);
	});
});

describe('refusing a bad file', () => {
	let db: Db;
	let text: string;
	beforeAll(async () => {
		const source = await fresh();
		await study(source, { deck: 'b/one', days: [0, 1, 4], pattern: P1 });
		text = await exportBackup(source, START + 5 * DAY);
		db = await fresh();
		await study(db, { deck: 'b/two', days: [0, 2], pattern: P2 });
	});

	const setLog = (i: number, field: string, value: unknown) =>
		edited(text, (b) => void (b.data.logs[i][field] = value));
	const setCard = (i: number, field: string, value: unknown) =>
		edited(text, (b) => void (b.data.cards[i][field] = value));

	const cases: [string, () => string, BackupError['code'], string | RegExp][] = [
		[
			'truncated JSON',
			() => text.slice(0, Math.floor(text.length / 2)),
			'not-json',
			/not valid JSON/,
		],
		['an empty file', () => '', 'not-json', /not valid JSON/],
		['another format', () => '{"format":"anki","version":1}', 'not-kioku', /not a Kioku backup/],
		['a JSON list', () => '[1,2,3]', 'not-kioku', /not a Kioku backup/],
		[
			'a newer version',
			() => edited(text, (b) => void (b.version = 2)),
			'newer-version',
			/newer Kioku/,
		],
		[
			'version 0',
			() => edited(text, (b) => void (b.version = 0)),
			'older-version-unsupported',
			/version 0/,
		],
		[
			'a text version',
			() => edited(text, (b) => void (b.version = '1')),
			'invalid',
			'version must be a whole number',
		],
		['a rating of 7', () => setLog(3, 'rating', 7), 'invalid', 'logs[3].rating must be 1 to 4'],
		[
			'a missing config',
			() => setLog(0, 'config', 'cnope'),
			'invalid',
			'logs[0].config "cnope" is not among the backup\'s configs',
		],
		[
			'a text due date',
			() => setCard(0, 'due', '2024-06-01'),
			'invalid',
			'cards[0].due must be a number',
		],
		[
			'an infinite stability',
			() => setCard(2, 'stability', 1234.5).replace('1234.5', '1e999'),
			'invalid',
			'cards[2].stability must be a finite number',
		],
		[
			'a state of 4',
			() => setCard(1, 'state', 4),
			'invalid',
			'cards[1].state must be a card state from 0 to 3',
		],
		['a negative log id', () => setLog(2, 'id', -3), 'invalid', 'logs[2].id must be 1 or more'],
		[
			'an unknown field',
			() => setCard(1, 'color', 'red'),
			'invalid',
			'cards[1].color is not a known field',
		],
		[
			'a missing field',
			() => edited(text, (b) => void delete b.data.logs[5].review),
			'invalid',
			'logs[5].review is missing',
		],
		[
			'a missing store',
			() => edited(text, (b) => void delete b.data.settings),
			'invalid',
			'settings is missing',
		],
		['duplicate log ids', () => setLog(4, 'id', 1), 'invalid', 'logs[4].id 1 appears twice'],
		[
			'duplicate card ids',
			() => edited(text, (b) => void (b.data.cards[3].id = b.data.cards[0].id)),
			'invalid',
			/cards\[3\]\.id ".*" appears twice/,
		],
		[
			'duplicate configuration keys',
			() => edited(text, (b) => void b.data.configs.push({ ...b.data.configs[0] })),
			'invalid',
			/^configs\[\d+\]\.key ".*" appears twice$/,
		],
		[
			'a log whose configuration is missing',
			() => setLog(3, 'config', 'c-nowhere'),
			'invalid',
			'logs[3].config "c-nowhere" is not among the backup\'s configs',
		],
		[
			'bad deck options',
			() =>
				edited(
					text,
					(b) =>
						void b.data.deckOptions.push({
							deck: 'b/one',
							options: { ...DEFAULT_DECK_OPTIONS, desiredRetention: 2 },
						}),
				),
			'invalid',
			/^deckOptions\[0\]\.options\.desiredRetention/,
		],
		['a file over 500 MB', () => ' '.repeat(MAX_BACKUP_CHARS + 1), 'invalid', /500 MB/],
	];

	it.each(cases)('%s', async (_name, make, code, message) => {
		const bad = make();
		const before = await dump(db);
		for (const mode of ['merge', 'replace'] as const) {
			const error = await restoreFile(db, bad, mode);
			expect(error?.code).toBe(code);
			if (typeof message === 'string') expect(error?.message).toBe(message);
			else expect(error?.message).toMatch(message);
		}
		expect(await dump(db)).toBe(before);
	});

	it.each(cases)('%s: said in Chinese on a Chinese screen', async (_name, make, code) => {
		const error = (await restoreFile(db, make(), 'merge'))!;
		// What is wrong inside the file is data, for the screen to word.
		if (code === 'invalid') expect(error.problem, error.message).toBeDefined();
		overwriteGetLocale(() => 'zh-CN');
		try {
			const said = restoreRefusalText({ kind: 'unreadable', error }, false);
			expect(said.text).toMatch(/[\u4e00-\u9fff]/);
			expect(englishWords(said.text), said.text).toEqual([]);
			// English only as the detail of a rule the sentence cannot name.
			if (said.english) expect(said.english).toBe(error.message);
		} finally {
			overwriteGetLocale(() => 'en');
		}
	});
});

describe('a failure in the middle of an import changes nothing', () => {
	let backup: Backup;
	beforeAll(async () => {
		const source = await fresh();
		await study(source, { deck: 'b/one', days: [0, 1, 4], pattern: P1 });
		backup = parsed(await exportBackup(source, START + 5 * DAY));
	});

	/** The backup plus one more log, on a card of its own so it is handled last. */
	function withExtraLog(extra: Record<string, unknown>): Backup {
		const last = backup.data.logs[backup.data.logs.length - 1];
		const log = { ...last, id: last.id + 1, cardId: 'zz-last', ...extra } as typeof last;
		return { ...backup, data: { ...backup.data, logs: [...backup.data.logs, log] } };
	}

	it.each<[string, ImportMode, () => Backup]>([
		['replace: a log whose key IndexedDB rejects', 'replace', () => withExtraLog({ id: NaN })],
		['merge: a log that cannot be stored', 'merge', () => withExtraLog({ durationMs: () => 0 })],
		[
			'merge: a log whose configuration is nowhere',
			'merge',
			() => withExtraLog({ config: 'cmissing' }),
		],
		[
			'merge: a configuration that differs from the stored one of the same key',
			'merge',
			() => ({
				...backup,
				data: {
					...backup.data,
					configs: backup.data.configs.map((c) => ({
						key: c.key,
						config: { ...c.config, maximumInterval: 99 },
					})),
				},
			}),
		],
	])('%s', async (_name, mode, make) => {
		const db = await fresh();
		await study(db, { deck: 'b/one', days: [0, 2], pattern: P2, offset: 3_600_000 });
		const before = await dump(db);
		await expect(importBackup(db, make(), mode, UTC_DAYS)).rejects.toThrow();
		expect(await dump(db)).toBe(before);
		// Still usable: the good backup merges afterwards.
		expect((await importBackup(db, backup, 'merge', UTC_DAYS)).logs).toBe(backup.data.logs.length);
		expect(await checkData(db, UTC_DAYS)).toMatchObject({ mismatched: [] });
	});
});
