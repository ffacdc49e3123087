/**
 * What a practice test's link opens: the test it describes (read by test-spec, which refuses a
 * bad link with its errors), the questions of its decks, and, unless the pool is every question,
 * the cards of the pool.
 */
import { deckKey } from '$lib/bank';
import { allBanks, loadAnyDeck } from '$lib/content/decks';
import type { DeckQuestions } from '$lib/quiz/build-test';
import { withCardQuestions } from '$lib/quiz/card-questions';
import { testPool } from '$lib/quiz/test-pool';
import { specFromParams, type LinkError, type TestSpec } from '$lib/quiz/test-spec';
import { database } from '$lib/storage/connection';
import { deckCards } from '$lib/storage/deck-cards';
import { learnerStudyDays } from '$lib/storage/preferences';

export type OpenedTest =
	| { errors: LinkError[] }
	| {
			spec: TestSpec;
			decks: DeckQuestions[];
			/** The pool's question ids; undefined when the pool is every question. */
			eligible: Set<string> | undefined;
			/** Where this tab keeps the test's progress: the link names the test (its seed fixes the questions). */
			progressKey: string;
	  };

export async function openPracticeTest(url: URL, uiLang: 'zh' | 'en'): Promise<OpenedTest> {
	const summaries = new Map(
		(await allBanks()).flatMap((b) => b.decks.map((d) => [deckKey(b.id, d.id), [b.id, d.id]])),
	);
	const parsed = specFromParams(url.searchParams, new Set(summaries.keys()), uiLang);
	if (!parsed.ok) return { errors: parsed.error };
	const spec = parsed.value;
	const decks: DeckQuestions[] = [];
	for (const key of spec.decks) {
		const [bank, deck] = summaries.get(key)!; // specFromParams refuses unknown decks
		const loaded = await loadAnyDeck(bank, deck);
		// A deck of cards is quizzed through questions made from its cards.
		if (loaded) decks.push({ deck: key, questions: withCardQuestions(loaded.questions) });
	}
	let eligible: Set<string> | undefined;
	if (spec.pool !== 'all') {
		const db = await database();
		const now = Date.now();
		const day = (await learnerStudyDays(db)).of(now);
		eligible = testPool(await deckCards(db, spec.decks), spec.pool, now, day);
	}
	return { spec, decks, eligible, progressKey: `kioku:test-progress:${url.search}` };
}
