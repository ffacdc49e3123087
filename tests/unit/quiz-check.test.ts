import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionOf } from '../../src/lib/bank/index.ts';
import {
	checkAnswer,
	editDistance,
	loadToSimplified,
	normalizeAnswer,
	type ToSimplified,
} from '../../src/lib/quiz/index.ts';

// Real questions from questions/us-japan-2023, trimmed to the fields the checker reads.
const meta = (id: string) => ({
	id,
	explanation: { zh: '……', en: '…' },
	source: { paragraphs: [1] },
	tags: ['test'],
});
const fill = { zh: '填空。', en: 'Fill in the blanks.' };

const sec003: QuestionOf<'single'> = {
	...meta('usj23-sec-003'),
	type: 'single',
	prompt: { zh: '日本政府是在什么时候修订这三份安全战略文件的？', en: 'When …?' },
	options: [
		{ zh: '2022 年底', en: 'At the end of 2022', correct: true },
		{
			zh: '2023 年 1 月岸田访问华盛顿期间',
			en: "During Kishida's Washington visit in January 2023",
		},
		{ zh: '2023 年 5 月七国集团峰会之后', en: 'After the G7 summit in May 2023' },
		{ zh: '2021 年底', en: 'At the end of 2021' },
	],
};
const sec002: QuestionOf<'multi'> = {
	...meta('usj23-sec-002'),
	type: 'multi',
	prompt: { zh: '下列哪些文件属于……？（多选）', en: 'Which of these …?' },
	options: [
		{ zh: '《国家安全保障战略》', en: 'The National Security Strategy', correct: true },
		{ zh: '《防卫战略》', en: 'The National Defense Strategy', correct: true },
		{ zh: '《防卫建设计划》', en: 'The Defense Buildup Program', correct: true },
		{ zh: '日本宪法', en: "Japan's Constitution" },
		{ zh: '美日安全条约的条文', en: 'The text of the US–Japan security treaty' },
	],
};
const sec006: QuestionOf<'truefalse'> = {
	...meta('usj23-sec-006'),
	type: 'truefalse',
	prompt: { zh: '日本是在岸田访问华盛顿之后，才着手修订其安全战略文件的。', en: 'Japan …' },
	answer: false,
};
const dip013: QuestionOf<'order'> = {
	...meta('usj23-dip-013'),
	type: 'order',
	prompt: { zh: '按第 4 段提出这些要点的先后顺序排列。', en: 'Put these points in order.' },
	items: [
		{
			zh: '联合声明称同盟处于史上最强状态',
			en: 'The joint statement calls the alliance stronger than ever',
		},
		{
			zh: '反对在世界任何地方以武力或胁迫改变现状',
			en: 'Opposition to changing the status quo by force',
		},
		{ zh: '同盟日益成为投射共同影响力的工具', en: 'The alliance increasingly serves as a tool' },
		{
			zh: '俄罗斯入侵乌克兰扩大了合作的地理范围',
			en: "Russia's invasion of Ukraine widens the scope",
		},
		{ zh: '只有准备自卫的国家才能获得广泛支持', en: 'Only countries ready to defend themselves' },
	],
};
const short = (id: string, zh: string[], en: string[]): QuestionOf<'short'> => ({
	...meta(id),
	type: 'short',
	prompt: { zh: '？', en: '?' },
	answers: { zh, en },
});
const dip006 = short(
	'usj23-dip-006',
	['台湾海峡', '台海', '台湾海峡地区'],
	['Taiwan Strait', 'the Taiwan Strait', 'Taiwan Straits'],
);
const dip016 = short(
	'usj23-dip-016',
	['中国', '中华人民共和国'],
	['China', 'the PRC', 'PRC', "People's Republic of China"],
);
const dip042 = short(
	'usj23-dip-042',
	['东盟', '东南亚国家联盟', 'ASEAN', '东南亚国家联盟（东盟）'],
	['ASEAN', 'Association of Southeast Asian Nations', 'the Association of Southeast Asian Nations'],
);
const sec017 = short(
	'usj23-sec-017',
	['西南诸岛', '西南岛屿', '西南部岛屿', '日本西南部岛屿', '南西诸岛'],
	['southwestern islands', 'the southwestern islands', 'southwest islands', 'Nansei Islands'],
);
const sec020 = short(
	'usj23-sec-020',
	['第 5 条', '第5条', '第五条', '5', '五'],
	['Article 5', 'Article V', 'Article five', '5', 'five'],
);
const cloze = (id: string, zh: string, en: string): QuestionOf<'cloze'> => ({
	...meta(id),
	type: 'cloze',
	prompt: fill,
	text: { zh, en },
});
const dip004 = cloze(
	'usj23-dip-004',
	'联合声明表示，两国强烈反对任何以{{武力}}或{{胁迫|强制}}单方面改变现状的企图。',
	'The allies firmly oppose any attempt to change the status quo by {{force}} or {{coercion}}.',
);
const dip010 = cloze(
	'usj23-dip-010',
	'俄罗斯入侵{{乌克兰}}之后，美日战略合作覆盖的地域范围大为拓宽。',
	'After Russia invaded {{Ukraine}}, the reach of US–Japan strategic cooperation grew.',
);
const sec004 = cloze(
	'usj23-sec-004',
	'修订后的战略文件认为，日本面对的是 {{70|七十}} 年来最严峻的安全环境。',
	'The documents see Japan facing its harshest security environment in {{70|seventy}} years.',
);
const sec038 = cloze(
	'usj23-sec-038',
	'日本不再遵守 GDP {{1%|百分之一}} 的上限，转而要在 {{五|5}} 年内把它提高到 GDP 的 {{2%|百分之二}}。',
	'Japan abandoned its ceiling of {{1%|1 percent|one percent}} of GDP and plans to lift it to {{2%|2 percent|two percent}} of GDP in {{five|5}} years.',
);
const sec039 = cloze(
	'usj23-sec-039',
	'日本还将把核心国防开支扩大约 {{50%|百分之五十|一半}}。',
	'Japan will expand its core defence spending by about {{50%|50 percent|fifty percent|half}}.',
);
const tl005 = cloze(
	'usj23-tl-005',
	'岸田以首相身份首次到访华盛顿的日期是 {{2023}} 年 1 月 {{13}} 日。',
	'Kishida made his first trip to Washington as prime minister on {{13|13th|thirteen}} January {{2023}}.',
);
const dip029 = cloze(
	'usj23-dip-029',
	'岸田访问{{五|5}}个七国集团成员国，为日本{{5|五}}月主办的峰会做准备。',
	'Kishida toured {{five|5}} G7 members ahead of the summit Japan would host in {{May}}.',
);
const dip037 = cloze(
	'usj23-dip-037',
	'日本与{{英国|联合王国}}达成的{{互惠准入|互惠进入}}协定，扩大了日本的防务伙伴网络。',
	'The {{reciprocal access|reciprocal-access}} agreement Japan reached with the {{UK|United Kingdom|Britain}} adds to its partners.',
);

