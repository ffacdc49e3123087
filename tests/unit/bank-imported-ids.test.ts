// Ids for what a file brings: stable, so importing the same file again keeps its progress.
import { describe, expect, it } from 'vitest';
import { baseName, extensionOf } from '../../src/lib/bank/exchange/file-name.ts';
import { bankIdFor, slugify, textHash } from '../../src/lib/bank/exchange/imported-ids.ts';

describe('file names', () => {
	it('takes the name without folders, and the last extension in lower case', () => {
		expect(baseName('C:\\Users\\me\\My Cards.v2.TSV')).toBe('My Cards.v2');
		expect(extensionOf('C:\\Users\\me\\My Cards.v2.TSV')).toBe('tsv');
		expect(baseName('dir/.hidden')).toBe('.hidden');
		expect(extensionOf('dir/.hidden')).toBe('');
		expect(extensionOf('noext')).toBe('');
	});
});

describe('ids', () => {
	it('turns text into an id the schema accepts, or nothing', () => {
		expect(slugify('  Café au Lait! 2 ')).toBe('cafe-au-lait-2');
		expect(slugify('我的卡片')).toBe('');
		expect(slugify('a'.repeat(30) + ' ' + 'b'.repeat(30))).toBe(
			'a'.repeat(30) + '-' + 'b'.repeat(9),
		);
		expect(slugify('abc def', 4)).toBe('abc');
	});

	it("names a bank after its file, or the caller's id", () => {
		expect(bankIdFor('Vocab List.tsv')).toBe('vocab-list');
		expect(bankIdFor('x.tsv', 'Mine 2')).toBe('mine-2');
		expect(bankIdFor('x.tsv', '中文')).toBe('x');
		expect(bankIdFor('!!!.csv')).toBe('imported');
	});

	it('adds a hash of the name when letters were dropped, so two such files stay two banks', () => {
		const a = bankIdFor('我的卡片.tsv');
		const b = bankIdFor('天空.tsv');
		expect(a).toMatch(/^imported-[a-z0-9]+$/);
		expect(a).not.toBe(b);
		expect(bankIdFor('我的卡片.tsv')).toBe(a);
		expect(bankIdFor('日本語 2.tsv')).toMatch(/^2-[a-z0-9]+$/);
	});

	it('hashes the same text to the same id on every run, and different texts apart', () => {
		expect(textHash('counterstrike')).toBe(textHash('counterstrike'));
		const hashes = new Set(Array.from({ length: 5000 }, (_, i) => textHash(`front ${i}`)));
		expect(hashes.size).toBe(5000);
		expect(textHash('')).toMatch(/^[a-z0-9]+$/);
	});
});
