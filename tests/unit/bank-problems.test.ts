// Mistakes in a Kioku bank said in the learner's language: every error of the validator carries
// what went wrong as data, the English sentence stays the CLI's, and a Chinese screen shows a
// Chinese sentence, never the English one.
import { afterEach, describe, expect, it } from 'vitest';
import { formatBankError, validateBankTree, type BankError, type Problem } from '$lib/bank';
import { importBankFile } from '$lib/bank/exchange';
import { importErrorText } from '$lib/i18n/import-errors';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { BROKEN_BANKS, deck, HEAD, SINGLE } from './broken-kioku-banks.ts';
import { englishWords } from './english-words.ts';

const FILE = 'bank.yaml';

function errorsOf(text: string): BankError[] {
	const r = importBankFile(FILE, text, { today: '2024-05-01' });
	return r.ok ? [] : r.error.errors;
}

function inLocale<T>(locale: 'en' | 'zh-CN', run: () => T): T {
	overwriteGetLocale(() => locale);
	return run();
}

afterEach(() => overwriteGetLocale(() => 'en'));

describe('a broken Kioku bank imported with a Chinese screen', () => {
	for (const broken of BROKEN_BANKS) {
		it(`${broken.kind}: ${broken.english[0]}`, () => {
			const errors = errorsOf(broken.text);
			// (a) The English sentence is the CLI's, unchanged.
			expect(errors.map(formatBankError)).toEqual(broken.english);
			// (b) Every error says what is wrong as data, and this mistake is among them.
			expect(errors.filter((e) => !e.problem)).toEqual([]);
			expect(errors.map((e) => e.problem?.kind)).toContain(broken.kind);
			// (c) A Chinese screen says each in Chinese, with no English detail.
			for (const e of errors) {
				const said = inLocale('zh-CN', () => importErrorText(e, false));
				expect(said.english).toBeUndefined();
				expect(englishWords(said.text, e), said.text).toEqual([]);
				expect(said.text).toMatch(/[\u4e00-\u9fff]/);
			}
		});
	}

	it('keeps the field as a path and the places as data, for an editor to point at', () => {
		const prompt = errorsOf(
			HEAD +
				deck('d', SINGLE.replace('prompt: { zh: "哪个？", en: "Which?" }', 'prompt: "Which?"')),
		);
		expect(prompt.map((e) => [e.questionId, e.problem])).toEqual([
			['demo-001', { kind: 'wrong-type', path: ['prompt'], expected: 'mapping', received: 'text' }],
		]);
		const twice = errorsOf(HEAD + deck('one', SINGLE) + deck('two', SINGLE));
		expect(twice.map((e) => e.problem)).toEqual([
			{
				kind: 'duplicate-id',
				path: ['id'],
				id: 'demo-001',
				first: { file: FILE, line: 16, column: 9 },
			},
		]);
		const said = inLocale('zh-CN', () => importErrorText(twice[0], false));
		expect(said).toEqual({
			where: '第 29 行第 9 列',
			text: 'demo-001：编号 `demo-001` 已在第 16 行第 9 列用过。',
		});
	});

	it('words the layout of a questions/ folder too (the CLI’s own mistakes)', () => {
		const tree = validateBankTree([
			{ path: 'questions/demo/deck.yml', text: '' },
			{ path: 'questions/loose.yaml', text: '' },
			{ path: 'questions/Demo/deck.yaml', text: '' },
			{ path: 'questions/empty/source.yaml', text: HEAD.replace('decks:\n', '') },
			{ path: 'questions/orphan/deck.yaml', text: 'title: { zh: "题组", en: "Deck" }\n' },
		]);
		expect(tree.errors.map((e) => e.problem?.kind).sort()).toEqual([
			'bad-file-name',
			'misplaced-file',
			'missing-field',
			'no-deck-file',
			'no-source-file',
			'yml-extension',
		]);
	});
});

