/**
 * Kioku as an operator runs it past one machine: a PostgreSQL database of its own (random name,
 * dropped afterwards), several `node server.js` instances on it, and nginx in front with the
 * project's own deploy/nginx.conf, its upstream pointed at these instances. Each instance can be
 * killed (`kill -9`), paused (SIGSTOP/SIGCONT), stopped (SIGTERM) or started again. Used by the
 * cluster tests (tests/e2e/cluster.test.ts), `npm run cluster` and the classroom bench.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchPostgres } from './scratch-postgres.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface Instance {
	id: string;
	port: number;
	base: string;
	/** Whether it is running. */
	running(): boolean;
	/** Starts it (again), and waits until it answers. */
	start(): Promise<void>;
	signal(signal: NodeJS.Signals): void;
	/** Resolves with the exit code once the process has ended. */
	exited(): Promise<number | null>;
	/** The running process's id. */
	pid(): number | undefined;
	/** What it wrote lately (stdout and stderr). */
	log(): string;
}

export interface Cluster {
	/** nginx's address: what browsers and phones use. */
	base: string;
	databaseUrl: string;
	instances: Instance[];
	stop(): Promise<void>;
}

/**
 * deploy/nginx.conf with its `listen` and upstream `server` lines pointed at this machine's ports,
 * inside a main configuration that keeps nginx's pid, logs and buffers in `dir`.
 */
export function nginxConfig(dir: string, listen: number, ports: number[]): string {
	const site = readFileSync(resolve('deploy/nginx.conf'), 'utf8');
	const servers = ports
		.map((p) => `\tserver 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`)
		.join('\n');
	const ours = site
		.replace(/^\tserver kioku-1:3000[^\n]*\n(\tserver kioku-\d:3000[^\n]*\n)*/m, `${servers}\n`)
		.replace(/listen 80;/, `listen 127.0.0.1:${listen};`);
	if (ours === site || !ours.includes(`127.0.0.1:${ports[0]}`))
		throw new Error('deploy/nginx.conf no longer has the lines this harness replaces');
	return [
		`pid ${dir}/nginx.pid;`,
		`error_log ${dir}/error.log warn;`,
		'worker_processes 1;',
		'events { worker_connections 8192; }',
		'http {',
		`\taccess_log off;`,
		`\tclient_body_temp_path ${dir}/body;`,
		`\tproxy_temp_path ${dir}/proxy;`,
		`\tfastcgi_temp_path ${dir}/fastcgi;`,
		`\tuwsgi_temp_path ${dir}/uwsgi;`,
		`\tscgi_temp_path ${dir}/scgi;`,
		ours,
		'}',
	].join('\n');
}

/** Waits until `url` answers 200 (each try given 2 s), for at most `timeout` ms. */
async function answers(url: string, timeout = 30_000): Promise<void> {
	const end = Date.now() + timeout;
	for (;;) {
		const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
			(r) => r.status,
			() => 0,
		);
		if (status === 200) return;
		if (Date.now() > end)
			throw new Error(`${url} answered ${status || 'nothing'} for ${timeout} ms`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/**
 * Starts the cluster: `count` instances on ports `firstPort + 1…` and nginx on `firstPort`.
 * `env` is added to every instance's environment.
 */
export async function startCluster(
	firstPort: number,
	count: number,
	env: Record<string, string> = {},
): Promise<Cluster> {
	if (!existsSync(NGINX))
		throw new Error(
			`No nginx at ${NGINX}. Install it (Debian/Ubuntu: sudo apt-get install -y nginx-light) ` +
				'or point NGINX_PATH at an nginx binary.',
		);
	const scratch = await scratchPostgres('kioku_cluster');
	const databaseUrl = scratch.url;
	const dir = mkdtempSync(join(tmpdir(), 'kioku-nginx-'));
	const secret = randomBytes(32).toString('base64');
	const processes = new Map<string, ChildProcess>();
	const logs = new Map<string, string>();

	const instances: Instance[] = Array.from({ length: count }, (_, i) => {
		const id = `kioku-${i + 1}`;
		const port = firstPort + 1 + i;
		const base = `http://127.0.0.1:${port}`;
		const instance: Instance = {
			id,
			port,
			base,
			running: () => {
				const p = processes.get(id);
				return !!p && p.exitCode === null && p.signalCode === null;
			},
			async start() {
				const child = spawn('node', ['server.js'], {
					env: {
						...process.env,
						...env,
						PORT: String(port),
						HOST: '127.0.0.1',
						DATABASE_URL: databaseUrl,
						KIOKU_INSTANCE_ID: id,
						// The same on every instance, as deploy/compose.yaml sets it.
						BETTER_AUTH_SECRET: secret,
						// Behind nginx: the client's address is the last one nginx added.
						ADDRESS_HEADER: 'x-forwarded-for',
						XFF_DEPTH: '1',
					},
					stdio: ['ignore', 'pipe', 'pipe'],
				});
				processes.set(id, child);
				const keep = (chunk: Buffer) =>
					logs.set(id, ((logs.get(id) ?? '') + chunk.toString()).slice(-8000));
				child.stdout!.on('data', keep);
				child.stderr!.on('data', keep);
				try {
					await answers(`${base}/`);
				} catch (error) {
					throw new Error(`${id} did not come up:\n${logs.get(id) ?? ''}`, { cause: error });
				}
			},
			signal(signal) {
				processes.get(id)?.kill(signal);
			},
			pid: () => processes.get(id)?.pid,
			log: () => logs.get(id) ?? '',
			exited() {
				const p = processes.get(id);
				if (!p || p.exitCode !== null || p.signalCode !== null)
					return Promise.resolve(p?.exitCode ?? null);
				return new Promise((r) => p.once('exit', (code) => r(code)));
			},
		};
		return instance;
	});

	const nginxPort = firstPort;
	writeFileSync(
		join(dir, 'nginx.conf'),
		nginxConfig(
			dir,
			nginxPort,
			instances.map((i) => i.port),
		),
	);
	let nginx: ChildProcess | undefined;
	const stop = async () => {
		nginx?.kill('SIGQUIT');
		for (const p of processes.values()) {
			if (p.exitCode !== null || p.signalCode !== null) continue;
			const gone = new Promise((r) => p.once('exit', r));
			p.kill('SIGCONT');
			p.kill('SIGKILL');
			await gone;
		}
		await scratch.drop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		// One after the other: the first runs the migrations.
		for (const instance of instances) await instance.start();
		const check = spawnSync(NGINX, ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir]);
		if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr.toString()}`);
		nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], {
			stdio: 'ignore',
		});
		await answers(`http://127.0.0.1:${nginxPort}/`);
	} catch (error) {
		await stop();
		throw error;
	}
	return { base: `http://127.0.0.1:${nginxPort}`, databaseUrl, instances, stop };
}
