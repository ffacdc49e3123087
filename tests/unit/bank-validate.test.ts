import { describe, expect, it } from 'vitest';
import { formatBankError, validateBankTree, type BankFile } from '../../src/lib/bank/index.ts';

const SOURCE = `title: { zh: "示例", en: "Demo" }
source:
  title: "A source"
  author: "An author"
  publisher: "A publisher"
  date: "2023-01"
  url: "https://example.org/a"
paragraphs: 3
summaries:
  1: { zh: "第一段。", en: "The first." }
  2: { zh: "第二段。", en: "The second." }
  3: { zh: "第三段。", en: "The third." }
tags:
  demo: { zh: "示例", en: "Demo" }
`;

const GOOD_SINGLE = `  - id: demo-001
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

function tree(deck: string, extra: BankFile[] = []) {
	return validateBankTree([
		{ path: 'questions/demo/source.yaml', text: SOURCE },
		{
			path: 'questions/demo/deck.yaml',
			text: `title: { zh: "题组", en: "Deck" }\nquestions:\n${deck}`,
		},
		...extra,
	]);
}

const messages = (deck: string, extra?: BankFile[]) =>
	tree(deck, extra).errors.map(formatBankError);

describe('validateBankTree', () => {
	it('accepts a valid bank and returns its decks and questions', () => {
		const result = tree(GOOD_SINGLE);
		expect(result.errors).toEqual([]);
		expect(result.banks).toHaveLength(1);
		expect(result.banks[0].paragraphs).toBe(3);
		expect(result.banks[0].decks[0]).toMatchObject({ id: 'deck', bankId: 'demo' });
		expect(result.banks[0].decks[0].questions.map((q) => q.id)).toEqual(['demo-001']);
	});

	it('reports YAML syntax errors with their line', () => {
		expect(messages(`  - id: demo-001\n    prompt: { zh: "x", en: "y"\n`)).toEqual([
			expect.stringMatching(/^questions\/demo\/deck\.yaml:\d+:\d+ YAML syntax: /),
		]);
	});

	it('names file, line, column and id for a single question with two correct options', () => {
		const deck = GOOD_SINGLE.replace(
			'{ zh: "乙", en: "B" }',
			'{ zh: "乙", en: "B", correct: true }',
		);
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:6:5 demo-001: a single question needs exactly one correct option, found 2',
		]);
	});

	it('refuses a single question with no correct option', () => {
		const deck = GOOD_SINGLE.replace(', correct: true', '');
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:6:5 demo-001: a single question needs exactly one correct option, found 0',
		]);
	});

	it('refuses duplicate options in either language', () => {
		const deck = GOOD_SINGLE.replace('{ zh: "丙", en: "C" }', '{ zh: "丙", en: " a " }');
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:9:20 demo-001: option 3 repeats option 1 in en: " a "',
		]);
	});

	it('reports unknown and missing fields and blank translations, all at once', () => {
		const deck = GOOD_SINGLE.replace('explanation:', 'explaination:').replace(
			'en: "Which?"',
			'en: "  "',
		);
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:3:5 demo-001: missing field `explanation`',
			'questions/demo/deck.yaml:5:26 demo-001: prompt.en is empty',
			'questions/demo/deck.yaml:10:5 demo-001: unknown field `explaination`',
		]);
	});

	it('reports a missing translation by its field', () => {
		const deck = GOOD_SINGLE.replace('{ zh: "因为。", en: "Because." }', '{ zh: "因为。" }');
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:10:5 demo-001: missing field `explanation.en`',
		]);
	});

	it('refuses an unknown question type', () => {
		expect(messages(GOOD_SINGLE.replace('type: single', 'type: essay'))).toEqual([
			'questions/demo/deck.yaml:4:5 demo-001: type must be one of: flashcard, single, multi, truefalse, cloze, short, order',
		]);
	});

	it('finds duplicate ids across files of the whole tree', () => {
		const other: BankFile = {
			path: 'questions/other/source.yaml',
			text: SOURCE,
		};
		const otherDeck: BankFile = {
			path: 'questions/other/more.yaml',
			text: `title: { zh: "更多", en: "More" }\nquestions:\n${GOOD_SINGLE}`,
		};
		expect(messages(GOOD_SINGLE, [other, otherDeck])).toEqual([
			'questions/other/more.yaml:3:5 demo-001: duplicate id: already used at questions/demo/deck.yaml:3:5',
		]);
	});

	it('refuses a paragraph outside the source', () => {
		expect(messages(GOOD_SINGLE.replace('paragraph: 2', 'paragraph: 4'))).toEqual([
			'questions/demo/deck.yaml:11:15 demo-001: source.paragraph 4 is outside the source, which has paragraphs 1 to 3',
		]);
	});

	it('refuses a cloze without a blank, a short answer without accepted forms and a short order', () => {
		const common = `    explanation: { zh: "因为", en: "Because" }\n    source: { paragraph: 1 }\n    tags: [demo]\n`;
		const deck = [
			`  - id: c-1\n    type: cloze\n    prompt: { zh: "填空", en: "Fill" }\n    text: { zh: "没有空", en: "A {{gap}}" }\n${common}`,
			`  - id: s-1\n    type: short\n    prompt: { zh: "问", en: "Ask" }\n    answers: { zh: [], en: ["x"] }\n${common}`,
			`  - id: o-1\n    type: order\n    prompt: { zh: "排", en: "Order" }\n    items:\n      - { zh: "一", en: "one" }\n      - { zh: "二", en: "two" }\n${common}`,
		].join('');
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:6:13 c-1: text.zh has no blank: mark one with {{answer}}',
			'questions/demo/deck.yaml:13:16 s-1: answers.zh needs at least one accepted form',
			'questions/demo/deck.yaml:20:5 o-1: items needs 3 to 6 items',
		]);
	});

	it('requires several correct options and one wrong one in a multi question', () => {
		const deck = GOOD_SINGLE.replace('type: single', 'type: multi');
		expect(messages(deck)).toEqual([
			'questions/demo/deck.yaml:6:5 demo-001: a multi question needs at least 2 correct options, found 1 (use type: single for one)',
		]);
	});

	it('keeps valid questions when another one in the deck is broken', () => {
		const broken = GOOD_SINGLE.replace('demo-001', 'demo-002').replace(
			'type: single',
			'type: essay',
		);
		const result = tree(GOOD_SINGLE + broken);
		expect(result.errors).toHaveLength(1);
		expect(result.banks[0].decks[0].questions.map((q) => q.id)).toEqual(['demo-001']);
	});

	it('requires a source file in each bank and bank files inside bank folders', () => {
		const result = validateBankTree([
			{
				path: 'questions/lonely/deck.yaml',
				text: `title: { zh: "题组", en: "Deck" }\nquestions:\n${GOOD_SINGLE}`,
			},
			{ path: 'questions/stray.yaml', text: 'title: x' },
		]);
		expect(result.errors.map(formatBankError)).toEqual([
			'questions/lonely/source.yaml:1:1 bank "lonely" has no source.yaml',
			'questions/stray.yaml:1:1 a bank file belongs in questions/<bank>/<deck>.yaml',
		]);
	});

	describe('citing several paragraphs', () => {
		const citing = (source: string) =>
			tree(GOOD_SINGLE.replace('source: { paragraph: 2 }', `source: ${source}`));

		it('reads `paragraph: n` and `paragraphs: [n, m]` as one shape, main paragraph first', () => {
			const one = citing('{ paragraph: 2 }');
			const several = citing('{ paragraphs: [3, 1] }');
			expect(one.errors).toEqual([]);
			expect(several.errors).toEqual([]);
			expect(one.banks[0].decks[0].questions[0].source).toEqual({ paragraphs: [2] });
			expect(several.banks[0].decks[0].questions[0].source).toEqual({ paragraphs: [3, 1] });
		});

		it('refuses a paragraph twice, an empty list, both fields or neither', () => {
			const errors = (source: string) => citing(source).errors.map(formatBankError);
			expect(errors('{ paragraphs: [1, 3, 1] }')).toEqual([
				'questions/demo/deck.yaml:11:15 demo-001: source.paragraphs lists paragraph 1 twice',
			]);
			expect(errors('{ paragraphs: [] }')).toEqual([
				'questions/demo/deck.yaml:11:15 demo-001: source.paragraphs needs at least one paragraph',
			]);
			expect(errors('{ paragraph: 1, paragraphs: [2, 3] }')).toEqual([
				'questions/demo/deck.yaml:11:5 demo-001: source gives both `paragraph` and `paragraphs`: keep one (`paragraphs: [N, M]` cites several)',
			]);
			expect(errors('{}')).toEqual([
				'questions/demo/deck.yaml:11:5 demo-001: source needs `paragraph: N`, or `paragraphs: [N, M]` to cite several',
			]);
			expect(errors('{ paragraphs: [2, 1.5] }')).toEqual([
				'questions/demo/deck.yaml:11:31 demo-001: source.paragraphs[1] must be a whole number',
			]);
		});

		it('points at each cited paragraph outside the source', () => {
			expect(citing('{ paragraphs: [2, 4, 3, 9] }').errors.map(formatBankError)).toEqual([
				'questions/demo/deck.yaml:11:31 demo-001: source.paragraphs[1] 4 is outside the source, which has paragraphs 1 to 3',
				'questions/demo/deck.yaml:11:37 demo-001: source.paragraphs[3] 9 is outside the source, which has paragraphs 1 to 3',
			]);
		});
	});

	describe('retired ids', () => {
		const retiring = (list: string) => SOURCE + `retired:\n${list}`;

		it('keeps the list on the bank and accepts a bank that uses none of them', () => {
			const result = validateBankTree([
				{ path: 'questions/demo/source.yaml', text: retiring('  - demo-000\n  - demo-009\n') },
				{
					path: 'questions/demo/deck.yaml',
					text: `title: { zh: "题组", en: "Deck" }\nquestions:\n${GOOD_SINGLE}`,
				},
			]);
			expect(result.errors).toEqual([]);
			expect(result.banks[0].retired).toEqual(['demo-000', 'demo-009']);
		});

		it('refuses a question with a retired id, in this bank or another, and a retired id listed twice', () => {
			const other: BankFile[] = [
				{ path: 'questions/other/source.yaml', text: retiring('  - demo-001\n  - x-1\n  - x-1\n') },
				{
					path: 'questions/other/more.yaml',
					text: `title: { zh: "更多", en: "More" }\nquestions:\n${GOOD_SINGLE.replace('demo-001', 'x-1')}`,
				},
			];
			expect(messages(GOOD_SINGLE, other)).toEqual([
				"questions/demo/deck.yaml:3:5 demo-001: id is retired (listed at questions/other/source.yaml:16:5): a removed question's id is never used again, so give this question a new one",
				"questions/other/more.yaml:3:5 x-1: id is retired (listed at questions/other/source.yaml:17:5): a removed question's id is never used again, so give this question a new one",
				'questions/other/source.yaml:15:1 retired lists "x-1" twice',
			]);
		});

		it('refuses a retired id that is not an id', () => {
			expect(
				validateBankTree([
					{ path: 'questions/demo/source.yaml', text: retiring('  - Not An Id\n') },
					{
						path: 'questions/demo/deck.yaml',
						text: `title: { zh: "题组", en: "Deck" }\nquestions:\n${GOOD_SINGLE}`,
					},
				]).errors.map(formatBankError),
			).toEqual([
				'questions/demo/source.yaml:16:5 retired[0] must be lower-case letters, digits and "-"',
			]);
		});
	});

	describe('tag titles and paragraph summaries', () => {
		it('keeps both on the bank', () => {
			const bank = tree(GOOD_SINGLE).banks[0];
			expect(bank.tags).toEqual({ demo: { zh: '示例', en: 'Demo' } });
			expect(bank.summaries?.['2']).toEqual({ zh: '第二段。', en: 'The second.' });
		});

		it('refuses a tag with no title, naming file, line and question', () => {
			expect(messages(GOOD_SINGLE.replace('tags: [demo]', 'tags: [demo, asean-summit]'))).toEqual([
				'questions/demo/deck.yaml:12:18 demo-001: tag "asean-summit" has no title: add it under `tags:` in source.yaml, e.g. `asean-summit: { zh: "…", en: "…" }`',
			]);
		});

		it('refuses a cited paragraph with no summary, and a summary of a paragraph the source lacks', () => {
			const source = SOURCE.replace('  2: { zh: "第二段。", en: "The second." }\n', '').replace(
				'  3: {',
				'  7: { zh: "七", en: "Seven" }\n  3: {',
			);
			const result = validateBankTree([
				{ path: 'questions/demo/source.yaml', text: source },
				{
					path: 'questions/demo/deck.yaml',
					text: `title: { zh: "题组", en: "Deck" }\nquestions:\n${GOOD_SINGLE}`,
				},
			]);
			expect(result.errors.map(formatBankError)).toEqual([
				'questions/demo/deck.yaml:11:15 demo-001: paragraph 2 has no summary: add it under `summaries:` in source.yaml, e.g. `2: { zh: "…", en: "…" }`',
				'questions/demo/source.yaml:11:3 summaries.7 summarises a paragraph outside the source, which has paragraphs 1 to 3',
			]);
		});

		it('lets a bank kept from before titles existed through, when told to', () => {
			const deck = GOOD_SINGLE.replace('tags: [demo]', 'tags: [demo, untitled]');
			const files = [
				{ path: 'questions/demo/source.yaml', text: SOURCE.replace(/summaries:[^]*$/, '') },
				{
					path: 'questions/demo/deck.yaml',
					text: `title: { zh: "题", en: "D" }\nquestions:\n${deck}`,
				},
			];
			// Two tags without titles and a paragraph without a summary.
			expect(validateBankTree(files).errors).toHaveLength(3);
			expect(validateBankTree(files, 'questions', { titlesRequired: false }).errors).toEqual([]);
		});

		it('names the summary that lacks a language', () => {
			const source = SOURCE.replace('{ zh: "第一段。", en: "The first." }', '{ zh: "第一段。" }');
			const result = validateBankTree([
				{ path: 'questions/demo/source.yaml', text: source },
				{
					path: 'questions/demo/deck.yaml',
					text: `title: { zh: "题", en: "D" }\nquestions:\n${GOOD_SINGLE}`,
				},
			]);
			expect(result.errors.map(formatBankError)).toEqual([
				'questions/demo/source.yaml:10:3 missing field `summaries.1.en`',
			]);
		});
	});
});
