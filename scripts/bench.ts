/**
 * `npm run bench`: figures to compare between changes (printed, never asserted).
 *  - validating the shipped banks, and a synthetic bank 30 times larger
 *  - what the app downloads for bank data: the catalog and each deck, raw and gzipped
 *  - statistics over 1,000,000 reviews, a bank import at the size limit, the FSRS optimizer
 *  - study timings in Chromium over IndexedDB
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { summarizeBanks, validateBankTree, type BankFile } from '../src/lib/bank/index.ts';
import { loadBankTree } from './bank-tree.ts';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, fn: () => void): number {
	fn(); // warm-up
	const samples = Array.from({ length: runs }, () => {
		const start = performance.now();
		fn();
		return performance.now() - start;
	});
	return median(samples);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const shipped = loadBankTree('questions');
const files: BankFile[] = shipped.files.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const questionCount = shipped.banks
	.flatMap((b) => b.decks)
	.reduce((n, d) => n + d.questions.length, 0);

console.log('Bank validation (median of runs)');
const shippedMs = time(20, () => validateBankTree(files));
console.log(
	`  shipped banks: ${questionCount} questions in ${files.length} files: ${shippedMs.toFixed(1)} ms`,
);

// 30 copies of every deck, ids made unique: how validation scales for a large school bank.
const COPIES = 30;
const big: BankFile[] = files.flatMap((f) =>
	f.path.endsWith('/source.yaml')
		? [f]
		: Array.from({ length: COPIES }, (_, i) => ({
				path: f.path.replace(/\.yaml$/, `-copy${i}.yaml`),
				text: f.text.replace(/id: (usj23-[a-z]+-\d+)/g, `id: $1-c${i}`),
			})),
);
const heapBefore = process.memoryUsage().heapUsed;
let bigResult = validateBankTree(big);
const heapAfter = process.memoryUsage().heapUsed;
if (bigResult.errors.length > 0)
	throw new Error(`synthetic bank invalid: ${bigResult.errors[0].message}`);
const bigMs = time(5, () => (bigResult = validateBankTree(big)));
const bigCount = questionCount * COPIES;
console.log(
	`  synthetic bank: ${bigCount} questions: ${bigMs.toFixed(0)} ms (${((bigMs / bigCount) * 1000).toFixed(0)} µs/question), heap +${kb(heapAfter - heapBefore)}`,
);

console.log('\nBank data the app downloads (JSON, as bundled)');
const catalog = JSON.stringify(summarizeBanks(shipped.banks));
console.log(
	`  catalog (home page): ${kb(Buffer.byteLength(catalog))} raw, ${kb(gzipSync(catalog).length)} gzip`,
);
for (const deck of shipped.banks.flatMap((b) => b.decks)) {
	const json = JSON.stringify(deck);
	console.log(
		`  deck ${deck.bankId}/${deck.id} (${deck.questions.length} q): ${kb(Buffer.byteLength(json))} raw, ${kb(gzipSync(json).length)} gzip`,
	);
}

const small = process.env.BENCH_SMALL === '1';
const { runLearnerToolsBench } = await import('./bench/learner-tools.ts');
await runLearnerToolsBench(
	small ? { cards: 5_000, logs: 100_000 } : { cards: 50_000, logs: 1_000_000 },
);

// Study in a real browser over IndexedDB (issue 3's figures). BENCH_SMALL=1 for a quick run.
const { runStudyBench } = await import('./bench/study-bench.ts');
const o = small
	? { cards: 5_000, logs: 100_000, reviewed: 4_000, ratings: 100 }
	: { cards: 50_000, logs: 1_000_000, reviewed: 40_000, ratings: 300 };
console.log(`\nStudy in Chromium: ${o.cards} cards, ${o.logs} review logs (seeding…)`);
const study = await runStudyBench(o);
const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log(
	`  seeded ${study.seeded.cards} cards and ${study.seeded.logs} logs in ${(study.seedMs / 1000).toFixed(1)} s`,
);
console.log(
	`  first card shown (open database, load deck, build queue, preview): ${ms(study.firstCardMs)}`,
);
console.log(
	`    of which loading today's cards from IndexedDB: ${ms(study.loadMs)} (${study.dueToday} due today)`,
);
console.log(`    of which building the queue: ${ms(study.queueMs)}`);
console.log(
	`  rating to next card (commit + pick + preview), ${study.rating.n} ratings: median ${ms(study.rating.p50)}, p95 ${ms(study.rating.p95)}, max ${ms(study.rating.max)}`,
);
console.log(
	`  focused study of one tag (${study.focusCards} cards, due or not): first card ${ms(study.focusFirstCardMs)}`,
);
console.log(
	`  statistics screen: first numbers (reading and counting ${study.statsAggregates} review aggregates) ${ms(study.statsFirstMs)}`,
);
console.log(
	`    the whole screen (in its worker): reading every card and the aggregates ${ms(study.statsReadMs)}, counting ${ms(study.statsCountMs)}: ${ms(study.statsReadMs + study.statsCountMs)}`,
);
console.log(
	`    without the aggregates: reading every review ${ms(study.statsLogsReadMs)}, counting ${ms(study.statsLogsCountMs)} (same figures: ${study.statsSame ? 'yes' : 'NO'})`,
);
console.log(
	`  IndexedDB size (navigator.storage.estimate): ${(study.usageBytes / 1024 / 1024).toFixed(1)} MiB`,
);
