// The production server itself (`node server.js`), on a copy of the build: a file of the build
// removed while it runs (rebuilt in place, or an old page asking for an old hashed file) is a 404
// or a logged error, never the end of the process and of every live game on it.
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, ownPort, test } from './fixtures';

const PORT = ownPort(12);
const base = `http://localhost:${PORT}`;

test('a build file removed under the running server is a 404, and the server stays up', async () => {
	const dir = `test-results/server-build-${Date.now()}`;
	cpSync('build', dir, { recursive: true });
	const server = spawn('node', ['server.js'], {
		env: { ...process.env, PORT: String(PORT), KIOKU_BUILD_DIR: dir, KIOKU_DB: `${dir}/live.db` },
		stdio: 'ignore',
	});
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
		const entry = join(dir, 'client/_app/immutable/entry');
		const file = readdirSync(entry).find((f) => f.endsWith('.js'))!;
		for (const f of readdirSync(entry)) if (f.startsWith(file)) rmSync(join(entry, f));
		const gone = await fetch(`${base}/_app/immutable/entry/${file}`, {
			headers: { 'accept-encoding': 'br, gzip' },
		});
		expect(gone.status).toBe(404);
		// Any other file of the build removed too: that request fails, the process does not.
		rmSync(join(dir, 'client/robots.txt'));
		rmSync(join(dir, 'client/robots.txt.br'));
		await fetch(`${base}/robots.txt`, {
			headers: { 'accept-encoding': 'br' },
			signal: AbortSignal.timeout(1_000),
		}).catch(() => undefined);
		expect(server.exitCode).toBeNull();
		expect((await fetch(base)).status).toBe(200);
	} finally {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	}
});
