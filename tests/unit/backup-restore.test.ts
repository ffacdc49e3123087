// Restoring a backup file, the whole way: size, reading, the banks it carries, merge or replace.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import type { Bank } from '../../src/lib/bank/index.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { MAX_BACKUP_CHARS } from '../../src/lib/storage/backup.ts';
import { exportBackup } from '../../src/lib/storage/backup-io.ts';
import { restoreBackup, type RestoreContext } from '../../src/lib/storage/backup-restore.ts';
import { openKiokuDb, STORES, type Db } from '../../src/lib/storage/db.ts';

const NOW = Date.UTC(2024, 5, 1, 10);
let dbCount = 0;
const fresh = () => openKiokuDb(`restore-${++dbCount}`);

async function dump(db: Db) {
	const out: Record<string, unknown[]> = {};
	for (const store of STORES) out[store] = await db.getAll(store);
	return JSON.stringify(out);
}

/** A file as the file picker gives it; `read` counts how often its text was read. */
function file(text: string, size = new Blob([text]).size) {
	const read = vi.fn(async () => text);
	return { size, text: read, read };
}

const noClash: RestoreContext = { days: UTC_DAYS, bankClash: async () => undefined };

/** An imported bank, as Kioku JSON inside a backup. */
const KIOKU_BANK = JSON.stringify({
	title: { zh: '卡片', en: 'Cards' },
	source: {
		...{ title: 'cards.tsv', author: '—', publisher: '—', date: '2024-06-01' },
		url: 'https://kioku.invalid/imported',
	},
	paragraphs: 1,
	decks: [
		{
			id: 'cards',
			title: { zh: '卡片', en: 'Cards' },
			questions: [
				{
					...{ id: 'cards-1', type: 'flashcard', source: { paragraph: 1 }, tags: ['geo'] },
					prompt: { zh: '日本的首都', en: 'capital of Japan' },
					back: { zh: '东京', en: 'Tokyo' },
					explanation: { zh: '导入的卡片。', en: 'An imported card.' },
				},
			],
		},
	],
});

/** A backup of a device with one review and one imported bank. */
async function backupWithBank(): Promise<string> {
	const source = await fresh();
	await source.put('settings', { key: 'settings', value: { dayStartsAt: 5 } });
	const json = JSON.parse(await exportBackup(source, NOW));
	json.data.banks = [{ id: 'cards', fileName: 'cards.tsv', importedAt: NOW, kioku: KIOKU_BANK }];
	return JSON.stringify(json);
}

describe('restoreBackup', () => {
	let text: string;
	beforeAll(async () => {
		text = await backupWithBank();
	});

	it('replaces what the device holds with the backup, its banks included', async () => {
		const db = await fresh();
		await db.put('settings', { key: 'settings', value: { dayStartsAt: 3 } });
		const result = await restoreBackup(db, file(text), 'replace', noClash);
		expect(result).toEqual({ ok: true, value: { cards: 0, logs: 0 } });
		expect(await db.get('settings', 'settings')).toEqual({
			key: 'settings',
			value: { dayStartsAt: 5 },
		});
		expect((await db.getAll('banks')).map((b) => [b.id, b.fileName])).toEqual([
			['cards', 'cards.tsv'],
		]);
	});

	it('merges, keeping what the device has set', async () => {
		const db = await fresh();
		await db.put('settings', { key: 'settings', value: { dayStartsAt: 3 } });
		expect(await restoreBackup(db, file(text), 'merge', noClash)).toMatchObject({ ok: true });
		expect((await db.get('settings', 'settings'))?.value).toEqual({ dayStartsAt: 3 });
		expect(await db.count('banks')).toBe(1);
	});

	it('refuses a file larger than any backup before reading it', async () => {
		const db = await fresh();
		const huge = file(text, MAX_BACKUP_CHARS * 4 + 1);
		expect(await restoreBackup(db, huge, 'replace', noClash)).toEqual({
			ok: false,
			error: { kind: 'too-big' },
		});
		expect(huge.read).not.toHaveBeenCalled();
	});

	it('refuses a file that is no backup, saying why, and changes nothing', async () => {
		const db = await fresh();
		await db.put('settings', { key: 'settings', value: { dayStartsAt: 3 } });
		const before = await dump(db);
		const result = await restoreBackup(db, file(text.slice(0, 100)), 'replace', noClash);
		expect(result).toMatchObject({
			ok: false,
			error: { kind: 'unreadable', error: { code: 'not-json' } },
		});
		expect(await dump(db)).toBe(before);
	});

	it('checks the banks it carries, in the chosen mode, and refuses a clash unchanged', async () => {
		const db = await fresh();
		await db.put('settings', { key: 'settings', value: { dayStartsAt: 3 } });
		const before = await dump(db);
		const clash = { bank: 'cards', clash: { kind: 'question' as const, id: 'cards-1', bank: 'x' } };
		const bankClash = vi.fn(async (banks: readonly Bank[]) => {
			expect(banks.map((b) => b.id)).toEqual(['cards']);
			return clash;
		});
		const result = await restoreBackup(db, file(text), 'merge', { days: UTC_DAYS, bankClash });
		expect(result).toEqual({ ok: false, error: { kind: 'bank-clash', ...clash } });
		expect(bankClash).toHaveBeenCalledWith(expect.any(Array), 'merge');
		expect(await dump(db)).toBe(before);
	});

	it('asks about banks only when the backup carries some', async () => {
		const db = await fresh();
		const plain = await exportBackup(await fresh(), NOW);
		const bankClash = vi.fn(async () => undefined);
		await restoreBackup(db, file(plain), 'replace', { days: UTC_DAYS, bankClash });
		expect(bankClash).not.toHaveBeenCalled();
	});

	it('reports a restore that fails half-way, and leaves the device as it was', async () => {
		const db = await fresh();
		const config = schedulerConfig(DEFAULT_DECK_OPTIONS);
		const key = configKey(config);
		await db.put('configs', { key, config });
		const before = await dump(db);
		// A forged file: its configuration under the same key schedules otherwise.
		const json = JSON.parse(text);
		json.data.configs = [{ key, config: { ...config, maximumInterval: 99 } }];
		const result = await restoreBackup(db, file(JSON.stringify(json)), 'merge', noClash);
		expect(result).toEqual({ ok: false, error: { kind: 'config-differs', key } });
		expect(await dump(db)).toBe(before);
	});
});
