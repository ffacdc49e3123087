/**
 * What the card browser reads: every card of every bank on this device as rows, and the cards
 * chosen for "Study now", handed to the study page through this tab's sessionStorage.
 */
import * as v from 'valibot';
import type { LocalizedText, Question } from '$lib/bank';
import { allBanks, loadAnyDeck } from '$lib/content/decks';
import type { CardRow } from '$lib/browse/match';
import { deckRows } from '$lib/browse/rows';
import { StudyDays, systemTimeZone, type StudyDay } from '$lib/srs/study-day';
import type { CardRecord } from '$lib/srs/records';
import { database } from '$lib/storage/connection';
import { getSettings } from '$lib/storage/preferences';
import { storedValue } from '$lib/storage/web-storage';
import type { StudyDeck } from './study.svelte';

/** Rows for every card on this device, deck by deck in the banks' order, and today's study day. */
export async function loadRows(): Promise<{
	rows: CardRow[];
	today: StudyDay;
	deckTitles: Map<string, LocalizedText>;
}> {
	const db = await database();
	const [banks, cards, settings] = await Promise.all([
		allBanks(),
		db.getAll('cards'),
		getSettings(db),
	]);
	const days = new StudyDays({ dayStartsAt: settings.dayStartsAt, timeZone: systemTimeZone() });
	const today = days.of(Date.now());
	const byId = new Map<string, CardRecord>(cards.map((c) => [c.id, c]));
	const decks = await Promise.all(
		banks.flatMap((bank) => bank.decks.map((d) => loadAnyDeck(bank.id, d.id))),
	);
	const rows = decks.flatMap((deck) => (deck ? deckRows(deck, byId, today) : []));
	const deckTitles = new Map(
		banks.flatMap((bank) => bank.decks.map((d) => [`${bank.id}/${d.id}`, d.title] as const)),
	);
	return { rows, today, deckTitles };
}

/** The cards chosen for "Study now", kept for the tab so the study page survives a reload. */
const StudyChoice = v.array(v.object({ id: v.string(), deck: v.string() }));
const studyChoice = storedValue('session', 'kioku:browse-study', StudyChoice, []);

export function chooseForStudy(rows: readonly CardRow[]) {
	studyChoice.set(rows.map(({ id, deck }) => ({ id, deck })));
}

/** The chosen cards as study decks (a focused session, every card now), in deck order. */
export async function loadChosenDecks(): Promise<StudyDeck[]> {
	const chosen = studyChoice.get();
	const byDeck = new Map<string, Set<string>>();
	for (const { id, deck } of chosen) {
		const ids = byDeck.get(deck) ?? new Set<string>();
		ids.add(id);
		byDeck.set(deck, ids);
	}
	const decks: StudyDeck[] = [];
	for (const [key, ids] of byDeck) {
		const slash = key.indexOf('/');
		const deck = await loadAnyDeck(key.slice(0, slash), key.slice(slash + 1));
		const questions: Question[] = deck?.questions.filter((q) => ids.has(q.id)) ?? [];
		if (questions.length > 0) decks.push({ key, questions });
	}
	return decks;
}
