/**
 * `npm run bench:sync-pull`: a fresh device signs in to an account with a long history and
 * pulls all of it, in the real app in Chromium against the real server (printed, never asserted).
 *
 * Builds (unless --no-build), starts `node server.js` on a new database (SQLite, or PostgreSQL
 * with --db postgres), signs up an account and stores --history reviews in it (default
 * 1,000,000: --cards cards, 20 reviews each by default, oldest first, as devices push them; a few
 * on the built-in security deck's questions, the rest on cards of a bank this device lacks).
 * Then one Chromium tab opens the home page signed in, which starts the sync; a second tab opens
 * the study screen at the same moment. Printed: when the study screen shows its first card
 * (studying can start while the sync runs), when the first page of the history is stored, when
 * the first cards are replayed from it (every page is stored by then: pulled-replay.ts), when
 * the sync is done, how many reviews the device holds then, and its storage use.
 * Flags: --history N, --cards N, --db sqlite|postgres, --no-build.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { loadBankTree } from '../bank-tree.ts';
import { openDatabase } from '../../src/lib/server/db/connection.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrations.ts';
import { handlePush } from '../../src/lib/server/sync/http.ts';
import { createSyncStore } from '../../src/lib/server/sync/store.ts';
import { appCodec } from '../../src/lib/server/sync/wire.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { MAX_PUSH_CHANGES } from '../../src/lib/sync/records.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';
import { benchDatabase, startBenchServer } from './bench-server.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const HISTORY = Number(flag('history') ?? 1_000_000);
const CARDS = Number(flag('cards') ?? Math.max(1, Math.round(HISTORY / 20)));
const KIND = (flag('db') ?? 'sqlite') as 'sqlite' | 'postgres';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DECK = 'us-japan-2023/security-defence';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

if (!args.includes('--no-build')) execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });

const security = loadBankTree('questions')
	.banks.flatMap((b) => b.decks.map((d) => ({ key: `${b.id}/${d.id}`, d })))
	.find((x) => x.key === DECK)!.d.questions;
const config = schedulerConfig(DEFAULT_DECK_OPTIONS);
const key = configKey(config);

/** The i-th card: the built-in deck's questions first, then cards of a bank this device lacks. */
const card = (i: number) =>
	i < security.length
		? { cardId: `${DECK}/${security[i].id}`, deck: DECK }
		: { cardId: `bench/deck/q${i}`, deck: 'bench/deck' };

