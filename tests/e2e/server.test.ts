// The production server itself (`node server.js`), on a copy of the build: a file of the build
// removed while it runs (rebuilt in place, or an old page asking for an old hashed file) is a 404
// or a logged error, never the end of the process and of every live game on it.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { budget, expect, open, ownPort, test } from './fixtures';
import { startServer } from './own-server';

const PORT = ownPort(12);

test('a build file removed under the running server is a 404, and the server stays up', async () => {
	const dir = `test-results/server-build-${Date.now()}`;
	cpSync('build', dir, { recursive: true });
	const server = await startServer(PORT, { KIOKU_BUILD_DIR: dir, KIOKU_DB: `${dir}/live.db` });
	const { base } = server;
	try {
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
		expect(server.exitCode()).toBeNull();
		expect((await fetch(base)).status).toBe(200);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

test.describe('security headers', () => {
	test('every page, API answer and file has them; pages have a CSP and may not be framed', async ({
		baseURL,
	}) => {
		for (const path of ['/', '/live', '/join/123456', '/play/123456', '/live/host/123456']) {
			const r = await fetch(`${baseURL}${path}`);
			expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(r.headers.get('referrer-policy'), path).toBe('same-origin');
			const csp = r.headers.get('content-security-policy') ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).toContain("object-src 'none'");
			// Inline scripts only with this page's nonce, which is on each of its scripts.
			const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
			expect(nonce, path).toBeTruthy();
			expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
			const html = await r.text();
			const scripts = html.match(/<script\b[^>]*>/g) ?? [];
			expect(scripts.length).toBeGreaterThan(0);
			for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
		}
		const api = await fetch(`${baseURL}/api/live/games/000000/events?token=x`);
		expect(api.headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'none'",
		);
		expect(api.headers.get('x-content-type-options')).toBe('nosniff');
		const file = await fetch(`${baseURL}/robots.txt`);
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
	});

	test('no page breaks its Content-Security-Policy, the classroom and the theme script included', async ({
		browser,
	}) => {
		budget(120_000);
		const violations: string[] = [];
		const watch = async (locale: string) => {
			const context = await browser.newContext({ locale });
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) => {
					console.error(
						`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
					);
				});
			});
			context.on('console', (m) => {
				if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
			});
			return context;
		};
		const context = await watch('en-US');
		const page = await context.newPage();
		// The theme chosen in Settings is applied by the inline script in app.html, before paint.
		await open(page, '/');
		await page.evaluate(() => localStorage.setItem('kioku:theme', 'dark'));
		await page.reload();
		await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
		for (const path of [
			'/deck/us-japan-2023/security-defence',
			'/study/us-japan-2023/security-defence',
			'/test',
			'/test/run?d=us-japan-2023%2Fsecurity-defence&n=3&t=single&p=all&tl=none&fb=e&pc=0&fs=1&sh=1&l=en&s=csp',
			'/stats',
			'/settings',
			'/import',
		]) {
			await open(page, path);
		}
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// Statistics count in a worker; its charts are drawn with inline styles.
		await open(page, '/stats');
		await expect(page.locator('main')).toBeVisible();

		// The classroom: the projector with its QR code, a phone joining through it, a question.
		await open(page, '/live');
		await page.getByLabel('Seconds to read before answers open').fill('0');
		await page.getByRole('button', { name: 'Create game' }).click();
		const code = (await page.getByTestId('game-code').textContent())!.trim();
		await expect(page.getByRole('figure', { name: `QR code to join game ${code}` })).toBeVisible();
		const phone = await (await watch('zh-CN')).newPage();
		await open(phone, `/join/${code}`);
		await phone.getByLabel('你的名字').fill('Ann');
		await phone.getByRole('button', { name: '加入' }).click();
		await expect(phone.getByText('已加入！等待老师开始……')).toBeVisible();
		await page.getByRole('button', { name: 'Start' }).click();
		await expect(page.getByText('Question 1 of')).toBeVisible();
		await expect(phone.getByText(/第 1 题/)).toBeVisible();
		expect(violations).toEqual([]);
		await context.close();
	});
});
