/**
 * What the Statistics screen shows: the questions of the decks in view, and the statistics of
 * this device's cards and reviews, counted in a worker by the pure functions of $lib/stats.
 * The figures of the review log alone come first: they are counted from its aggregates (a few
 * hundred records) here, while the worker reads every card.
 */
import { deckKey, type BankSummary } from '$lib/bank';
import { allBanks, loadAnyDeck } from '$lib/content/decks';
import {
	deckQuestions,
	logStatistics,
	type LogStatistics,
	type Statistics,
	type StatsQuestion,
} from '$lib/stats';
import { database } from '$lib/storage/connection';
import { getSettings } from '$lib/storage/preferences';
import { systemTimeZone } from '$lib/srs/study-day';
import type { StatisticsReply, StatisticsRequest } from '$lib/workers/statistics.worker';

export interface StatisticsView {
	banks: BankSummary[];
	stats: Statistics;
	/** Question id → its deck key, for "practise these". */
	deckOf: Map<string, string>;
	/** Questions a practice test can grade (not flashcards). */
	testable: Set<string>;
}

function inWorker(request: StatisticsRequest): Promise<Statistics> {
	const worker = new Worker(new URL('../workers/statistics.worker.ts', import.meta.url), {
		type: 'module',
	});
	return new Promise<Statistics>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<StatisticsReply>) =>
			data.ok ? resolve(data.value) : reject(new Error(data.error));
		worker.onerror = (e) => reject(new Error(e.message || 'The statistics could not be counted.'));
		worker.postMessage(request);
	}).finally(() => worker.terminate());
}

/** Activity, true retention and answer times, from the review log's aggregates alone. */
export async function loadLogStatistics(deck: string | undefined, now: number) {
	const db = await database();
	const range = deck ? IDBKeyRange.bound([deck, -Infinity], [deck, Infinity]) : undefined;
	const [settings, aggregates] = await Promise.all([
		getSettings(db),
		db.getAll('reviewAggregates', range),
	]);
	const days = { dayStartsAt: settings.dayStartsAt, timeZone: systemTimeZone() };
	return logStatistics({ aggregates, now, settings: days, deck });
}

/**
 * The questions in view are read here (deck chunks load in the page); the counting is a worker's.
 * `onLogStatistics` hears the log's figures first, unless they fail (the worker says why).
 */
export async function loadStatistics(
	deck?: string,
	onLogStatistics?: (first: LogStatistics) => void,
): Promise<StatisticsView> {
	const now = Date.now();
	if (onLogStatistics) loadLogStatistics(deck, now).then(onLogStatistics, () => {});
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
	const stats = await inWorker({ questions, deck, now, timeZone: systemTimeZone() });
	const deckOf = new Map(questions.map((q) => [q.id, q.deck]));
	return { banks, stats, deckOf, testable };
}
