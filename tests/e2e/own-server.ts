/**
 * A production server of a test's own (`node server.js` on the built app), on its own port and
 * database: the limits a test uses up, or a process it stops, touch no other test.
 */
import { spawn } from 'node:child_process';
import { expect } from './fixtures';

export interface OwnServer {
	base: string;
	/** Whether the process is still running (null) or how it ended. */
	exitCode(): number | null;
	/** Its exit code once it has ended (null when a signal ended it). */
	exited: Promise<number | null>;
	/** What it wrote to stdout and stderr so far (the last 64 KB of each). */
	output(): { stdout: string; stderr: string };
	/** Sends it a signal (SIGTERM: what a process manager sends to stop it). */
	signal(name: NodeJS.Signals): void;
	stop(): Promise<void>;
}

/** Starts the server with `env` added to this process's, and waits until it answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<OwnServer> {
	const base = `http://localhost:${port}`;
	const server = spawn('node', ['server.js'], {
		env: { ...process.env, PORT: String(port), ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<number | null>((resolve) =>
		server.once('exit', (code) => resolve(code)),
	);
	// What the server said; stderr is shown when it does not come up: the reason is there.
	let stdout = '';
	let stderr = '';
	server.stdout.on('data', (chunk: Buffer) => {
		stdout = (stdout + chunk.toString()).slice(-65_536);
	});
	server.stderr.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-65_536);
	});
	const stop = async () => {
		if (server.exitCode !== null || server.signalCode !== null) return;
		server.kill();
		await exited;
	};
	try {
		await expect
			.poll(
				() =>
					fetch(base).then(
						(r) => r.status,
						() => 0,
					),
				{ timeout: 20_000 },
			)
			.toBe(200);
	} catch (error) {
		await stop();
		throw new Error(
			`The server on port ${port} did not come up (exit ${server.exitCode}):\n${stderr.slice(-4000)}`,
			{
				cause: error,
			},
		);
	}
	return {
		base,
		exitCode: () => server.exitCode,
		exited,
		output: () => ({ stdout, stderr }),
		signal: (name) => void server.kill(name),
		stop,
	};
}
