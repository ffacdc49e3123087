import { describe, expect, it } from 'vitest';
import type { Question, QuestionOf } from '../../src/lib/bank/index.ts';
import {
	buildTest,
	expectedAnswer,
	gradeItem,
	isCorrectOption,
	optionText,
	retryItems,
	type DeckQuestions,
	type TestItem,
} from '../../src/lib/quiz/build-test.ts';
import { DEFAULT_TEST_SPEC, QUIZ_TYPES, type TestSpec } from '../../src/lib/quiz/test-spec.ts';

const meta = (id: string) => ({
	id,
	prompt: { zh: `题 ${id}`, en: `Question ${id}` },
	explanation: { zh: '……', en: '…' },
	source: { paragraphs: [1] },
	tags: ['test'],
});
type Opt = [zh: string, en: string, correct?: boolean];
const opts = (list: Opt[]) =>
	list.map(([zh, en, correct]) => (correct ? { zh, en, correct } : { zh, en }));
const single = (id: string, list: Opt[]): QuestionOf<'single'> => ({
	...meta(id),
	type: 'single',
	options: opts(list),
});
const multi = (id: string, list: Opt[]): QuestionOf<'multi'> => ({
	...meta(id),
	type: 'multi',
	options: opts(list),
});

const aS1 = single('a-s1', [
	['东京', 'Tokyo', true],
	['大阪', 'Osaka'],
	['京都', 'Kyoto'],
]);
const aM1 = multi('a-m1', [
	['札幌', 'Sapporo', true],
	['福冈', 'Fukuoka', true],
	['神户', 'Kobe'],
]);
const deckA: Question[] = [
	{ ...meta('a-fc'), type: 'flashcard', back: { zh: '背面', en: 'Back' } },
	aS1,
	single('a-s2', [
		['名古屋', 'Nagoya', true],
		['东京', 'Tokyo'],
		['仙台', 'Sendai'],
		['奈良', 'Nara'],
	]),
	aM1,
	{ ...meta('a-tf'), type: 'truefalse', answer: true },
	{
		...meta('a-cl'),
		type: 'cloze',
		text: { zh: '首都是{{东京}}。', en: 'The capital is {{Tokyo}}.' },
	},
	{ ...meta('a-sh'), type: 'short', answers: { zh: ['东京'], en: ['Tokyo'] } },
	{
		...meta('a-or'),
		type: 'order',
		items: [
			{ zh: '一', en: 'one' },
			{ zh: '二', en: 'two' },
			{ zh: '三', en: 'three' },
		],
	},
	// Right answers that are a-s1's options in another case, width or language: never its extras.
	single('a-s3', [
		['京都市', 'KYOTO', true],
		['横滨', 'Yokohama'],
		['川崎', 'Kawasaki'],
	]),
	single('a-s4', [
		['大阪府', 'Ｏｓａｋａ', true],
		['横滨', 'Yokohama'],
		['川崎', 'Kawasaki'],
	]),
	single('a-s5', [
		[' 大阪 ', 'Osaka City', true],
		['横滨', 'Yokohama'],
		['川崎', 'Kawasaki'],
		['广岛', 'Hiroshima'],
	]),
];
// a-s1's only possible extras: the right answers of a-s2 and a-m1 (a-s3..5 clash with it).
const allowedForAS1 = ['Nagoya', 'Sapporo', 'Fukuoka'];

const deckB: Question[] = [
	single('b-s1', [
		['柏林', 'Berlin', true],
		['巴黎', 'Paris'],
		['罗马', 'Rome'],
	]),
	single('b-s2', [
		['巴黎', 'paris', true],
		['马德里', 'Madrid'],
		['里斯本', 'Lisbon'],
		['维也纳', 'Vienna'],
	]),
	{ ...meta('b-tf'), type: 'truefalse', answer: false },
];

const decks: DeckQuestions[] = [
	{ deck: 'bank/a', questions: deckA },
	{ deck: 'bank/b', questions: deckB },
];
const spec: TestSpec = {
	...DEFAULT_TEST_SPEC,
	decks: ['bank/a', 'bank/b'],
	count: 200,
	lang: 'en',
	seed: 'seed1',
};
const ids = (items: TestItem[]) => items.map((i) => i.question.id);
const item = (items: TestItem[], id: string) => items.find((i) => i.question.id === id)!;
const shownTexts = (it: TestItem) => it.optionOrder!.map((i) => optionText(it, i, 'en'));
const positionOf = (it: TestItem, text: string) => shownTexts(it).indexOf(text);

