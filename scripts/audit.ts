/**
 * `npm run audit [-- --no-build] [--runs=3] [--page=/stats] [--json=dir]`: Lighthouse figures for
 * the production build (printed, never asserted), so a change's cost in speed, bytes and
 * accessibility shows before it ships. Mobile emulation with simulated throttling: Lighthouse's
 * defaults, comparable between runs. A busy machine inflates the measured CPU time (and so TBT and
 * LCP): `--runs` audits each page several times and reports the run with the median performance.
 * `--page` audits only the screens whose path starts with it; `--json` keeps each report.
 *
 * `--calibrate` sets the CPU slowdown from the machine's own speed, as Lighthouse's throttling
 * guide asks (docs/throttling.md, "Calibrating the CPU slowdown"): the default 4x turns a high-end
 * desktop into a mid-tier phone, but a machine already slower than that would be turned into a
 * phone far below mid-tier. Three first runs read Lighthouse's `benchmarkIndex` (their median) and
 * the guide's table gives the multiplier that lands on a mid-tier phone; it is printed with every
 * page.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Every screen a learner opens without a game (the live host and phone screens need a running game).
const PAGES = [
	'/',
	'/study/us-japan-2023/security-defence',
	'/deck/us-japan-2023/security-defence',
	'/test',
	'/stats',
	'/live',
	'/browse',
	// The retention simulator ("Help me choose") is a part of Settings.
	'/settings',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// Failed audits are listed for these only: performance is already summed up by its metrics.
const CHECKLISTS = ['accessibility', 'best-practices', 'seo'];
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
const BYTE_GROUPS: [string, string[] | null][] = [
	['total', null],
	['JavaScript', ['Script']],
	['CSS', ['Stylesheet']],
	['HTML/document', ['Document']],
	['fonts', ['Font']],
	['images', ['Image']],
];

function option(name: string): string | undefined {
	const prefix = `--${name}=`;
	return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const RUNS = Math.max(1, Number(option('runs') ?? 1) || 1);
const CALIBRATE = process.argv.includes('--calibrate');

/**
 * The guide's multipliers to reach a mid-tier phone, by the bracket the machine's benchmarkIndex
 * falls in: high-end desktop (1500 and up) 4x, low-end desktop (1000–1500) 2x, high-end phone
 * (800–1000) 2x, slower than that 1x (already a mid-tier phone).
 */
function calibratedSlowdown(benchmarkIndex: number): number {
	if (benchmarkIndex >= 1500) return 4;
	if (benchmarkIndex >= 800) return 2;
	return 1;
}
const ONLY = option('page');
const JSON_DIR = option('json');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** First port in 4300–4399 nobody listens on (4173 belongs to the e2e tests). */
async function freePort(): Promise<number> {
	for (let port = 4300; port <= 4399; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const probe = createServer()
				.once('error', () => resolve(false))
				.listen(port, () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port in 4300–4399');
}

async function waitUntilUp(url: string, server: ChildProcess): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
		try {
			if ((await fetch(url)).status < 500) return;
		} catch {
			// Not listening yet.
		}
		await sleep(200);
	}
	throw new Error(`server did not answer at ${url} within 30 s`);
}