/** One of every kind the import screen can be given, with made-up details. */
const EVERY_PROBLEM: { [K in Problem['kind']]: Problem & { kind: K } } = {
	package: { kind: 'package', extension: 'apkg' },
	spreadsheet: { kind: 'spreadsheet', extension: 'xlsx' },
	'too-large': { kind: 'too-large', bytes: 9_000_000, limit: 5_000_000 },
	'not-text': { kind: 'not-text' },
	'not-utf8': { kind: 'not-utf8' },
	'no-separator': { kind: 'no-separator' },
	'no-cards': { kind: 'no-cards' },
	'no-back': { kind: 'no-back' },
	empty: { kind: 'empty', side: 'front' },
	'too-long': { kind: 'too-long', side: 'back', length: 6000, limit: 5000 },
	'front-repeats': { kind: 'front-repeats', line: 3 },
	'surplus-fields': { kind: 'surplus-fields', count: 4 },
	'unclosed-quote': { kind: 'unclosed-quote', column: 7 },
	'too-many-cards': { kind: 'too-many-cards', limit: 5000, reverse: true },
	'anki-separator': { kind: 'anki-separator', value: 'foo' },
	'anki-column': { kind: 'anki-column', header: 'tags column', value: 'x' },
	unreadable: { kind: 'unreadable' },
	'more-errors': { kind: 'more-errors', count: 12 },
	'unknown-field': { kind: 'unknown-field', path: ['explaination'] },
	'missing-field': { kind: 'missing-field', path: ['back'] },
	'wrong-type': {
		kind: 'wrong-type',
		path: ['answer'],
		expected: 'true-or-false',
		received: 'text',
	},
	'not-one-of': { kind: 'not-one-of', path: ['difficulty'], allowed: ['1', '2', '3'] },
	'empty-text': { kind: 'empty-text', path: ['prompt', 'en'] },
	'bad-id': { kind: 'bad-id', path: ['id'] },
	'bad-date': { kind: 'bad-date', path: ['source', 'date'] },
	'not-url': { kind: 'not-url', path: ['source', 'url'] },
	'not-web-address': { kind: 'not-web-address', path: ['source', 'url'] },
	'not-paragraph-key': { kind: 'not-paragraph-key', path: ['summaries', 'three'] },
	'not-whole-number': { kind: 'not-whole-number', path: ['source', 'paragraph'] },
	'too-small': { kind: 'too-small', path: ['paragraphs'], min: 1 },
	'too-big': { kind: 'too-big', path: ['desiredRetention'], max: 0.99 },
	'too-few': { kind: 'too-few', path: ['options'], min: 3, count: 2 },
	'too-many': { kind: 'too-many', path: ['items'], max: 6, count: 7 },
	'listed-twice': { kind: 'listed-twice', path: ['retired'], value: 'demo-old' },
	'no-paragraph-cited': { kind: 'no-paragraph-cited', path: ['source'] },
	'paragraph-and-paragraphs': { kind: 'paragraph-and-paragraphs', path: ['source'] },
	'invalid-value': { kind: 'invalid-value', path: ['questions', 3, 'text', 'zh'] },
	'single-needs-one-correct': { kind: 'single-needs-one-correct', path: ['options'], found: 0 },
	'multi-needs-two-correct': { kind: 'multi-needs-two-correct', path: ['options'], found: 1 },
	'multi-needs-a-wrong-option': { kind: 'multi-needs-a-wrong-option', path: ['options'] },
	'repeated-item': {
		kind: 'repeated-item',
		path: ['items', 2, 'en'],
		what: 'item',
		position: 3,
		first: 1,
		lang: 'en',
		text: 'The treaty',
	},
	'answer-twice': { kind: 'answer-twice', path: ['answers', 'en', 1], lang: 'en', answer: 'Japan' },
	'cloze-empty-answer': {
		kind: 'cloze-empty-answer',
		path: ['text', 'en'],
		lang: 'en',
		blank: 2,
		written: '{{a|}}',
	},
	'cloze-tilde-inside': {
		kind: 'cloze-tilde-inside',
		path: ['text', 'zh'],
		lang: 'zh',
		blank: 1,
		written: '{{a|~b}}',
	},
	'cloze-unbalanced': { kind: 'cloze-unbalanced', path: ['text', 'en'], lang: 'en' },
	'cloze-no-blank': { kind: 'cloze-no-blank', path: ['text', 'zh'], lang: 'zh' },
	'blank-group-of-one': { kind: 'blank-group-of-one', path: ['text', 'en'], lang: 'en' },
	'blank-groups-differ': { kind: 'blank-groups-differ', path: ['text'], zh: 2, en: 0 },
	'duplicate-id': {
		kind: 'duplicate-id',
		path: ['id'],
		id: 'q-1',
		first: { file: 'other.yaml', line: 4, column: 5 },
	},
	'retired-id': {
		kind: 'retired-id',
		path: ['id'],
		id: 'q-1',
		listedAt: { file: FILE, line: 11, column: 11 },
	},
	'paragraph-outside': {
		kind: 'paragraph-outside',
		path: ['source', 'paragraphs', 1],
		paragraph: 9,
		paragraphs: 3,
	},
	'summary-outside': {
		kind: 'summary-outside',
		path: ['summaries', '9'],
		paragraph: 9,
		paragraphs: 3,
	},
	'tag-without-title': { kind: 'tag-without-title', path: ['tags', 1], tag: 'economy' },
	'paragraph-without-summary': {
		kind: 'paragraph-without-summary',
		path: ['source', 'paragraph'],
		paragraph: 2,
	},
	'yml-extension': { kind: 'yml-extension' },
	'misplaced-file': { kind: 'misplaced-file', root: 'questions' },
	'bad-file-name': { kind: 'bad-file-name' },
	'no-source-file': { kind: 'no-source-file', bank: 'demo' },
	'no-deck-file': { kind: 'no-deck-file', bank: 'demo' },
	'yaml-syntax': { kind: 'yaml-syntax', code: 'BAD_INDENT' },
	'too-deep': { kind: 'too-deep', limit: 64 },
	'too-many-aliases': { kind: 'too-many-aliases', count: 101, limit: 100 },
	'aliases-explode': { kind: 'aliases-explode' },
	'not-a-bank': { kind: 'not-a-bank' },
	'deck-file-alone': { kind: 'deck-file-alone' },
	'too-many-questions': { kind: 'too-many-questions', count: 5001, limit: 5000 },
	'text-too-long': { kind: 'text-too-long', path: ['prompt', 'en'], length: 5001, limit: 5000 },
	'reserved-deck-id': { kind: 'reserved-deck-id', path: ['decks', 0, 'id'], id: 'source' },
	'duplicate-deck-id': {
		kind: 'duplicate-deck-id',
		path: ['decks', 1, 'id'],
		id: 'one',
		first: { file: FILE, line: 13, column: 5 },
	},
};