const typed = (q: QuestionOf<'short'>, text: string, lang: 'zh' | 'en', knownWrong?: string[]) =>
	checkAnswer(q, { type: 'short', text }, lang, { knownWrong });
const blanks = (q: QuestionOf<'cloze'>, values: string[], lang: 'zh' | 'en', partial = false) =>
	checkAnswer(q, { type: 'cloze', blanks: values }, lang, { partialCredit: partial });

describe('checkAnswer: answer shapes', () => {
	it('throws when the answer is for another question type', () => {
		expect(() => checkAnswer(sec003, { type: 'multi', choices: [0] }, 'en')).toThrow(
			'A "multi" answer cannot answer "single" question usj23-sec-003',
		);
		expect(() => checkAnswer(dip006, { type: 'cloze', blanks: ['台海'] }, 'zh')).toThrow(
			/"cloze" answer cannot answer "short"/,
		);
	});

	it('throws for an index out of range, an order that is not a permutation, or a blank count', () => {
		expect(() => checkAnswer(sec003, { type: 'single', choice: 4 }, 'en')).toThrow(/out of range/);
		expect(() => checkAnswer(sec002, { type: 'multi', choices: [0, -1] }, 'en')).toThrow(
			/out of range/,
		);
		expect(() => checkAnswer(dip013, { type: 'order', order: [0, 1, 2, 3, 3] }, 'en')).toThrow(
			/each of the 5 items once/,
		);
		expect(() => blanks(dip004, ['force'], 'en')).toThrow('usj23-dip-004 has 2 blanks, got 1');
	});
});

