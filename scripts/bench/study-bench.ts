/**
 * The study bench in a real browser: bundles study-bench.browser.ts with Vite, serves it on
 * loopback, and drives Chromium (the same one the browser tests use) through Playwright.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';

type Seed = (
	cards: number,
	logs: number,
	reviewed: number,
	now: number,
) => Promise<{ cards: number; logs: number }>;
interface Measured {
	firstCardMs: number;
	/** A focused session (Statistics' "Study") over a group of the deck: its first card. */
	focusFirstCardMs: number;
	focusCards: number;
	loadMs: number;
	queueMs: number;
	/** The Statistics screen's first numbers: the log's aggregates read and counted. */
	statsFirstMs: number;
	/** The Statistics screen: reading every card and the log's aggregates, then counting them. */
	statsReadMs: number;
	statsCountMs: number;
	statsAggregates: number;
	/** As before the aggregates: reading every review, and counting from them. */
	statsLogsReadMs: number;
	statsLogsCountMs: number;
	/** Whether both give the same figures. */
	statsSame: boolean;
	dueToday: number;
	rating: { n: number; p50: number; p95: number; max: number };
	usageBytes: number;
}
type Measure = (cards: number, ratings: number) => Promise<Measured>;

export interface StudyBenchOptions {
	cards: number;
	logs: number;
	reviewed: number;
	ratings: number;
}

export async function runStudyBench(o: StudyBenchOptions) {
	const dir = mkdtempSync(join(tmpdir(), 'kioku-bench-'));
	await build({
		configFile: false,
		logLevel: 'warn',
		build: {
			outDir: dir,
			emptyOutDir: false,
			lib: {
				entry: 'scripts/bench/study-bench.browser.ts',
				formats: ['es'],
				fileName: () => 'bench.js',
			},
		},
	});
	writeFileSync(
		join(dir, 'index.html'),
		'<!doctype html><script type="module" src="/bench.js"></script>',
	);
	const server = createServer((req, res) => {
		const file = req.url === '/bench.js' ? 'bench.js' : 'index.html';
		res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
		res.end(readFileSync(join(dir, file)));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as { port: number }).port;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
	try {
		const page = await browser.newPage();
		const url = `http://127.0.0.1:${port}/`;
		await page.goto(url);
		await page.waitForFunction(() => 'seed' in window);
		const s0 = Date.now();
		const seeded = await page.evaluate(
			({ cards, logs, reviewed }) =>
				(window as never as { seed: Seed }).seed(cards, logs, reviewed, Date.now()),
			o,
		);
		const seedMs = Date.now() - s0;
		// A fresh page: what a learner opening the app meets, caches cold.
		await page.goto(url);
		await page.waitForFunction(() => 'measure' in window);
		const result = await page.evaluate(
			({ cards, ratings }) => (window as never as { measure: Measure }).measure(cards, ratings),
			o,
		);
		return { seeded, seedMs, ...result };
	} finally {
		await browser.close();
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
