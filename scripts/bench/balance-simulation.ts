/**
 * A seeded collection studied day by day with the real scheduler, with the load balancer or
 * without: the daily review counts it leaves, for `npm run bench:balance` and the load-balance
 * tests. An import lump lands on day 0 (most of the cards learnt at once), the rest arrive a
 * few a day; every card due on a day is reviewed that day (no limits, no missed days), Again
 * with a fixed chance, and a lapse relearns in one step.
 */
import { State } from 'ts-fsrs';
import { seededRandom } from '../../src/lib/random/seeded-shuffle.ts';
import {
	NORMAL_WEEK,
	weekday,
	type DayLoad,
	type EasyDays,
} from '../../src/lib/srs/load-balance.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import type { Grade, MemoryState } from '../../src/lib/srs/records.ts';
import { createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudyDays } from '../../src/lib/srs/study-day.ts';

export interface BalanceSimulation {
	seed: string;
	cards: number;
	/** Cards learnt on day 0; the others are spread over the first days. */
	lump: number;
	days: number;
	balance: boolean;
	easyDays?: EasyDays;
	/** Chance of Again at a review. */
	again?: number;
}

export interface BalanceOutcome {
	/** Reviews of review cards done on each day (first answers and relearning steps left out). */
	reviews: number[];
	/** Each day's weekday (0 = Sunday). */
	weekdays: number[];
}

const DAYS = new StudyDays({ dayStartsAt: 4, timeZone: 'UTC' });
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Monday 5 January 2026, 04:00 UTC: study day 20,458. */
const START = Date.UTC(2026, 0, 5, 4);

export function simulateBalance(s: BalanceSimulation): BalanceOutcome {
	const random = seededRandom(s.seed);
	const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), DAYS);
	const first = DAYS.of(START).day;
	// Cards due on each study day, kept as the cards move: what a session keeps (due-load.ts).
	const dueOn = new Map<number, number>();
	const load: DayLoad | undefined = s.balance
		? { due: (day) => dueOn.get(day) ?? 0, easyDays: s.easyDays ?? NORMAL_WEEK }
		: undefined;
	const move = (from: MemoryState | undefined, to: MemoryState) => {
		if (from?.state === State.Review) {
			const d = DAYS.of(from.due).day;
			dueOn.set(d, (dueOn.get(d) ?? 0) - 1);
		}
		if (to.state === State.Review) {
			const d = DAYS.of(to.due).day;
			dueOn.set(d, (dueOn.get(d) ?? 0) + 1);
		}
	};
	const meta = { cardId: 'c', deck: 'd', durationMs: 0 };
	const rate = (card: MemoryState | undefined, at: number, grade: Grade) => {
		const next = scheduler.rate(card, at, grade, meta, load).state;
		move(card, next);
		return next;
	};

	const cards: MemoryState[] = [];
	const reviews: number[] = [];
	const weekdays: number[] = [];
	const later = s.cards - s.lump;
	const spread = Math.max(1, Math.floor(s.days / 2));
	for (let d = 0; d < s.days; d++) {
		const day = DAYS.numbered(first + d);
		let at = day.start + 4 * HOUR;
		let done = 0;
		// Review first: every card due by the end of the day, in due order.
		const due = cards
			.map((c, i) => [c, i] as const)
			.filter(([c]) => c.state === State.Review && c.due < day.end)
			.sort((a, b) => a[0].due - b[0].due);
		for (const [card, i] of due) {
			at += 20_000;
			done++;
			if (random() < (s.again ?? 0.1)) {
				const lapsed = rate(card, at, 1);
				cards[i] = rate(lapsed, Math.max(at + 10 * MINUTE, lapsed.due), 3);
			} else cards[i] = rate(card, at, 3);
		}
		// Then new cards: the lump on day 0, the rest a few a day; Good, then Good after the step.
		const fresh =
			d === 0 ? s.lump : Math.floor((later * d) / spread) - Math.floor((later * (d - 1)) / spread);
		for (let n = 0; n < (d <= spread ? fresh : 0); n++) {
			at += 10_000;
			const learning = rate(undefined, at, 3);
			cards.push(rate(learning, Math.max(at + 10 * MINUTE, learning.due), 3));
		}
		reviews.push(done);
		weekdays.push(weekday(day.day));
	}
	return { reviews, weekdays };
}

export function standardDeviation(xs: readonly number[]): number {
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
}

export function mean(xs: readonly number[]): number {
	return xs.reduce((a, b) => a + b, 0) / xs.length;
}
