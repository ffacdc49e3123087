/**
 * Issue 7's figures, in Node: the Statistics screen's computation over a large history, importing
 * a file at the size limit, and the FSRS optimizer (the same WASM the browser runs) on a
 * synthetic learner. The browser adds IndexedDB reads on top of the first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { State } from 'ts-fsrs';
import { importBankFile } from '../../src/lib/bank/exchange/index.ts';
import { buildFsrsItems, computeParameters } from '../../src/lib/srs/fsrs-items.ts';
import type { CardRecord, Grade, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { syntheticHistory } from '../../tests/fixtures/synthetic-history.ts';
import { statistics, type StatsQuestion } from '../../src/lib/stats/index.ts';
import { aggregateLogs } from '../../src/lib/stats/review-aggregates.ts';

const DAY = 86_400_000;
const ms = (x: number) => `${x.toFixed(0)} ms`;

function timed<T>(fn: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = fn();
	return { value, ms: performance.now() - start };
}

export async function runLearnerToolsBench(o: { cards: number; logs: number }) {
	console.log(`\nStatistics over ${o.cards} cards and ${o.logs} review logs (3 years, Node)`);
	const now = Date.UTC(2026, 10, 27, 12);
	let seed = 1;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	const questions: StatsQuestion[] = [];
	const cards: CardRecord[] = [];
	for (let i = 0; i < o.cards; i++) {
		const id = `q${i}`;
		const deck = `bank/deck-${i % 4}`;
		questions.push({ id, deck, tags: [`tag-${i % 40}`], source: { paragraphs: [1 + (i % 60)] } });
		cards.push({
			...{ id, deck, due: now + (random() - 0.3) * 60 * DAY, stability: random() * 400 },
			...{ difficulty: 1 + random() * 9, elapsedDays: 3, scheduledDays: 10, learningSteps: 0 },
			...{ reps: 5, lapses: 1, state: State.Review, lastReview: now - random() * 30 * DAY },
			...{ suspended: false, buriedUntil: 0, leech: false },
		});
	}
	const logs: ReviewLogRecord[] = [];
	for (let i = 0; i < o.logs; i++) {
		logs.push({
			...{ cardId: `q${i % o.cards}`, deck: `bank/deck-${i % 4}` },
			...{ rating: (1 + Math.floor(random() * 4)) as Grade, review: now - random() * 1095 * DAY },
			...{ durationMs: random() * 20_000, config: 'c', state: State.Review, due: 0 },
			...{ stability: 10, difficulty: 5, elapsedDays: 10, lastElapsedDays: 5 },
			...{ scheduledDays: Math.floor(random() * 60), learningSteps: 0 },
		});
	}
	const settings = { dayStartsAt: 4, timeZone: 'Asia/Shanghai' };
	statistics({ cards, logs, questions, now, settings }); // warm-up
	const all = timed(() => statistics({ cards, logs, questions, now, settings }));
	const one = timed(() =>
		statistics({ cards, logs, questions, now, settings, deck: 'bank/deck-0' }),
	);
	console.log(`  all decks: ${ms(all.ms)}; one deck (a quarter): ${ms(one.ms)}`);
	// What the screen counts from instead: the log's per-quarter-hour aggregates. These reviews
	// are spread evenly over every hour of three years, the worst case for their number.
	const aggregates = aggregateLogs(logs);
	const fromAggregates = { aggregates };
	statistics({ cards, logs: fromAggregates, questions, now, settings }); // warm-up
	const agg = timed(() => statistics({ cards, logs: fromAggregates, questions, now, settings }));
	console.log(
		`  from ${aggregates.length} review aggregates (one per deck and quarter hour with reviews): all decks ${ms(agg.ms)}`,
	);

	console.log('\nImporting a file at the limit (5,000 cards, tab-separated)');
	const tsv = Array.from({ length: 5000 }, (_, i) => `front ${i}\tback ${i}\ttag${i % 9}`).join(
		'\n',
	);
	const imported = timed(() => importBankFile('big.tsv', tsv));
	console.log(
		`  ${(Buffer.byteLength(tsv) / 1024).toFixed(0)} KiB: ${ms(imported.ms)}, ${imported.value.ok ? 'imported' : 'refused'}`,
	);

	console.log('\nFSRS optimizer (fsrs-browser WASM, one thread, Node)');
	if (!('self' in globalThis)) Object.assign(globalThis, { self: new EventTarget() });
	const wasm = await import('fsrs-browser');
	const path = createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm');
	wasm.initSync({ module: readFileSync(path) });
	const quiet = console.debug;
	console.debug = () => {}; // ts-fsrs announces parameter migrations
	const history = syntheticHistory({
		parameters: [...(await import('ts-fsrs')).default_w],
		...{ cards: 600, days: 365, seed: 3 },
	});
	const items = timed(() => buildFsrsItems(history.logs, { dayStartsAt: 4, timeZone: 'UTC' }));
	const fit = timed(() => computeParameters(wasm.Fsrs, items.value));
	console.debug = quiet;
	console.log(
		`  ${history.logs.length} reviews of 600 cards → ${items.value.length} items in ${ms(items.ms)}; ` +
			`optimised in ${ms(fit.ms)}`,
	);
}