describe('checkAnswer: choice questions', () => {
	it('single: the correct option, with the expected answer in the study language', () => {
		expect(checkAnswer(sec003, { type: 'single', choice: 0 }, 'zh')).toEqual({
			correct: true,
			score: 1,
			reasons: [],
			expected: ['2022 年底'],
		});
		expect(checkAnswer(sec003, { type: 'single', choice: 3 }, 'en')).toEqual({
			correct: false,
			score: 0,
			reasons: [],
			expected: ['At the end of 2022'],
		});
	});

	it('multi: all or nothing by default, in any order', () => {
		const right = checkAnswer(sec002, { type: 'multi', choices: [2, 0, 1] }, 'en');
		expect(right).toMatchObject({ correct: true, score: 1 });
		expect(right.expected).toEqual([
			'The National Security Strategy',
			'The National Defense Strategy',
			'The Defense Buildup Program',
		]);
		const missing = checkAnswer(sec002, { type: 'multi', choices: [0, 1] }, 'zh');
		expect(missing).toMatchObject({ correct: false, score: 0 });
		expect(missing.expected).toEqual(['《国家安全保障战略》', '《防卫战略》', '《防卫建设计划》']);
		const extra = checkAnswer(sec002, { type: 'multi', choices: [0, 1, 2, 3] }, 'en');
		expect(extra).toMatchObject({ correct: false, score: 0 });
	});

	it('multi: a wrong answer with more right picks than wrong ones is partly right, whatever the score', () => {
		const check = (choices: number[]) => checkAnswer(sec002, { type: 'multi', choices }, 'en');
		expect(check([0, 1])).toMatchObject({ correct: false, score: 0, partly: true });
		expect(check([0, 1, 2, 3])).toMatchObject({ correct: false, partly: true });
		expect(check([0, 3, 4]).partly).toBeUndefined();
		expect(check([]).partly).toBeUndefined();
		expect(check([0, 1, 2]).partly).toBeUndefined();
	});

	it('multi with partial credit: (right picks − wrong picks) / correct options, never below 0', () => {
		const score = (choices: number[]) =>
			checkAnswer(sec002, { type: 'multi', choices }, 'en', { partialCredit: true });
		expect(score([0, 1])).toMatchObject({ correct: false, score: 2 / 3 });
		expect(score([0, 1, 2, 3])).toMatchObject({ correct: false, score: 2 / 3 });
		expect(score([0, 3, 4])).toMatchObject({ correct: false, score: 0 });
		expect(score([0, 1, 2])).toMatchObject({ correct: true, score: 1 });
	});

	it('truefalse: compares the value, expected shown as 正确/错误 or True/False', () => {
		expect(checkAnswer(sec006, { type: 'truefalse', value: false }, 'zh')).toEqual({
			correct: true,
			score: 1,
			reasons: [],
			expected: ['错误'],
		});
		expect(checkAnswer(sec006, { type: 'truefalse', value: true }, 'en')).toEqual({
			correct: false,
			score: 0,
			reasons: [],
			expected: ['False'],
		});
	});

	it('order: only the exact sequence is right without partial credit', () => {
		const exact = checkAnswer(dip013, { type: 'order', order: [0, 1, 2, 3, 4] }, 'zh');
		expect(exact).toMatchObject({ correct: true, score: 1 });
		expect(exact.expected[0]).toBe('联合声明称同盟处于史上最强状态');
		const swapped = checkAnswer(dip013, { type: 'order', order: [1, 0, 2, 3, 4] }, 'en');
		expect(swapped).toMatchObject({ correct: false, score: 0 });
	});

	it('order with partial credit: the share of items in their right place', () => {
		const order = (o: number[]) =>
			checkAnswer(dip013, { type: 'order', order: o }, 'en', { partialCredit: true });
		expect(order([1, 0, 2, 3, 4])).toMatchObject({ correct: false, score: 3 / 5 });
		expect(order([4, 3, 2, 1, 0])).toMatchObject({ correct: false, score: 1 / 5 });
		expect(order([0, 1, 2, 3, 4])).toMatchObject({ correct: true, score: 1 });
	});
});

