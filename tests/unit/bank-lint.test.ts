// Bank warnings beyond the CLI fixture: each rule's edges, and what is compared with what.
import { describe, expect, it } from 'vitest';
import {
	formatBankWarning,
	lintBanks,
	validateBankTree,
	type BankFile,
} from '../../src/lib/bank/index.ts';

const SOURCE = `title: { zh: "示例", en: "Demo" }
source: { title: "S", author: "A", publisher: "P", date: "2023", url: "https://example.org/" }
paragraphs: 3
summaries:
  1: { zh: "第一段。", en: "The first." }
  2: { zh: "第二段。", en: "The second." }
  3: { zh: "第三段。", en: "The third." }
tags:
  demo: { zh: "示例", en: "Demo" }
`;

/** A question on its own topic, so that only the questions a test means to be alike are. */
function question(id: string, topic: [string, string], body: string): string {
	const [zh, en] = topic;
	return `  - id: ${id}
    prompt: { zh: "关于${zh}？", en: "About ${en}?" }
${body}
    explanation: { zh: "第 1 段。", en: "Paragraph 1." }
    source: { paragraph: 1 }
    tags: [demo]
`;
}

const TOPICS: [string, string][] = [
	['苹果', 'apples'],
	['火车', 'trains'],
	['河流', 'rivers'],
	['钢琴', 'pianos'],
	['沙漠', 'deserts'],
	['蜜蜂', 'bees'],
];

/** Multiple-choice questions with their right options at these positions (of 4). */
function multis(prefix: string, rights: number[][]): string {
	return rights
		.map((right, i) => {
			const [zh, en] = TOPICS[i];
			const options = [0, 1, 2, 3]
				.map((p) => {
					const correct = right.includes(p) ? ', correct: true' : '';
					return `      - { zh: "${zh}${'甲乙丙丁'[p]}", en: "${en}${p}"${correct} }`;
				})
				.join('\n');
			return question(`${prefix}-${i + 1}`, TOPICS[i], `    type: multi\n    options:\n${options}`);
		})
		.join('');
}

function lint(files: Record<string, string>): string[] {
	const list: BankFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
	const tree = validateBankTree(list);
	expect(tree.errors).toEqual([]);
	return lintBanks(tree.banks, list).map(formatBankWarning);
}

const deck = (questions: string) => `title: { zh: "题组", en: "Deck" }\nquestions:\n${questions}`;

describe('lintBanks', () => {
	it('warns when most multiple-choice questions list every right option last', () => {
		const warnings = lint({
			'questions/demo/source.yaml': SOURCE,
			'questions/demo/d.yaml': deck(
				multis('m', [
					[2, 3],
					[2, 3],
					[1, 2, 3],
					[0, 3],
					[1, 2],
				]),
			),
		});
		expect(warnings).toEqual([
			'questions/demo/d.yaml:3:5 m-1: warning: 3 of 5 multiple-choice questions of this deck list every right option last (m-1, m-2, m-3): mix right and wrong options',
		]);
	});

	it('judges no balance from fewer than 5 questions of a type', () => {
		const fewSame = multis('m', [
			[0, 1],
			[0, 1],
			[0, 1],
			[0, 1],
		]);
		expect(
			lint({ 'questions/demo/source.yaml': SOURCE, 'questions/demo/d.yaml': deck(fewSame) }),
		).toEqual([]);
	});

	it('compares questions across the decks of a bank, not across banks', () => {
		const ask = (id: string) =>
			question(
				id,
				['第五条', 'Article 5'],
				'    type: short\n    answers: { zh: ["太空"], en: ["space"] }',
			);
		const warnings = lint({
			'questions/demo/source.yaml': SOURCE,
			'questions/demo/a.yaml': deck(ask('a-1')),
			'questions/demo/b.yaml': deck(ask('b-1')),
			'questions/other/source.yaml': SOURCE,
			'questions/other/c.yaml': deck(ask('c-1')),
		});
		expect(warnings).toEqual([
			'questions/demo/b.yaml:3:5 b-1: warning: nearly the same question as a-1 (questions/demo/a.yaml:3:5; 100 % alike): merge them, or make each ask something different',
		]);
	});

	it('reads a cloze with its blanks filled and an order question by its items', () => {
		const cloze = (id: string, year: string) =>
			question(
				id,
				['日期', 'the date'],
				`    type: cloze\n    text: { zh: "访问在 {{${year}}} 年 1 月 13 日。", en: "The visit was on 13 January {{${year}}}." }`,
			);
		const order = (id: string, items: string[]) =>
			question(
				id,
				['顺序', 'the order'],
				`    type: order\n    items:\n${items.map((t) => `      - { zh: "${t}事件", en: "the ${t} event" }`).join('\n')}`,
			);
		// Same sentence, other year: alike. Same prompt, other items: not alike.
		const warnings = lint({
			'questions/demo/source.yaml': SOURCE,
			'questions/demo/d.yaml': deck(
				cloze('c-1', '2023') +
					cloze('c-2', '2024') +
					order('o-1', ['红', '绿', '蓝']) +
					order('o-2', ['东', '西', '北']),
			),
		});
		expect(warnings).toEqual([
			expect.stringMatching(
				/^questions\/demo\/d\.yaml:\d+:5 c-2: warning: nearly the same question as c-1 /,
			),
		]);
	});
});
