import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_TEST_SPEC,
	groupTestSpec,
	LIMITS,
	QUIZ_TYPES,
	newSeed,
	retrySpec,
	specFromParams,
	specToParams,
	type TestSpec,
} from '../../src/lib/quiz/test-spec.ts';

const KNOWN = new Set([
	'us-japan-2023/security-defence',
	'us-japan-2023/economy',
	'nato-2024/summit',
	'a/b',
]);

const spec: TestSpec = {
	decks: ['us-japan-2023/security-defence', 'nato-2024/summit'],
	count: 10,
	types: ['single', 'multi'],
	pool: 'due',
	timeLimit: { mode: 'question', seconds: 30 },
	feedback: 'end',
	partialCredit: true,
	feedFsrs: false,
	shuffle: true,
	lang: 'zh',
	seed: 'abc123',
};

const parse = (query: string, uiLang?: 'zh' | 'en') =>
	specFromParams(new URLSearchParams(query), KNOWN, uiLang);
const errorsOf = (query: string) => {
	const result = parse(query);
	if (result.ok) throw new Error(`expected errors for ${query}`);
	return result.error.map((e) => e.message);
};
const base = 'd=a/b&s=seed1&l=en';

const arbitrarySpec: fc.Arbitrary<TestSpec> = fc.record(
	{
		decks: fc.uniqueArray(fc.constantFrom(...KNOWN), { minLength: 1 }),
		count: fc.integer({ min: 1, max: LIMITS.count }),
		types: fc.uniqueArray(fc.constantFrom(...QUIZ_TYPES), { minLength: 1 }),
		pool: fc.constantFrom('all', 'due', 'weak'),
		timeLimit: fc.oneof(
			fc.constant({ mode: 'none' as const }),
			fc.record({
				mode: fc.constantFrom('question', 'test'),
				seconds: fc.integer({ min: 5, max: 7200 }),
			}),
		),
		feedback: fc.constantFrom('immediate', 'end'),
		partialCredit: fc.boolean(),
		feedFsrs: fc.boolean(),
		shuffle: fc.boolean(),
		lang: fc.constantFrom('zh', 'en'),
		seed: fc.stringMatching(/^[a-z0-9]{4,16}$/),
		only: fc.option(
			fc.uniqueArray(fc.stringMatching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), {
				minLength: 1,
				maxLength: LIMITS.count,
			}),
			{ nil: undefined },
		),
	},
	{
		requiredKeys: [
			'decks',
			'count',
			'types',
			'pool',
			'timeLimit',
			'feedback',
			'partialCredit',
			'feedFsrs',
			'shuffle',
			'lang',
			'seed',
		],
	},
);

describe('specToParams', () => {
	it('writes every setting, compactly, in a stable order', () => {
		expect(specToParams(spec).toString()).toBe(
			'd=us-japan-2023%2Fsecurity-defence%2Cnato-2024%2Fsummit&n=10&t=single%2Cmulti&p=due' +
				'&tl=q30&fb=e&pc=1&fs=0&sh=1&l=zh&s=abc123',
		);
		const test = { ...spec, timeLimit: { mode: 'test' as const, seconds: 600 } };
		expect(specToParams(test).get('tl')).toBe('t600');
		expect(specToParams({ ...spec, timeLimit: { mode: 'none' } }).get('tl')).toBe('none');
	});
});

