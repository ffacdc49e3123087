// Exports a learner can keep: Kioku YAML / JSON that import (and the CLI) read back to the same
// questions, and Anki plain text with one note per question.
import { describe, expect, it } from 'vitest';
import { loadBankTree } from '../../scripts/bank-tree.ts';
import {
	exportAnkiText,
	exportBankFolder,
	exportKiokuJson,
	exportKiokuYaml,
	formatImportError,
	importBankFile,
	type ExportBank,
} from '../../src/lib/bank/exchange/index.ts';
import {
	answerText,
	questionText,
	validateBankTree,
	type Question,
} from '../../src/lib/bank/index.ts';

// Read as `npm run questions` reads it.
const shipped = loadBankTree('questions');
const usJapan = shipped.banks.find((b) => b.id === 'us-japan-2023')!;

function imported(name: string, text: string) {
	const r = importBankFile(name, text);
	if (!r.ok) throw new Error(r.error.errors.map(formatImportError).join('\n'));
	return r.value.bank;
}

const meta = (id: string) => ({
	id,
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['demo', 'x-y'],
});

const SAMPLE: Question[] = [
	{
		...meta('q-fc'),
		type: 'flashcard',
		prompt: { zh: '反击能力', en: 'Counterstrike' },
		back: { zh: '打击\t敌方', en: 'Strike "back"\nhard' },
	},
	{
		...meta('q-single'),
		type: 'single',
		prompt: { zh: '哪个？', en: 'Which?' },
		options: [
			{ zh: '甲', en: 'A', correct: true },
			{ zh: '乙', en: 'B' },
			{ zh: '丙', en: 'C' },
		],
	},
	{
		...meta('q-tf'),
		type: 'truefalse',
		prompt: { zh: '天是蓝的。', en: '#1: the sky is <b>blue</b>.' },
		answer: true,
	},
	{
		...meta('q-cloze'),
		type: 'cloze',
		prompt: { zh: '填空。', en: 'Fill in.' },
		text: { zh: '开支达到 {{2%|百分之二}}。', en: 'Spending reaches {{2%|two percent}}.' },
	},
	{
		...meta('q-short'),
		type: 'short',
		prompt: { zh: '哪里？', en: 'Where?' },
		answers: { zh: ['太空', '外层空间'], en: ['space', 'outer space'] },
	},
	{
		...meta('q-order'),
		type: 'order',
		prompt: { zh: '排序。', en: 'Order.' },
		items: [
			{ zh: '一', en: 'one' },
			{ zh: '二', en: 'two' },
			{ zh: '三', en: 'three' },
		],
	},
];

describe('Kioku export', () => {
	it('the shipped banks load without errors', () => {
		expect(shipped.errors).toEqual([]);
		expect(usJapan.decks.length).toBeGreaterThan(0);
	});

	it('YAML reads back to every question of us-japan-2023, deck by deck', () => {
		const bank = imported('us-japan-2023.yaml', exportKiokuYaml(usJapan));
		const { decks, ...rest } = usJapan;
		expect(bank).toEqual({
			...rest,
			decks: decks.map((d) => ({ ...d, file: 'us-japan-2023.yaml' })),
		});
	});

	it('JSON reads back to the same questions too', () => {
		const bank = imported('us-japan-2023.json', exportKiokuJson(usJapan));
		expect(bank.decks.map((d) => d.questions)).toEqual(usJapan.decks.map((d) => d.questions));
	});

	it('one deck exports as a bank of that deck', () => {
		const deck = usJapan.decks[1];
		const one: ExportBank = { ...usJapan, decks: [deck] };
		const bank = imported('deck.yaml', exportKiokuYaml(one));
		expect(bank.decks.map((d) => [d.id, d.questions])).toEqual([[deck.id, deck.questions]]);
	});

	it("the folder form passes the CLI's validator with the same questions", () => {
		const files = exportBankFolder(usJapan, 'out');
		expect(files.map((f) => f.path)).toEqual([
			'out/us-japan-2023/source.yaml',
			...usJapan.decks.map((d) => `out/us-japan-2023/${d.id}.yaml`),
		]);
		const tree = validateBankTree(files, 'out');
		expect(tree.errors).toEqual([]);
		expect(tree.banks[0].decks.map((d) => d.questions)).toEqual(
			usJapan.decks.map((d) => d.questions),
		);
	});

	it('writes YAML as the README does: texts quoted, ids and tags plain, short pairs on a line', () => {
		const yaml = exportKiokuYaml({
			...usJapan,
			decks: [{ ...usJapan.decks[0], questions: SAMPLE }],
		});
		expect(yaml).toContain(
			[
				'      - id: q-single',
				'        type: single',
				'        prompt:',
				'          zh: "哪个？"',
				'          en: "Which?"',
				'        options:',
				'          - { zh: "甲", en: "A", correct: true }',
				'          - { zh: "乙", en: "B" }',
				'          - { zh: "丙", en: "C" }',
				'        explanation:',
				'          zh: "因为。"',
				'          en: "Because."',
				'        source: { paragraph: 1 }',
				'        tags: [ demo, x-y ]',
			].join('\n'),
		);
		expect(yaml).toContain('en: "Strike \\"back\\"\\nhard"');
	});

	it('keeps several cited paragraphs, summaries, tag titles and the retired ids through YAML, JSON and the folder form', () => {
		const several: Question = { ...SAMPLE[1], id: 'q-several', source: { paragraphs: [3, 1] } };
		const bank: ExportBank = {
			...usJapan,
			tags: { demo: { zh: '示例', en: 'Demo' }, 'x-y': { zh: '甲乙', en: 'X and Y' } },
			retired: ['q-old', 'q-older'],
			decks: [{ ...usJapan.decks[0], questions: [SAMPLE[0], several] }],
		};
		const yaml = exportKiokuYaml(bank);
		// One paragraph as an author writes it, several as a list.
		expect(yaml).toContain('        source: { paragraph: 1 }\n');
		expect(yaml).toContain('        source: { paragraphs: [ 3, 1 ] }\n');
		expect(yaml).toContain('retired:\n  - q-old\n  - q-older\n');
		for (const back of [
			imported('b.yaml', yaml),
			imported('b.json', exportKiokuJson(bank)),
			validateBankTree(exportBankFolder(bank, 'out'), 'out').banks[0],
		]) {
			expect(back.retired).toEqual(['q-old', 'q-older']);
			expect(back.summaries).toEqual(usJapan.summaries);
			expect(back.tags).toEqual(bank.tags);
			expect(back.decks[0].questions.map((q) => [q.id, q.source])).toEqual([
				['q-fc', { paragraphs: [1] }],
				['q-several', { paragraphs: [3, 1] }],
			]);
		}
		// A retired id used again is refused on the way back in.
		const reused = yaml.replace('id: q-several', 'id: q-old');
		const r = importBankFile('b.yaml', reused);
		expect(r.ok ? [] : r.error.errors.map(formatImportError)).toEqual([
			expect.stringMatching(
				/^line \d+, column \d+: q-old: id is retired \(listed at b\.yaml:\d+:\d+\)/,
			),
		]);
	});
});

