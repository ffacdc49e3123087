/**
 * `npm run bench:balance`: how much the load balancer evens out the daily reviews. A seeded
 * collection of 2,000 cards, 1,500 of them learnt on the first day (an import lump) and the rest
 * over the next 30 days, is studied for 60 days with the balancer off and on (balance-simulation.ts).
 * Prints, as the median over 5 seeds, the standard deviation of the reviews per day (from day 3:
 * the first intervals, under 2.5 days, are never fuzzed, so no balancer can move them; and over
 * every day; and from day 16, once the import's second reviews are done), the mean reviews of a Sunday with Sunday set to "minimum", and what balancing
 * costs an answer.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { NORMAL_WEEK, type EasyDays } from '../../src/lib/srs/load-balance.ts';
import { createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudyDays } from '../../src/lib/srs/study-day.ts';
import {
	mean,
	simulateBalance,
	standardDeviation,
	type BalanceOutcome,
} from './balance-simulation.ts';

const SEEDS = ['s1', 's2', 's3', 's4', 's5'];
const BASE = { cards: 2000, lump: 1500, days: 60 };
const SUNDAY_MINIMUM: EasyDays = ['minimum', ...NORMAL_WEEK.slice(1)];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sundays = (o: BalanceOutcome) =>
	mean(o.reviews.filter((_, d) => d >= 3 && o.weekdays[d] === 0));
const others = (o: BalanceOutcome) =>
	mean(o.reviews.filter((_, d) => d >= 3 && o.weekdays[d] !== 0));

const rows: Record<string, number[]> = {};
const add = (name: string, x: number) => (rows[name] ??= []).push(x);
for (const seed of SEEDS) {
	const off = simulateBalance({ ...BASE, seed, balance: false });
	const on = simulateBalance({ ...BASE, seed, balance: true });
	const easy = simulateBalance({ ...BASE, seed, balance: true, easyDays: SUNDAY_MINIMUM });
	add('std dev of reviews/day, days 3-59, unbalanced', standardDeviation(off.reviews.slice(3)));
	add('std dev of reviews/day, days 3-59, balanced', standardDeviation(on.reviews.slice(3)));
	add('std dev of reviews/day, days 1-59, unbalanced', standardDeviation(off.reviews.slice(1)));
	add('std dev of reviews/day, days 1-59, balanced', standardDeviation(on.reviews.slice(1)));
	add('std dev of reviews/day, days 16-59, unbalanced', standardDeviation(off.reviews.slice(16)));
	add('std dev of reviews/day, days 16-59, balanced', standardDeviation(on.reviews.slice(16)));
	add('mean reviews/day, days 3-59, unbalanced', mean(off.reviews.slice(3)));
	add('mean reviews/day, days 3-59, balanced', mean(on.reviews.slice(3)));
	add('mean reviews on a Sunday, balanced, every day normal', sundays(on));
	add('mean reviews on a Sunday, balanced, Sunday "minimum"', sundays(easy));
	add('mean reviews on other days, balanced, Sunday "minimum"', others(easy));
}

console.log(
	`Load balancer, ${BASE.cards} cards (${BASE.lump} on day 0), ${BASE.days} days, median of ${SEEDS.length} seeds`,
);
for (const [name, xs] of Object.entries(rows))
	console.log(`  ${name.padEnd(58)} ${median(xs).toFixed(1)}`);

// What balancing adds to an answer: a mature card rated with the day's load or without.
const days = new StudyDays({ dayStartsAt: 4, timeZone: 'UTC' });
const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), days);
const meta = { cardId: 'c', deck: 'd', durationMs: 0 };
const t0 = Date.UTC(2026, 0, 5, 8);
let card = scheduler.rate(undefined, t0, 4, meta).state;
// Good until its interval is a few weeks: in the range the balancer works in (up to 90 days).
while (card.scheduledDays < 20) card = scheduler.rate(card, card.due, 3, meta).state;
const dueOn = new Map<number, number>();
const load = { due: (d: number) => dueOn.get(d) ?? 0, easyDays: NORMAL_WEEK };
for (let d = 0; d < 2000; d++) dueOn.set(days.of(t0).day + d, (d * 7919) % 97);
const timeRates = (withLoad: boolean) => {
	const samples: number[] = [];
	for (let i = 0; i < 2000; i++) {
		const start = performance.now();
		scheduler.rate(card, card.due + i * 1000, 3, meta, withLoad ? load : undefined);
		samples.push(performance.now() - start);
	}
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length * 0.95)] * 1000;
};
timeRates(false); // warm-up of both paths
timeRates(true);
console.log(
	`  one answer (interval ${card.scheduledDays} days), p95 µs: unbalanced ${timeRates(false).toFixed(0)}, balanced ${timeRates(true).toFixed(0)}`,
);
