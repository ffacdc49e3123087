// The tokenizer under delimited imports: RFC 4180 quoting where files use it, Quizlet's
// unquoted text where they do not, and every record at the line it starts on.
import { describe, expect, it } from 'vitest';
import { parseRows } from '../../src/lib/bank/exchange/delimited-rows.ts';
import {
	detectSeparator,
	separatorNamed,
} from '../../src/lib/bank/exchange/delimited-separators.ts';

const rows = (text: string, sep = ',', firstLine = 0, anki = false) =>
	parseRows(text, sep, firstLine, anki);

describe('parseRows', () => {
	it('splits fields on the separator and numbers records by their first line', () => {
		expect(rows('a,b\nc,d,e\n')).toEqual({
			rows: [
				{ line: 1, fields: ['a', 'b'] },
				{ line: 2, fields: ['c', 'd', 'e'] },
			],
			errors: [],
		});
		// `firstLine`: the file lines before the text (Anki headers).
		expect(rows('a,b', ',', 3).rows).toEqual([{ line: 4, fields: ['a', 'b'] }]);
	});

	it('reads quoted fields: separators, doubled quotes and line breaks inside', () => {
		const { rows: read } = rows('"a, b","say ""hi""\nagain",c\nnext,row\n');
		expect(read).toEqual([
			{ line: 1, fields: ['a, b', 'say "hi"\nagain', 'c'] },
			{ line: 3, fields: ['next', 'row'] },
		]);
	});

	it('keeps a quote inside unquoted text, and text after a closing quote, as text', () => {
		expect(rows('"Hi" she said\tsalut\nit\'s "so"\tok\n', '\t').rows).toEqual([
			{ line: 1, fields: ['"Hi" she said', 'salut'] },
			{ line: 2, fields: ['it\'s "so"', 'ok'] },
		]);
	});

	it('allows spaces around a quoted field, and keeps them around an unquoted one', () => {
		expect(rows(' "a" , b \n').rows).toEqual([{ line: 1, fields: ['a', ' b '] }]);
	});

	it('skips blank lines, and # lines only in an Anki file', () => {
		const text = 'a,b\n\n#note,x\n   \nc,d\n';
		expect(rows(text, ',', 0, true).rows).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 5, fields: ['c', 'd'] },
		]);
		expect(rows(text).rows.map((r) => r.fields[0])).toEqual(['a', '#note', 'c']);
	});

	it('reports a quote never closed at its line and column, and reads on from the next line', () => {
		expect(rows('ok,fine\nx, "open\nnext,row\n')).toEqual({
			rows: [
				{ line: 1, fields: ['ok', 'fine'] },
				{ line: 3, fields: ['next', 'row'] },
			],
			errors: [
				{
					line: 2,
					column: 4,
					message: 'a field opens with " at column 4 and is never closed',
					problem: { kind: 'unclosed-quote', column: 4 },
				},
			],
		});
	});

	it('counts columns from the line a quote opens on, after a field that spans lines', () => {
		const { errors } = rows('"two\nlines",b,"never closed\n');
		expect(errors).toEqual([
			{
				line: 2,
				column: 10,
				message: 'a field opens with " at column 10 and is never closed',
				problem: { kind: 'unclosed-quote', column: 10 },
			},
		]);
	});

	it('takes a multi-character separator as one', () => {
		expect(rows('a::b', '::').rows).toEqual([{ line: 1, fields: ['a', 'b'] }]);
	});

	it('stays linear on a long hostile text', () => {
		const started = Date.now();
		const { rows: read } = rows('"'.repeat(200_001) + '\n' + 'a,b\n'.repeat(100_000));
		expect(read).toHaveLength(100_000);
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

describe('separators', () => {
	it('detects a tab first, then a comma, then a semicolon, from the first rows', () => {
		expect(detectSeparator(['a,b\tc'])).toBe('tab');
		expect(detectSeparator(['a;b,c'])).toBe('comma');
		expect(detectSeparator(['', 'a;b'])).toBe('semicolon');
		expect(detectSeparator(['just words', 'a|b'])).toBeUndefined();
		// Only the first 20 non-blank lines count.
		expect(detectSeparator([...Array(20).fill('word'), 'a,b'])).toBeUndefined();
	});

	it("reads Anki's #separator: values by name or as the character", () => {
		expect(separatorNamed('Tab')).toBe('tab');
		expect(separatorNamed(' comma ')).toBe('comma');
		expect(separatorNamed('|')).toBe('pipe');
		expect(separatorNamed(' ')).toBe('space');
		expect(separatorNamed('foo')).toBeUndefined();
	});
});
