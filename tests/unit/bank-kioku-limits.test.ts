// A Kioku file's limits, checked before it is validated, and the file cut into a bank folder
// with every character where it was.
import { LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cutIntoBankFolder } from '../../src/lib/bank/exchange/kioku-files.ts';
import {
	checkAliases,
	checkNesting,
	checkQuestionCount,
	countQuestions,
	longTextErrors,
} from '../../src/lib/bank/exchange/kioku-limits.ts';
import { IMPORT_LIMITS } from '../../src/lib/bank/exchange/upload-limits.ts';
import { findDeepNesting } from '../../src/lib/bank/exchange/yaml-nesting.ts';
import { parseYamlSource } from '../../src/lib/bank/yaml-source.ts';

describe('findDeepNesting', () => {
	it('counts block indentation, list markers and flow brackets', () => {
		expect(findDeepNesting('a:\n  b:\n    c: 1\n', 2)).toEqual({ line: 3, column: 5 });
		expect(findDeepNesting('a:\n  b:\n    c: 1\n', 3)).toBeNull();
		expect(findDeepNesting('- - - x', 2)).toEqual({ line: 1, column: 3 });
		expect(findDeepNesting('a: [[1]]', 2)).toEqual({ line: 1, column: 5 });
	});

	it('ignores brackets in quotes, comments and block texts', () => {
		expect(findDeepNesting(`a: "[[[[" # {{{{\nb: '[['' [['`, 2)).toBeNull();
		expect(findDeepNesting('a: |\n  [[[[\n  - - - -\nb: 1\n', 2)).toBeNull();
	});
});

describe('Kioku limits', () => {
	it('refuses deep nesting at the place it passes the limit', () => {
		const deep = checkNesting('['.repeat(IMPORT_LIMITS.maxNesting + 1));
		expect(deep).toEqual({
			ok: false,
			error: {
				line: 1,
				column: 64,
				message: 'nests lists and mappings more than 64 levels deep',
				problem: { kind: 'too-deep', limit: 64 },
			},
		});
		expect(checkNesting('a: [1, [2]]').ok).toBe(true);
	});

	it('counts alias nodes against the limit', () => {
		const aliases = (n: number) =>
			parseDocument(`a: &a x\nb: [${Array(n).fill('*a').join(', ')}]\n`);
		expect(checkAliases(aliases(IMPORT_LIMITS.maxAliases)).ok).toBe(true);
		expect(checkAliases(aliases(IMPORT_LIMITS.maxAliases + 1))).toEqual({
			ok: false,
			error: 'uses 101 YAML aliases (*name); the limit is 100',
		});
	});

	it('counts the questions of every deck, whatever their shape', () => {
		expect(countQuestions({ decks: [{ questions: [{}, 1] }, null, { questions: 'x' }, {}] })).toBe(
			2,
		);
		expect(countQuestions({ decks: 'none' })).toBe(0);
		expect(checkQuestionCount(IMPORT_LIMITS.maxQuestions).ok).toBe(true);
		expect(checkQuestionCount(12_345)).toEqual({
			ok: false,
			error: 'has 12,345 questions; the limit is 5,000: split the bank into several files',
		});
	});

	it("names an over-long text by the question's id and field, at its place", () => {
		const long = 'x'.repeat(IMPORT_LIMITS.maxFieldChars + 1);
		const text = `title: "${long}"\ndecks:\n  - id: d\n    questions:\n      - id: q-1\n        prompt: { zh: "短", en: "${long}" }\n`;
		const yaml = parseYamlSource(text);
		expect(longTextErrors(yaml.value as Record<string, unknown>, yaml)).toEqual([
			{
				line: 1,
				column: 1,
				questionId: undefined,
				message: 'title is 5,001 characters long; the limit is 5,000',
				problem: { kind: 'text-too-long', path: ['title'], length: 5001, limit: 5000 },
			},
			{
				line: 6,
				column: 28,
				questionId: 'q-1',
				message: 'prompt.en is 5,001 characters long; the limit is 5,000',
				problem: { kind: 'text-too-long', path: ['prompt', 'en'], length: 5001, limit: 5000 },
			},
		]);
	});
});

describe('cutIntoBankFolder', () => {
	const cut = (text: string) => {
		const lines = new LineCounter();
		const doc = parseDocument(text, { lineCounter: lines });
		return cutIntoBankFolder(text, doc.contents as YAMLMap, lines, parseYamlSource(text), {
			fileName: 'up.yaml',
			bankId: 'mine',
		});
	};

	/** Each character the cut kept is where it was in the upload. */
	const keptInPlace = (cutText: string, original: string) => {
		const upload = original.split('\n');
		return cutText
			.split('\n')
			.every((line, n) => [...line].every((ch, c) => ch === ' ' || ch === upload[n]?.[c]));
	};

	it('blanks what each file does not hold, keeping every line and column', () => {
		const text =
			'title: T\ndecks:\n  - id: one\n    title: A\n  - { title: B, id: two }\nparagraphs: 2\n';
		const folder = cut(text);
		expect(folder.deckIds).toEqual(['one', 'two']);
		expect(folder.errors).toEqual([]);
		expect(folder.files.map((f) => f.path)).toEqual([
			'upload/mine/source.yaml',
			'upload/mine/one.yaml',
			'upload/mine/two.yaml',
		]);
		const [source, one, two] = folder.files.map((f) => f.text);
		for (const file of [source, one, two]) expect(keptInPlace(file, text)).toBe(true);
		expect(parseYamlSource(source).value).toEqual({ title: 'T', paragraphs: 2 });
		expect(source.split('\n')[5]).toBe('paragraphs: 2');
		expect(parseYamlSource(one).value).toEqual({ title: 'A' });
		expect(one.split('\n')[3]).toBe('    title: A');
		// In a `{ … }` deck the id goes with its comma; `title` stays at line 5, column 7.
		expect(parseYamlSource(two).value).toEqual({ title: 'B' });
		expect(two.split('\n')[4].indexOf('title')).toBe(6);
	});

	it('refuses a deck named "source" and a repeated deck id, where they are written', () => {
		const folder = cut('decks:\n  - id: source\n  - id: a\n  - id: a\n  - id: Bad\n');
		expect(folder.deckIds).toEqual(['a']);
		expect(folder.errors).toEqual([
			{
				line: 2,
				column: 5,
				message: 'decks[0].id cannot be "source", the name of the bank\'s source file',
				problem: { kind: 'reserved-deck-id', path: ['decks', 0, 'id'], id: 'source' },
			},
			{
				line: 4,
				column: 5,
				message: 'duplicate deck id: already used at up.yaml:3:5',
				problem: {
					kind: 'duplicate-deck-id',
					path: ['decks', 2, 'id'],
					id: 'a',
					first: { file: 'up.yaml', line: 3, column: 5 },
				},
			},
		]);
	});
});