const db = await benchDatabase(KIND);
const server = await startBenchServer({
	...db.env,
	BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
	const base = server.base;
	const signUp = await fetch(`${base}/api/account/sign-up`, {
		method: 'POST',
		headers: { origin: base, 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'history', password: 'bench password 1' }),
	});
	const cookie = signUp.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('better-auth.session_token='));
	const me = (await (
		await fetch(`${base}/api/account/session`, { headers: { cookie: cookie ?? '' } })
	).json()) as { user?: { id: string } };
	if (!cookie || !me.user) throw new Error(`sign-up failed: ${signUp.status}`);

	// The history, through the push handler and the app's own checks, as devices sent it.
	const t0 = performance.now();
	const serverDb = openDatabase(db.location);
	await migrateToLatest(serverDb.kysely, serverDb.kind);
	const store = createSyncStore(serverDb, { quota: HISTORY + 10_000 });
	const user = { id: me.user.id };
	const push = async (changes: unknown[]) => {
		const url = new URL('/api/sync/push', base);
		const request = new Request(url, {
			method: 'POST',
			headers: { origin: base, 'content-type': 'application/json' },
			body: JSON.stringify({ changes }),
		});
		const response = await handlePush({ request, url, locals: { user } }, store, appCodec);
		if (response.status !== 200) throw new Error(`fill refused: ${await response.text()}`);
	};
	await push([{ kind: 'config', key, config }]);
	const perCard = Math.max(1, Math.floor(HISTORY / CARDS));
	const start = Date.now() - 2 * 365 * 86_400_000;
	let batch: unknown[] = [];
	for (let n = 0; n < HISTORY; n++) {
		// Round by round: every card's k-th review before any card's (k+1)-th, days apart.
		const round = Math.floor(n / CARDS);
		const c = n % CARDS;
		const at = start + round * 30 * 86_400_000 + c * 1000;
		batch.push({
			kind: 'review',
			uid: uuid7(at),
			...card(c),
			rating: round % 7 === 3 ? 1 : 3,
			review: at,
			durationMs: 4000,
			config: key,
		});
		if (batch.length === MAX_PUSH_CHANGES) await push(batch.splice(0));
	}
	if (batch.length > 0) await push(batch);
	batch = [];
	await serverDb.close();
	console.log(
		`${KIND}: ${HISTORY.toLocaleString('en')} reviews on ${CARDS.toLocaleString('en')} cards (${perCard} each) stored in ${seconds(performance.now() - t0)}`,
	);

	const context = await browser.newContext({ locale: 'en-US' });
	await context.addCookies([
		{
			name: cookie.split('=')[0],
			value: cookie.slice(cookie.indexOf('=') + 1),
			url: base,
		},
	]);
	const home = await context.newPage();
	const study = await context.newPage();
	const status = home.getByTestId('sync-status');
	/** How many records a store of the app's database holds (-1 before the app has made it). */
	const count = (page: typeof home, store: 'logs' | 'pulled') =>
		page.evaluate(
			(name) =>
				new Promise<number>((done) => {
					const open = indexedDB.open('kioku');
					// Not made yet: leave it to the app (a database made here would have no stores).
					open.onupgradeneeded = () => open.transaction?.abort();
					open.onsuccess = () => {
						const request = open.result.transaction(name).objectStore(name).count();
						request.onsuccess = () => (open.result.close(), done(request.result));
						request.onerror = () => (open.result.close(), done(-1));
					};
					open.onerror = () => done(-1);
				}),
			store,
		);
	const logs = (page: typeof home) => count(page, 'logs');

	const t1 = performance.now();
	await home.goto(`${base}/`);
	const studied = study
		.goto(`${base}/study/${DECK}`)
		.then(() => study.locator('article.card').waitFor({ timeout: 120_000 }))
		.then(
			() => performance.now() - t1,
			async (e: unknown) => {
				const body = await study
					.locator('main')
					.textContent()
					.catch(() => '');
				console.log(
					`  the study screen showed no card: ${String(e).split('\n')[0]}; it says: ${body}`,
				);
				return NaN;
			},
		);
	let firstPage: number | undefined;
	let replayStarted: number | undefined;
	let done: number | undefined;
	const deadline = t1 + 30 * 60_000;
	while (performance.now() < deadline) {
		const text = (await status.textContent().catch(() => '')) ?? '';
		const held = await logs(home).catch(() => 0);
		if (firstPage === undefined && (held > 0 || (await count(home, 'pulled').catch(() => 0)) > 0))
			firstPage = performance.now() - t1;
		if (replayStarted === undefined && held > 0) replayStarted = performance.now() - t1;
		if (/^Synced at/.test(text)) {
			done = performance.now() - t1;
			break;
		}
		if (/refused|full|expired/i.test(text)) throw new Error(`sync stopped: ${text}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	const firstCard = await studied;
	const held = await logs(home);
	const usage = await home.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
	console.log(`  the study screen's first card, opened as the sync starts: ${seconds(firstCard)}`);
	console.log(
		`  first page of the history stored: ${firstPage === undefined ? 'never' : seconds(firstPage)}`,
	);
	console.log(
		`  every page stored, the first cards replayed: ${replayStarted === undefined ? 'never' : seconds(replayStarted)}`,
	);
	console.log(`  sync done: ${done === undefined ? 'not within 30 min' : seconds(done)}`);
	console.log(
		`  reviews on the device: ${held.toLocaleString('en')} of ${HISTORY.toLocaleString('en')}; storage used ${(usage / 2 ** 20).toFixed(0)} MB`,
	);
	if (done === undefined || held !== HISTORY) process.exitCode = 1;
} finally {
	await browser.close();
	await server.stop();
	await db.drop();
}