describe('specFromParams', () => {
	it('reads back exactly what was written, also through the URL text', () => {
		fc.assert(
			fc.property(arbitrarySpec, (s) => {
				expect(specFromParams(specToParams(s), KNOWN)).toEqual({ ok: true, value: s });
				const text = new URLSearchParams(specToParams(s).toString());
				expect(specFromParams(text, KNOWN)).toEqual({ ok: true, value: s });
			}),
		);
	});

	it('fills missing optional settings with the defaults', () => {
		expect(parse(base)).toEqual({
			ok: true,
			value: { ...DEFAULT_TEST_SPEC, decks: ['a/b'], seed: 'seed1', lang: 'en' },
		});
	});

	it('does not share the default types list with the spec it returns', () => {
		const result = parse(base);
		if (!result.ok) throw new Error('expected a spec');
		result.value.types.pop();
		expect(DEFAULT_TEST_SPEC.types).toEqual([...QUIZ_TYPES]);
	});

	it('takes a missing language from the interface, or else refuses', () => {
		expect(parse('d=a/b&s=seed1', 'zh')).toMatchObject({ ok: true, value: { lang: 'zh' } });
		expect(parse('d=a/b&s=seed1&l=en', 'zh')).toMatchObject({ ok: true, value: { lang: 'en' } });
		expect(errorsOf('d=a/b&s=seed1')).toEqual(['Language (l): missing']);
	});

	it('refuses a link without decks or seed', () => {
		expect(errorsOf('l=zh')).toEqual([
			'Decks (d): missing; choose at least one deck',
			'Seed (s): missing',
		]);
		expect(errorsOf('d=&s=seed1&l=zh')).toEqual(['Decks (d): choose at least one deck']);
	});

	it.each([
		['d=a/b,zz/unknown', 'Decks (d): unknown deck "zz/unknown"'],
		['d=a/b,a/b', 'Decks (d): lists a deck twice: "a/b"'],
		['d=a/b,<script>', 'Decks (d): not a deck key ("bank/deck"): "<script>"'],
		['d=x/a,x/b,x/c,x/d', 'Decks (d): unknown deck "x/a", "x/b", "x/c" and 1 more'],
		['n=0', 'Question count (n): must be a whole number from 1 to 200, got 0'],
		['n=201', 'Question count (n): must be a whole number from 1 to 200, got 201'],
		[
			'n=99999999999999999999',
			'Question count (n): must be a whole number from 1 to 200, got "99999999999999999999"',
		],
		['n=-3', 'Question count (n): must be a whole number from 1 to 200, got "-3"'],
		['n=2.5', 'Question count (n): must be a whole number from 1 to 200, got "2.5"'],
		['n=1e2', 'Question count (n): must be a whole number from 1 to 200, got "1e2"'],
		['n=', 'Question count (n): must be a whole number from 1 to 200, got ""'],
		['t=', 'Question types (t): choose at least one question type'],
		[
			't=single,flashcard',
			'Question types (t): unknown type "flashcard" (known: single, multi, truefalse, cloze, short, order)',
		],
		['t=single,single', 'Question types (t): lists a type twice: "single"'],
		['p=some', 'Question pool (p): must be all, due, weak, got "some"'],
		['tl=q4', 'Time limit (tl): seconds must be from 5 to 7200'],
		['tl=t7201', 'Time limit (tl): seconds must be from 5 to 7200'],
		['tl=q99999999', 'Time limit (tl): must be none, q<seconds> or t<seconds>, got "q99999999"'],
		['tl=30', 'Time limit (tl): must be none, q<seconds> or t<seconds>, got "30"'],
		['fb=x', 'Feedback (fb): must be i (immediate) or e (at the end), got "x"'],
		['pc=true', 'Partial credit (pc): must be 0 or 1, got "true"'],
		['fs=2', 'Count as reviews (fs): must be 0 or 1, got "2"'],
		['sh=yes', 'Shuffle (sh): must be 0 or 1, got "yes"'],
		['l=fr', 'Language (l): must be zh or en, got "fr"'],
		['s=ABC123', 'Seed (s): must be 4 to 16 lower-case letters or digits, got "ABC123"'],
		['s=abc', 'Seed (s): must be 4 to 16 lower-case letters or digits, got "abc"'],
		['n=5&n=6', 'Question count (n): is given 2 times; give it once'],
		['only=', 'Questions (only): list at least one question'],
		['only=q1,q1', 'Questions (only): lists a question twice: "q1"'],
		['only=q1,Q2,a b', 'Questions (only): not a question id: "Q2", "a b"'],
		[
			`only=${Array.from({ length: 201 }, (_, i) => `q${i}`).join(',')}`,
			'Questions (only): at most 200 questions, got 201',
		],
	])('refuses %s', (query, error) => {
		const params = new URLSearchParams(base);
		// The query's settings replace the base link's, so `d=` can stand for "no decks".
		for (const key of new URLSearchParams(query).keys()) params.delete(key);
		for (const [key, value] of new URLSearchParams(query)) params.append(key, value);
		expect(errorsOf(params.toString())).toEqual([error]);
	});

	it('reports every bad setting at once', () => {
		expect(errorsOf('d=a/b&s=seed1&l=zh&n=0&p=x&sh=2')).toHaveLength(3);
	});

	it('refuses hostile links without throwing or echoing them whole', () => {
		const many = Array.from({ length: 10_000 }, (_, i) => `b/d${i}`).join(',');
		expect(errorsOf(`d=${many}&s=seed1&l=zh`)).toEqual([
			'Decks (d): is too long (78889 characters)',
		]);
		const sixty = Array.from({ length: 60 }, (_, i) => `b/d${i}`).join(',');
		expect(errorsOf(`d=${sixty}&s=seed1&l=zh`)).toEqual(['Decks (d): at most 50 decks, got 60']);
		const long = 'a'.repeat(LIMITS.valueLength + 1);
		expect(errorsOf(`${base}&t=${long}`)).toEqual([
			'Question types (t): is too long (10001 characters)',
		]);
		const [error] = errorsOf(`d=${'<script>alert(1)</script>'.repeat(5)}&s=seed1&l=zh`);
		expect(error.length).toBeLessThan(100);
		expect(errorsOf(`${base}&s=other1`)).toEqual(['Seed (s): is given 2 times; give it once']);
	});

	it('reads the questions a link is limited to', () => {
		expect(parse(`${base}&only=a-s1,b-tf`)).toMatchObject({
			ok: true,
			value: { only: ['a-s1', 'b-tf'] },
		});
		const result = parse(base);
		expect(result.ok && 'only' in result.value).toBe(false);
	});

	it('ignores parameters it does not know', () => {
		expect(parse(`${base}&utm_source=mail`).ok).toBe(true);
	});

	it('never throws, whatever the parameters', () => {
		const key = fc.constantFrom(
			...['d', 'n', 't', 'p', 'tl', 'fb', 'pc', 'fs', 'sh', 'l', 's', 'only', 'x'],
		);
		fc.assert(
			fc.property(fc.array(fc.tuple(key, fc.string())), (pairs) => {
				const result = specFromParams(new URLSearchParams(pairs), KNOWN);
				expect(result.ok || result.error.length > 0).toBe(true);
			}),
		);
	});
});

