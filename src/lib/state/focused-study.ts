/**
 * The cards of one mastery group, gathered deck by deck for a focused study session: the same
 * rule Statistics uses to form the group (`inFocus`), over every bank on this device.
 */
import { deckKey, type BankSummary } from '$lib/bank';
import { allBanks, loadAnyDeck } from '$lib/content/decks';
import { deckQuestions, inFocus, type FocusSpec } from '$lib/stats';
import type { StudyDeck } from './study.svelte';

export async function loadFocusedDecks(
	spec: FocusSpec,
): Promise<{ banks: BankSummary[]; decks: StudyDeck[] }> {
	const banks = await allBanks();
	const decks: StudyDeck[] = [];
	for (const bank of banks) {
		// Reading a deck's questions costs a chunk (or an IndexedDB read): only where the group can be.
		if (spec.group.kind === 'paragraph' && spec.group.bank !== bank.id) continue;
		for (const d of bank.decks) {
			if (spec.deck !== undefined && spec.deck !== deckKey(bank.id, d.id)) continue;
			const loaded = await loadAnyDeck(bank.id, d.id);
			if (!loaded) continue;
			const rows = deckQuestions(loaded);
			const questions = loaded.questions.filter((_, i) => inFocus(rows[i], spec));
			if (questions.length > 0) decks.push({ key: rows[0].deck, questions });
		}
	}
	return { banks, decks };
}
