/**
 * Kioku banks in one file, each with one kind of mistake, and what the validator says of each
 * in English (as the CLI prints it: `file:line:column id: message`).
 */
import type { BankProblem } from '../../src/lib/bank/problems.ts';

export const HEAD = `title: { zh: "示例", en: "Demo" }
source:
  title: "A source"
  author: "An author"
  publisher: "A publisher"
  date: "2023-01"
  url: "https://example.org/a"
paragraphs: 3
summaries: { 1: { zh: "一", en: "One" }, 2: { zh: "二", en: "Two" }, 3: { zh: "三", en: "Three" } }
tags: { demo: { zh: "示例", en: "Demo" } }
retired: [demo-old]
decks:
`;

const COMMON = `        explanation: { zh: "因为。", en: "Because." }
        source: { paragraph: 2 }
        tags: [demo]
`;

export const SINGLE = `      - id: demo-001
        type: single
        prompt: { zh: "哪个？", en: "Which?" }
        options:
          - { zh: "甲", en: "A", correct: true }
          - { zh: "乙", en: "B" }
          - { zh: "丙", en: "C" }
${COMMON}`;

const MULTI = `      - id: demo-002
        type: multi
        prompt: { zh: "哪些？", en: "Which ones?" }
        options:
          - { zh: "甲", en: "A", correct: true }
          - { zh: "乙", en: "B", correct: true }
          - { zh: "丙", en: "C" }
${COMMON}`;

const cloze = (zh: string, en: string) => `      - id: demo-003
        type: cloze
        prompt: { zh: "填空。", en: "Fill in." }
        text: { zh: "${zh}", en: "${en}" }
${COMMON}`;

const SHORT = `      - id: demo-004
        type: short
        prompt: { zh: "哪国？", en: "Which country?" }
        answers: { zh: [日本], en: [Japan, Nippon] }
${COMMON}`;

const ORDER = `      - id: demo-005
        type: order
        prompt: { zh: "排序。", en: "Put in order." }
        items:
          - { zh: "一", en: "One" }
          - { zh: "二", en: "Two" }
          - { zh: "三", en: "Three" }
${COMMON}`;

export const deck = (id: string, questions: string) =>
	`  - id: ${id}\n    title: { zh: "题组", en: "Deck" }\n    questions:\n${questions}`;

const bank = (questions: string) => HEAD + deck('d', questions);

export interface BrokenBank {
	kind: BankProblem['kind'];
	text: string;
	/** What the validator says, imported as `bank.yaml`, one error a line as the CLI prints it. */
	english: string[];
}

