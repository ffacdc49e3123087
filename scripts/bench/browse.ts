/**
 * `npm run bench:browse`: the card browser's work per keystroke (parse the query, filter every
 * row, sort the matches) over 50,000 synthetic cards, as the median of several runs. The aim is
 * ≤ 50 ms. Printed, never asserted: a shared machine's figure varies.
 *
 * Rows are made the way the page makes them (`deckRows`), from bilingual flashcards and stored
 * cards in every state, so the searched texts are as long as real ones.
 */
import { State } from 'ts-fsrs';
import { performance } from 'node:perf_hooks';
import type { Question } from '../../src/lib/bank/schema.ts';
import { filterRows, sortRows, type CardRow, type Sort } from '../../src/lib/browse/match.ts';
import { parseQuery } from '../../src/lib/browse/query.ts';
import { deckRows } from '../../src/lib/browse/rows.ts';
import type { CardRecord } from '../../src/lib/srs/records.ts';

const CARDS = 50_000;
const DECKS = 50;
const RUNS = 7;
const NOW = Date.UTC(2025, 0, 15, 10);
const DAY = 86_400_000;
const today = {
	day: Math.floor(NOW / DAY),
	start: NOW - 10 * 3_600_000,
	end: NOW + 14 * 3_600_000,
};

// A fixed seed: every run searches the same collection.
let seed = 42;
const random = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

const EN =
	'alliance trade defence treaty summit security economy strait islands missile tariff semiconductor agreement minister export cooperation deterrence'.split(
		' ',
	);
const ZH =
	'同盟 贸易 防卫 条约 峰会 安全 经济 海峡 岛屿 导弹 关税 半导体 协定 部长 出口 合作 威慑'.split(
		' ',
	);
const TAGS = ['space', 'economy', 'security', 'diplomacy', 'timeline', 'technology'];

function sentence(words: readonly string[], n: number, join: string) {
	return Array.from({ length: n }, () => pick(words)).join(join);
}

function syntheticRows(): CardRow[] {
	const rows: CardRow[] = [];
	const perDeck = CARDS / DECKS;
	for (let d = 0; d < DECKS; d++) {
		const questions: Question[] = [];
		const cards = new Map<string, CardRecord>();
		for (let i = 0; i < perDeck; i++) {
			const id = `d${d}-q${i}`;
			questions.push({
				id,
				type: 'flashcard',
				prompt: { zh: `${sentence(ZH, 6, '')}？`, en: `${sentence(EN, 9, ' ')}?` },
				back: { zh: sentence(ZH, 4, ''), en: sentence(EN, 6, ' ') },
				explanation: { zh: sentence(ZH, 10, ''), en: sentence(EN, 16, ' ') },
				source: { paragraphs: [1 + Math.floor(random() * 40)] },
				tags: [pick(TAGS), pick(TAGS)],
			} as Question);
			if (random() < 0.3) continue; // never answered: a new card
			const lapses = Math.floor(random() ** 3 * 8);
			cards.set(id, {
				id,
				deck: `bank/deck-${d}`,
				due: NOW + Math.floor((random() - 0.3) * 60 * DAY),
				stability: random() * 200,
				difficulty: 1 + random() * 9,
				elapsedDays: 3,
				scheduledDays: 10,
				learningSteps: 0,
				reps: 5 + lapses,
				lapses,
				state: State.Review,
				lastReview: NOW - Math.floor(random() * 30 * DAY),
				suspended: random() < 0.05,
				buriedUntil: 0,
				leech: lapses >= 6,
			});
		}
		const deck = {
			bankId: 'bank',
			id: `deck-${d}`,
			title: { zh: `第${d}组`, en: `Deck ${d}` },
			questions,
		};
		rows.push(...deckRows(deck, cards, today));
	}
	return rows;
}

const rows = syntheticRows();
const context = { dueBefore: today.end };

/** One keystroke's work: what the page does each time the query changes. */
function keystroke(query: string, sort: Sort | undefined): number {
	const parsed = parseQuery(query);
	if (!parsed.ok) return 0;
	return sortRows(filterRows(rows, parsed.terms, context), sort).length;
}

const QUERIES: [string, Sort | undefined][] = [
	['', { key: 'due', direction: 'ascending' }],
	['t', undefined],
	['trade', { key: 'stability', direction: 'descending' }],
	['贸易', { key: 'difficulty', direction: 'descending' }],
	['"trade agreement"', undefined],
	['tag:economy -is:new prop:s<5', { key: 'lastAnswer', direction: 'descending' }],
	['is:due deck:deck-1* lapses>2', { key: 'due', direction: 'ascending' }],
	['-trade -alliance prop:d>0.7', { key: 'lapses', direction: 'descending' }],
];

console.log(`Card browser: parse + filter + sort over ${rows.length.toLocaleString('en')} rows`);
console.log(`(median of ${RUNS} runs, after one warm-up)\n`);
const medians: number[] = [];
for (const [query, sort] of QUERIES) {
	keystroke(query, sort);
	const times: number[] = [];
	let found = 0;
	for (let r = 0; r < RUNS; r++) {
		const start = performance.now();
		found = keystroke(query, sort);
		times.push(performance.now() - start);
	}
	const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
	medians.push(median);
	const label = `${JSON.stringify(query)}${sort ? ` sorted by ${sort.key} ${sort.direction}` : ''}`;
	console.log(`${median.toFixed(1).padStart(7)} ms  ${String(found).padStart(6)} found  ${label}`);
}
const worst = Math.max(...medians);
console.log(`\nSlowest query: ${worst.toFixed(1)} ms per keystroke (aim ≤ 50 ms)`);
