// The rules behind typed-answer checking, one by one: spelling and plural keys, ordinals,
// numbers inside text and their role, the reasons a learner is told, any-order blanks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QuestionOf } from '../../src/lib/bank/index.ts';
import {
	ACCEPT_REASONS,
	checkAnswer,
	matchTyped,
	normalizeAnswer,
	readOrdinal,
} from '../../src/lib/quiz/index.ts';
import { ALL_RULES, answerUnits, type Unit } from '../../src/lib/quiz/answer-units.ts';
import { assignBlanks } from '../../src/lib/quiz/assign-blanks.ts';
import { singularKey, spellingKey, wordStem } from '../../src/lib/quiz/spelling.ts';

describe('spellingKey: British and American spelling', () => {
	it.each([
		['defence', 'defense'],
		['defences', 'defenses'],
		['offence', 'offense'],
		['licence', 'license'],
		['programme', 'program'],
		['programmes', 'programs'],
		['centre', 'center'],
		['centres', 'centers'],
		['centred', 'centered'],
		['kilometre', 'kilometer'],
		['theatre', 'theater'],
		['colour', 'color'],
		['labour', 'labor'],
		['favourite', 'favorite'],
		['behavioural', 'behavioral'],
		['neighbourhood', 'neighborhood'],
		['odour', 'odor'],
		['organise', 'organize'],
		['organisation', 'organization'],
		['mobilising', 'mobilizing'],
		['liberalisation', 'liberalization'],
		['recognisable', 'recognizable'],
		['analyse', 'analyze'],
		['travelled', 'traveled'],
		['modelling', 'modeling'],
		['counsellor', 'counselor'],
		['catalogue', 'catalog'],
		['dialogue', 'dialog'],
		['fulfil', 'fulfill'],
		['enrolment', 'enrollment'],
		['grey', 'gray'],
		['manoeuvre', 'maneuver'],
		['judgement', 'judgment'],
	])('%s = %s', (british, american) => {
		expect(spellingKey(british)).toBe(spellingKey(american));
	});

	it.each([
		['four', 'for'],
		['hour', 'hor'],
		['your', 'yor'],
		['tour', 'tor'],
		['prise', 'prize'],
		['filled', 'filed'],
		['called', 'caled'],
		['literate', 'literature'],
	])('%s ≠ %s', (a, b) => {
		expect(spellingKey(a)).not.toBe(spellingKey(b));
	});
});

describe('singularKey: singular and plural', () => {
	it.each([
		['chips', 'chip'],
		['islands', 'island'],
		['allies', 'ally'],
		['policies', 'policy'],
		['movies', 'movie'],
		['days', 'day'],
		['approaches', 'approach'],
		['businesses', 'business'],
		['taxes', 'tax'],
		['heroes', 'hero'],
		['women', 'woman'],
		['halves', 'half'],
	])('%s = %s', (plural, singular) => {
		expect(singularKey(plural)).toBe(singularKey(singular));
	});

	it.each([
		['news', 'new'],
		['means', 'mean'],
		['arms', 'arm'],
		['goods', 'good'],
		['economics', 'economic'],
		['us', 'u'],
		['its', 'it'],
		['status', 'statu'],
		['crisis', 'crisi'],
	])('%s ≠ %s', (a, b) => {
		expect(singularKey(a)).not.toBe(singularKey(b));
	});

	it('ties a verb to its forms, for words repeated from the question', () => {
		for (const form of ['sign', 'signs', 'signed', 'signing']) expect(wordStem(form)).toBe('sign');
		expect(wordStem('agreed')).toBe(wordStem('agree'));
		expect(wordStem('japans')).toBe(wordStem('japan'));
	});
});

describe('readOrdinal', () => {
	it.each([
		['13th', 13],
		['1st', 1],
		['2nd', 2],
		['3rd', 3],
		['11th', 11],
		['21st', 21],
		['thirteenth', 13],
		['first', 1],
		['fifth', 5],
		['twelfth', 12],
		['twentieth', 20],
		['twenty-first', 21],
		['one hundredth', 100],
		['第十三', 13],
		['第13', 13],
		['第 5', 5],
	])('%j is the %i', (text, n) => {
		expect(readOrdinal(text)).toBe(n);
	});

	it.each(['13', '13rd', '1th', 'thirteen', 'fifth column', '第', '五', 'tenths of'])(
		'%j is not an ordinal',
		(text) => {
			expect(readOrdinal(text)).toBeNull();
		},
	);
});

/** Units in short: words as they are, numbers as value, % and the kind (ordinal, role). */
const brief = (units: Unit[]) =>
	units.map((u) =>
		u.kind === 'text'
			? u.text
			: `${u.value}${u.percent ? '%' : ''}${u.ordinal ? (u.di ? '第' : 'th') : ''}:${u.role}`,
	);