describe('normalizeAnswer', () => {
	it.each([
		['  The Taiwan  Strait. ', 'taiwan strait'],
		['ＡＳＥＡＮ', 'asean'],
		["People's Republic of China", 'peoples republic of china'],
		['U.S.', 'us'],
		['self-defence', 'self defence'],
		['Shinzō Abe', 'shinzo abe'],
		['a reciprocal access agreement', 'reciprocal access agreement'],
		['“台湾 海峡”。', '台湾海峡'],
		['《国家安全保障战略》', '国家安全保障战略'],
		['约翰·霍普金斯大学', '约翰霍普金斯大学'],
		['东南亚国家联盟（东盟）', '东南亚国家联盟东盟'],
		['第 5 条', '第5条'],
		['２ ％', '2 %'],
		['1.5', '1.5'],
		['1,000', '1000'],
		['“2+2”', '2+2'],
	])('%j → %j', (input, output) => {
		expect(normalizeAnswer(input)).toBe(output);
	});
});

describe('checkAnswer: typed answers, normalised', () => {
	it('accepts a listed form letter for letter with no reason', () => {
		expect(typed(dip006, 'Taiwan Strait', 'en')).toEqual({
			correct: true,
			score: 1,
			reasons: [],
			expected: ['Taiwan Strait', 'the Taiwan Strait', 'Taiwan Straits'],
		});
		expect(typed(dip006, '台海', 'zh')).toMatchObject({ correct: true, reasons: [] });
	});

	it('accepts case, width, spacing, punctuation and a leading article as "normalized"', () => {
		for (const text of [
			'  the taiwan strait. ',
			'TAIWAN STRAIT',
			'Taiwan-Strait',
			'A Taiwan Strait',
		]) {
			expect(typed(dip006, text, 'en')).toMatchObject({ correct: true, reasons: ['normalized'] });
		}
		for (const text of ['台湾 海峡', '“台湾海峡”。', '台 海！']) {
			expect(typed(dip006, text, 'zh')).toMatchObject({ correct: true, reasons: ['normalized'] });
		}
		expect(typed(dip042, 'ＡＳＥＡＮ', 'en')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
		expect(typed(dip042, '东南亚国家联盟(东盟)', 'zh')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
	});

	it("accepts the other language's forms, but shows the study language's as expected", () => {
		expect(typed(dip006, '台湾海峡', 'en')).toEqual({
			correct: true,
			score: 1,
			reasons: ['normalized'],
			expected: ['Taiwan Strait', 'the Taiwan Strait', 'Taiwan Straits'],
		});
		expect(typed(dip016, "People's Republic of China", 'zh')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
			expected: ['中国', '中华人民共和国'],
		});
	});

	it('rejects a wrong answer, the answer to another question, and an empty answer', () => {
		expect(typed(dip016, 'Russia', 'en')).toMatchObject({ correct: false, score: 0, reasons: [] });
		expect(typed(dip016, '俄罗斯', 'zh')).toMatchObject({ correct: false, score: 0 });
		expect(typed(dip016, 'Taiwan Strait', 'en')).toMatchObject({ correct: false });
		expect(typed(dip016, '台湾海峡', 'zh')).toMatchObject({ correct: false });
		for (const empty of ['', '   ', '。', '“”']) {
			expect(typed(dip016, empty, 'zh')).toMatchObject({ correct: false, score: 0 });
			expect(typed(dip016, empty, 'en')).toMatchObject({ correct: false, score: 0 });
		}
	});
});

describe('checkAnswer: Traditional Chinese', () => {
	let toSimplified: ToSimplified;
	beforeAll(async () => {
		toSimplified = await loadToSimplified();
	});

	it('converts Taiwan and Hong Kong Traditional to Simplified, and is loaded once', async () => {
		expect(toSimplified('網絡安全')).toBe('网络安全');
		expect(toSimplified('國防')).toBe('国防');
		expect(toSimplified('東盟')).toBe('东盟');
		expect(toSimplified('臺灣海峽')).toBe('台湾海峡');
		expect(toSimplified('自衞')).toBe('自卫');
		expect(toSimplified('ASEAN 国防 2%')).toBe('ASEAN 国防 2%');
		expect(await loadToSimplified()).toBe(toSimplified);
	});

	it('accepts a Traditional answer as "traditional" only when given the converter', () => {
		const tw = (q: QuestionOf<'short'>, text: string, lang: 'zh' | 'en') =>
			checkAnswer(q, { type: 'short', text }, lang, { toSimplified });
		expect(tw(dip042, '東盟', 'zh')).toMatchObject({ correct: true, reasons: ['traditional'] });
		expect(tw(dip006, '臺灣海峽', 'en')).toMatchObject({ correct: true, reasons: ['traditional'] });
		expect(tw(dip016, '中華人民共和國', 'zh')).toMatchObject({
			correct: true,
			reasons: ['traditional'],
		});
		expect(typed(dip042, '東盟', 'zh')).toMatchObject({ correct: false });
		expect(tw(dip016, '俄羅斯', 'zh')).toMatchObject({ correct: false });
	});
});

describe('checkAnswer: numbers', () => {
	it('accepts the same percentage however it is written, as "number"', () => {
		for (const [text, lang, reason] of [
			['2 %', 'en', 'normalized'],
			['two per cent', 'en', 'number'],
			['2 %', 'zh', 'normalized'],
			['two per cent', 'zh', 'number'],
			['百分之2', 'zh', 'number'],
		] as const) {
			// The 2% blank is the second in English, the third in Chinese.
			const en = lang === 'en';
			const result = blanks(sec038, en ? ['1%', text, '5'] : ['1%', '5', text], lang);
			const reasons = en ? [[], [reason], []] : [[], [], [reason]];
			expect(result.blanks?.map((b) => b.reasons)).toEqual(reasons);
			expect(result).toMatchObject({ correct: true, reasons: [reason] });
		}
		expect(blanks(sec039, ['fifty per cent'], 'zh')).toMatchObject({
			correct: true,
			reasons: ['number'],
		});
		expect(blanks(sec039, ['百分之五十'], 'en')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
		expect(blanks(sec039, ['50 per cent'], 'en')).toMatchObject({
			correct: true,
			reasons: ['number'],
		});
	});

	it('accepts plain numbers in digits, Chinese numerals or English words', () => {
		const dates = blanks(tl005, ['thirteen', '二〇二三'], 'en');
		expect(dates.blanks?.map((b) => b.reasons)).toEqual([[], ['number']]);
		expect(blanks(tl005, ['2023', '十三'], 'zh')).toMatchObject({
			correct: true,
			reasons: ['number'],
		});
		expect(blanks(sec004, ['七十'], 'en')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
		expect(blanks(sec004, ['seventy'], 'zh')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
		expect(blanks(sec004, ['Seventy'], 'en')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
		expect(typed(sec020, 'FIVE', 'zh')).toMatchObject({ correct: true, reasons: ['normalized'] });
	});

	it('rejects another number, another unit, and a number with words of its own around it', () => {
		for (const wrong of ['3%', '20%', '2', '百分之三', 'three percent', 'not 2%', '2% or 3%']) {
			expect(blanks(sec038, ['1%', wrong, '5'], 'en').blanks?.[1].correct).toBe(false);
			expect(blanks(sec038, ['1%', '5', wrong], 'zh').blanks?.[2].correct).toBe(false);
		}
		expect(blanks(sec004, ['71'], 'en')).toMatchObject({ correct: false });
		expect(blanks(sec004, ['七十一'], 'zh')).toMatchObject({ correct: false });
		expect(typed(sec020, 'Article 6', 'en')).toMatchObject({ correct: false });
		expect(typed(sec020, '第六条', 'zh')).toMatchObject({ correct: false });
	});
});

describe('checkAnswer: cloze', () => {
	it('checks every blank and reports each one', () => {
		expect(blanks(dip004, ['force', 'coercion'], 'en')).toEqual({
			correct: true,
			score: 1,
			reasons: [],
			expected: ['force', 'coercion'],
			blanks: [
				{ correct: true, reasons: [], expected: 'force' },
				{ correct: true, reasons: [], expected: 'coercion' },
			],
		});
		expect(blanks(dip004, ['武力', '强制'], 'zh')).toMatchObject({
			correct: true,
			expected: ['武力', '胁迫'],
		});
	});

	it('gives 0 for a half-right cloze without partial credit, the share right with it', () => {
		const half = blanks(dip004, ['force', 'pressure'], 'en');
		expect(half).toMatchObject({ correct: false, score: 0 });
		expect(half.blanks?.map((b) => b.correct)).toEqual([true, false]);
		expect(blanks(dip004, ['武力', '压力'], 'zh', true)).toMatchObject({
			correct: false,
			score: 0.5,
		});
		expect(blanks(dip004, ['force', ''], 'en', true)).toMatchObject({ correct: false, score: 0.5 });
	});

	it("rejects an answer typed into another blank's place", () => {
		expect(blanks(dip004, ['coercion', 'force'], 'en', true)).toMatchObject({ score: 0 });
		expect(blanks(tl005, ['2023', '13'], 'en', true)).toMatchObject({ score: 0 });
		// The Chinese text puts the blanks in another order (1%, 5 years, 2%).
		const zhOrder = blanks(sec038, ['1%', '5', '2%'], 'en');
		expect(zhOrder.blanks?.map((b) => b.correct)).toEqual([true, false, false]);
	});

	it("pairs the other language's blanks by content, not by position", () => {
		expect(blanks(sec038, ['百分之一', '百分之二', '五'], 'en')).toMatchObject({
			correct: true,
			reasons: ['normalized'],
		});
		expect(blanks(tl005, ['2023', 'thirteen'], 'zh')).toMatchObject({ correct: true });
		// A bare "5" in the Chinese list stands for 5 月, not for "May".
		expect(blanks(dip029, ['5', '5'], 'en').blanks?.map((b) => b.correct)).toEqual([true, false]);
		// Blanks that share nothing and are in another order get no other-language forms.
		expect(blanks(dip037, ['英国', '互惠准入'], 'zh')).toMatchObject({ correct: true });
		expect(blanks(dip037, ['reciprocal access', 'UK'], 'en')).toMatchObject({ correct: true });
		expect(blanks(dip037, ['reciprocal access', 'UK'], 'zh', true)).toMatchObject({ score: 0 });
	});
});

describe('checkAnswer: English typos', () => {
	it('forgives one slip in a word of 6+ letters, as "typo"', () => {
		expect(editDistance('taiwan strat', 'taiwan strait')).toBe(1);
		expect(typed(dip006, 'Taiwan Strat', 'en')).toMatchObject({ correct: true, reasons: ['typo'] });
		expect(typed(dip006, 'Tiawan Strait', 'en')).toMatchObject({
			correct: true,
			reasons: ['typo'],
		});
		expect(typed(dip006, 'Taiwan Strat', 'zh')).toMatchObject({ correct: true, reasons: ['typo'] });
		expect(blanks(dip010, ['Ukrane'], 'en')).toMatchObject({ correct: true, reasons: ['typo'] });
		expect(typed(sec017, 'southwestern islads', 'en')).toMatchObject({ reasons: ['typo'] });
	});

	it('rejects two slips, and a slip in a word of 5 letters or fewer', () => {
		expect(typed(dip006, 'Tiawan Strat', 'en')).toMatchObject({ correct: false });
		expect(blanks(dip004, ['forse', 'coercion'], 'en').blanks?.[0].correct).toBe(false);
		expect(typed(dip016, 'Chnia', 'en')).toMatchObject({ correct: false });
		expect(typed(dip042, 'ASAEN', 'en')).toMatchObject({ correct: false });
	});

	it('never forgives a slip in Chinese or in a number', () => {
		expect(typed(dip006, '台湾海狭', 'zh')).toMatchObject({ correct: false });
		expect(typed(dip042, '东蒙', 'zh')).toMatchObject({ correct: false });
		expect(blanks(dip010, ['乌克蓝'], 'zh')).toMatchObject({ correct: false });
		expect(blanks(sec004, ['seventh'], 'en')).toMatchObject({ correct: false });
		expect(blanks(tl005, ['13', '2024'], 'en').blanks?.[1].correct).toBe(false);
	});

	it('refuses a slip that is as close to a known wrong answer', () => {
		const wrong = ['southeastern islands'];
		expect(typed(sec017, 'southwastern islands', 'en')).toMatchObject({ reasons: ['typo'] });
		expect(typed(sec017, 'southwastern islands', 'en', wrong)).toMatchObject({ correct: false });
		expect(typed(sec017, 'southeastern islands', 'en', wrong)).toMatchObject({ correct: false });
		expect(typed(sec017, 'southwestern islads', 'en', wrong)).toMatchObject({ correct: true });
		expect(typed(sec017, 'the southwestern islands', 'en', wrong)).toMatchObject({ correct: true });
	});
});