/** One file per mistake; several where one kind of mistake is found in more than one way. */
export const BROKEN_BANKS: BrokenBank[] = [
	// The shape of a field.
	{
		kind: 'unknown-field',
		text: bank(SINGLE.replace('explanation:', 'explaination:')),
		english: [
			'bank.yaml:16:9 demo-001: missing field `explanation`',
			'bank.yaml:23:9 demo-001: unknown field `explaination`',
		],
	},
	{
		kind: 'unknown-field',
		text: HEAD.replace('paragraphs: 3', 'paragraphs: 3\nauthor: me') + deck('d', SINGLE),
		english: ['bank.yaml:9:1 unknown field `author`'],
	},
	{
		kind: 'missing-field',
		text: bank(SINGLE.replace(/ {8}explanation: .*\n/, '')),
		english: ['bank.yaml:16:9 demo-001: missing field `explanation`'],
	},
	{
		kind: 'missing-field',
		text: HEAD + `  - title: { zh: "x", en: "y" }\n    questions:\n${SINGLE}`,
		english: ['bank.yaml:13:5 missing field `decks[0].id`'],
	},
	{
		kind: 'wrong-type',
		text: bank(SINGLE.replace('prompt: { zh: "哪个？", en: "Which?" }', 'prompt: "Which?"')),
		english: [
			'bank.yaml:18:9 demo-001: prompt Invalid type: Expected Object but received "Which?"',
		],
	},
	{
		kind: 'wrong-type',
		text: HEAD.replace('paragraphs: 3', 'paragraphs: "3"') + deck('d', SINGLE),
		english: ['bank.yaml:8:1 paragraphs must be a number'],
	},
	{
		kind: 'wrong-type',
		text: bank(SINGLE.replace('tags: [demo]', 'tags: demo')),
		english: ['bank.yaml:25:9 demo-001: tags must be a list of tags'],
	},
	{
		kind: 'wrong-type',
		text: bank(SINGLE.replace('correct: true', 'correct: yes')),
		english: ['bank.yaml:20:33 demo-001: options[0].correct must be true or false'],
	},
	{
		kind: 'wrong-type',
		text: HEAD + '  - just a deck name\n',
		english: ['bank.yaml:13:5 decks[0] must be a deck with an id'],
	},
	{
		kind: 'not-one-of',
		text: bank(SINGLE.replace('type: single', 'type: essay')),
		english: [
			'bank.yaml:17:9 demo-001: type must be one of: flashcard, single, multi, truefalse, cloze, short, order',
		],
	},
	{
		kind: 'not-one-of',
		text: bank(SINGLE.replace('tags: [demo]', 'tags: [demo]\n        difficulty: 4')),
		english: ['bank.yaml:26:9 demo-001: difficulty must be 1 (easy), 2 (medium) or 3 (hard)'],
	},
	{
		kind: 'empty-text',
		text: bank(SINGLE.replace('en: "Which?"', 'en: "  "')),
		english: ['bank.yaml:18:30 demo-001: prompt.en is empty'],
	},
	{
		kind: 'bad-id',
		text: bank(SINGLE.replace('id: demo-001', 'id: Demo_001')),
		english: ['bank.yaml:16:9 Demo_001: id must be lower-case letters, digits and "-"'],
	},
	{
		kind: 'bad-id',
		text: HEAD + deck('Bad_Deck', SINGLE),
		english: ['bank.yaml:13:5 decks[0].id must be lower-case letters, digits and "-"'],
	},
	{
		kind: 'bad-date',
		text: HEAD.replace('"2023-01"', '"2023/01"') + deck('d', SINGLE),
		english: ['bank.yaml:6:3 source.date must be YYYY, YYYY-MM or YYYY-MM-DD'],
	},
	{
		kind: 'not-url',
		text: HEAD.replace('"https://example.org/a"', '"example.org"') + deck('d', SINGLE),
		english: ['bank.yaml:7:3 source.url must be a URL'],
	},
	{
		kind: 'not-web-address',
		text: HEAD.replace('https://example.org/a', 'ftp://example.org/a') + deck('d', SINGLE),
		english: ['bank.yaml:7:3 source.url must be an http or https address'],
	},
	{
		kind: 'not-paragraph-key',
		text: HEAD.replace('3: { zh: "三"', 'three: { zh: "三"') + deck('d', SINGLE),
		english: ['bank.yaml:9:68 summaries.three is not a paragraph number'],
	},
	{
		kind: 'not-whole-number',
		text: bank(SINGLE.replace('paragraph: 2', 'paragraph: 1.5')),
		english: ['bank.yaml:24:19 demo-001: source.paragraph must be a whole number'],
	},
	{
		kind: 'too-small',
		text: bank(SINGLE.replace('paragraph: 2', 'paragraph: 0')),
		english: ['bank.yaml:24:19 demo-001: source.paragraph must be 1 or more'],
	},
	{
		kind: 'too-small',
		text:
			HEAD.replace('paragraphs: 3', 'paragraphs: 0').replace(/^summaries: .*\n/m, '') +
			deck('d', SINGLE),
		english: ['bank.yaml:8:1 paragraphs must be 1 or more'],
	},
	{
		kind: 'too-few',
		text: bank(SINGLE.replace('tags: [demo]', 'tags: []')),
		english: ['bank.yaml:25:9 demo-001: tags needs at least one tag'],
	},
	{
		kind: 'too-few',
		text: bank(SINGLE.replace(/ {10}- \{ zh: "丙".*\n/, '')),
		english: ['bank.yaml:19:9 demo-001: options needs 3 to 5 options'],
	},
	{
		kind: 'too-few',
		text: HEAD.replace('decks:\n', 'decks: []\n'),
		english: ['bank.yaml:12:1 decks needs at least one deck'],
	},
	{
		kind: 'too-few',
		text: bank(SHORT.replace('zh: [日本]', 'zh: []')),
		english: ['bank.yaml:19:20 demo-004: answers.zh needs at least one accepted form'],
	},
	{
		kind: 'too-many',
		text: bank(
			SINGLE.replace(
				'- { zh: "丙", en: "C" }',
				'- { zh: "丙", en: "C" }\n          - { zh: "丁", en: "D" }\n          - { zh: "戊", en: "E" }\n          - { zh: "己", en: "F" }',
			),
		),
		english: ['bank.yaml:19:9 demo-001: options needs 3 to 5 options'],
	},
	{
		kind: 'listed-twice',
		text: bank(SINGLE.replace('paragraph: 2', 'paragraphs: [2, 1, 2]')),
		english: ['bank.yaml:24:19 demo-001: source.paragraphs lists paragraph 2 twice'],
	},
	{
		kind: 'listed-twice',
		text: HEAD.replace('retired: [demo-old]', 'retired: [demo-old, demo-old]') + deck('d', SINGLE),
		english: ['bank.yaml:11:1 retired lists "demo-old" twice'],
	},
	{
		kind: 'no-paragraph-cited',
		text: bank(SINGLE.replace('{ paragraph: 2 }', '{}')),
		english: [
			'bank.yaml:24:9 demo-001: source needs `paragraph: N`, or `paragraphs: [N, M]` to cite several',
		],
	},
	{
		kind: 'paragraph-and-paragraphs',
		text: bank(SINGLE.replace('{ paragraph: 2 }', '{ paragraph: 2, paragraphs: [1, 3] }')),
		english: [
			'bank.yaml:24:9 demo-001: source gives both `paragraph` and `paragraphs`: keep one (`paragraphs: [N, M]` cites several)',
		],
	},
	// Rules across the fields of one question.
	{
		kind: 'single-needs-one-correct',
		text: bank(SINGLE.replace('en: "B" }', 'en: "B", correct: true }')),
		english: [
			'bank.yaml:19:9 demo-001: a single question needs exactly one correct option, found 2',
		],
	},
	{
		kind: 'multi-needs-two-correct',
		text: bank(MULTI.replace('en: "B", correct: true }', 'en: "B" }')),
		english: [
			'bank.yaml:19:9 demo-002: a multi question needs at least 2 correct options, found 1 (use type: single for one)',
		],
	},
	{
		kind: 'multi-needs-a-wrong-option',
		text: bank(MULTI.replace('en: "C" }', 'en: "C", correct: true }')),
		english: [
			'bank.yaml:19:9 demo-002: a multi question needs at least one option that is not correct',
		],
	},
	{
		kind: 'repeated-item',
		text: bank(SINGLE.replace('{ zh: "丙", en: "C" }', '{ zh: "丙", en: "a" }')),
		english: ['bank.yaml:22:24 demo-001: option 3 repeats option 1 in en: "a"'],
	},
	{
		kind: 'repeated-item',
		text: bank(ORDER.replace('{ zh: "三", en: "Three" }', '{ zh: "一", en: "Three" }')),
		english: ['bank.yaml:22:15 demo-005: item 3 repeats item 1 in zh: "一"'],
	},
	{
		kind: 'answer-twice',
		text: bank(SHORT.replace('[Japan, Nippon]', '[Japan, japan]')),
		english: ['bank.yaml:19:42 demo-004: answers.en lists "japan" twice'],
	},
	{
		kind: 'cloze-empty-answer',
		text: bank(cloze('日本在{{}}年。', 'Japan in {{2023}}.')),
		english: ['bank.yaml:19:17 demo-003: text.zh blank 1 has an empty answer: "{{}}"'],
	},
	{
		kind: 'cloze-tilde-inside',
		text: bank(cloze('以{{武力|~胁迫}}和{{~甲}}。', 'By {{~force}} and {{~b}}.')),
		english: [
			'bank.yaml:19:17 demo-003: text.zh blank 1 has "~" inside it: "{{武力|~胁迫}}"; "~" goes once, right after "{{", to mark a blank whose answers may come in any order',
		],
	},
	{
		kind: 'cloze-unbalanced',
		text: bank(cloze('日本在{{2023}}年。', 'Japan in {{2023.')),
		english: [
			'bank.yaml:19:38 demo-003: text.en has a "{{" without its "}}" (or the other way round)',
		],
	},
	{
		kind: 'cloze-no-blank',
		text: bank(cloze('日本在2023年。', 'Japan in {{2023}}.')),
		english: ['bank.yaml:19:17 demo-003: text.zh has no blank: mark one with {{answer}}'],
	},
	{
		kind: 'blank-group-of-one',
		text: bank(cloze('以{{~武力}}或{{~胁迫}}。', 'By {{~force}} or {{coercion}}.')),
		english: [
			'bank.yaml:19:9 demo-003: text.zh marks 2 blank(s) with "~" and text.en marks 1: both languages must mark the same blanks as answerable in any order',
			'bank.yaml:19:42 demo-003: text.en marks only one blank with "~": "~" lets the blanks of a group take each other\'s answers, so mark two or more (or none)',
		],
	},
	{
		kind: 'blank-groups-differ',
		text: bank(cloze('以{{~武力}}或{{~胁迫}}。', 'By {{force}} or {{coercion}}.')),
		english: [
			'bank.yaml:19:9 demo-003: text.zh marks 2 blank(s) with "~" and text.en marks 0: both languages must mark the same blanks as answerable in any order',
		],
	},
	// Rules across questions and files.
	{
		kind: 'duplicate-id',
		text: HEAD + deck('one', SINGLE) + deck('two', SINGLE),
		english: ['bank.yaml:29:9 demo-001: duplicate id: already used at bank.yaml:16:9'],
	},
	{
		kind: 'retired-id',
		text: bank(SINGLE.replace('id: demo-001', 'id: demo-old')),
		english: [
			"bank.yaml:16:9 demo-old: id is retired (listed at bank.yaml:11:11): a removed question's id is never used again, so give this question a new one",
		],
	},
	{
		kind: 'paragraph-outside',
		text: bank(SINGLE.replace('paragraph: 2', 'paragraph: 7')),
		english: [
			'bank.yaml:24:19 demo-001: source.paragraph 7 is outside the source, which has paragraphs 1 to 3',
		],
	},
	{
		kind: 'summary-outside',
		text:
			HEAD.replace(
				'3: { zh: "三", en: "Three" }',
				'3: { zh: "三", en: "Three" }, 9: { zh: "九", en: "Nine" }',
			) + deck('d', SINGLE),
		english: [
			'bank.yaml:9:97 summaries.9 summarises a paragraph outside the source, which has paragraphs 1 to 3',
		],
	},
	{
		kind: 'tag-without-title',
		text: bank(SINGLE.replace('tags: [demo]', 'tags: [demo, economy]')),
		english: [
			'bank.yaml:25:22 demo-001: tag "economy" has no title: add it under `tags:` in source.yaml, e.g. `economy: { zh: "…", en: "…" }`',
		],
	},
	{
		kind: 'paragraph-without-summary',
		text: HEAD.replace(', 2: { zh: "二", en: "Two" }', '') + deck('d', SINGLE),
		english: [
			'bank.yaml:24:19 demo-001: paragraph 2 has no summary: add it under `summaries:` in source.yaml, e.g. `2: { zh: "…", en: "…" }`',
		],
	},
	// YAML, and a bank in one file.
	{
		kind: 'yaml-syntax',
		text: bank(SINGLE.replace('en: "Which?" }', 'en: "Which?"')),
		english: [
			'bank.yaml:19:9 YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
		],
	},
	{
		kind: 'yaml-syntax',
		text: HEAD.replace('paragraphs: 3', 'paragraphs: 3\nparagraphs: 4') + deck('d', SINGLE),
		english: ['bank.yaml:9:1 YAML syntax: Map keys must be unique'],
	},
	{
		kind: 'yaml-syntax',
		text: bank(SINGLE.replace('        tags: [demo]', '\ttags: [demo]')),
		english: [
			'bank.yaml:25:1 YAML syntax: Tabs are not allowed as indentation',
			'bank.yaml:25:2 YAML syntax: Map keys must be unique',
		],
	},
	{
		kind: 'too-deep',
		text: `title: ${'['.repeat(70)}${']'.repeat(70)}\n`,
		english: ['bank.yaml:1:71 nests lists and mappings more than 64 levels deep'],
	},
	{
		kind: 'too-many-aliases',
		text: `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]\n`,
		english: ['bank.yaml:1:1 uses 101 YAML aliases (*name); the limit is 100'],
	},
	{
		kind: 'aliases-explode',
		text: [
			'a: &a ["x","x","x","x","x","x","x","x","x"]',
			...['ba', 'cb', 'dc', 'ed', 'fe', 'gf'].map(
				([n, p]) => `${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`,
			),
		].join('\n'),
		english: [
			'bank.yaml:1:1 its YAML aliases (*name) expand too far: write the repeated parts out',
		],
	},
	{
		kind: 'not-a-bank',
		text: '- just\n- a list\n',
		english: [
			'bank.yaml:1:1 a Kioku bank file is a mapping with title, source, paragraphs and decks (or use a tab-separated or CSV file of cards)',
		],
	},
	{
		kind: 'deck-file-alone',
		text: 'title: { zh: "题组", en: "Deck" }\nquestions: []\n',
		english: [
			'bank.yaml:1:1 this is one deck file of a bank folder: a bank in one file has the fields of its source.yaml and `decks`, a list of its deck files each with an `id`',
		],
	},
	{
		kind: 'too-many-questions',
		text: `decks:\n  - id: a\n    questions: [${Array(5001).fill('{}').join(',')}]\n`,
		english: [
			'bank.yaml:1:1 has 5,001 questions; the limit is 5,000: split the bank into several files',
		],
	},
	{
		kind: 'text-too-long',
		text: bank(SINGLE.replace('Because.', 'x'.repeat(5001))),
		english: [
			'bank.yaml:23:35 demo-001: explanation.en is 5,001 characters long; the limit is 5,000',
		],
	},
	{
		kind: 'reserved-deck-id',
		text: HEAD + deck('source', SINGLE),
		english: ['bank.yaml:13:5 decks[0].id cannot be "source", the name of the bank\'s source file'],
	},
	{
		kind: 'duplicate-deck-id',
		text: HEAD + deck('one', SINGLE) + deck('one', MULTI),
		english: ['bank.yaml:26:5 duplicate deck id: already used at bank.yaml:13:5'],
	},
];
