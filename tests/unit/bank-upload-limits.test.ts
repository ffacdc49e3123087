// What an upload is refused for before it is read as a bank: its size, its kind, its bytes.
import { describe, expect, it } from 'vitest';
import { checkFileType, formatOf, readableText } from '../../src/lib/bank/exchange/file-type.ts';
import {
	checkImportSize,
	formatCount,
	formatMegabytes,
	IMPORT_LIMITS,
	utf8Length,
} from '../../src/lib/bank/exchange/upload-limits.ts';

describe('upload limits', () => {
	it('refuses a file over the size limit, saying how big it is', () => {
		expect(checkImportSize('a.csv', IMPORT_LIMITS.maxFileBytes)).toEqual({
			ok: true,
			value: undefined,
		});
		expect(checkImportSize('a.csv', IMPORT_LIMITS.maxFileBytes + 1)).toEqual({
			ok: false,
			error: 'a.csv is 2.0 MB; the largest file Kioku imports is 2 MB',
		});
	});

	it('counts UTF-8 bytes as the file has them', () => {
		for (const text of ['', 'abc', 'é', '中文', '😀', 'a\ud800b', 'mixed 中 é 😀 end'])
			expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
	});

	it('writes counts and sizes the same in every locale', () => {
		expect([5, 5000, 1234567].map(formatCount)).toEqual(['5', '5,000', '1,234,567']);
		expect([2 * 1024 * 1024, 5_500_000].map(formatMegabytes)).toEqual(['2 MB', '5.2 MB']);
	});
});

describe('file type', () => {
	it('refuses packages and spreadsheets by name, saying what to export instead', () => {
		expect(checkFileType('deck.colpkg')).toEqual({
			ok: false,
			error:
				'deck.colpkg is an Anki collection: in Anki, use File → Export → "Notes in Plain Text" and import that file',
		});
		expect(checkFileType('Sheet.XLSX')).toEqual({
			ok: false,
			error: 'Sheet.XLSX is a spreadsheet: save it as "CSV UTF-8" and import that file',
		});
		expect(checkFileType('cards.csv').ok).toBe(true);
		expect(checkFileType('xlsx').ok).toBe(true);
	});

	it('drops a byte-order mark, and refuses binary text or text that was not UTF-8', () => {
		expect(readableText('a.txt', '\ufeffa\tb')).toEqual({ ok: true, value: 'a\tb' });
		expect(readableText('a.txt', 'a\0b')).toEqual({
			ok: false,
			error: {
				line: 1,
				message:
					'a.txt is not a text file (it contains NUL characters): save it as UTF-8 text (CSV, TSV, YAML or JSON)',
				problem: { kind: 'not-text' },
			},
		});
		const notUtf8 = readableText('a.csv', 'ok\nfine\nbad \ufffd\n');
		expect(!notUtf8.ok && notUtf8.error.line).toBe(3);
	});

	it('knows a Kioku file from cards by its extension, else by its text', () => {
		expect(formatOf('bank.JSON', 'a\tb')).toBe('kioku');
		expect(formatOf('bank.yml', '')).toBe('kioku');
		expect(formatOf('cards.tab', '{')).toBe('delimited');
		expect(formatOf('bank', '  {"decks": []}')).toBe('kioku');
		expect(formatOf('bank', 'title: x\ndecks:\n')).toBe('kioku');
		expect(formatOf('cards', 'front\tback')).toBe('delimited');
	});
});
