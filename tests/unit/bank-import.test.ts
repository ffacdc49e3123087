// "Bring your own bank": Kioku files checked as the CLI checks them, cards from Anki, Quizlet
// and spreadsheets, and every refusal of a hostile or mistaken file.
import { describe, expect, it } from 'vitest';
import { firstClashAmong, idClashes } from '../../src/lib/bank/id-clashes.ts';
import { bankLabel, formatBankError } from '../../src/lib/bank/index.ts';
import {
	checkImportSize,
	formatImportError,
	importBankFile,
	IMPORT_LIMITS,
	type ImportResult,
} from '../../src/lib/bank/exchange/index.ts';

const TODAY = { today: '2024-05-01' };

function run(name: string, text: string) {
	return importBankFile(name, text, TODAY);
}

/** The errors as the CLI prints them (Kioku files). */
function cliErrors(name: string, text: string): string[] {
	const r = run(name, text);
	return r.ok ? [] : r.error.errors.map(formatBankError);
}

/** The errors as the import screen shows them (delimited files). */
function rowErrors(name: string, text: string): string[] {
	const r = run(name, text);
	return r.ok ? [] : r.error.errors.map(formatImportError);
}

function cards(r: ImportResult) {
	if (!r.ok) throw new Error(r.error.errors.map(formatImportError).join('\n'));
	return r.value.bank.decks[0].questions.map((q) => {
		if (q.type !== 'flashcard') throw new Error(`${q.id} is a ${q.type}`);
		return { front: q.prompt.en, back: q.back.en, tags: q.tags };
	});
}

const HEAD = `title: { zh: "示例", en: "Demo" }
source:
  title: "A source"
  author: "An author"
  publisher: "A publisher"
  date: "2023-01"
  url: "https://example.org/a"
paragraphs: 3
summaries: { 1: { zh: "一", en: "One" }, 2: { zh: "二", en: "Two" }, 3: { zh: "三", en: "Three" } }
tags: { demo: { zh: "示例", en: "Demo" } }
decks:
`;

const SINGLE = `      - id: demo-001
        type: single
        prompt: { zh: "哪个？", en: "Which?" }
        options:
          - { zh: "甲", en: "A", correct: true }
          - { zh: "乙", en: "B" }
          - { zh: "丙", en: "C" }
        explanation: { zh: "因为。", en: "Because." }
        source: { paragraph: 2 }
        tags: [demo]
`;

const deck = (id: string, questions: string) =>
	`  - id: ${id}\n    title: { zh: "题组", en: "Deck" }\n    questions:\n${questions}`;