describe('every kind of import problem', () => {
	for (const problem of Object.values(EVERY_PROBLEM)) {
		it(`${problem.kind} is said in English and in Chinese`, () => {
			const error = { file: FILE, line: 1, column: 1, message: 'the English sentence', problem };
			const [en, zh] = (['en', 'zh-CN'] as const).map((locale) =>
				inLocale(locale, () => importErrorText(error, false)),
			);
			for (const said of [en, zh]) {
				// A fault of Kioku's own keeps its English detail for the report; nothing else does.
				expect(said.english).toBe(
					problem.kind === 'unreadable' ? 'the English sentence' : undefined,
				);
				expect(said.text).not.toMatch(/undefined|NaN|\[object|\{\w+\}/);
			}
			expect(zh.text).not.toBe(en.text);
			expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
			expect(englishWords(zh.text, error), zh.text).toEqual([]);
		});
	}

	it('words a card list’s own mistakes too: Anki headers, reverse cards, and every card rule', () => {
		const zh = (name: string, text: string, options = {}) => {
			const r = importBankFile(name, text, { today: '2024-05-01', ...options });
			const errors = r.ok ? [] : r.error.errors;
			return errors.map((e) => {
				expect(e.problem, e.message).toBeDefined();
				const said = inLocale('zh-CN', () => importErrorText(e, false));
				expect(said.english).toBeUndefined();
				expect(englishWords(said.text, e), said.text).toEqual([]);
				return said.text;
			});
		};
		expect(zh('anki.txt', '#separator:foo\n#tags column:x\nQ\tA')).toEqual([
			'文件头 `#separator:` 写的是“foo”，Kioku 不认识这种分隔符（可用制表符、逗号、分号、竖线、冒号或空格）。',
			'文件头 `#tags column:` 写的是“x”，这不是列号（应为 1、2……）。',
		]);
		const half = Array.from({ length: 2501 }, (_, i) => `w${i}\tv${i}`).join('\n');
		expect(zh('big.txt', half, { reverse: true })).toEqual([
			'加上反向卡片后，卡片超过 5,000 张，这是 Kioku 一次能导入的上限：请拆成几个文件，或者不加反向卡片导入。',
		]);
	});

	it('names every field the way the English message does, and the whole file without one', () => {
		const said = (problem: Problem) =>
			inLocale('zh-CN', () =>
				importErrorText({ file: FILE, line: 1, column: 1, message: '', problem }, false),
			).text;
		expect(said(EVERY_PROBLEM['invalid-value'])).toBe('字段 `questions[3].text.zh` 的值不合要求。');
		const root = said({ kind: 'wrong-type', path: [], expected: 'mapping', received: 'list' });
		expect(root).toMatch(/^整个文件.*映射.*列表。$/);
	});
});
