import { State } from 'ts-fsrs';
import { allBanks, loadAnyDeck } from '$lib/content/decks';
import type { DeckQuestions } from '$lib/quiz/build-test';
import { specFromParams } from '$lib/quiz/test-spec';
import { database } from '$lib/storage/connection';
import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageLoad } from './$types';

// Reads due and weak cards from the browser's IndexedDB.
export const ssr = false;

/** A card the learner finds hard: it has lapsed, is hard by FSRS's measure, or is being relearned. */
const WEAK_DIFFICULTY = 7;

export const load: PageLoad = async ({ url }) => {
	const known = new Set((await allBanks()).flatMap((b) => b.decks.map((d) => `${b.id}/${d.id}`)));
	const parsed = specFromParams(url.searchParams, known, contentLocale(getLocale()));
	if (!parsed.ok) return { errors: parsed.errors };
	const spec = parsed.spec;
	const decks: DeckQuestions[] = [];
	for (const key of spec.decks) {
		const [bank, deck] = key.split('/');
		const loaded = await loadAnyDeck(bank, deck);
		if (loaded) decks.push({ deck: key, questions: loaded.questions });
	}
	let eligible: Set<string> | undefined;
	if (spec.pool !== 'all') {
		const db = await database();
		const now = Date.now();
		const cards = (
			await Promise.all(spec.decks.map((d) => db.getAllFromIndex('cards', 'deck', d)))
		).flat();
		eligible = new Set(
			cards
				.filter((c) =>
					spec.pool === 'due'
						? c.state !== State.New && !c.suspended && c.due <= now
						: c.lapses > 0 ||
							c.difficulty >= WEAK_DIFFICULTY ||
							c.state === State.Relearning ||
							c.leech,
				)
				.map((c) => c.id),
		);
	}
	const only = url.searchParams.get('only');
	// The link names the test (its seed fixes the questions): this tab keeps its progress under it.
	const progressKey = `kioku:test-progress:${url.search}`;
	return { spec, decks, eligible, only: only ? new Set(only.split(',')) : undefined, progressKey };
};
