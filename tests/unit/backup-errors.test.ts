// Why a backup was not restored, said in the learner's language: every refusal and every
// mistake inside a backup is data, worded in English and in Chinese, and a Chinese screen shows
// no English sentence (technical detail in English only where the sentence cannot say it).
import { afterEach, describe, expect, it } from 'vitest';
import type { BankError } from '$lib/bank';
import { restoreRefusalText } from '$lib/i18n/backup-errors';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import type { BackupProblem } from '$lib/storage/backup';
import type { RestoreRefusal } from '$lib/storage/backup-restore';
import { englishWords } from './english-words.ts';

afterEach(() => overwriteGetLocale(() => 'en'));

const BANK_ERROR: BankError = {
	file: 'cards.json',
	line: 3,
	column: 5,
	message: 'missing field `back`',
	problem: { kind: 'missing-field', path: ['back'] },
};

/** One of every kind of mistake inside a backup, with made-up details. */
const EVERY_PROBLEM: { [K in BackupProblem['kind']]: BackupProblem & { kind: K } } = {
	'too-large': { kind: 'too-large', limit: 500 * 1024 * 1024 },
	'version-not-whole': { kind: 'version-not-whole' },
	field: {
		kind: 'field',
		problem: { kind: 'not-one-of', path: ['logs', 12, 'rating'], allowed: ['1', '2', '3', '4'] },
	},
	'repeated-key': { kind: 'repeated-key', path: ['cards', 3, 'id'], value: 'b-001' },
	'unknown-config': { kind: 'unknown-config', path: ['logs', 0, 'config'], config: 'c-nowhere' },
	'settings-twice': { kind: 'settings-twice' },
	'bad-bank': { kind: 'bad-bank', index: 0, id: 'cards', error: BANK_ERROR },
};

const invalid = (problem: BackupProblem): RestoreRefusal => ({
	kind: 'unreadable',
	error: { code: 'invalid', message: 'the English sentence', problem },
});

const EVERY_REFUSAL: RestoreRefusal[] = [
	{ kind: 'too-big' },
	...(['not-json', 'not-kioku', 'newer-version', 'older-version-unsupported'] as const).map(
		(code) => ({ kind: 'unreadable' as const, error: { code, message: 'the English sentence' } }),
	),
	...Object.values(EVERY_PROBLEM).map(invalid),
	invalid({ kind: 'bad-bank', index: 1, id: 'cards', foundId: 'other' }),
	{ kind: 'bank-clash', bank: 'cards', clash: { kind: 'built-in-bank' } },
	{ kind: 'bank-clash', bank: 'cards', clash: { kind: 'question', id: 'q-1', bank: 'words' } },
	{ kind: 'config-differs', key: 'c-123' },
	{ kind: 'failed', message: 'QuotaExceededError: the quota has been exceeded' },
];

const label = (r: RestoreRefusal) =>
	r.kind === 'unreadable' ? `unreadable: ${r.error.problem?.kind ?? r.error.code}` : r.kind;

describe('a refused backup, said in the learner’s language', () => {
	for (const refusal of EVERY_REFUSAL) {
		it(`${label(refusal)} is said in English and in Chinese`, () => {
			const [en, zh] = (['en', 'zh-CN'] as const).map((locale) => {
				overwriteGetLocale(() => locale);
				return restoreRefusalText(refusal, false);
			});
			for (const said of [en, zh])
				expect(said.text).not.toMatch(/undefined|NaN|\[object|\{\w+\}|English sentence/);
			expect(zh.text).not.toBe(en.text);
			expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
			expect(englishWords(zh.text), zh.text).toEqual([]);
		});
	}

	it('names the field and the bank’s own mistake as the import screen does', () => {
		overwriteGetLocale(() => 'zh-CN');
		expect(restoreRefusalText(invalid(EVERY_PROBLEM.field), false).text).toBe(
			'备份已损坏：`logs[12].rating` 只能是以下之一：`1`、`2`、`3`、`4`。',
		);
		expect(restoreRefusalText(invalid(EVERY_PROBLEM['bad-bank']), false).text).toBe(
			'备份已损坏：其中的题库“cards”已损坏：第 3 行第 5 列：缺少字段 `back`。',
		);
	});

	it('tells a damaged file on an English screen by the storage’s own sentence', () => {
		expect(restoreRefusalText(invalid(EVERY_PROBLEM.field), true)).toEqual({
			text: 'The backup is damaged: the English sentence',
		});
		expect(restoreRefusalText({ kind: 'config-differs', key: 'c-1' }, true).text).toMatch(
			/^The backup’s scheduler configuration “c-1” differs/,
		);
	});

	it('keeps the technical detail, in English, only where the sentence cannot name it', () => {
		overwriteGetLocale(() => 'zh-CN');
		const failed = restoreRefusalText({ kind: 'failed', message: 'QuotaExceededError' }, false);
		expect(failed).toEqual({
			text: '无法在此设备上写入备份（存储空间可能已满）。',
			english: 'QuotaExceededError',
		});
		const vague = invalid({
			kind: 'field',
			problem: { kind: 'invalid-value', path: ['cards', 2, 'stability'] },
		});
		expect(restoreRefusalText(vague, false).english).toBe('the English sentence');
		expect(
			restoreRefusalText(invalid(EVERY_PROBLEM['repeated-key']), false).english,
		).toBeUndefined();
	});
});
