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
	stop(): Promise<void>;
}

/** Starts the server with `env` added to this process's, and waits until it answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<OwnServer> {
	const base = `http://localhost:${port}`;
	const server = spawn('node', ['server.js'], {
		env: { ...process.env, PORT: String(port), ...env },
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	// What the server said on stderr, shown when it does not come up: the reason is there.
	let stderr = '';
	server.stderr.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000);
	});
	const stop = async () => {
		if (server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((r) => server.once('exit', r));
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
			`The server on port ${port} did not come up (exit ${server.exitCode}):\n${stderr}`,
			{
				cause: error,
			},
		);
	}
	return { base, exitCode: () => server.exitCode, stop };
}