describe('buildTest: which questions', () => {
	it('takes every question of the chosen types, never flashcards', () => {
		expect(buildTest(spec, decks)).toHaveLength(deckA.length - 1 + deckB.length);
		const some = buildTest({ ...spec, types: ['truefalse', 'short'] }, decks);
		expect(ids(some).sort()).toEqual(['a-sh', 'a-tf', 'b-tf']);
	});

	it('takes at most `count`', () => {
		expect(buildTest({ ...spec, count: 3 }, decks)).toHaveLength(3);
		expect(
			buildTest({ ...spec, count: 3, shuffle: false }, decks).map((i) => i.question.id),
		).toEqual(['a-s1', 'a-s2', 'a-m1']);
	});

	it('only takes eligible questions unless the pool is all', () => {
		const eligible = new Set(['a-tf', 'b-s1', 'a-fc']);
		expect(ids(buildTest({ ...spec, pool: 'due', shuffle: false }, decks, eligible))).toEqual([
			'a-tf',
			'b-s1',
		]);
		expect(ids(buildTest({ ...spec, pool: 'weak' }, decks, eligible)).sort()).toEqual([
			'a-tf',
			'b-s1',
		]);
		expect(buildTest({ ...spec, pool: 'due' }, decks)).toEqual([]);
		expect(buildTest({ ...spec, pool: 'all' }, decks, eligible)).toHaveLength(13);
	});

	it('takes exactly the `only` questions, whichever the shuffle would have put first', () => {
		// "Test" on a weak group in Statistics: count is the group's size, the decks are larger.
		const only = ['b-tf', 'a-sh', 'b-s2'];
		for (const seed of ['seed1', 'seed2', 'seed3', 'seed4', 'seed5']) {
			const test = buildTest({ ...spec, count: only.length, seed, only }, decks);
			expect(ids(test).sort(), seed).toEqual([...only].sort());
		}
		expect(buildTest({ ...spec, count: 2, only }, decks)).toHaveLength(2);
	});

	it('only takes the spec’s decks, in the spec’s order', () => {
		const onlyB = buildTest({ ...spec, decks: ['bank/b'], shuffle: false }, decks);
		expect(ids(onlyB)).toEqual(['b-s1', 'b-s2', 'b-tf']);
		const bFirst = buildTest({ ...spec, decks: ['bank/b', 'bank/a'], shuffle: false }, decks);
		expect(ids(bFirst).slice(0, 4)).toEqual(['b-s1', 'b-s2', 'b-tf', 'a-s1']);
		expect(
			bFirst.every((i) => i.deck === (i.question.id.startsWith('a') ? 'bank/a' : 'bank/b')),
		).toBe(true);
	});
});

describe('buildTest: order', () => {
	it('keeps the questions in bank order without shuffling, but never the options', () => {
		const items = buildTest({ ...spec, shuffle: false }, decks);
		expect(ids(items)).toEqual(
			[...deckA, ...deckB].filter((q) => q.type !== 'flashcard').map((q) => q.id),
		);
		// The right option's place varies with the seed, so it cannot be learnt.
		const rightAt = new Set<number>();
		for (let s = 0; s < 20; s++) {
			const unshuffled = buildTest({ ...spec, seed: `s${s}`, shuffle: false }, decks);
			const it = item(unshuffled, 'a-s2');
			const q = it.question as QuestionOf<'single'>;
			rightAt.add(it.optionOrder!.findIndex((i) => q.options[i]?.correct));
		}
		expect(rightAt.size).toBeGreaterThanOrEqual(3);
	});

	it('is the same for the same spec and decks', () => {
		expect(buildTest(spec, decks)).toEqual(buildTest(spec, decks));
		expect(buildTest({ ...spec, shuffle: false }, decks)).toEqual(
			buildTest({ ...spec, shuffle: false }, decks),
		);
	});

	it('shuffles questions and options by the seed', () => {
		const one = buildTest(spec, decks);
		const other = buildTest({ ...spec, seed: 'seed2' }, decks);
		expect(ids(one)).not.toEqual(ids(other));
		expect(ids(one).sort()).toEqual(ids(other).sort());
		const orders = ['s1', 's2', 's3', 's4', 's5'].map(
			(seed) => item(buildTest({ ...spec, seed }, decks), 'a-s2').optionOrder,
		);
		expect(new Set(orders.map(String)).size).toBeGreaterThan(1);
		for (const order of orders) expect([...order!].sort()).toEqual([0, 1, 2, 3]);
	});

	it('gives no option order to questions without options', () => {
		for (const it of buildTest(spec, decks).filter(
			(i) => !['single', 'multi'].includes(i.question.type),
		)) {
			expect(it.optionOrder).toBeUndefined();
			expect(it.extraDistractors).toBeUndefined();
		}
	});
});

