/**
 * A quick practice test: one deck, ten questions of every type, feedback after each answer and
 * answers counted as reviews, started with one tap. `/test?deck=<bank>/<deck>&quick=1` starts
 * it (the deck page and the end of a study session link there); `/test?deck=…` alone opens the
 * builder with that deck chosen.
 */
import type { ContentLocale } from '../bank/schema.ts';
import { DEFAULT_TEST_SPEC, QUIZ_TYPES, type TestSpec } from './test-spec.ts';

export const QUICK_TEST_COUNT = 10;

export function quickTestSpec(deck: string, lang: ContentLocale, seed: string): TestSpec {
	return {
		...DEFAULT_TEST_SPEC,
		decks: [deck],
		count: QUICK_TEST_COUNT,
		types: [...QUIZ_TYPES],
		feedFsrs: true,
		lang,
		seed,
	};
}

/** What a link to the builder asks for: a deck to choose (one of `offered`), and whether to start at once. */
export function builderRequest(
	params: URLSearchParams,
	offered: readonly string[],
): { deck: string | undefined; quick: boolean } {
	const wanted = params.get('deck');
	const deck = wanted !== null && offered.includes(wanted) ? wanted : undefined;
	return { deck, quick: deck !== undefined && params.get('quick') === '1' };
}
