/**
 * Reads what the Statistics screen needs from this device (cards, review logs, the questions of
 * every deck, the study-day setting) and hands it to the pure computations in $lib/stats.
 */
import { deckKey, type BankSummary } from '$lib/bank';
import { allBanks, loadAnyDeck } from '$lib/content/decks';
import {
	decayOf,
	deckQuestions,
	statistics,
	type Statistics,
	type StatsQuestion,
} from '$lib/stats';
import { systemTimeZone } from '$lib/srs/study-day';
import { database } from '$lib/storage/connection';
import { getSettings } from '$lib/storage/preferences';

export interface StatisticsView {
	banks: BankSummary[];
	stats: Statistics;
	/** Question id → its deck key, for "practise these". */
	deckOf: Map<string, string>;
	/** Questions a practice test can grade (not flashcards). */
	testable: Set<string>;
}

export async function loadStatistics(deck?: string): Promise<StatisticsView> {
	const db = await database();
	const banks = await allBanks();
	const questions: StatsQuestion[] = [];
	const testable = new Set<string>();
	for (const bank of banks) {
		for (const d of bank.decks) {
			// One deck's statistics need only its questions.
			if (deck && deck !== deckKey(bank.id, d.id)) continue;
			const loaded = await loadAnyDeck(bank.id, d.id);
			if (!loaded) continue;
			questions.push(...deckQuestions(loaded));
			for (const q of loaded.questions) if (q.type !== 'flashcard') testable.add(q.id);
		}
	}
	const range = deck ? IDBKeyRange.bound([deck, -Infinity], [deck, Infinity]) : undefined;
	const [settings, options, cards, logs] = await Promise.all([
		getSettings(db),
		db.getAll('deckOptions'),
		deck ? db.getAllFromIndex('cards', 'deck', deck) : db.getAll('cards'),
		range ? db.getAllFromIndex('logs', 'deck-review', range) : db.getAll('logs'),
	]);
	const weightsOf = new Map(options.map((o) => [o.deck, o.options.weights]));
	const stats = statistics({
		cards,
		logs,
		questions,
		now: Date.now(),
		settings: { dayStartsAt: settings.dayStartsAt, timeZone: systemTimeZone() },
		deck,
		// Each deck's fitted FSRS weights (their forgetting curve), the defaults' otherwise.
		decay: (key) => decayOf(weightsOf.get(key)),
	});
	const deckOf = new Map(questions.map((q) => [q.id, q.deck]));
	return { banks, stats, deckOf, testable };
}
