// Anki's "Notes in Plain Text" headers, and which column of a row is what.
import { describe, expect, it } from 'vitest';
import { readAnkiHeaders } from '../../src/lib/bank/exchange/anki-headers.ts';
import {
	cardFields,
	columnLayout,
	hasTags,
	isHeaderRow,
} from '../../src/lib/bank/exchange/delimited-columns.ts';

const read = (text: string) => readAnkiHeaders(text.split('\n'));

describe('readAnkiHeaders', () => {
	it('reads every header Anki writes, and stops at the first card', () => {
		const { headers, errors } = read(
			[
				'#separator:Tab',
				'#html:true',
				'#deck:Geography',
				'#tags:exam hard',
				'#guid column:1',
				'#notetype column:2',
				'#deck column:3',
				'#tags column:6',
				'#notetype:Basic',
				'# a comment',
				'id\tBasic\tDefault\tQ\tA\tt1',
				'#separator:comma',
			].join('\n'),
		);
		expect(errors).toEqual([]);
		expect(headers).toEqual({
			separator: 'tab',
			html: true,
			anki: true,
			deck: 'Geography',
			globalTags: ['exam', 'hard'],
			tagsColumn: 6,
			metaColumns: new Set([1, 2, 3]),
			lineCount: 10,
		});
	});

	it('reads a legacy first line of tags, and no headers at all', () => {
		expect(read('tags:a b\nQ\tA').headers).toMatchObject({
			globalTags: ['a', 'b'],
			anki: false,
			lineCount: 1,
		});
		expect(read('Q\tA').headers).toMatchObject({ anki: false, lineCount: 0 });
		// A "#" that starts a card's text is not a header.
		expect(read('#1 fact\tback').headers.lineCount).toBe(0);
	});

	it('splits #columns: with the file separator, a tab when the line has one', () => {
		expect(read('#columns:Front\tBack\tTags').headers.columns).toEqual(['Front', 'Back', 'Tags']);
		expect(read('#columns:Front,"Back, side"').headers.columns).toEqual(['Front', 'Back, side']);
		expect(read('#separator:semicolon\n#columns:a;b').headers.columns).toEqual(['a', 'b']);
	});

	it('reports a separator or a column number it cannot read, at its line', () => {
		expect(read('#separator:foo\n#tags column:x\n#guid column:0').errors).toEqual([
			{
				line: 1,
				column: 1,
				message:
					'#separator: "foo" is not a separator Kioku reads (tab, comma, semicolon, pipe, colon, space)',
				problem: { kind: 'anki-separator', value: 'foo' },
			},
			{
				line: 2,
				column: 1,
				message: '#tags column: "x" is not a column number (1, 2, …)',
				problem: { kind: 'anki-column', header: 'tags column', value: 'x' },
			},
			{
				line: 3,
				column: 1,
				message: '#guid column: "0" is not a column number (1, 2, …)',
				problem: { kind: 'anki-column', header: 'guid column', value: '0' },
			},
		]);
	});
});

describe('columns', () => {
	const none = { metaColumns: new Set<number>() };
	const row = (...fields: string[]) => ({ line: 1, fields });

	it('knows a header row by its first two names, in English or Chinese', () => {
		expect(isHeaderRow(['Front', ' Back ', 'Tags'])).toBe(true);
		expect(isHeaderRow(['term', 'definition'])).toBe(true);
		expect(isHeaderRow(['正面', '背面'])).toBe(true);
		expect(isHeaderRow(['front', 'pomme'])).toBe(false);
		expect(isHeaderRow(['front'])).toBe(false);
	});

	it("takes a tab file's third column as tags, but not a comma file's", () => {
		const tab = columnLayout(none, undefined, 'tab');
		expect(hasTags(tab)).toBe(true);
		expect(cardFields(row('Q', 'A', 't1 t2'), tab)).toEqual({
			front: 'Q',
			back: 'A',
			tags: 't1 t2',
			surplus: [],
		});
		const comma = columnLayout(none, undefined, 'comma');
		expect(hasTags(comma)).toBe(false);
		expect(cardFields(row('Q', 'A', 'x', ' '), comma)).toEqual({
			front: 'Q',
			back: 'A',
			tags: undefined,
			surplus: ['x'],
		});
	});

	it('finds the tags column by header or by name, and skips the meta columns', () => {
		const named = columnLayout(none, ['Front', 'Tags', 'Back'], 'comma');
		expect(cardFields(row('Q', 'geo', 'A'), named)).toMatchObject({
			front: 'Q',
			back: 'A',
			tags: 'geo',
		});
		const anki = columnLayout({ tagsColumn: 6, metaColumns: new Set([1, 2, 3]) }, undefined, 'tab');
		expect(cardFields(row('guid', 'Basic', 'Default', 'Q', 'A', 't'), anki)).toEqual({
			front: 'Q',
			back: 'A',
			tags: 't',
			surplus: [],
		});
	});

	it('leaves the back undefined when the row has one field', () => {
		expect(cardFields(row('only'), columnLayout(none, undefined, 'comma')).back).toBeUndefined();
	});
});