function report(path: string, lhr: Result, performances: number[]): void {
	const runs =
		performances.length > 1
			? `, median of ${performances.length} runs: ${performances.join(' ')}`
			: '';
	const cpu = lhr.configSettings.throttling.cpuSlowdownMultiplier;
	console.log(
		`\n${path}  (Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ` +
			`CPU ${cpu}x, benchmarkIndex ${lhr.environment.benchmarkIndex}${runs})`,
	);
	const scores = CATEGORIES.map((id) => {
		const score = lhr.categories[id]?.score;
		return `${id} ${score == null ? '–' : Math.round(score * 100)}`;
	});
	console.log(`  scores: ${scores.join(' · ')}`);
	const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
	console.log(
		`  LCP ${metric('largest-contentful-paint').toFixed(0)} ms · ` +
			`FCP ${metric('first-contentful-paint').toFixed(0)} ms · ` +
			`TBT ${metric('total-blocking-time').toFixed(0)} ms · ` +
			`CLS ${metric('cumulative-layout-shift').toFixed(3)}`,
	);

	const details = lhr.audits['network-requests']?.details;
	const items = (details && 'items' in details ? details.items : []) as {
		url?: string;
		transferSize?: number;
		resourceType?: string;
	}[];
	const sum = (types: string[] | null) =>
		items
			.filter((i) => types === null || types.includes(i.resourceType ?? ''))
			.reduce((n, i) => n + (i.transferSize ?? 0), 0);
	console.log(`  transferred: ${BYTE_GROUPS.map(([n, t]) => `${n} ${kb(sum(t))}`).join(' · ')}`);
	const scripts = items
		.filter((i) => i.resourceType === 'Script')
		.sort((a, b) => (b.transferSize ?? 0) - (a.transferSize ?? 0))
		.slice(0, 3);
	for (const s of scripts)
		console.log(`    ${kb(s.transferSize ?? 0).padStart(9)}  ${new URL(s.url ?? '').pathname}`);

	// An audit can sit in several categories; list it once.
	const failed = new Set(
		CHECKLISTS.flatMap((c) => lhr.categories[c]?.auditRefs.map((r) => r.id) ?? []).filter((id) => {
			const a = lhr.audits[id];
			const gradable = a?.scoreDisplayMode === 'binary' || a?.scoreDisplayMode === 'numeric';
			return gradable && a.score !== null && a.score < 1;
		}),
	);
	console.log(failed.size === 0 ? '  failed audits: none' : '  failed audits:');
	for (const id of failed) console.log(`    ${id}: ${lhr.audits[id].title}`);
}

async function main(): Promise<void> {
	const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromePath))
		throw new Error(
			`No Chromium at ${chromePath}. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
				'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
		);
	if (!process.argv.includes('--no-build')) {
		const build = spawnSync('npx', ['vite', 'build'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
	}

	const port = await freePort();
	const entry = existsSync(join(ROOT, 'server.js')) ? 'server.js' : 'build';
	const origin = `http://localhost:${port}`;
	let server: ChildProcess | undefined;
	let chrome: LaunchedChrome | undefined;
	try {
		server = spawn('node', [entry], {
			cwd: ROOT,
			env: { ...process.env, PORT: String(port) },
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		await waitUntilUp(origin, server);
		async function audit(path: string, cpuSlowdownMultiplier?: number): Promise<Result> {
			// A fresh Chrome per run: no cache or service worker carried over.
			chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS });
			try {
				const result = await lighthouse(origin + path, {
					port: chrome.port,
					logLevel: 'error',
					onlyCategories: CATEGORIES,
					...(cpuSlowdownMultiplier ? { throttling: { cpuSlowdownMultiplier } } : {}),
				});
				if (!result) throw new Error(`Lighthouse returned no result for ${path}`);
				if (result.lhr.runtimeError) throw new Error(result.lhr.runtimeError.message);
				return result.lhr;
			} finally {
				chrome.kill();
				chrome = undefined;
			}
		}
		let slowdown: number | undefined;
		if (CALIBRATE) {
			// The index of one run moves by a third on a busy machine: the median of three.
			const indexes: number[] = [];
			for (let run = 0; run < 3; run++) indexes.push((await audit('/')).environment.benchmarkIndex);
			const benchmarkIndex = indexes.sort((a, b) => a - b)[1];
			slowdown = calibratedSlowdown(benchmarkIndex);
			console.log(
				`benchmarkIndex ${benchmarkIndex}: CPU slowdown ${slowdown}x (Lighthouse's default is 4x)`,
			);
		}
		for (const path of PAGES.filter((p) => !ONLY || p.startsWith(ONLY))) {
			const results: Result[] = [];
			for (let run = 0; run < RUNS; run++) results.push(await audit(path, slowdown));
			const performance = (r: Result) => Math.round((r.categories.performance?.score ?? 0) * 100);
			results.sort((a, b) => performance(a) - performance(b));
			const median = results[Math.floor(results.length / 2)];
			report(path, median, results.map(performance));
			if (JSON_DIR) {
				mkdirSync(JSON_DIR, { recursive: true });
				const name = path === '/' ? 'home' : path.slice(1).replaceAll('/', '_');
				writeFileSync(join(JSON_DIR, `${name}.json`), JSON.stringify(median));
			}
		}
	} finally {
		chrome?.kill();
		server?.kill();
	}
}

const started = Date.now();
main().then(
	() => console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`),
	(error: unknown) => {
		console.error(`audit failed: ${error instanceof Error ? error.message : error}`);
		process.exitCode = 1;
	},
);