describe('answerText', () => {
	it('says each type of answer in words', () => {
		expect(SAMPLE.map((q) => answerText(q, 'en'))).toEqual([
			'Strike "back"\nhard',
			'A',
			'True',
			'Spending reaches 2%.',
			'space; outer space',
			'one → two → three',
		]);
		expect(SAMPLE.map((q) => answerText(q, 'zh'))).toEqual([
			'打击\t敌方',
			'甲',
			'对',
			'开支达到 2%。',
			'太空; 外层空间',
			'一 → 二 → 三',
		]);
	});

	it('lists every correct option of a multiple-choice question, in bank order', () => {
		const multi: Question = {
			...meta('q-multi'),
			type: 'multi',
			prompt: { zh: '哪些？', en: 'Which ones?' },
			options: [
				{ zh: '甲', en: 'A', correct: true },
				{ zh: '乙', en: 'B' },
				{ zh: '丙', en: 'C', correct: true },
			],
		};
		expect(answerText(multi, 'en')).toBe('A; C');
		expect(answerText(multi, 'zh')).toBe('甲; 丙');
	});
});

describe('Anki export', () => {
	const HEADER = ['#separator:tab', '#html:false', '#columns:Front\tBack\tTags', '#tags column:3'];

	it('writes one note per question, quoting fields with tabs, quotes, line breaks or a leading #', () => {
		expect(exportAnkiText(SAMPLE, 'en').split('\n')).toEqual([
			...HEADER,
			'Counterstrike\t"Strike ""back""',
			'hard',
			'',
			'Because."\tdemo x-y',
			'"Which?',
			'- A',
			'- B',
			'- C"\t"A',
			'',
			'Because."\tdemo x-y',
			'"#1: the sky is <b>blue</b>."\t"True',
			'',
			'Because."\tdemo x-y',
			'"Fill in.',
			'Spending reaches ＿＿."\t"Spending reaches 2%.',
			'',
			'Because."\tdemo x-y',
			'Where?\t"space; outer space',
			'',
			'Because."\tdemo x-y',
			'"Order.',
			'- one',
			'- three',
			'- two"\t"one → two → three',
			'',
			'Because."\tdemo x-y',
			'',
		]);
	});

	it('writes Chinese, or both languages one under the other', () => {
		expect(exportAnkiText(SAMPLE.slice(0, 1), 'zh')).toBe(
			`${HEADER.join('\n')}\n反击能力\t"打击\t敌方\n\n因为。"\tdemo x-y\n`,
		);
		expect(exportAnkiText(SAMPLE.slice(4, 5), 'both')).toBe(
			`${HEADER.join('\n')}\n"哪里？\nWhere?"\t"太空; 外层空间\nspace; outer space\n\n因为。\nBecause."\tdemo x-y\n`,
		);
	});

	it('reads back through the importer as the same fronts, backs and tags', () => {
		for (const lang of ['en', 'zh'] as const) {
			const r = importBankFile('export.txt', exportAnkiText(SAMPLE, lang));
			expect(r.ok).toBe(true);
			if (!r.ok) return;
			expect(r.value.delimited).toMatchObject({ separator: 'tab', html: false, anki: true });
			expect(
				r.value.bank.decks[0].questions.map((q) => [
					q.prompt[lang],
					q.type === 'flashcard' && q.back[lang],
					q.tags,
				]),
			).toEqual(
				SAMPLE.map((q) => [
					questionText(q, lang),
					`${answerText(q, lang)}\n\n${q.explanation[lang]}`,
					q.tags,
				]),
			);
		}
	});
});
