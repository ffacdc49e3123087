// A new deployment while the app is open: two real builds, served in turn on one port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { budget, expect, open, ownPort, test } from './fixtures';

const PORT = ownPort(7);
const BASE = `http://localhost:${PORT}`;
const STUDY = `${BASE}/study/us-japan-2023/security-defence`;

function build(version: string) {
	const run = spawnSync('npx', ['vite', 'build'], {
		env: { ...process.env, KIOKU_BUILD_DIR: `.kioku-builds/${version}`, KIOKU_VERSION: version },
		encoding: 'utf8',
	});
	if (run.status !== 0) throw new Error(`build ${version} failed:\n${run.stderr}`);
}

async function serve(version: string): Promise<ChildProcess> {
	const server = spawn('node', ['server.js'], {
		env: { ...process.env, PORT: String(PORT), KIOKU_BUILD_DIR: `.kioku-builds/${version}` },
		stdio: 'ignore',
	});
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(BASE).then(
				(r) => r.ok,
				() => false,
			)
		)
			return server;
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error(`version ${version} did not start`);
}

async function stop(server: ChildProcess) {
	const exited = new Promise((r) => server.once('exit', r));
	server.kill();
	await exited;
}

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-US' });

test.beforeAll(() => {
	budget(300_000);
	build('v1');
	build('v2');
});

test('a new version is offered, never forced, and keeps progress', async ({ page }) => {
	budget(120_000);
	let server = await serve('v1');
	try {
		await open(page, STUDY);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 20_000,
		});
		await expect(page.locator('html')).toHaveAttribute('data-version', 'v1');
		for (let i = 0; i < 2; i++) {
			await expect(page.locator('article.card')).toHaveAttribute('data-type', /.+/);
			const type = await page.locator('article.card').getAttribute('data-type');
			if (type === 'flashcard') await page.keyboard.press('Space');
			else await page.locator('article.card').getByRole('button', { name: 'Check' }).click();
			await page.keyboard.press('3');
			// The next card only once this answer is saved: reading the card still on screen would
			// answer it twice.
			await expect(page.locator('.counts')).toContainText(`New ${19 - i}`);
		}
		await expect(page.locator('.counts')).toContainText('New 18');

		// v2 is deployed: v1's files are gone from the server.
		await stop(server);
		server = await serve('v2');
		expect((await fetch(`${BASE}/_app/version.json`).then((r) => r.json())).version).toBe('v2');
		await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
		await expect(page.getByText('A new version of Kioku is ready.')).toBeVisible({
			timeout: 20_000,
		});
		// Nothing reloaded under the learner: still v1, same card on screen.
		await expect(page.locator('html')).toHaveAttribute('data-version', 'v1');

		// Moving around before accepting still works (v1's files come from its cache). The study
		// screen is focused (no site navigation): out through its close link first.
		await page.getByRole('link', { name: 'Back to the deck' }).click();
		await expect(page).toHaveURL(/\/deck\//);
		await page
			.getByRole('navigation', { name: 'Kioku' })
			.getByRole('link', { name: 'Practice test' })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Practice test' })).toBeVisible();
		await page.getByRole('link', { name: 'Settings' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

		await page.getByRole('button', { name: 'Reload now' }).click();
		await expect(page.locator('html')).toHaveAttribute('data-version', 'v2', { timeout: 20_000 });
		await page.goto(STUDY);
		await expect(page.locator('.counts')).toContainText('New 18');
	} finally {
		await stop(server);
	}
});
