import { describe, expect, it } from 'vitest';
import {
	clozeBlanks,
	clozeWithGaps,
	formatBankError,
	parseCloze,
	validateBankTree,
	type Question,
} from '../../src/lib/bank/index.ts';
import { questionRuleViolations } from '../../src/lib/bank/rules.ts';
import {
	exportAnkiText,
	exportKiokuYaml,
	importBankFile,
	type ExportBank,
} from '../../src/lib/bank/exchange/index.ts';
import { answerText, questionText } from '../../src/lib/bank/question-text.ts';

describe('parseCloze', () => {
	it('splits text and blanks, with every accepted form of a blank', () => {
		const parsed = parseCloze('Japan aims for {{2%|two percent}} of GDP in {{five|5}} years.');
		expect(parsed).toEqual({
			ok: true,
			value: [
				{ kind: 'text', text: 'Japan aims for ' },
				{ kind: 'blank', index: 0, answers: ['2%', 'two percent'], anyOrder: false },
				{ kind: 'text', text: ' of GDP in ' },
				{ kind: 'blank', index: 1, answers: ['five', '5'], anyOrder: false },
				{ kind: 'text', text: ' years.' },
			],
		});
		if (parsed.ok)
			expect(clozeWithGaps(parsed.value)).toBe('Japan aims for ＿＿ of GDP in ＿＿ years.');
	});

	it('refuses text with no blank, an unclosed blank or an empty answer', () => {
		expect(parseCloze('no blank here')).toMatchObject({
			ok: false,
			error: expect.stringContaining('no blank'),
		});
		expect(parseCloze('a {{b}} and {{c')).toMatchObject({
			ok: false,
			error: expect.stringContaining('without'),
		});
		expect(parseCloze('a {{b|}} c')).toMatchObject({
			ok: false,
			error: expect.stringContaining('empty answer'),
		});
	});
});

describe('any-order blanks ({{~…}})', () => {
	const fc = (zh: string, en: string): Question => ({
		id: 'q-fc',
		type: 'cloze',
		prompt: { zh: '填空。', en: 'Fill in.' },
		text: { zh, en },
		explanation: { zh: '因为。', en: 'Because.' },
		source: { paragraphs: [1] },
		tags: ['t'],
	});

	it('marks the blanks of the group and keeps "~" out of their answers', () => {
		const parsed = parseCloze('by {{~force}} or {{ ~coercion|compulsion }} in {{2023}}');
		expect(parsed.ok && clozeBlanks(parsed.value)).toEqual([
			{ kind: 'blank', index: 0, answers: ['force'], anyOrder: true },
			{ kind: 'blank', index: 1, answers: ['coercion', 'compulsion'], anyOrder: true },
			{ kind: 'blank', index: 2, answers: ['2023'], anyOrder: false },
		]);
		if (parsed.ok) expect(clozeWithGaps(parsed.value)).toBe('by ＿＿ or ＿＿ in ＿＿');
	});

	it('refuses a "~" anywhere but right after "{{", and an empty marked blank', () => {
		expect(parseCloze('by {{force|~coercion}} or {{~x}}')).toMatchObject({
			ok: false,
			error: expect.stringContaining('blank 1 has "~" inside it'),
		});
		expect(parseCloze('by {{~~force}} or {{~x}}')).toMatchObject({ ok: false });
		expect(parseCloze('by {{~}} or {{~x}}')).toMatchObject({
			ok: false,
			error: expect.stringContaining('empty answer'),
		});
	});

	it('is valid with two or more marked blanks, the same number in both languages', () => {
		expect(
			questionRuleViolations(fc('以{{~武力}}或{{~胁迫}}', 'by {{~force}} or {{~coercion}}')),
		).toEqual([]);
		expect(
			questionRuleViolations(fc('{{~甲}}{{~乙}}{{~丙}}{{丁}}', '{{~a}} {{~b}} {{~c}} {{d}}')),
		).toEqual([]);
	});

	it('refuses a text with one marked blank, or languages that mark different numbers', () => {
		expect(
			questionRuleViolations(fc('以{{武力}}或{{胁迫}}', 'by {{~force}} or {{coercion}}')),
		).toEqual([
			{
				path: ['text', 'en'],
				message: expect.stringContaining('text.en marks only one blank with "~"'),
				problem: { kind: 'blank-group-of-one', path: ['text', 'en'], lang: 'en' },
			},
			{
				path: ['text'],
				message: expect.stringContaining('text.zh marks 0 blank(s) with "~" and text.en marks 1'),
				problem: { kind: 'blank-groups-differ', path: ['text'], zh: 0, en: 1 },
			},
		]);
		expect(
			questionRuleViolations(fc('{{~甲}}{{~乙}}{{丙}}', '{{~a}} {{~b}} {{~c}}')).map(
				(v) => v.message,
			),
		).toEqual([
			'text.zh marks 2 blank(s) with "~" and text.en marks 3: both languages must mark the same blanks as answerable in any order',
		]);
	});
});

