/**
 * `npm run bench:sync`: the sync server's own time (printed, never asserted), on SQLite and on
 * PostgreSQL (a fresh, randomly named database on KIOKU_TEST_POSTGRES or the local server,
 * dropped afterwards). Requests go through the endpoint handlers — body read, JSON, checks,
 * one transaction — without HTTP or auth around them.
 *  1. One study session's 100 reviews pushed and acknowledged, --runs times (default 300):
 *     p50 / p99 / max.
 *  2. A fresh device pulls a --history-review account (default 1,000,000; 0 skips it) in pages
 *     of 5,000: time to the first page and to the last, and the bytes sent.
 * Flags: --runs N, --history N, --only sqlite|postgres.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
	openDatabase,
	type DatabaseKind,
	type ServerDatabase,
} from '../../src/lib/server/db/connection.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrations.ts';
import { handlePull, handlePush, type SyncRequestEvent } from '../../src/lib/server/sync/http.ts';
import { MAX_PULL_LIMIT, MAX_PUSH_CHANGES } from '../../src/lib/server/sync/limits.ts';
import { createSyncStore, type SyncStore } from '../../src/lib/server/sync/store.ts';
import { benchDatabase } from './bench-server.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag('runs') ?? 300);
const HISTORY = Number(flag('history') ?? 1_000_000);
const ONLY = flag('only') as DatabaseKind | undefined;
const SITE = 'http://kioku.local';

async function open(
	kind: DatabaseKind,
): Promise<{ db: ServerDatabase; drop: () => Promise<void> }> {
	const made = await benchDatabase(kind);
	const db = openDatabase(made.location);
	return { db, drop: async () => (await db.close(), await made.drop()) };
}

let clock = Date.now();
/** A UUIDv7 as a device makes them: time first, so a history's ids arrive in rising order. */
function uuid7(): string {
	const hex = (clock++).toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
	const v = `${hex.slice(0, 12)}7${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 32)}`;
	return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** A review as the client will send it: about 200 bytes of JSON. */
const review = (i: number) => ({
	type: 'review' as const,
	id: uuid7(),
	data: {
		cardId: `us-japan-2023/security-defence/q${i % 150}`,
		deck: 'us-japan-2023/security-defence',
		rating: 1 + (i % 4),
		reviewedAt: 1_765_000_000_000 + i * 60_000,
		durationMs: 4000 + (i % 7) * 900,
		config: 'cfg-0123456789abcdef',
	},
});

function pushEvent(userId: string, changes: unknown[]): SyncRequestEvent {
	const url = new URL('/api/sync/push', SITE);
	const request = new Request(url, {
		method: 'POST',
		headers: { origin: SITE, 'content-type': 'application/json' },
		body: JSON.stringify({ changes }),
	});
	return { request, url, locals: { user: { id: userId } } };
}

function pullEvent(userId: string, cursor: number): SyncRequestEvent {
	const url = new URL(`/api/sync/pull?cursor=${cursor}&limit=${MAX_PULL_LIMIT}`, SITE);
	return { request: new Request(url), url, locals: { user: { id: userId } } };
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function benchPush(store: SyncStore): Promise<void> {
	const user = 'bench-push';
	const times: number[] = [];
	for (let run = -20; run < RUNS; run++) {
		const event = pushEvent(
			user,
			Array.from({ length: 100 }, (_, i) => review(i)),
		);
		const t0 = performance.now();
		const response = await handlePush(event, store);
		const body = (await response.json()) as { acked?: string[] };
		const t = performance.now() - t0;
		if (response.status !== 200 || body.acked?.length !== 100)
			throw new Error(`push refused: ${JSON.stringify(body)}`);
		if (run >= 0) times.push(t);
	}
	times.sort((a, b) => a - b);
	console.log(
		`  push 100 reviews × ${RUNS}: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, max ${ms(times.at(-1)!)}`,
	);
}

async function benchPull(store: SyncStore): Promise<void> {
	const user = 'bench-pull';
	const t0 = performance.now();
	for (let done = 0; done < HISTORY; done += MAX_PUSH_CHANGES) {
		const batch = Array.from({ length: Math.min(MAX_PUSH_CHANGES, HISTORY - done) }, (_, i) =>
			review(done + i),
		);
		const response = await handlePush(pushEvent(user, batch), store);
		if (response.status !== 200) throw new Error(`fill refused: ${await response.text()}`);
	}
	const fill = performance.now() - t0;
	console.log(
		`  filled ${HISTORY.toLocaleString('en')} reviews by pushes of ${MAX_PUSH_CHANGES} in ${(fill / 1000).toFixed(1)} s`,
	);

	// Server time: the handler and its body as bytes (what the server writes); the client's
	// decoding and parsing of each page is left out.
	const pageTimes: number[] = [];
	let cursor = 0;
	let bytes = 0;
	let changes = 0;
	for (;;) {
		const t0 = performance.now();
		const response = await handlePull(pullEvent(user, cursor), store);
		const body = await response.arrayBuffer();
		pageTimes.push(performance.now() - t0);
		const page = JSON.parse(new TextDecoder().decode(body)) as {
			changes: unknown[];
			cursor: number;
			more: boolean;
		};
		bytes += body.byteLength;
		changes += page.changes.length;
		cursor = page.cursor;
		if (!page.more) break;
	}
	if (changes !== HISTORY) throw new Error(`pulled ${changes} of ${HISTORY}`);
	const total = pageTimes.reduce((a, b) => a + b, 0);
	const sorted = [...pageTimes].sort((a, b) => a - b);
	console.log(
		`  pull ${changes.toLocaleString('en')} reviews in ${pageTimes.length} pages of ${MAX_PULL_LIMIT}: ` +
			`server time ${(total / 1000).toFixed(1)} s (first page ${ms(pageTimes[0])}, ` +
			`p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))} a page), ${(bytes / 1e6).toFixed(0)} MB of JSON`,
	);
}

for (const kind of ['sqlite', 'postgres'] as const) {
	if (ONLY && ONLY !== kind) continue;
	const { db, drop } = await open(kind);
	try {
		await migrateToLatest(db.kysely, kind);
		const store = createSyncStore(db);
		console.log(`${kind}:`);
		await benchPush(store);
		if (HISTORY > 0) await benchPull(store);
	} finally {
		await drop();
	}
}