describe('importBankFile: a Kioku bank in one file', () => {
	it('reads a valid bank, its decks in file order, with a preview', () => {
		const text =
			HEAD + deck('zeta', SINGLE) + deck('alpha', SINGLE.replace('demo-001', 'demo-002'));
		const r = run('My Bank.yaml', text);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.format).toBe('kioku');
		expect(r.value.bank.id).toBe('my-bank');
		expect(r.value.bank.paragraphs).toBe(3);
		expect(r.value.bank.decks.map((d) => [d.id, d.bankId, d.file])).toEqual([
			['zeta', 'my-bank', 'My Bank.yaml'],
			['alpha', 'my-bank', 'My Bank.yaml'],
		]);
		expect(r.value.questionCount).toBe(2);
		expect(r.value.preview[0]).toEqual({
			line: 15,
			id: 'demo-001',
			type: 'single',
			front: { zh: '哪个？\n- 甲\n- 乙\n- 丙', en: 'Which?\n- A\n- B\n- C' },
			back: { zh: '甲', en: 'A' },
			tags: ['demo'],
		});
	});

	it('takes the bank id from the options when given', () => {
		const r = importBankFile('x.yaml', HEAD + deck('d', SINGLE), { bankId: 'Mine 2' });
		expect(r.ok && r.value.bank.id).toBe('mine-2');
	});

	it('gives files named in other scripts ids of their own, so one never replaces another', () => {
		const idOf = (name: string) => {
			const r = run(name, '山\tmountain\n');
			return r.ok ? r.value.bank.id : r.error.errors.map(formatImportError).join();
		};
		const ids = ['我的卡片.tsv', '天空.tsv', '日本語 2.tsv', '中文 2.tsv', 'Vocab.tsv'].map(idOf);
		expect(new Set(ids).size).toBe(5);
		expect(ids[0]).toMatch(/^imported-[a-z0-9]+$/);
		expect(ids[2]).toMatch(/^2-[a-z0-9]+$/);
		expect(ids[4]).toBe('vocab');
		// The same file again is the same bank: importing it again replaces it, progress kept.
		expect(idOf('我的卡片.tsv')).toBe(ids[0]);
		expect(idOf('Café.tsv')).toBe('cafe');
	});

	it("reports the CLI's messages at the uploaded file's lines and columns, with question ids", () => {
		const broken = SINGLE.replace('{ zh: "乙", en: "B" }', '{ zh: "乙", en: "B", correct: true }')
			.replace('paragraph: 2', 'paragraph: 4')
			.concat(
				`      - id: demo-001
        type: flashcard
        prompt: { zh: "正", en: "  " }
        explaination: { zh: "因为。", en: "Because." }
        source: { paragraph: 1 }
        tags: [demo]
`,
			);
		expect(cliErrors('demo.yaml', HEAD + deck('first', broken))).toEqual([
			'demo.yaml:18:9 demo-001: a single question needs exactly one correct option, found 2',
			'demo.yaml:23:19 demo-001: source.paragraph 4 is outside the source, which has paragraphs 1 to 3',
			'demo.yaml:25:9 demo-001: duplicate id: already used at demo.yaml:15:9',
			'demo.yaml:25:9 demo-001: missing field `explanation`',
			'demo.yaml:25:9 demo-001: missing field `back`',
			'demo.yaml:27:28 demo-001: prompt.en is empty',
			'demo.yaml:28:9 demo-001: unknown field `explaination`',
		]);
	});

	it('finds duplicate question ids across decks of the file', () => {
		expect(cliErrors('demo.yaml', HEAD + deck('one', SINGLE) + deck('two', SINGLE))).toEqual([
			'demo.yaml:28:9 demo-001: duplicate id: already used at demo.yaml:15:9',
		]);
	});

	it('checks the decks list: ids, reserved and repeated names, unknown fields', () => {
		const text =
			HEAD.replace('paragraphs: 3', 'paragraphs: 3\nauthor: "me"') +
			deck('source', SINGLE) +
			deck('Bad_Id', SINGLE) +
			`  - title: { zh: "x", en: "y" }\n` +
			deck('one', SINGLE) +
			deck('one', SINGLE.replace('demo-001', 'demo-009')) +
			`  - id: extra\n    title: { zh: "x", en: "y" }\n    colour: red\n    questions:\n${SINGLE.replace('demo-001', 'demo-010')}`;
		expect(cliErrors('demo.yaml', text)).toEqual([
			'demo.yaml:9:1 unknown field `author`',
			'demo.yaml:13:5 decks[0].id cannot be "source", the name of the bank\'s source file',
			'demo.yaml:26:5 decks[1].id must be lower-case letters, digits and "-"',
			'demo.yaml:39:5 missing field `decks[2].id`',
			'demo.yaml:53:5 duplicate deck id: already used at demo.yaml:40:5',
			'demo.yaml:68:5 unknown field `colour`',
		]);
	});

	it('refuses a source URL the home page could not link to', () => {
		const text = HEAD.replace('https://example.org/a', 'javascript:alert(1)') + deck('d', SINGLE);
		expect(cliErrors('demo.yaml', text)).toEqual([
			'demo.yaml:7:3 source.url must be an http or https address',
		]);
	});

	it('reads the same form as JSON, with lines and columns in the JSON text', () => {
		const bank = {
			title: { zh: '示例', en: 'Demo' },
			source: {
				title: 'A source',
				author: 'An author',
				publisher: 'A publisher',
				date: '2023',
				url: 'https://example.org/',
			},
			paragraphs: 2,
			summaries: { 1: { zh: '一', en: 'One' } },
			tags: { x: { zh: '叉', en: 'X' } },
			decks: [
				{
					id: 'cards',
					title: { zh: '卡片', en: 'Cards' },
					questions: [
						{
							id: 'q-1',
							type: 'flashcard',
							prompt: { zh: '正面', en: 'Front' },
							explanation: { zh: '说明', en: 'Why' },
							source: { paragraph: 3 },
							tags: ['x'],
						},
					],
				},
			],
		};
		expect(cliErrors('bank.json', JSON.stringify(bank, null, '\t'))).toEqual([
			'bank.json:34:5 q-1: missing field `back`',
			'bank.json:46:7 q-1: source.paragraph 3 is outside the source, which has paragraphs 1 to 2',
		]);
		const q = bank.decks[0].questions[0];
		Object.assign(q, { back: { zh: '背面', en: 'Back' }, source: { paragraph: 1 } });
		// The deck's id first, in the middle or last in a `{…}`: its comma goes with it.
		const { id, title, questions } = bank.decks[0];
		for (const d of [
			{ id, title, questions },
			{ title, id, questions },
			{ title, questions, id },
		]) {
			const r = run('bank.json', JSON.stringify({ ...bank, decks: [d] }));
			expect(r.ok ? r.value.bank.decks[0].questions.map((x) => x.id) : r.error.errors).toEqual([
				'q-1',
			]);
		}
		// And `decks` first in the file.
		const { decks, ...rest } = bank;
		const r = run('bank.json', JSON.stringify({ decks, ...rest }));
		expect(r.ok && r.value.bank.decks[0].id).toBe('cards');
	});

	it('explains that a deck file alone is not a bank', () => {
		expect(cliErrors('deck.yaml', 'title: { zh: "a", en: "b" }\nquestions: []\n')).toEqual([
			'deck.yaml:1:1 this is one deck file of a bank folder: a bank in one file has the fields of its source.yaml and `decks`, a list of its deck files each with an `id`',
		]);
		expect(cliErrors('list.yaml', '- a\n')).toEqual([
			'list.yaml:1:1 a Kioku bank file is a mapping with title, source, paragraphs and decks (or use a tab-separated or CSV file of cards)',
		]);
		expect(cliErrors('bank.yaml', HEAD.replace('decks:\n', 'decks: []\n'))).toEqual([
			'bank.yaml:11:1 decks needs at least one deck',
		]);
	});

	it('reports YAML syntax errors with their line', () => {
		expect(cliErrors('bad.yaml', 'title: { zh: "a", en: "b"\ndecks: []\n')).toEqual([
			expect.stringMatching(/^bad\.yaml:2:1 YAML syntax: /),
		]);
	});

	it('refuses deep nesting before parsing, fast and without blowing the stack', () => {
		const started = Date.now();
		expect(cliErrors('deep.json', '['.repeat(200_000))).toEqual([
			'deep.json:1:64 nests lists and mappings more than 64 levels deep',
		]);
		expect(cliErrors('deep.yaml', '- '.repeat(200_000) + 'x')).toEqual([
			'deep.yaml:1:127 nests lists and mappings more than 64 levels deep',
		]);
		const indented = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
		expect(cliErrors('deep.yaml', indented)).toEqual([
			'deep.yaml:65:65 nests lists and mappings more than 64 levels deep',
		]);
		expect(cliErrors('deep.json', '{"a":'.repeat(100) + '1' + '}'.repeat(100))).toEqual([
			'deep.json:1:316 nests lists and mappings more than 64 levels deep',
		]);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('does not count brackets in quoted texts, comments or block texts as nesting', () => {
		const texts = SINGLE.replace('Because.', `${'['.repeat(80)} it's \\"so\\" {`).replace(
			'tags: [demo]',
			`tags: [demo] # ${'{'.repeat(80)}\n        difficulty: 2`,
		);
		const block = `title:\n  zh: |\n    ${'[{'.repeat(50)}\n      ${'- '.repeat(70)}\n  en: "x"\n`;
		const text = HEAD.replace(/^title: .*\n/, block) + deck('d', texts);
		expect(cliErrors('ok.yaml', text)).toEqual([]);
	});

	it('refuses YAML aliases that expand exponentially, and files with too many aliases', () => {
		const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
		for (const [name, prev] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf']) {
			laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
		}
		expect(cliErrors('lol.yaml', laughs.join('\n'))).toEqual([
			'lol.yaml:1:1 its YAML aliases (*name) expand too far: write the repeated parts out',
		]);
		const many = `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]\n`;
		expect(cliErrors('many.yaml', many)).toEqual([
			'many.yaml:1:1 uses 101 YAML aliases (*name); the limit is 100',
		]);
	});

	it('refuses more questions than the limit, and over-long texts by field and id', () => {
		const n = IMPORT_LIMITS.maxQuestions + 1;
		const many = `decks:\n  - id: a\n    questions: [${Array(n).fill('{}').join(',')}]\n`;
		expect(cliErrors('many.yaml', many)).toEqual([
			'many.yaml:1:1 has 5,001 questions; the limit is 5,000: split the bank into several files',
		]);
		const long = SINGLE.replace('Because.', 'x'.repeat(IMPORT_LIMITS.maxFieldChars + 1));
		expect(cliErrors('long.yaml', HEAD + deck('d', long))).toEqual([
			'long.yaml:22:35 demo-001: explanation.en is 5,001 characters long; the limit is 5,000',
		]);
	});
});

describe('importBankFile: cards from delimited text', () => {
	it('reads an Anki "Notes in Plain Text" export with its headers, HTML turned into text', () => {
		const text = [
			'#separator:tab',
			'#html:true',
			'#deck:Geography',
			'#tags column:3',
			'Paris<br>France\t<b>capital</b> &amp; &lt;city&gt;<script>alert(1)</script>\tgeo::europe Capitals',
			'#a comment line',
			'"multi',
			'line"\t<div>back</div><div>[sound:a.mp3]two</div>\t',
			'',
		].join('\n');
		const r = run('anki.txt', text);
		expect(cards(r)).toEqual([
			{ front: 'Paris\nFrance', back: 'capital & <city>', tags: ['geo-europe', 'capitals'] },
			{ front: 'multi\nline', back: 'back\ntwo', tags: ['imported'] },
		]);
		// Tags keep the words the file gave them, to be shown instead of the ids.
		expect(r.ok && r.value.bank.tags).toEqual({
			'geo-europe': { zh: 'geo › europe', en: 'geo › europe' },
			capitals: { zh: 'Capitals', en: 'Capitals' },
			imported: { zh: '导入的卡片', en: 'Imported cards' },
		});
		expect(r.ok && r.value.delimited).toEqual({
			separator: 'tab',
			html: true,
			headerRow: false,
			anki: true,
		});
		expect(r.ok && r.value.bank.title).toEqual({ zh: 'Geography', en: 'Geography' });
	});

	it('maps a card to a flashcard question the schema accepts, the same text in both languages', () => {
		const r = run('Vocab List.txt', 'apple\tpomme\n');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const q = r.value.bank.decks[0].questions[0];
		expect(q).toEqual({
			id: expect.stringMatching(/^vocab-list-[a-z0-9]+$/),
			type: 'flashcard',
			prompt: { zh: 'apple', en: 'apple' },
			back: { zh: 'pomme', en: 'pomme' },
			explanation: {
				zh: '导入自 Vocab List.txt 第 1 行。',
				en: 'Imported from Vocab List.txt, line 1.',
			},
			source: { paragraphs: [1] },
			tags: ['imported'],
		});
		expect(r.value.bank).toMatchObject({
			id: 'vocab-list',
			title: { zh: 'Vocab List', en: 'Vocab List' },
			source: { title: 'Vocab List.txt', date: '2024-05-01' },
			paragraphs: 1,
			decks: [{ id: 'vocab-list', bankId: 'vocab-list', file: 'Vocab List.txt' }],
		});
	});

	it('keeps ids when rows move or a back is corrected, and they follow the bank id', () => {
		const ids = (text: string, bankId?: string) => {
			const r = importBankFile('v.txt', text, { ...TODAY, bankId });
			return r.ok ? r.value.bank.decks[0].questions.map((q) => q.id) : [];
		};
		const [a, b] = ids('one\t1\ntwo\t2\n');
		expect(ids('two\tdeux\nONE \t1\n')).toEqual([b, a]);
		expect(ids('one\t1\n', 'other')[0]).toMatch(/^other-/);
	});

	it('reads a Quizlet export: tabs, no quoting, text kept literally', () => {
		const text =
			'hello\tbonjour\n"Hi" she said\tsalut\nthe <script>alert(1)</script>\t<b>bold</b> &amp;\n\n';
		expect(cards(run('quizlet.txt', text))).toEqual([
			{ front: 'hello', back: 'bonjour', tags: ['imported'] },
			{ front: '"Hi" she said', back: 'salut', tags: ['imported'] },
			{ front: 'the <script>alert(1)</script>', back: '<b>bold</b> &amp;', tags: ['imported'] },
		]);
	});

	it('reads quoted CSV: commas, "" escapes and line breaks in fields; a header row; BOM and CRLF', () => {
		const text =
			'\ufeffFront,Back,Tags\r\n"Paris, France","the ""capital""\r\nof France",geo\r\n Berlin , "Germany" \r\n';
		const r = run('cards.csv', text);
		expect(cards(r)).toEqual([
			{ front: 'Paris, France', back: 'the "capital"\nof France', tags: ['geo'] },
			{ front: 'Berlin', back: 'Germany', tags: ['imported'] },
		]);
		expect(r.ok && r.value.delimited).toEqual({
			separator: 'comma',
			html: false,
			headerRow: true,
			anki: false,
		});
		expect(r.ok && r.value.bank.decks[0].questions[1].explanation.en).toBe(
			'Imported from cards.csv, line 4.',
		);
	});

	it('detects a semicolon separator and reads Anki column headers', () => {
		expect(cards(run('semi.csv', 'a;b\nc;"d;e"\n'))).toEqual([
			{ front: 'a', back: 'b', tags: ['imported'] },
			{ front: 'c', back: 'd;e', tags: ['imported'] },
		]);
		const anki =
			'#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\nab12\tBasic\tDefault\tQ\tA\tt1 t2\n';
		expect(cards(run('notes.txt', anki))).toEqual([{ front: 'Q', back: 'A', tags: ['t1', 't2'] }]);
	});

	it('names the line of every broken row, and imports nothing', () => {
		const text = 'a,b\n,empty front\nno back\nx,\nc,d,e\n"open,never\nclosed,ok\nA , dup\n';
		const r = run('bad.csv', text);
		expect(r.ok).toBe(false);
		expect(rowErrors('bad.csv', text)).toEqual([
			'line 2: the front is empty',
			'line 3: no back: put a comma between the front and the back',
			'line 4: the back is empty',
			'line 5: 3 fields, but a card has a front and a back (a field that contains a comma needs "double quotes")',
			'line 6: a field opens with " at column 1 and is never closed',
			'line 8: the front repeats line 1: "A"',
		]);
		// Each also as data, for the import screen to say in the learner's language.
		expect(r.ok ? [] : r.error.errors.map((e) => e.problem)).toEqual([
			{ kind: 'empty', side: 'front' },
			{ kind: 'no-back' },
			{ kind: 'empty', side: 'back' },
			{ kind: 'surplus-fields', count: 3 },
			{ kind: 'unclosed-quote', column: 1 },
			{ kind: 'front-repeats', line: 1 },
		]);
		// The preview still shows what was read, errors included.
		expect((r.ok ? r.value : r.error).preview.map((p) => [p.line, p.front.en, p.back.en])).toEqual([
			[1, 'a', 'b'],
			[2, '', 'empty front'],
			[3, 'no back', ''],
			[4, 'x', ''],
			[5, 'c', 'd'],
			[7, 'closed', 'ok'],
			[8, 'A', 'dup'],
		]);
	});

	it('refuses a tab file with columns beyond front, back and tags', () => {
		expect(rowErrors('t.txt', 'a\tb\tc\td\n')).toEqual([
			'line 1: 4 fields, but a card has a front, a back and tags',
		]);
	});

	it('says when there is no separator or no card', () => {
		expect(rowErrors('words.txt', 'just words\nmore\n')).toEqual([
			'line 1: no separator found: put a tab (or a comma) between the front and the back of each card',
		]);
		expect(rowErrors('empty.txt', '')).toEqual(['line 1: the file has no cards']);
		expect(rowErrors('head.csv', 'term,definition\n')).toEqual(['line 1: the file has no cards']);
	});

	it('refuses more rows than the limit and over-long fields', () => {
		const rows = Array.from({ length: IMPORT_LIMITS.maxQuestions + 1 }, (_, i) => `f${i}\tb`);
		expect(rowErrors('many.txt', rows.join('\n'))).toEqual([
			'line 5001: the file has more than 5,000 cards, the most Kioku imports at once: split it into several files',
		]);
		expect(rowErrors('long.txt', `front\t${'x'.repeat(5001)}\n`)).toEqual([
			'line 1: the back is 5,001 characters long; the limit is 5,000',
		]);
	});
});

describe('importBankFile: refusals before reading', () => {
	it('refuses a file over the size limit, saying how big it is', () => {
		const r = run('big.csv', 'a,b\n' + 'x'.repeat(3 * 1024 * 1024));
		expect(r.ok ? [] : r.error.errors.map((e) => e.message)).toEqual([
			'big.csv is 3.0 MB; the largest file Kioku imports is 2 MB',
		]);
		expect(checkImportSize('big.csv', 2 * 1024 * 1024).ok).toBe(true);
		expect(checkImportSize('big.csv', 5_500_000)).toEqual({
			ok: false,
			error: 'big.csv is 5.2 MB; the largest file Kioku imports is 2 MB',
		});
	});

	it('refuses binary files, text that was not UTF-8, and Anki packages', () => {
		expect(rowErrors('x.txt', 'PK\u0003\u0004\0\0')).toEqual([
			'line 1: x.txt is not a text file (it contains NUL characters): save it as UTF-8 text (CSV, TSV, YAML or JSON)',
		]);
		expect(rowErrors('gbk.csv', 'ok,fine\n\ufffd\ufffd,x\n')).toEqual([
			'line 2: gbk.csv is not UTF-8: a character on this line could not be read (it shows as �); save the file as UTF-8 and import it again',
		]);
		expect(rowErrors('deck.apkg', 'x')).toEqual([
			'line 1: deck.apkg is an Anki package: in Anki, use File → Export → "Notes in Plain Text" and import that file',
		]);
	});

	it('lists at most the error limit, counting the rest', () => {
		const text = Array.from({ length: 250 }, (_, i) => `f${i}\t`).join('\n');
		const errors = rowErrors('empty-backs.txt', text);
		expect(errors).toHaveLength(IMPORT_LIMITS.maxErrors + 1);
		expect(errors.at(-1)).toBe('line 201: and 50 more errors');
	});

	it('never throws, whatever the text', () => {
		const nasty = ['"', '\t"', '{', '- [', '&a x\n*a', '\r\r\n"', ',,,\n,,,', '#separator:foo\na'];
		for (const text of nasty) {
			for (const name of ['f.csv', 'f.txt', 'f.yaml', 'f']) {
				expect(() => importBankFile(name, text)).not.toThrow();
			}
		}
	});
});

describe('question ids that another bank already has', () => {
	const bank = (id: string, questions: string[]) => {
		const r = importBankFile(`${id}.tsv`, questions.map((q) => `${q}\tback of ${q}`).join('\n'), {
			...TODAY,
			bankId: id,
		});
		if (!r.ok) throw new Error(r.error.errors.map(formatImportError).join('\n'));
		return r.value.bank;
	};
	const ids = (b: ReturnType<typeof bank>) => b.decks.flatMap((d) => d.questions.map((q) => q.id));

	it('refuses a built-in bank id, and names each question id used by another bank', () => {
		const mine = bank('mine', ['one', 'two', 'three']);
		const [first, , third] = ids(mine);
		const owners = {
			builtInBanks: new Set(['kishida']),
			questions: new Map([
				[first, 'kishida'],
				[third, 'other'],
			]),
		};
		expect(idClashes(mine, owners)).toEqual([
			{ kind: 'question', id: first, bank: 'kishida' },
			{ kind: 'question', id: third, bank: 'other' },
		]);
		expect(idClashes(bank('kishida', ['one']), owners)).toEqual([{ kind: 'built-in-bank' }]);
		// Its own earlier import owns its ids: replacing it is no clash.
		expect(
			idClashes(mine, { builtInBanks: new Set(), questions: new Map([[first, 'mine']]) }),
		).toEqual([]);
	});

	it('checks the banks of one backup against the device and against each other', () => {
		const a = bank('a', ['x', 'y']);
		const b = bank('b', ['z']);
		const none = { builtInBanks: new Set<string>(), questions: new Map<string, string>() };
		expect(firstClashAmong([a, b], none)).toBeUndefined();
		// The same questions under another bank id: the second bank clashes with the first.
		const copy = { ...a, id: 'copy' };
		expect(firstClashAmong([a, copy], none)).toEqual({
			bank: 'copy',
			clash: { kind: 'question', id: ids(a)[0], bank: 'a' },
		});
		expect(
			firstClashAmong([b, a], {
				builtInBanks: new Set(),
				questions: new Map([[ids(a)[1], 'kept']]),
			}),
		).toEqual({ bank: 'a', clash: { kind: 'question', id: ids(a)[1], bank: 'kept' } });
		expect(firstClashAmong([a], { builtInBanks: new Set(['a']), questions: new Map() })).toEqual({
			bank: 'a',
			clash: { kind: 'built-in-bank' },
		});
	});
});

describe('bankLabel: telling banks with the same title apart', () => {
	const bank = (id: string, en: string) => ({ id, title: { zh: en, en } });
	it('adds the id only where another bank has the same title', () => {
		const banks = [
			bank('kishida', 'Kishida'),
			bank('kishida-copy', 'Kishida'),
			bank('kanji', 'Kanji'),
		];
		expect(bankLabel(banks[0], banks, 'en')).toBe('Kishida (kishida)');
		expect(bankLabel(banks[1], banks, 'en')).toBe('Kishida (kishida-copy)');
		expect(bankLabel(banks[2], banks, 'en')).toBe('Kanji');
	});
});

describe('cards pasted or dropped, with the choices the import screen offers', () => {
	const QUIZLET = 'sky\t天空\nsea\t海\nmountain\t山';
	const cardsOf = (r: ImportResult) => {
		if (!r.ok) throw new Error(r.error.errors.map(formatImportError).join('\n'));
		return r.value.bank.decks[0].questions.map((q) => [
			q.id,
			q.prompt.en,
			q.type === 'flashcard' ? q.back.en : '',
		]);
	};

	it('names the bank and the deck as the learner typed them', () => {
		const r = importBankFile('Pasted.txt', QUIZLET, {
			...TODAY,
			bankTitle: 'My words',
			deckTitle: 'Week 1',
		});
		expect(r.ok && r.value.bank.title).toEqual({ zh: 'My words', en: 'My words' });
		expect(r.ok && r.value.bank.decks[0]).toMatchObject({
			id: 'week-1',
			title: { zh: 'Week 1', en: 'Week 1' },
		});
	});

	it('takes the second column as the front when the list gives the answer first', () => {
		const cards = cardsOf(importBankFile('w.txt', QUIZLET, { ...TODAY, frontColumn: 2 }));
		expect(cards.map(([, front, back]) => [front, back])).toEqual([
			['天空', 'sky'],
			['海', 'sea'],
			['山', 'mountain'],
		]);
	});

	it('adds each card the other way round, as a card of its own with a stable id', () => {
		const once = cardsOf(importBankFile('w.txt', QUIZLET, { ...TODAY, reverse: true }));
		expect(once).toHaveLength(6);
		expect(once.slice(3).map(([id, front, back]) => [id, front, back])).toEqual(
			once.slice(0, 3).map(([id, front, back]) => [`${id}-r`, back, front]),
		);
		const r = importBankFile('w.txt', QUIZLET, { ...TODAY, reverse: true });
		expect(r.ok && r.value.questionCount).toBe(6);
		// The same list again: the same ids, so its progress is kept.
		expect(cardsOf(importBankFile('w.txt', QUIZLET, { ...TODAY, reverse: true }))).toEqual(once);
	});

	it('refuses reverse cards that would pass the import limit, saying what to do', () => {
		const rows = Array.from(
			{ length: IMPORT_LIMITS.maxQuestions / 2 + 1 },
			(_, i) => `w${i}\tv${i}`,
		);
		const errors = rowErrors('big.txt', rows.join('\n'));
		expect(errors).toEqual([]);
		const r = importBankFile('big.txt', rows.join('\n'), { ...TODAY, reverse: true });
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error.errors.map(formatImportError)).toEqual([
			expect.stringContaining('import it without reverse cards'),
		]);
	});
});
