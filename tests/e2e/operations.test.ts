// The operations side of the production server (`node server.js` on the build), on each kind of
// database: /healthz and /readyz, /metrics as a game is played and who may read it, JSON logs,
// and what SIGTERM does: readyz 503 at once, no new games or streams, open streams closed,
// exit 0.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, ownPort, test } from './fixtures';
import { startServer } from './own-server';

const ADMIN_URL = process.env.KIOKU_TEST_POSTGRES ?? 'postgres://root@127.0.0.1:5432/postgres';
const TOKEN = 'metrics-token-for-the-test';
const SETTINGS = {
	decks: ['us-japan-2023/security-defence'],
	types: ['single'],
	count: 1,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** A fresh database of this kind for the server, and how to remove it. */
async function database(
	kind: 'sqlite' | 'postgres',
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
	if (kind === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'kioku-ops-'));
		return {
			env: { KIOKU_DB: join(dir, 'kioku.db') },
			drop: async () => rmSync(dir, { recursive: true, force: true }),
		};
	}
	const name = `kioku_ops_${randomBytes(6).toString('hex')}`;
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	return {
		env: { DATABASE_URL: url.href },
		drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
	};
}

/** A metric's value in Prometheus's text format, by its name with labels as written. */
function metric(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const [kind, offset] of [
	['sqlite', 22],
	['postgres', 23],
] as const) {
	test(`on ${kind}: health, metrics, JSON logs, and a graceful stop on SIGTERM`, async () => {
		if (kind === 'postgres' && !process.env.CI) {
			const down = await admin('SELECT 1').then(
				() => undefined,
				(error: unknown) => String(error),
			);
			test.skip(down !== undefined, `PostgreSQL is unreachable: ${down}`);
		}
		const db = await database(kind);
		const server = await startServer(ownPort(offset), {
			...db.env,
			KIOKU_METRICS_TOKEN: TOKEN,
			// Long enough to see readyz say 503 while the server still serves.
			KIOKU_SHUTDOWN_DRAIN_MS: '1500',
		});
		const { base } = server;
		const post = (path: string, body: unknown, token?: string) =>
			fetch(`${base}${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(token ? { authorization: `Bearer ${token}` } : {}),
				},
				body: JSON.stringify(body),
			});
		try {
			const healthz = await fetch(`${base}/healthz`);
			expect(healthz.status).toBe(200);
			expect(healthz.headers.get('cache-control')).toBe('no-store');
			expect(await healthz.json()).toEqual({ status: 'ok' });
			await expect
				.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 10_000 })
				.toBe(200);

			// A game with one player, a stream, one answer.
			const created = await post('/api/live/games', SETTINGS);
			expect(created.status).toBe(200);
			const { code, hostToken } = (await created.json()) as Record<string, string>;
			const joined = await post(`/api/live/games/${code}/join`, { code, nickname: 'Ann' });
			const { token } = (await joined.json()) as Record<string, string>;
			const stream = await fetch(`${base}/api/live/games/${code}/events?token=${token}`);
			expect(stream.status).toBe(200);
			const reader = stream.body!.getReader();
			expect(
				(await post(`/api/live/games/${code}/host`, { action: 'start' }, hostToken)).status,
			).toBe(200);
			const answer = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
			expect((await post(`/api/live/games/${code}/answer`, answer, token)).status).toBe(200);

			// From this machine, straight: the metrics, with the game in them.
			const local = await fetch(`${base}/metrics`);
			expect(local.status).toBe(200);
			expect(local.headers.get('content-type')).toContain('text/plain');
			const text = await local.text();
			expect(metric(text, 'kioku_live_games')).toBe(1);
			expect(metric(text, 'kioku_live_players')).toBe(1);
			expect(metric(text, 'kioku_live_streams')).toBe(1);
			expect(metric(text, 'kioku_live_answers_total')).toBe(1);
			expect(metric(text, 'kioku_live_answer_ack_seconds_count')).toBe(1);
			expect(metric(text, 'kioku_live_fanout_seconds_count')).toBeGreaterThanOrEqual(2);
			expect(metric(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
			const pool = metric(text, 'kioku_db_pool_connections{state="total"}');
			if (kind === 'postgres') expect(pool).toBeGreaterThanOrEqual(1);
			else expect(pool).toBeUndefined();
			// Through a proxy (or claiming to be): only with the token.
			const proxied = { 'x-forwarded-for': '203.0.113.9' };
			expect((await fetch(`${base}/metrics`, { headers: proxied })).status).toBe(404);
			const wrong = { ...proxied, authorization: 'Bearer not-the-token' };
			expect((await fetch(`${base}/metrics`, { headers: wrong })).status).toBe(404);
			const right = { ...proxied, authorization: `Bearer ${TOKEN}` };
			expect((await fetch(`${base}/metrics`, { headers: right })).status).toBe(200);

			// Stopping: not ready at once, no new game or stream, the open stream closed, exit 0.
			server.signal('SIGTERM');
			await expect
				.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 1_000 })
				.toBe(503);
			expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
				status: 'unavailable',
				reason: 'shutting down',
			});
			expect((await post('/api/live/games', SETTINGS)).status).toBe(503);
			const again = await fetch(`${base}/api/live/games/${code}/events?token=${token}`);
			expect(again.status).toBe(503);
			// The answer was acknowledged: the game is still held, only new work is refused.
			expect((await fetch(`${base}/healthz`)).status).toBe(200);
			let ended = false;
			while (!ended) ended = (await reader.read()).done;
			expect(await server.exited).toBe(0);

			// Every line the server wrote is one JSON object; the first says where it runs.
			const { stdout, stderr } = server.output();
			const lines = [...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l !== '');
			const parsed = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
			for (const entry of parsed) {
				expect(typeof entry.msg).toBe('string');
				expect(typeof entry.level).toBe('string');
			}
			expect(JSON.parse(stdout.split('\n')[0])).toMatchObject({
				level: 'info',
				msg: `Kioku is running at http://localhost:${ownPort(offset)}`,
			});
			expect(parsed.map((e) => e.msg)).toContain('Stopped');
		} finally {
			await server.stop();
			await db.drop();
		}
	});
}
