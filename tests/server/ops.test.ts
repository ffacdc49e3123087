// The operations endpoints' logic on a real database of each kind: /healthz and /readyz, the
// metrics a running hub feeds, who may read them, and the live hub's part in a shutdown.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { LiveHub } from '$lib/server/live/hub';
import { createLiveStore } from '$lib/server/live/store';
import { health, readiness, type HealthChecks } from '$lib/server/ops/health';
import { createMetrics, type Metrics } from '$lib/server/ops/metrics';
import { mayReadMetrics } from '$lib/server/ops/metrics-access';
import { GAME_SETTINGS, singleQuestion } from '../unit/live-fixtures';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const questions = async () => [singleQuestion('q1'), singleQuestion('q2')];
const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };

async function body(response: Response) {
	return {
		status: response.status,
		cache: response.headers.get('cache-control'),
		json: await response.json(),
	};
}

/** A metric's value in Prometheus's text format, by its name with labels as written. */
function value(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(DATABASE_KINDS)('operations on %s', (kind) => {
	let test: TestDatabase;
	let hub: LiveHub;
	let metrics: Metrics;
	let stopping = false;
	let checks: HealthChecks;

	beforeEach(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		metrics = createMetrics();
		hub = new LiveHub({
			store: createLiveStore(test.db),
			loadQuestions: questions,
			metrics: metrics.hub,
		});
		metrics.watchLive(() => hub.load());
		metrics.watchDatabase(() => test.db);
		stopping = false;
		checks = {
			database: async () => test.db,
			liveRestored: () => hub.whenRestored(),
			shuttingDown: () => stopping,
			timeoutMs: 500,
		};
	});
	afterEach(async () => {
		await hub.stop();
		await test.drop();
	});

	it('healthz and readyz answer 200, never cached, while the database answers', async () => {
		expect(await body(await health(checks))).toEqual({
			status: 200,
			cache: 'no-store',
			json: { status: 'ok' },
		});
		expect(await body(await readiness(checks))).toEqual({
			status: 200,
			cache: 'no-store',
			json: { status: 'ready' },
		});
	});

	it('readyz turns 503 once a shutdown begins; healthz stays 200', async () => {
		stopping = true;
		expect(await body(await readiness(checks))).toMatchObject({
			status: 503,
			json: { status: 'unavailable', reason: 'shutting down' },
		});
		expect((await health(checks)).status).toBe(200);
	});

	it('both answer 503 with a fixed reason when the database does not answer', async () => {
		// SQLite: a connection to the file, closed under the query layer. PostgreSQL: a server
		// that is not there (nothing listens on port 1).
		const gone =
			kind === 'sqlite'
				? openDatabase({ sqlitePath: test.location })
				: openDatabase({ url: 'postgres://root@127.0.0.1:1/kioku' });
		if (kind === 'sqlite') (gone.driver as Database.Database).close();
		const down = { ...checks, database: async () => gone };
		for (const check of [health, readiness]) {
			expect(await body(await check(down))).toEqual({
				status: 503,
				cache: 'no-store',
				json: { status: 'unavailable', reason: 'database unreachable' },
			});
		}
		// A database that never opens (PostgreSQL unreachable: pg has no connect timeout) fails
		// the probe rather than hanging it.
		const hanging = { ...checks, database: () => new Promise<never>(() => {}) };
		expect((await body(await health(hanging))).json.reason).toBe('database unreachable');
		if (kind === 'postgres') await gone.close();
	});

	it('readyz is 503 until the saved games are read back', async () => {
		const failing = { ...checks, liveRestored: () => Promise.reject(new Error('read failed')) };
		expect(await body(await readiness(failing))).toMatchObject({
			status: 503,
			json: { reason: 'live games not restored' },
		});
	});

	it('metrics count games, players, streams, answers and fan-outs as a game is played', async () => {
		const created = await hub.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const tokens: string[] = [];
		for (const nickname of ['Ann', 'Bo']) {
			const joined = await hub.join(code, { code, nickname }, '10.0.0.1');
			if (!joined.ok) throw new Error(joined.error.message);
			tokens.push(joined.value.token);
		}
		const streams = await Promise.all(
			[hostToken, ...tokens].map((token) => hub.connect(code, token, '', '10.0.0.2')),
		);
		expect(await hub.host(code, hostToken, { action: 'start' })).toMatchObject({ ok: true });
		const answered = await hub.answer(code, tokens[0], pick, '10.0.0.1');
		metrics.answered(answered.ok, 0.002);
		// A refused answer (the same player again) is not counted.
		const again = await hub.answer(code, tokens[0], pick, '10.0.0.1');
		expect(again.ok).toBe(false);
		metrics.answered(again.ok, 0.001);

		const { text, contentType } = await metrics.render();
		expect(contentType).toContain('text/plain');
		expect(value(text, 'kioku_live_games')).toBe(1);
		expect(value(text, 'kioku_live_players')).toBe(2);
		expect(value(text, 'kioku_live_streams')).toBe(3);
		expect(value(text, 'kioku_live_answers_total')).toBe(1);
		expect(value(text, 'kioku_live_answer_ack_seconds_count')).toBe(1);
		expect(value(text, 'kioku_live_answer_ack_seconds_bucket{le="0.0025"}')).toBe(1);
		expect(value(text, 'kioku_live_answer_ack_seconds_bucket{le="0.001"}')).toBe(0);
		// Joins, the start and the answer each sent events.
		expect(value(text, 'kioku_live_fanout_seconds_count')).toBeGreaterThanOrEqual(4);
		expect(value(text, 'kioku_live_lease_takeovers_total')).toBe(0);
		metrics.leaseTakeovers.inc();
		expect(value((await metrics.render()).text, 'kioku_live_lease_takeovers_total')).toBe(1);
		// Node's own process metrics are there too.
		expect(value(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
		if (kind === 'postgres') {
			expect(value(text, 'kioku_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
			expect(value(text, 'kioku_db_pool_connections{state="waiting"}')).toBe(0);
		} else {
			expect(text).not.toContain('kioku_db_pool_connections{');
		}
		for (const s of streams) if (s.ok) await s.value.body?.cancel();
	});

	it('closing the streams on shutdown ends every stream and keeps the games', async () => {
		const created = await hub.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const joined = await hub.join(code, { code, nickname: 'Ann' }, '10.0.0.1');
		if (!joined.ok) throw new Error(joined.error.message);
		const opened = await Promise.all(
			[hostToken, joined.value.token].map((t) => hub.connect(code, t, '', '10.0.0.2')),
		);
		const readers = opened.map((r) => {
			if (!r.ok) throw new Error(r.error.message);
			return r.value.body!.getReader();
		});
		expect(hub.load().streams).toBe(2);
		hub.closeStreams();
		for (const reader of readers) {
			// What was written before is still read; then the stream ends.
			let done = false;
			while (!done) done = (await reader.read()).done;
		}
		expect(hub.load()).toEqual({ games: 1, players: 1, streams: 0 });
		// The game is still here: its host reconnects (to this instance or the next).
		expect((await hub.results(code, hostToken, 'en')).ok).toBe(true);
	});
});

describe('who may read the metrics', () => {
	const request = (headers: Record<string, string> = {}) =>
		new Request('http://kioku.example/metrics', { headers });
	const TOKEN = 'a-long-metrics-token';

	it('a request straight from this machine, without a token', () => {
		for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
			expect(mayReadMetrics(request(), address), address).toBe(true);
			expect(mayReadMetrics(request(), address, TOKEN), address).toBe(true);
		}
	});

	it('no one else without the token, and nothing that came through a proxy', () => {
		for (const address of ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', '2001:db8::1', '']) {
			expect(mayReadMetrics(request(), address), address).toBe(false);
		}
		// A proxy on the same host connects from loopback for every visitor; the header tells.
		for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
			expect(mayReadMetrics(request({ [header]: '203.0.113.9' }), '127.0.0.1'), header).toBe(false);
		}
	});

	it('anyone with the right bearer token when KIOKU_METRICS_TOKEN is set; no other token', () => {
		const bearing = (token: string) =>
			request({ authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
		expect(mayReadMetrics(bearing(TOKEN), '10.0.0.1', TOKEN)).toBe(true);
		expect(mayReadMetrics(bearing(TOKEN), '127.0.0.1', TOKEN)).toBe(true);
		for (const wrong of ['a-long-metrics-toke', `${TOKEN}x`, 'x', 'undefined']) {
			expect(mayReadMetrics(bearing(wrong), '10.0.0.1', TOKEN), wrong).toBe(false);
		}
		// Unset or empty, no token opens the metrics to a remote request.
		expect(mayReadMetrics(bearing(TOKEN), '10.0.0.1')).toBe(false);
		expect(mayReadMetrics(bearing(''), '10.0.0.1', '')).toBe(false);
		expect(mayReadMetrics(request({ authorization: TOKEN }), '10.0.0.1', TOKEN)).toBe(false);
	});
});
