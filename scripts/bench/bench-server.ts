/**
 * What the server benchmarks share: a throw-away database of either kind, and the production
 * server (`node server.js`) started on it on a free port, with its memory sampled.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchPostgres } from '../scratch-postgres.ts';

export interface BenchDatabase {
	/** How the server finds it: `KIOKU_DB` or `DATABASE_URL`. */
	env: Record<string, string>;
	/** The file (SQLite) or URL (PostgreSQL), to open it in this process. */
	location: { sqlitePath: string } | { url: string };
	drop(): Promise<void>;
}

/** A new, empty database: a file in a temporary folder, or a randomly named Postgres database. */
export async function benchDatabase(kind: 'sqlite' | 'postgres'): Promise<BenchDatabase> {
	if (kind === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'kioku-bench-db-'));
		const path = join(dir, 'kioku.db');
		return {
			env: { KIOKU_DB: path },
			location: { sqlitePath: path },
			drop: async () => rmSync(dir, { recursive: true, force: true }),
		};
	}
	const scratch = await scratchPostgres('kioku_bench');
	return {
		env: { DATABASE_URL: scratch.url },
		location: { url: scratch.url },
		drop: scratch.drop,
	};
}

async function freePort(): Promise<number> {
	for (let port = 4500; port <= 4599; port++) {
		const free = await new Promise<boolean>((done) => {
			const probe = createServer().once('error', () => done(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port in 4500–4599');
}

const rssKb = (pid: number) => {
	try {
		return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
	} catch {
		return 0;
	}
};

/**
 * `node server.js` on a copy of ./build (a rebuild in the tree meanwhile would remove chunks the
 * server loads lazily), answering once `/` does.
 */
export async function startBenchServer(env: Record<string, string>) {
	const work = mkdtempSync(join(tmpdir(), 'kioku-bench-server-'));
	cpSync('build', join(work, 'build'), { recursive: true });
	writeFileSync(join(work, 'package.json'), '{ "type": "module" }');
	symlinkSync(resolve('node_modules'), join(work, 'node_modules'));
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			KIOKU_BUILD_DIR: join(work, 'build'),
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const log: string[] = [];
	const keep = (b: Buffer) => log.push(...b.toString().split('\n').filter(Boolean).slice(-40));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exited: string | undefined;
	child.on('exit', (code, signal) => (exited = `exited (${code ?? signal})`));
	process.once('exit', () => child.kill('SIGKILL'));

	const end = Date.now() + 30_000;
	for (;;) {
		if (exited || Date.now() > end)
			throw new Error(`server did not start: ${exited ?? 'timed out'}\n${log.join('\n')}`);
		const up = await fetch(base).then(
			(r) => r.status > 0,
			() => false,
		);
		if (up) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const pid = child.pid!;
	return {
		base,
		log,
		/** Samples the server's resident memory every 100 ms until `stop()`, which gives the peak (KB). */
		sampleRss() {
			const before = rssKb(pid);
			let peak = before;
			const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 100);
			return { before, stop: () => (clearInterval(timer), Math.max(peak, rssKb(pid))) };
		},
		async stop() {
			if (!exited) {
				child.kill('SIGTERM');
				for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
				if (!exited) child.kill('SIGKILL');
			}
			rmSync(work, { recursive: true, force: true });
		},
	};
}
