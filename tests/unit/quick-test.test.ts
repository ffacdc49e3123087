import { describe, expect, it } from 'vitest';
import { builderRequest, QUICK_TEST_COUNT, quickTestSpec } from '../../src/lib/quiz/quick-test.ts';
import { specFromParams, specToParams } from '../../src/lib/quiz/test-spec.ts';

const OFFERED = ['bank/a', 'bank/b'];
const ask = (query: string) => builderRequest(new URLSearchParams(query), OFFERED);

describe('a quick test', () => {
	it('is ten questions of one deck, every type, counted as reviews, in the learner’s language', () => {
		const spec = quickTestSpec('bank/b', 'zh', 'seed42');
		expect(spec).toMatchObject({
			decks: ['bank/b'],
			count: QUICK_TEST_COUNT,
			feedback: 'immediate',
			feedFsrs: true,
			lang: 'zh',
			seed: 'seed42',
		});
		expect(spec.types.length).toBeGreaterThan(1);
	});

	it('travels in a test link as any test does', () => {
		const spec = quickTestSpec('bank/a', 'en', 'seed42');
		expect(specFromParams(specToParams(spec), new Set(OFFERED))).toEqual({ ok: true, value: spec });
	});
});

describe('a link to the test builder', () => {
	it('starts a quick test on the deck it names with quick=1', () => {
		expect(ask('deck=bank/b&quick=1')).toEqual({ deck: 'bank/b', quick: true });
	});

	it('only chooses the deck without quick=1', () => {
		expect(ask('deck=bank/b')).toEqual({ deck: 'bank/b', quick: false });
		expect(ask('deck=bank/b&quick=yes')).toEqual({ deck: 'bank/b', quick: false });
	});

	it('ignores a deck that is not offered, and starts nothing', () => {
		expect(ask('deck=bank/gone&quick=1')).toEqual({ deck: undefined, quick: false });
		expect(ask('quick=1')).toEqual({ deck: undefined, quick: false });
	});
});
