// A bank from the account that this device did not take is explained in the learner's language,
// named by its title in that language, with the same clash wording as an upload's.
import { afterEach, describe, expect, it } from 'vitest';
import { refusedBankText } from '$lib/i18n/sync-refusals';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import type { RefusedBank } from '$lib/storage/sync-apply';

afterEach(() => overwriteGetLocale(() => 'en'));

const clash: RefusedBank = {
	id: 'words',
	title: { zh: '单词', en: 'Words' },
	problem: { kind: 'clash', clash: { kind: 'question', id: 'words-abc', bank: 'verbs' } },
};
const builtIn: RefusedBank = {
	id: 'us-japan-2023',
	problem: { kind: 'clash', clash: { kind: 'built-in-bank' } },
};
const unreadable: RefusedBank = {
	id: 'broken',
	problem: { kind: 'unreadable', message: 'line 1: a Kioku bank file is a mapping' },
};

describe('a refused bank from the account', () => {
	it('is explained in English', () => {
		expect(refusedBankText(clash)).toBe(
			'The bank “Words” from your account was not added on this device. Question id “words-abc” is already used by the bank “verbs”: question ids must be unique, since progress is kept by id. Nothing here was changed.',
		);
		expect(refusedBankText(builtIn)).toContain('belongs to a built-in bank');
		expect(refusedBankText(unreadable)).toBe(
			'The bank “broken” from your account could not be read, so it was not added on this device. Nothing here was changed.',
		);
	});

	it('is explained in Chinese, with no English sentence', () => {
		overwriteGetLocale(() => 'zh-CN');
		expect(refusedBankText(clash)).toBe(
			'账户中的题库“单词”未添加到此设备。题目标识“words-abc”已被题库“verbs”使用：进度按标识保存，题目标识必须唯一。此设备上的内容没有改变。',
		);
		for (const r of [builtIn, unreadable])
			expect(refusedBankText(r)).not.toMatch(/[a-z]{4,} [a-z]{3,}/);
	});
});