describe('any-order blanks in a bank file', () => {
	const SOURCE = `title: { zh: "示例", en: "Demo" }\nsource:\n  title: "A source"\n  author: "An author"\n  publisher: "A publisher"\n  date: "2023-01"\n  url: "https://example.org/a"\nparagraphs: 3\nsummaries:\n  1: { zh: "第一段。", en: "The first." }\n  2: { zh: "第二段。", en: "The second." }\n  3: { zh: "第三段。", en: "The third." }\ntags:\n  demo: { zh: "示例", en: "Demo" }\n`;
	const deck = (zh: string, en: string) =>
		`title: { zh: "题组", en: "Deck" }\nquestions:\n  - id: c-1\n    type: cloze\n    prompt: { zh: "填空", en: "Fill" }\n    text:\n      zh: "${zh}"\n      en: "${en}"\n    explanation: { zh: "因为", en: "Because" }\n    source: { paragraphs: [1] }\n    tags: [demo]\n`;
	const errors = (zh: string, en: string) =>
		validateBankTree([
			{ path: 'questions/demo/source.yaml', text: SOURCE },
			{ path: 'questions/demo/deck.yaml', text: deck(zh, en) },
		]).errors.map(formatBankError);

	it('points at the text that marks one blank, or at both texts when they disagree', () => {
		expect(errors('以{{~武力}}或{{~胁迫}}', 'by {{~force}} or {{~coercion}}')).toEqual([]);
		expect(errors('以{{~武力}}或{{胁迫}}', 'by {{force}} or {{coercion}}')).toEqual([
			'questions/demo/deck.yaml:6:5 c-1: text.zh marks 1 blank(s) with "~" and text.en marks 0: both languages must mark the same blanks as answerable in any order',
			'questions/demo/deck.yaml:7:7 c-1: text.zh marks only one blank with "~": "~" lets the blanks of a group take each other\'s answers, so mark two or more (or none)',
		]);
	});
});

describe('any-order blanks through export and import', () => {
	const question: Question = {
		id: 'q-any',
		type: 'cloze',
		prompt: { zh: '填空。', en: 'Fill in.' },
		text: {
			zh: '以{{~武力}}或{{~胁迫|强制}}改变现状。',
			en: 'by {{~force}} or {{~coercion|compulsion}}.',
		},
		explanation: { zh: '因为。', en: 'Because.' },
		source: { paragraphs: [1] },
		tags: ['demo'],
	};
	const bank: ExportBank = {
		id: 'demo',
		title: { zh: '示例', en: 'Demo' },
		source: {
			title: 'A source',
			author: 'An author',
			publisher: 'A publisher',
			date: '2023-01',
			url: 'https://example.org/a',
		},
		paragraphs: 3,
		summaries: { 1: { zh: '第一段。', en: 'The first.' } },
		tags: { demo: { zh: '示例', en: 'Demo' } },
		decks: [{ id: 'deck', title: { zh: '题组', en: 'Deck' }, questions: [question] }],
	};

	it('keeps the "~" in Kioku YAML, which reads back to the same question', () => {
		const yaml = exportKiokuYaml(bank);
		expect(yaml).toContain('en: "by {{~force}} or {{~coercion|compulsion}}."');
		const back = importBankFile('demo.yaml', yaml);
		expect(back.ok && back.value.bank.decks[0].questions).toEqual([question]);
	});

	it('never shows the "~" in what a learner reads: the gaps, the answer, the Anki note', () => {
		expect(questionText(question, 'en')).toBe('Fill in.\nby ＿＿ or ＿＿.');
		expect(answerText(question, 'en')).toBe('by force or coercion.');
		expect(answerText(question, 'zh')).toBe('以武力或胁迫改变现状。');
		expect(exportAnkiText([question], 'both')).not.toContain('~');
	});
});
