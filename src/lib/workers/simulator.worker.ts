/**
 * Runs the retention simulator (src/lib/stats/retention-simulator.ts) off the main thread: 30
 * simulated years take a second or two. Like the statistics worker it opens the database
 * itself, so the cards never cross into the page; the page sends the decks' question counts
 * (the catalog is the page's) and gets the comparison back. One request per worker.
 */
import { err, ok, type Result } from '../result.ts';
import {
	answerCosts,
	compareRetentions,
	mostKnowledgePerMinute,
	type AnswerCosts,
	type RetentionRow,
} from '../stats/retention-simulator.ts';
import { collectionToSimulate } from '../stats/simulation-input.ts';
import { readDeckOptions } from '../srs/options.ts';
import { StudyDays } from '../srs/study-day.ts';
import { openKiokuDb } from '../storage/db.ts';
import { getSettings } from '../storage/preferences.ts';

export interface SimulatorRequest {
	decks: { key: string; questionCount: number }[];
	now: number;
	timeZone: string;
	days: number;
	seed: string;
}

export interface RetentionComparison {
	rows: RetentionRow[];
	/** The retention with the most cards known per minute; none when nothing would be studied. */
	best?: number;
	/** What was simulated. */
	studied: number;
	unstudied: number;
	costs: AnswerCosts;
}

export type SimulatorReply = Result<RetentionComparison, string>;

/** Answer times come from the latest reviews: recent habits, and a bounded read. */
const RECENT_LOGS = 20_000;

const scope = self as unknown as {
	postMessage(message: SimulatorReply): void;
	onmessage: ((event: MessageEvent<SimulatorRequest>) => void) | null;
};

scope.onmessage = async ({ data }) => {
	try {
		const db = await openKiokuDb();
		const last = await db.transaction('logs').store.openKeyCursor(null, 'prev');
		const recent = last ? IDBKeyRange.lowerBound(Number(last.key) - RECENT_LOGS, true) : undefined;
		const [settings, options, cards, logs] = await Promise.all([
			getSettings(db),
			db.getAll('deckOptions'),
			db.getAll('cards'),
			recent ? db.getAll('logs', recent) : [],
		]);
		db.close();
		const optionsOf = new Map(options.map((o) => [o.deck, o.options]));
		const input = collectionToSimulate({
			decks: data.decks.map((d) => ({ ...d, options: readDeckOptions(optionsOf.get(d.key)) })),
			cards,
			now: data.now,
			studyDays: new StudyDays({ dayStartsAt: settings.dayStartsAt, timeZone: data.timeZone }),
			costs: answerCosts(logs),
			days: data.days,
			seed: data.seed,
		});
		const rows = compareRetentions(input);
		scope.postMessage(
			ok({
				rows,
				best: mostKnowledgePerMinute(rows)?.retention,
				studied: input.cards.length,
				unstudied: input.decks.reduce((n, d) => n + d.newCards, 0),
				costs: input.costs,
			}),
		);
	} catch (e) {
		scope.postMessage(err(e instanceof Error ? e.message : String(e)));
	}
};
