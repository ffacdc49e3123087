/**
 * Computes the Statistics screen off the main thread. The worker opens the database itself
 * (IndexedDB works in workers) and reads the cards and the review log's per-quarter-hour
 * aggregates (stats/review-aggregates.ts), never every review: a million of them took seconds.
 */
import { err, ok, type Result } from '../result.ts';
import { decayOf, statistics, type Statistics, type StatsQuestion } from '../stats/index.ts';
import { openKiokuDb } from '../storage/db.ts';
import { getSettings } from '../storage/preferences.ts';

export interface StatisticsRequest {
	questions: StatsQuestion[];
	deck?: string;
	now: number;
	timeZone: string;
}

export type StatisticsReply = Result<Statistics, string>;

const scope = self as unknown as {
	postMessage(message: StatisticsReply): void;
	onmessage: ((event: MessageEvent<StatisticsRequest>) => void) | null;
};

scope.onmessage = async ({ data: { questions, deck, now, timeZone } }) => {
	try {
		const db = await openKiokuDb();
		const range = deck ? IDBKeyRange.bound([deck, -Infinity], [deck, Infinity]) : undefined;
		const [settings, options, cards, aggregates] = await Promise.all([
			getSettings(db),
			db.getAll('deckOptions'),
			deck ? db.getAllFromIndex('cards', 'deck', deck) : db.getAll('cards'),
			db.getAll('reviewAggregates', range),
		]);
		db.close();
		const weightsOf = new Map(options.map((o) => [o.deck, o.options.weights]));
		const stats = statistics({
			...{ cards, logs: { aggregates }, questions, now, deck },
			settings: { dayStartsAt: settings.dayStartsAt, timeZone },
			// Each deck's fitted FSRS weights (their forgetting curve), the defaults' otherwise.
			decay: (key) => decayOf(weightsOf.get(key)),
		});
		scope.postMessage(ok(stats));
	} catch (e) {
		scope.postMessage(err(e instanceof Error ? e.message : String(e)));
	}
};