describe('groupTestSpec', () => {
	const deckOf = (id: string) =>
		id.startsWith('a-') ? 'a/b' : id.startsWith('n-') ? 'nato-2024/summit' : undefined;

	it('is a test of exactly the group’s questions, over their decks, counted as reviews', () => {
		const group = groupTestSpec(['n-1', 'a-1', 'a-2'], deckOf, 'en', 'seed1');
		expect(group).toEqual({
			...DEFAULT_TEST_SPEC,
			decks: ['nato-2024/summit', 'a/b'],
			count: 3,
			types: [...QUIZ_TYPES],
			feedFsrs: true,
			lang: 'en',
			seed: 'seed1',
			only: ['n-1', 'a-1', 'a-2'],
		});
		// The link it makes reads back as the same test.
		expect(specFromParams(specToParams(group), KNOWN)).toEqual({ ok: true, value: group });
	});

	it('draws at most the test limit from a larger group, the same ones for the same seed', () => {
		const ids = Array.from({ length: 250 }, (_, i) => `a-${i}`);
		const group = groupTestSpec(ids, deckOf, 'zh', 'seed1');
		expect(group.only).toHaveLength(LIMITS.count);
		expect(group.count).toBe(LIMITS.count);
		expect(new Set(group.only).size).toBe(LIMITS.count);
		expect(group.only!.every((id) => ids.includes(id))).toBe(true);
		expect(groupTestSpec(ids, deckOf, 'zh', 'seed1')).toEqual(group);
		expect(groupTestSpec(ids, deckOf, 'zh', 'seed2').only).not.toEqual(group.only);
	});
});

describe('retrySpec', () => {
	it('is the same test, of the missed questions only', () => {
		expect(retrySpec(spec, ['a-1', 'a-3'])).toEqual({ ...spec, only: ['a-1', 'a-3'] });
		const retried = retrySpec({ ...spec, only: ['a-1', 'a-2', 'a-3'] }, ['a-2']);
		expect(retried?.only).toEqual(['a-2']);
		expect(specToParams(retried!).getAll('only')).toEqual(['a-2']);
	});

	it('is no test when nothing was missed', () => {
		expect(retrySpec(spec, [])).toBeUndefined();
	});
});

describe('newSeed', () => {
	it('makes a valid seed, different each time', () => {
		const seed = newSeed();
		expect(seed).toMatch(/^[a-z0-9]{8}$/);
		expect(newSeed()).not.toBe(seed);
	});

	it('stays in the alphabet whatever the random source returns', () => {
		expect(newSeed(() => 0)).toBe('aaaaaaaa');
		expect(newSeed(() => 0.999999)).toBe('99999999');
		expect(newSeed(() => 1)).toBe('99999999');
		expect(newSeed(() => Number.NaN)).toBe('aaaaaaaa');
	});
});