describe('buildTest: extra distractors', () => {
	const seeds = Array.from({ length: 40 }, (_, i) => `seed${i}`);
	const builds = seeds.flatMap((seed) => [
		buildTest({ ...spec, seed }, decks),
		buildTest({ ...spec, seed, shuffle: false }, decks),
	]);

	it('adds one to a 3-option question, from the right answers of the same deck', () => {
		const picked = new Set<string>();
		for (const items of builds) {
			const it = item(items, 'a-s1');
			expect(it.extraDistractors).toHaveLength(1);
			picked.add(it.extraDistractors![0].en);
		}
		// Chosen by the seed among all that qualify; never Berlin (other deck) or KYOTO/Osaka (clash).
		expect([...picked].sort()).toEqual([...allowedForAS1].sort());
	});

	it('never adds the right answer, an existing option or a duplicate', () => {
		for (const items of builds) {
			for (const it of items.filter((i) => i.optionOrder)) {
				const q = it.question as QuestionOf<'single'>;
				const fold = (s: string) => s.normalize('NFKC').toLowerCase().trim();
				const texts = q.options.flatMap((o) => [fold(o.zh), fold(o.en)]);
				for (const extra of it.extraDistractors!) {
					expect(texts).not.toContain(fold(extra.zh));
					expect(texts).not.toContain(fold(extra.en));
				}
				const shown = shownTexts(it).map(fold);
				expect(new Set(shown).size).toBe(shown.length);
			}
		}
	});

	it('adds none to questions with 4 or more options, nor when nothing qualifies', () => {
		for (const items of builds) {
			for (const id of ['a-s2', 'a-s5', 'b-s2', 'b-s1'])
				expect(item(items, id).extraDistractors).toEqual([]);
			expect(item(items, 'a-m1').extraDistractors).toHaveLength(1);
		}
	});

	it('shows the extra among the options, by index options.length + k, never as right', () => {
		const positions = new Set<number>();
		for (const items of builds) {
			const it = item(items, 'a-s1');
			expect([...it.optionOrder!].sort()).toEqual([0, 1, 2, 3]);
			positions.add(it.optionOrder!.indexOf(3));
			expect(optionText(it, 3, 'en')).toBe(it.extraDistractors![0].en);
			expect(optionText(it, 3, 'zh')).toBe(it.extraDistractors![0].zh);
			expect(isCorrectOption(it, 3)).toBe(false);
			expect(isCorrectOption(it, 0)).toBe(true);
			expect(optionText(it, 1, 'zh')).toBe('大阪');
		}
		expect(positions.size).toBeGreaterThan(2);
	});

	it('picks a qualifying extra also with a single candidate left', () => {
		const tiny: DeckQuestions[] = [
			{
				deck: 'bank/c',
				questions: [
					aS1,
					single('c-2', [
						['奈良', 'NARA', true],
						['东京', 'Tokyo'],
						['大阪', 'Osaka'],
						['京都', 'Kyoto'],
					]),
				],
			},
		];
		const it = item(buildTest({ ...spec, decks: ['bank/c'] }, tiny), 'a-s1');
		expect(it.extraDistractors).toEqual([{ zh: '奈良', en: 'NARA' }]);
	});
});