const NUMBERS_ONLY = { numbers: true, spelling: false, plural: false };
const units = (text: string, around?: { before: string; after: string }) =>
	brief(answerUnits(normalizeAnswer(text), NUMBERS_ONLY, around));

describe('answerUnits: numbers inside text', () => {
	it.each([
		['第5条', ['5第:position', '条']],
		['第五条', ['5第:position', '条']],
		['5条', ['5:count', '条']],
		['五年', ['5:count', '年']],
		['5 年', ['5:count', '年']],
		['Article 5', ['article', '5:position']],
		['article five', ['article', '5:position']],
		['the fifth article', ['article', '5th:position']],
		['13 January 2023', ['13:day', 'january', '2023:count']],
		['January 13th, 2023', ['13th:day', 'january', '2023:count']],
		['the 13th of January', ['13th:day', 'january']],
		['2023年1月13日', ['2023:count', '年', '1:count', '月', '13:day', '日']],
		['two per cent of GDP', ['2%:count', 'of', 'gdp']],
		['2 percent', ['2%:count']],
		['百分之二', ['2%:count']],
		['GDP 的 2%', ['gdp', '的', '2%:count']],
		['1.5万', ['15000:count']],
		['seventy years', ['70:count', 'years']],
		['twenty-five', ['25:count']],
		['one hundred and fifty', ['150:count']],
	])('%j', (text, expected) => {
		expect(units(text)).toEqual(expected);
	});

	it('keys English words by spelling and number with all the rules', () => {
		const all = answerUnits(normalizeAnswer('Defence Buildup Programmes'), ALL_RULES);
		expect(brief(all)).toEqual(['defense', 'buildup', 'program']);
	});

	it("takes a blank's role from the sentence around it", () => {
		expect(units('13', { before: 'Kishida arrived on ', after: ' January 2023.' })).toEqual([
			'13:day',
		]);
		expect(units('13', { before: '岸田于 2023 年 1 月 ', after: ' 日抵达。' })).toEqual(['13:day']);
		expect(units('5', { before: 'Article ', after: ' of the treaty' })).toEqual(['5:position']);
		expect(units('5', { before: '安全条约第 ', after: ' 条' })).toEqual(['5:position']);
		expect(units('70', { before: 'the harshest in ', after: ' years' })).toEqual(['70:count']);
	});
});

const meta = (id: string) => ({
	id,
	explanation: { zh: '……', en: '…' },
	source: { paragraphs: [1] },
	tags: ['test'],
});
const target = (forms: string[], extra: { knownWrong?: string[]; shown?: string[] } = {}) => ({
	forms,
	otherForms: [],
	knownWrong: extra.knownWrong ?? [],
	shown: extra.shown,
});

describe('matchTyped: the reasons a learner is told', () => {
	it.each([
		['Defence Buildup Programme', ['Defense Buildup Program'], ['spelling']],
		['Defence Buildup Programmes', ['Defense Buildup Program'], ['spelling', 'plural']],
		['chip', ['chips'], ['plural']],
		['第5条', ['第五条'], ['number']],
		['5 years', ['five years'], ['number']],
		['5 year', ['five years'], ['number', 'plural']],
		['Reciprocal\u200b Access', ['reciprocal access'], ['normalized']],
		['Taiwan Strat', ['Taiwan Strait'], ['typo']],
	])('%j for %j: %j', (typed, forms, reasons) => {
		expect(matchTyped(typed, target(forms))).toEqual(reasons);
	});

	it('says when the words around the answer were the question’s own', () => {
		const shown = ['日本与英国签署了哪一项协定？', 'Which agreement did Japan and the UK sign?'];
		expect(
			matchTyped('Japan and the UK signed reciprocal access agreements', {
				...target(['reciprocal access agreement'], { shown }),
			}),
		).toEqual(['question-words', 'plural']);
		// Without the question, extra words are extra.
		expect(
			matchTyped(
				'Japan and the UK signed a reciprocal access agreement',
				target(['reciprocal access agreement']),
			),
		).toBeNull();
	});

	it('only counts the question’s words when it offers no choice of its own', () => {
		const shown = ['Was it force or coercion?'];
		expect(matchTyped('by force', target(['force'], { shown }))).toEqual(['question-words']);
		expect(matchTyped('coercion force', target(['force'], { shown }))).toBeNull();
		expect(
			matchTyped('coercion force', target(['force'], { shown: ['Which was it?'] })),
		).toBeNull();
	});

	it('never accepts an answer that reads as a known wrong one', () => {
		expect(
			matchTyped('defence', target(['defense posture'], { knownWrong: ['defense'] })),
		).toBeNull();
		expect(
			matchTyped(
				'northern island',
				target(['southern islands'], { knownWrong: ['northern islands'] }),
			),
		).toBeNull();
	});

	it('has a message for every reason, in both languages', () => {
		for (const file of ['messages/en.json', 'messages/zh-CN.json']) {
			const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
			for (const reason of ACCEPT_REASONS.filter((r) => r !== 'exact')) {
				expect(messages[`reason_${reason.replace('-', '_')}`], `${file}: ${reason}`).toBeTruthy();
			}
		}
	});
});

