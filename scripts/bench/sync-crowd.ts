/**
 * `npm run bench:sync-crowd`: many devices syncing at once against one real server (printed,
 * never asserted), on SQLite and on PostgreSQL. Builds (unless --no-build), starts `node
 * server.js` with a fresh database, signs up --accounts accounts over HTTP, then starts
 * --devices devices at the same instant, spread over the accounts. Each device does what the
 * app does when it opens after a session offline: asks who is signed in, pushes one session's
 * --reviews reviews, and pulls its account's feed from the start until there is no more.
 * Printed: latency per request kind (p50/p99/max), errors (any answer but 200, or none), wall
 * time, and the server's memory (peak RSS, sampled every 100 ms).
 *
 * A device here is a stream of requests with its own reviews; an account's devices share the
 * account's session cookie (a sign-in per device would measure scrypt, not sync).
 * Flags: --devices N (500), --accounts N (50), --reviews N (100), --only sqlite|postgres, --no-build.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';
import { benchDatabase, startBenchServer } from './bench-server.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const DEVICES = Number(flag('devices') ?? 500);
const ACCOUNTS = Math.min(Number(flag('accounts') ?? 50), DEVICES);
const REVIEWS = Number(flag('reviews') ?? 100);
const ONLY = flag('only');
const PASSWORD = 'bench password 1';

type Kind = 'session' | 'push' | 'pull';
interface Tally {
	ms: Record<Kind, number[]>;
	errors: Map<string, number>;
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One session's answers, as the app pushes them (src/lib/sync/records.ts). */
function session(device: number): unknown[] {
	const start = Date.now() - 3_600_000;
	return Array.from({ length: REVIEWS }, (_, i) => ({
		kind: 'review',
		uid: uuid7(start + i * 1000),
		cardId: `us-japan-2023/security-defence/q${(device * 7 + i) % 150}`,
		deck: 'us-japan-2023/security-defence',
		rating: 1 + (i % 4),
		review: start + i * 1000,
		durationMs: 3000 + (i % 9) * 700,
		config: 'c1bench',
	}));
}

async function run(kind: 'sqlite' | 'postgres') {
	const db = await benchDatabase(kind);
	const server = await startBenchServer({
		...db.env,
		// Accounts are signed up from one machine here; behind a proxy each has its own address.
		ADDRESS_HEADER: 'x-forwarded-for',
		BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
	});
	const base = server.base;
	const cookies: string[] = [];
	/** As a proxy passes it on: every request names its client's address. */
	const address = (n: number) => `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`;
	const headers = (device: number, extra: Record<string, string> = {}) => ({
		origin: base,
		cookie: cookies[device % ACCOUNTS],
		'x-forwarded-for': address(device),
		...extra,
	});
	try {
		// Accounts, a few at a time (each sign-up hashes a password with scrypt).
		const t0 = performance.now();
		for (let i = 0; i < ACCOUNTS; i += 8) {
			const batch = await Promise.all(
				Array.from({ length: Math.min(8, ACCOUNTS - i) }, async (_, j) => {
					const n = i + j;
					const response = await fetch(`${base}/api/account/sign-up`, {
						method: 'POST',
						headers: {
							origin: base,
							'content-type': 'application/json',
							'x-forwarded-for': address(n),
						},
						body: JSON.stringify({ username: `crowd${n}`, password: PASSWORD }),
					});
					const cookie = response.headers
						.getSetCookie()
						.map((c) => c.split(';')[0])
						.find((c) => c.startsWith('better-auth.session_token='));
					if (response.status !== 200 || !cookie)
						throw new Error(`sign-up ${n}: ${response.status} ${await response.text()}`);
					return cookie;
				}),
			);
			cookies.push(...batch);
		}
		console.log(
			`  ${ACCOUNTS} accounts signed up in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
		);

		const tally: Tally = { ms: { session: [], push: [], pull: [] }, errors: new Map() };
		const error = (what: string) => tally.errors.set(what, (tally.errors.get(what) ?? 0) + 1);
		async function timed(kind: Kind, url: string, init: RequestInit): Promise<unknown> {
			const t = performance.now();
			try {
				const response = await fetch(url, init);
				const body = await response.json();
				tally.ms[kind].push(performance.now() - t);
				if (response.status !== 200) {
					error(`${kind} ${response.status} ${JSON.stringify(body).slice(0, 80)}`);
					return undefined;
				}
				return body;
			} catch (e) {
				error(`${kind} ${e instanceof Error ? (e.cause ?? e).toString() : e}`);
				return undefined;
			}
		}
		async function device(n: number) {
			const me = (await timed('session', `${base}/api/account/session`, {
				headers: headers(n),
			})) as { user?: unknown } | undefined;
			if (!me?.user) return error('session: not signed in');
			const pushed = await timed('push', `${base}/api/sync/push`, {
				method: 'POST',
				headers: headers(n, { 'content-type': 'application/json' }),
				body: JSON.stringify({ changes: session(n) }),
			});
			if (!pushed) return;
			for (let cursor = 0, pages = 0; pages < 1000; pages++) {
				const page = (await timed('pull', `${base}/api/sync/pull?cursor=${cursor}&limit=1000`, {
					headers: headers(n),
				})) as { cursor: number; more: boolean } | undefined;
				if (!page || !page.more) return;
				cursor = page.cursor;
			}
		}

		const rss = server.sampleRss();
		const t1 = performance.now();
		await Promise.all(Array.from({ length: DEVICES }, (_, n) => device(n)));
		const wall = performance.now() - t1;
		const peak = rss.stop();
		const all = [...tally.ms.session, ...tally.ms.push, ...tally.ms.pull].sort((a, b) => a - b);
		const errors = [...tally.errors.values()].reduce((a, b) => a + b, 0);
		console.log(
			`  ${DEVICES} devices at once (${REVIEWS} reviews each): ${all.length} requests in ${(wall / 1000).toFixed(1)} s, ` +
				`${errors} errors, server RSS peak ${(peak / 1024).toFixed(0)} MB (idle before: ${(rss.before / 1024).toFixed(0)} MB)`,
		);
		for (const kind of ['session', 'push', 'pull'] as const) {
			const sorted = [...tally.ms[kind]].sort((a, b) => a - b);
			console.log(
				`    ${kind.padEnd(7)} × ${String(sorted.length).padStart(4)}: p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
					`p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
			);
		}
		for (const [what, count] of tally.errors) console.log(`    error × ${count}: ${what}`);
		if (errors > 0) {
			console.log(`  the server's last lines:\n${server.log.slice(-15).join('\n')}`);
			process.exitCode = 1;
		}
	} finally {
		await server.stop();
		await db.drop();
	}
}

if (!args.includes('--no-build')) execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
for (const kind of ['sqlite', 'postgres'] as const) {
	if (ONLY && ONLY !== kind) continue;
	console.log(`${kind}:`);
	await run(kind);
}