describe('gradeItem', () => {
	const items = buildTest({ ...spec, partialCredit: true }, decks);
	const s1 = item(items, 'a-s1');
	const m1 = item(items, 'a-m1');
	const extraOf = (it: TestItem) =>
		it.optionOrder!.indexOf((it.question as QuestionOf<'single'>).options.length);

	it('reads a single answer as a position in the shown order', () => {
		expect(s1.optionOrder).not.toEqual([0, 1, 2, 3]);
		const right = gradeItem(s1, { type: 'single', choice: positionOf(s1, 'Tokyo') }, spec);
		expect(right).toMatchObject({ correct: true, score: 1, expected: ['Tokyo'] });
		const wrong = gradeItem(s1, { type: 'single', choice: positionOf(s1, 'Kyoto') }, spec);
		expect(wrong).toMatchObject({ correct: false, score: 0 });
	});

	it('grades a picked extra distractor wrong', () => {
		const result = gradeItem(s1, { type: 'single', choice: extraOf(s1) }, spec);
		expect(result).toMatchObject({ correct: false, score: 0, expected: ['Tokyo'] });
		expect(
			gradeItem(s1, { type: 'single', choice: extraOf(s1) }, { ...spec, lang: 'zh' }).expected,
		).toEqual(['东京']);
	});

	it('counts a ticked extra distractor as a wrong pick in a multi answer', () => {
		const right = [positionOf(m1, 'Sapporo'), positionOf(m1, 'Fukuoka')];
		expect(gradeItem(m1, { type: 'multi', choices: right }, spec)).toMatchObject({
			correct: true,
			score: 1,
		});
		const withExtra = { type: 'multi' as const, choices: [...right, extraOf(m1)] };
		expect(gradeItem(m1, withExtra, spec)).toMatchObject({ correct: false, score: 0 });
		// Two right, one wrong, of two wanted: (2 − 1) / 2.
		expect(gradeItem(m1, withExtra, { ...spec, partialCredit: true })).toMatchObject({
			correct: false,
			score: 0.5,
		});
		const wrongOnly = { type: 'multi' as const, choices: [positionOf(m1, 'Sapporo'), extraOf(m1)] };
		expect(gradeItem(m1, wrongOnly, { ...spec, partialCredit: true }).score).toBe(0);
	});

	it('leaves other types to checkAnswer', () => {
		expect(gradeItem(item(items, 'a-tf'), { type: 'truefalse', value: true }, spec).correct).toBe(
			true,
		);
		expect(gradeItem(item(items, 'a-sh'), { type: 'short', text: 'tokyo' }, spec).correct).toBe(
			true,
		);
		expect(
			gradeItem(item(items, 'a-cl'), { type: 'cloze', blanks: ['东京'] }, { ...spec, lang: 'zh' })
				.correct,
		).toBe(true);
		const order = gradeItem(
			item(items, 'a-or'),
			{ type: 'order', order: [0, 2, 1] },
			{ ...spec, partialCredit: true },
		);
		expect(order.score).toBeCloseTo(1 / 3);
	});

	it('uses question indices when there is no option order', () => {
		const bare: TestItem = { deck: 'bank/a', question: aS1 };
		expect(gradeItem(bare, { type: 'single', choice: 0 }, spec).correct).toBe(true);
	});

	it('refuses positions that were not shown, and answers of another type', () => {
		expect(() => gradeItem(s1, { type: 'single', choice: 4 }, spec)).toThrow(/out of range/);
		expect(() => gradeItem(m1, { type: 'multi', choices: [-1] }, spec)).toThrow(/out of range/);
		expect(() => gradeItem(s1, { type: 'truefalse', value: true }, spec)).toThrow();
	});
});

describe('expectedAnswer', () => {
	it('gives the right answer of an unanswered question of any type', () => {
		const items = buildTest(spec, decks);
		const expected = (id: string, lang: 'zh' | 'en' = 'en') =>
			expectedAnswer(item(items, id), lang);
		expect(expected('a-s1')).toEqual(['Tokyo']);
		expect(expected('a-m1', 'zh')).toEqual(['札幌', '福冈']);
		expect(expected('a-tf')).toEqual(['True']);
		expect(expected('a-cl', 'zh')).toEqual(['东京']);
		expect(expected('a-sh')).toEqual(['Tokyo']);
		expect(expected('a-or')).toEqual(['one', 'two', 'three']);
	});
});

describe('retryItems', () => {
	it('gives the missed items again, unchanged and in the same order', () => {
		const items = buildTest(spec, decks);
		const missed = new Set(['a-s1', 'b-tf', 'not-in-test']);
		const retry = retryItems(items, missed);
		expect(ids(retry)).toEqual(ids(items).filter((id) => missed.has(id)));
		expect(retry).toHaveLength(2);
		expect(item(retry, 'a-s1')).toBe(item(items, 'a-s1'));
		expect(retryItems(items, new Set())).toEqual([]);
	});
});

it('covers every quiz type in its fixtures', () => {
	expect(new Set(buildTest(spec, decks).map((i) => i.question.type))).toEqual(new Set(QUIZ_TYPES));
});