describe('assignBlanks', () => {
	const grid = (rights: [number, number][]) => (box: number, blank: number) =>
		rights.some(([b, k]) => b === box && k === blank);

	it('grades each box against its own blank outside an any-order group', () => {
		expect(assignBlanks(3, [], grid([[0, 1]]))).toEqual([0, 1, 2]);
	});

	it('finds the assignment that gets the most boxes right, each blank used once', () => {
		expect(
			assignBlanks(
				2,
				[0, 1],
				grid([
					[0, 1],
					[1, 0],
				]),
			),
		).toEqual([1, 0]);
		// Box 0 fits both blanks, box 1 only blank 0: box 0 must give way.
		expect(
			assignBlanks(
				2,
				[0, 1],
				grid([
					[0, 0],
					[0, 1],
					[1, 0],
				]),
			),
		).toEqual([1, 0]);
		expect(
			assignBlanks(
				4,
				[1, 2, 3],
				grid([
					[1, 3],
					[2, 1],
					[3, 2],
				]),
			),
		).toEqual([0, 3, 1, 2]);
	});

	it('keeps boxes on their own blank when that is as good, and a wrong box on its own if free', () => {
		expect(
			assignBlanks(
				2,
				[0, 1],
				grid([
					[0, 0],
					[0, 1],
					[1, 1],
					[1, 0],
				]),
			),
		).toEqual([0, 1]);
		expect(assignBlanks(3, [0, 1, 2], grid([[0, 1]]))).toEqual([1, 0, 2]);
		expect(assignBlanks(3, [0, 1, 2], grid([]))).toEqual([0, 1, 2]);
	});
});

describe('checkAnswer: any-order cloze blanks', () => {
	const fc: QuestionOf<'cloze'> = {
		...meta('any-order'),
		type: 'cloze',
		prompt: { zh: '填空。', en: 'Fill in the blanks.' },
		text: {
			zh: '两国反对在 {{2023}} 年以{{~武力}}或{{~胁迫|强制}}改变现状。',
			en: 'In {{2023}} the allies opposed change by {{~force}} or {{~coercion|compulsion}}.',
		},
	};
	const check = (blanks: string[], lang: 'zh' | 'en', partialCredit = false) =>
		checkAnswer(fc, { type: 'cloze', blanks }, lang, { partialCredit });

	it('accepts the group’s answers in either order, and shows each box the answer it matched', () => {
		expect(check(['2023', 'coercion', 'force'], 'en')).toEqual({
			correct: true,
			score: 1,
			reasons: [],
			expected: ['2023', 'coercion', 'force'],
			blanks: [
				{ correct: true, reasons: [], expected: '2023' },
				{ correct: true, reasons: [], expected: 'coercion' },
				{ correct: true, reasons: [], expected: 'force' },
			],
		});
		expect(check(['2023', '强制', '武力'], 'zh')).toMatchObject({
			correct: true,
			expected: ['2023', '胁迫', '武力'],
		});
		expect(check(['2023', 'Compulsion', 'FORCE'], 'en')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
	});

	it('uses each blank once, and leaves blanks outside the group in their place', () => {
		const twice = check(['2023', 'force', 'force'], 'en', true);
		expect(twice).toMatchObject({ correct: false, score: 2 / 3 });
		expect(twice.blanks?.map((b) => [b.correct, b.expected])).toEqual([
			[true, '2023'],
			[true, 'force'],
			[false, 'coercion'],
		]);
		expect(check(['force', '2023', 'coercion'], 'en', true)).toMatchObject({ score: 1 / 3 });
		expect(check(['2023', 'force or coercion', 'coercion'], 'en', true)).toMatchObject({
			score: 2 / 3,
		});
	});
});

describe('matchTyped: the question’s words and known wrong answers', () => {
	const shown = ['Which agreement did Japan and the UK sign?'];
	const raa = (typed: string, knownWrong: string[]) =>
		matchTyped(typed, target(['reciprocal access agreement'], { shown, knownWrong }));

	it('refuses a known wrong answer among the extra words, not inside the right answer', () => {
		expect(raa('Japan and the UK signed a reciprocal access agreement', ['agreement'])).toEqual([
			'question-words',
		]);
		expect(raa('Japan and the UK signed a reciprocal access agreement', ['UK'])).toBeNull();
	});
});
