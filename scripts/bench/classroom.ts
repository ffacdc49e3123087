/**
 * `npm run bench:classroom`: load on the live classroom server (printed, never asserted).
 * Builds (unless --no-build), starts `node server.js` on a free port in 4400–4499 with a
 * temporary database, and plays whole games over HTTP and SSE as a host and its phones do.
 *  A: one game of --players (2,000) players, --questions (10) questions
 *  B: 50 games × 40 players at once, 5 questions each
 * Players answer at a random moment within --think MS (default 5000) of seeing the question,
 * as a class reading and tapping does; --think 0 makes all of them answer in the same instant.
 * Flags: --players N, --questions Q, --scenario a|b|both, --think MS, --no-build,
 * --profile DIR (the server writes a V8 CPU profile there on exit, for Chrome DevTools),
 * --node-args "…" (flags for the server's node, e.g. "--max-old-space-size=160"),
 * --instances N (more than 1: on PostgreSQL behind nginx), --nginx (one instance that way too:
 * the proxy's part in fan-out and acknowledgements).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request, type ClientRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { startCluster } from '../cluster.ts';

const PgClient = pg.Client;

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const PLAYERS = Number(flag('players') ?? 2000);
const QUESTIONS = Number(flag('questions') ?? 10);
const SCENARIO = flag('scenario') ?? 'both';
const PROFILE = flag('profile');
const THINK_MS = Number(flag('think') ?? 5000);
const NODE_ARGS = (flag('node-args') ?? '').split(' ').filter(Boolean);
/** More than 1: that many instances on a new PostgreSQL database behind nginx (scripts/cluster.ts). */
const INSTANCES = Number(flag('instances') ?? 1);
/** Behind nginx (deploy/nginx.conf) on PostgreSQL, as --instances does, even for one instance. */
const CLUSTERED = INSTANCES > 1 || args.includes('--nginx');
const TIMEOUT_MS = 60_000; // per request, and per question
const CONCURRENCY = 200;
const DECK = 'us-japan-2023/security-defence';
// With a timeout set, the agent drops an idle socket 1 s before the server's Keep-Alive hint (5 s)
// instead of reusing one the server is closing (ECONNRESET); a browser would retry such a request.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, timeout: TIMEOUT_MS });
const streamAgent = new Agent({ keepAlive: true, maxSockets: Infinity });
const streams = new Set<ClientRequest>();
const work = mkdtempSync(join(tmpdir(), 'kioku-classroom-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
let base = '';

interface Reply {
	status: number;
	body: string;
	ms: number;
}

let resent = 0;

/**
 * One request; never rejects: a network error or a timeout is status 0. Like a browser, it sends
 * a request again when a kept-alive socket was reset before any response: the server closed it
 * as idle while the request was arriving (a busy event loop runs the idle timer before reading).
 */
function call(
	path: string,
	body?: unknown,
	token?: string,
	t0 = performance.now(),
): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (token) headers.authorization = `Bearer ${token}`;
	return new Promise((resolve) => {
		const done = (status: number, text: string) => {
			clearTimeout(timer);
			resolve({ status, body: text, ms: performance.now() - t0 });
		};
		let responded = false;
		const req = request(base + path, { method: body ? 'POST' : 'GET', agent, headers }, (res) => {
			responded = true;
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (text += c));
			res.on('end', () => done(res.statusCode ?? 0, text));
			res.on('error', (e) => done(0, e.message));
		});
		const timer = setTimeout(() => req.destroy(new Error('timed out')), TIMEOUT_MS);
		req.on('error', (e) => {
			if (!req.reusedSocket || responded || e.message === 'timed out') return done(0, e.message);
			clearTimeout(timer);
			resent++;
			resolve(call(path, body, token, t0));
		});
		req.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

/** An event stream, parsed as it arrives; resolves with the status once the headers are in. */
function stream(path: string, onData: (data: string, at: number) => void, onEnd: () => void) {
	return new Promise<number>((resolve) => {
		const req = request(base + path, { agent: streamAgent }, (res) => {
			resolve(res.statusCode ?? 0);
			let buf = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				const at = performance.now();
				buf += chunk;
				for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
					for (const line of buf.slice(0, i).split('\n'))
						if (line.startsWith('data: ')) onData(line.slice(6), at);
					buf = buf.slice(i + 2);
				}
			});
			res.on('close', onEnd);
		});
		const timer = setTimeout(() => req.destroy(new Error('timed out')), TIMEOUT_MS);
		req.on('response', () => clearTimeout(timer));
		req.on('error', () => (clearTimeout(timer), resolve(0)));
		req.on('close', () => streams.delete(req));
		streams.add(req);
		req.end();
	});
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await fn(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms: number): Promise<boolean> {
	const end = performance.now() + ms;
	while (!cond()) {
		if (performance.now() > end) return false;
		await sleep(10);
	}
	return true;
}

const pct = (xs: number[], p: number) => {
	if (!xs.length) return NaN;
	const s = Float64Array.from(xs).sort();
	return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x: number) => (Number.isNaN(x) ? '–' : `${x.toFixed(1)} ms`);
const spread = (xs: number[]) => `median ${ms(pct(xs, 50))}, p99 ${ms(pct(xs, 99))}`;
const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const listed = (m: Map<string, number>) =>
	m.size ? ` (${[...m].map(([k, n]) => `${n}× ${k}`).join('; ')})` : '';
const reason = (r: Reply) => `${r.status} ${r.body.slice(0, 80)}`;

interface Player {
	token: string;
	got: Map<number, number>; // question index → local receive time
}
interface Game {
	code: string;
	hostToken: string;
	/** From the projector's QR code, as phones join. */
	joinKey?: string;
	players: Player[];
	t0: Map<number, number>;
	revealed: Map<number, number>; // question index → when the host got the reveal
	total: number;
	inflight: number;
}
interface Stats {
	joinMs: number[];
	ackMs: number[];
	ackBy: Map<number, number[]>; // by question index
	non200: Map<string, number>;
	failures: Map<string, number>;
	closed: number;
	notes: string[];
}

function answerOnQuestion(g: Game, p: Player, s: Stats) {
	return (data: string, at: number) => {
		if (!data.startsWith('{"type":"question"')) return;
		const e = JSON.parse(data) as { index: number; question: { type: string } };
		if (p.got.has(e.index)) return;
		p.got.set(e.index, at);
		const answer =
			e.question.type === 'truefalse'
				? { type: 'truefalse', value: true }
				: { type: 'single', choice: 0 };
		g.inflight++;
		const send = () =>
			call(`/api/live/games/${g.code}/answer`, { questionIndex: e.index, answer }, p.token).then(
				(r) => {
					g.inflight--;
					s.ackMs.push(r.ms);
					if (!s.ackBy.has(e.index)) s.ackBy.set(e.index, []);
					s.ackBy.get(e.index)!.push(r.ms);
					if (r.status !== 200) count(s.non200, reason(r));
				},
			);
		if (THINK_MS > 0) setTimeout(send, Math.random() * THINK_MS);
		else void send();
	};
}

/** The host's side: start, wait for each reveal (or the time out), then "next" twice. */
async function play(g: Game, s: Stats) {
	const host = (action: string) => call(`/api/live/games/${g.code}/host`, { action }, g.hostToken);
	for (let index = 0; index < g.total; index++) {
		g.t0.set(index, performance.now());
		const r = await host(index === 0 ? 'start' : 'next');
		if (r.status !== 200) return void s.notes.push(`game ${g.code} q${index + 1}: ${reason(r)}`);
		const everyone = () => g.players.every((p) => p.got.has(index));
		if (!(await until(() => g.revealed.has(index) && !g.inflight && everyone(), TIMEOUT_MS))) {
			const got = g.players.filter((p) => p.got.has(index)).length;
			s.notes.push(
				`game ${g.code} q${index + 1}: not over after ${TIMEOUT_MS / 1000} s: question at ` +
					`${got}/${g.players.length} players, ${g.inflight} answers unanswered, ` +
					`reveal ${g.revealed.has(index) ? 'seen' : 'not seen'} by the host`,
			);
			if (!g.revealed.has(index)) await host('reveal');
		}
		for (const step of ['leaderboard', 'next']) {
			if (step === 'next' && index + 1 < g.total) break;
			const n = await host('next');
			if (n.status !== 200) s.notes.push(`game ${g.code} next (${step}): ${reason(n)}`);
		}
	}
}

/** Rows of an RFC 4180 file, every field quoted. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	const row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c !== '"') cell += c;
			else if (text[i + 1] === '"') cell += text[i++];
			else quoted = false;
		} else if (c === '"') quoted = true;
		else if (c === ',' || c === '\n') {
			row.push(cell);
			cell = '';
			if (c === '\n') rows.push(row.splice(0));
		} else if (c !== '\r') cell += c;
	}
	return rows;
}

const CLK_TCK = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
	} catch {
		return 100;
	}
})();
/** A /proc file of the server, '' once it is gone. */
const proc = (pid: number, file: string) => {
	try {
		return readFileSync(`/proc/${pid}/${file}`, 'utf8');
	} catch {
		return '';
	}
};
function cpuSeconds(pid: number): number {
	const stat = proc(pid, 'stat');
	const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
	return (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime, stime
}
const diskMb = (pid: number) =>
	Number(/write_bytes:\s+(\d+)/.exec(proc(pid, 'io'))?.[1] ?? NaN) / 2 ** 20;
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(proc(pid, 'status'))?.[1] ?? 0);

async function freePort(): Promise<number> {
	for (let port = 4400; port <= 4499; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const probe = createServer().once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port in 4400–4499');
}

async function startServer(db: string) {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', KIOKU_DB: db };
	const profile = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', resolve(PROFILE)] : [];
	const child = spawn(process.execPath, [...profile, ...NODE_ARGS, 'server.js'], {
		// One address plays every phone here: the per-address limits are for real networks.
		env: {
			...env,
			...{ KIOKU_JOIN_LIMIT: '1000000', KIOKU_CREATE_LIMIT: '1000000' },
			KIOKU_STREAMS_PER_ADDRESS: '1000000',
			KIOKU_BUILD_DIR: join(work, 'build'),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const log: string[] = [];
	const keep = (b: Buffer) => {
		log.push(...b.toString().split('\n').filter(Boolean));
		log.splice(0, log.length - 40);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exited: string | null = null;
	child.on('exit', (code, signal) => (exited = `exited (${code ?? signal})`));
	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		if (!(await until(() => !!exited, 5000))) child.kill('SIGKILL');
	};
	process.once('exit', () => child.kill('SIGKILL'));
	return {
		child,
		log,
		stop,
		exited: () => exited,
		port,
		pids: () => [child.pid!],
		databaseWrites: async () => ({ commits: 0, rows: 0 }),
	};
}

/** What a scenario needs of the server(s) it runs against. */
interface Target {
	log: string[];
	pids(): number[];
	exited(): string | null;
	databaseWrites(): Promise<{ commits: number; rows: number }>;
	stop(): Promise<void>;
}

async function waitUp(server: Target) {
	const end = performance.now() + 30_000;
	while (performance.now() < end && !server.exited()) {
		if ((await call('/')).status > 0) return;
		await sleep(100);
	}
	throw new Error(
		`server did not answer: ${server.exited() ?? 'timed out'}\n${server.log.join('\n')}`,
	);
}

/** The instances behind nginx, shaped as startServer's one server is. */
async function startInstances() {
	const port = await freePort();
	const cluster = await startCluster(port, INSTANCES, {
		...{ KIOKU_JOIN_LIMIT: '1000000', KIOKU_CREATE_LIMIT: '1000000' },
		KIOKU_STREAMS_PER_ADDRESS: '1000000',
		KIOKU_BUILD_DIR: join(work, 'build'),
	});
	base = cluster.base;
	const pg = new PgClient({ connectionString: cluster.databaseUrl });
	await pg.connect();
	const name = new URL(cluster.databaseUrl).pathname.slice(1);
	return {
		pids: () => cluster.instances.map((i) => i.pid()!),
		get log() {
			return cluster.instances.flatMap((i) => i.log().split('\n').filter(Boolean).slice(-5));
		},
		exited: () => {
			const down = cluster.instances.filter((i) => !i.running()).map((i) => i.id);
			return down.length ? `${down.join(', ')} exited` : null;
		},
		/** Commits and rows written on the cluster's database so far (pg_stat_database). */
		databaseWrites: async () => {
			const { rows } = await pg.query<{ commits: string; rows: string }>(
				`select xact_commit as commits, tup_inserted + tup_updated + tup_deleted as rows
				 from pg_stat_database where datname = $1`,
				[name],
			);
			return { commits: Number(rows[0].commits), rows: Number(rows[0].rows) };
		},
		stop: async () => {
			await pg.end();
			await cluster.stop();
		},
	};
}

async function scenario(name: string, games: number, perGame: number, questions: number) {
	console.log(
		`\nScenario ${name}: ${games} game(s) × ${perGame} players, ${questions} questions, ` +
			(THINK_MS > 0 ? `each answering within ${THINK_MS / 1000} s` : 'all answering at once'),
	);
	const dir = mkdtempSync(join(work, 'db-'));
	const server: Target = CLUSTERED
		? await startInstances()
		: await startServer(join(dir, 'live.db'));
	const s: Stats = {
		joinMs: [],
		ackMs: [],
		ackBy: new Map(),
		non200: new Map(),
		failures: new Map(),
		closed: 0,
		notes: [],
	};
	const loop = monitorEventLoopDelay({ resolution: 10 });
	try {
		await waitUp(server);
		const pids = server.pids();
		// Per instance: the highest any one of them reached.
		const rssNow = () => Math.max(...pids.map(rssKb));
		let peak = rssNow();
		const idle = peak;
		const poll = setInterval(() => (peak = Math.max(peak, rssNow())), 200);
		const cpuEach = () => pids.map(cpuSeconds);
		const cpuOf = () => cpuEach().reduce((a, b) => a + b, 0);
		const cpu0 = cpuOf();
		const cpuEach0 = cpuEach();
		const disk0 = pids.map(diskMb).reduce((a, b) => a + b, 0);
		const db0 = await server.databaseWrites();
		const client0 = process.cpuUsage();
		resent = 0;
		const wall0 = performance.now();
		loop.enable();

		const settings = { decks: [DECK], types: ['single', 'truefalse'], count: questions };
		const all: Game[] = [];
		for (let i = 0; i < games; i++) {
			const r = await call('/api/live/games', {
				...settings,
				...{ secondsPerQuestion: 30, readingSeconds: 0, scoring: 'speed', shuffle: true },
				...{ lang: 'en', optionsOnPhones: true },
			});
			if (r.status !== 200) throw new Error(`creating a game: ${reason(r)}`);
			const { code, hostToken, joinKey } = JSON.parse(r.body) as {
				code: string;
				hostToken: string;
				joinKey?: string;
			};
			const g: Game = {
				...{ code, hostToken, joinKey, players: [], t0: new Map(), revealed: new Map() },
				...{ total: questions, inflight: 0 },
			};
			const onHost = (data: string) => {
				if (data.startsWith('{"type":"reveal"'))
					g.revealed.set((JSON.parse(data) as { index: number }).index, performance.now());
				else if (data.startsWith('{"type":"question"'))
					g.total = (JSON.parse(data) as { total: number }).total;
			};
			const status = await stream(`/api/live/games/${code}/events?token=${hostToken}`, onHost, () =>
				s.notes.push(`game ${code}: host stream closed`),
			);
			if (status !== 200) throw new Error(`host stream: ${status}`);
			all.push(g);
		}

		// Joins, interleaved over the games, CONCURRENCY at a time.
		const seats = Array.from({ length: games * perGame }, (_, i) => [all[i % games], i] as const);
		const j0 = performance.now();
		await pool([...seats], CONCURRENCY, async ([g, i]) => {
			const key = g.joinKey ? { key: g.joinKey } : {};
			const join = { code: g.code, nickname: `p${i}`, ...key };
			const r = await call(`/api/live/games/${g.code}/join`, join);
			s.joinMs.push(r.ms);
			if (r.status !== 200) return void count(s.failures, `join ${reason(r)}`);
			g.players.push({ token: (JSON.parse(r.body) as { token: string }).token, got: new Map() });
		});
		const joinS = (performance.now() - j0) / 1000;
		console.log(
			`  join: ${s.joinMs.length} in ${joinS.toFixed(2)} s, per join ${spread(s.joinMs)}; ` +
				`server RSS ${(rssNow() / 1024).toFixed(0)} MB`,
		);

		const o0 = performance.now();
		const opened: number[] = [];
		const players = all.flatMap((g) => g.players.map((p) => [g, p] as const));
		await pool(players, CONCURRENCY, async ([g, p]) => {
			const t = performance.now();
			const path = `/api/live/games/${g.code}/events?token=${p.token}`;
			const status = await stream(path, answerOnQuestion(g, p, s), () => s.closed++);
			opened.push(performance.now() - t);
			if (status !== 200) count(s.failures, `stream ${status}`);
		});
		const openS = (performance.now() - o0) / 1000;
		console.log(
			`  streams: ${opened.length} opened in ${openS.toFixed(2)} s, ${spread(opened)}; ` +
				`server RSS ${(rssNow() / 1024).toFixed(0)} MB`,
		);

		const cpuPlay = cpuOf();
		const p0 = performance.now();
		await Promise.all(all.map((g) => play(g, s)));
		await until(() => all.every((g) => !g.inflight), TIMEOUT_MS);
		const playS = (performance.now() - p0) / 1000;
		const cpuPlayed = cpuOf() - cpuPlay;

		let expected = 0;
		let rows = 0;
		let answered = 0;
		for (const g of all) {
			expected += g.players.length * g.total;
			const r = await call(`/api/live/games/${g.code}/results.csv?token=${g.hostToken}&lang=en`);
			if (r.status !== 200) {
				s.notes.push(`game ${g.code} csv: ${reason(r)}`);
				continue;
			}
			const [header, ...body] = parseCsv(r.body.replace(/^\uFEFF/, ''));
			const time = header.indexOf('time (ms)'); // empty when the player did not answer
			rows += body.length;
			answered += body.filter((row) => row[time] !== '').length;
		}
		const wallS = (performance.now() - wall0) / 1000;
		const cpu = cpuOf() - cpu0;
		const cpuBy = cpuEach().map((c, i) => c - cpuEach0[i]);
		const disk = pids.map(diskMb).reduce((a, b) => a + b, 0) - disk0;
		const db1 = await server.databaseWrites();
		clearInterval(poll);
		loop.disable();
		const client = process.cpuUsage(client0);

		const fanAll: number[] = [];
		const total = Math.max(...all.map((g) => g.total));
		console.log(`  play: ${playS.toFixed(2)} s for ${total} questions`);
		for (let i = 0; i < total; i++) {
			const fan: number[] = [];
			const rounds: number[] = [];
			let missed = 0;
			for (const g of all) {
				const t0 = g.t0.get(i);
				const revealed = g.revealed.get(i);
				if (t0 !== undefined && revealed !== undefined) rounds.push((revealed - t0) / 1000);
				for (const p of g.players) {
					const at = p.got.get(i);
					if (t0 === undefined || at === undefined) missed++;
					else fan.push(at - t0);
				}
			}
			fanAll.push(...fan);
			const miss = missed ? `, ${missed} never received it` : '';
			const acks = s.ackBy.get(i) ?? [];
			console.log(
				`    q${i + 1}: fan-out p99 ${ms(pct(fan, 99))}, max ${ms(pct(fan, 100))}${miss}; ` +
					`ack p99 ${ms(pct(acks, 99))}, max ${ms(pct(acks, 100))}; ` +
					`reveal after ${pct(rounds, 100).toFixed(1)} s`,
			);
		}
		console.log(
			`  fan-out, all questions: p99 ${ms(pct(fanAll, 99))}, max ${ms(pct(fanAll, 100))}`,
		);
		console.log(`  answer ack (${s.ackMs.length} sent): ${spread(s.ackMs)}`);
		console.log(
			`  non-200 answers: ${[...s.non200.values()].reduce((a, b) => a + b, 0)}${listed(s.non200)}`,
		);
		console.log(
			`  lost answers: ${expected - answered} (expected ${expected}, answered rows ${answered}, ` +
				`CSV rows ${rows})`,
		);
		console.log(
			`  server RSS: peak ${(peak / 1024).toFixed(0)} MB (idle ${(idle / 1024).toFixed(0)} MB)`,
		);
		console.log(
			`  server CPU: ${cpu.toFixed(2)} s = ${((100 * cpu) / wallS).toFixed(0)} % of one core ` +
				`over ${wallS.toFixed(1)} s (play: ${cpuPlayed.toFixed(2)} s = ` +
				`${((100 * cpuPlayed) / playS).toFixed(0)} % over ${playS.toFixed(1)} s)`,
		);
		if (CLUSTERED) {
			console.log(
				`  CPU per instance: ${cpuBy.map((c) => `${((100 * c) / wallS).toFixed(0)} %`).join(', ')} of one core`,
			);
			const commits = db1.commits - db0.commits;
			const rows = db1.rows - db0.rows;
			console.log(
				`  PostgreSQL: ${(commits / wallS).toFixed(0)} commits/s, ${(rows / wallS).toFixed(0)} rows written/s ` +
					`(${(commits / Math.max(1, s.ackMs.length)).toFixed(2)} commits and ` +
					`${(rows / Math.max(1, s.ackMs.length)).toFixed(2)} rows per answer, joins and leases included)`,
			);
		} else console.log(`  server disk writes: ${disk.toFixed(0)} MB`);
		const clientS = (client.user + client.system) / 1e6;
		console.log(
			`  bench client: CPU ${clientS.toFixed(2)} s, event-loop delay p99 ` +
				`${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
		);
		if (resent) console.log(`  requests sent again after a reset kept-alive socket: ${resent}`);
		if (s.failures.size || s.closed)
			console.log(`  failures: ${s.closed} streams closed early${listed(s.failures)}`);
		for (const note of s.notes.slice(0, 20)) console.log(`  ! ${note}`);
		if (s.notes.length > 20) console.log(`  ! … ${s.notes.length - 20} more`);
		if (server.exited() || server.log.length > 1)
			console.log(`  server ${server.exited() ?? 'output'}:\n    ${server.log.join('\n    ')}`);
	} finally {
		for (const req of streams) req.destroy();
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

const started = performance.now();
try {
	const rev = execFileSync('git', ['describe', '--always', '--dirty'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	console.log(`tree: ${rev.trim()}`);
} catch {
	// Not a git checkout.
}
if (!args.includes('--no-build')) {
	const b0 = performance.now();
	try {
		execFileSync('npx', ['vite', 'build'], { stdio: 'pipe', maxBuffer: 64 << 20 });
	} catch (e) {
		const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
		console.error(`build failed:\n${stdout ?? ''}${stderr ?? ''}`);
		process.exit(1);
	}
	console.log(`build: ${((performance.now() - b0) / 1000).toFixed(1)} s`);
}
// A copy of the build: a rebuild in the tree meanwhile would remove chunks the server loads lazily.
cpSync('build', join(work, 'build'), { recursive: true });
writeFileSync(join(work, 'package.json'), '{ "type": "module" }');
symlinkSync(resolve('node_modules'), join(work, 'node_modules'));
const scenarios = [
	{ name: 'A', games: 1, players: PLAYERS, questions: QUESTIONS },
	{ name: 'B', games: 50, players: 40, questions: 5 },
].filter((c) => SCENARIO === 'both' || SCENARIO === c.name.toLowerCase());
for (const c of scenarios) {
	try {
		await scenario(c.name, c.games, c.players, c.questions);
	} catch (e) {
		console.log(`  scenario ${c.name} did not run: ${e instanceof Error ? e.message : e}`);
		process.exitCode = 1;
	}
}
agent.destroy();
streamAgent.destroy();
console.log(`\ntotal: ${((performance.now() - started) / 1000).toFixed(1)} s`);
