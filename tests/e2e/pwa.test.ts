import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, devices, type Page } from '@playwright/test';
import { budget, expect, open, test } from './fixtures';

const STUDY = '/study/us-japan-2023/security-defence';

async function waitForServiceWorker(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
		timeout: 20_000,
	});
}

async function answerCard(page: Page) {
	const card = page.locator('article.card');
	await expect(card).toHaveAttribute('data-type', /.+/);
	const type = await card.getAttribute('data-type');
	if (type === 'flashcard') await page.keyboard.press('Space');
	else if (type === 'single' || type === 'truefalse') await page.keyboard.press('1');
	else await card.getByRole('button', { name: 'Check' }).click();
	await page.keyboard.press('3');
}

test.describe('installable and offline', () => {
	test.use({ locale: 'en-US' });

	test('after one visit, study and tests work offline, and nothing is lost back online', async ({
		page,
		context,
	}) => {
		await open(page, '/');
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Question banks' })).toBeVisible();
		await expect(page.getByText('Offline: your progress is saved on this device.')).toBeVisible();

		await page.goto(STUDY);
		for (let i = 0; i < 3; i++) {
			await answerCard(page);
			await expect(page.locator('.counts')).toContainText(`New ${19 - i}`);
		}
		await page.goto(
			'/test/run?d=us-japan-2023%2Fsecurity-defence&n=2&t=single%2Ctruefalse&p=all&tl=none&fb=e&pc=0&fs=1&sh=1&l=en&s=off1ine',
		);
		for (let i = 0; i < 2; i++) {
			await expect(page.getByText(`Question ${i + 1} of 2`)).toBeVisible();
			await page.keyboard.press('1');
		}
		await page.waitForURL(/\/test\/results\/\d+/);
		await expect(page.locator('#score')).toContainText('of 2');
		await open(page, '/settings');
		const stored = await page.getByText(/^Reviews stored: \d+$/).textContent();

		await context.setOffline(false);
		await page.reload();
		await expect(page.getByText(stored ?? '')).toBeVisible();
		// Three cards studied, and two test answers counted as reviews, all offline.
		await open(page, STUDY);
		await expect(page.locator('.counts')).toContainText('New 15');
	});

	test('says it is offline even when the browser claims to be online', async ({
		page,
		context,
	}) => {
		await open(page, '/');
		await waitForServiceWorker(page);
		// As Chromium 150 after an offline reload, captive portals and some Android phones do.
		await context.addInitScript(() =>
			Object.defineProperty(Navigator.prototype, 'onLine', { get: () => true }),
		);
		await context.setOffline(true);
		await page.reload();
		expect(await page.evaluate(() => navigator.onLine)).toBe(true);
		await expect(page.getByText('Offline: your progress is saved on this device.')).toBeVisible();
		await page.goto('/live');
		await expect(
			page.getByText('The live classroom needs a network connection.').first(),
		).toBeVisible();
		// Back online, the badge goes when the app next checks (here: the tab shown again).
		await context.setOffline(false);
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		await expect(page.getByText('The live classroom needs a network connection.')).toHaveCount(0);
	});

	test('is installable by Chromium’s own checks, with a valid manifest', async ({ baseURL }) => {
		const manifest = await (await fetch(`${baseURL}/manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', short_name: 'Kioku' });
		expect(manifest.name).toMatch(/Kioku/);
		expect(manifest.name).toMatch(/[\u4e00-\u9fff]/);
		expect(
			manifest.icons.filter((i: { purpose: string }) => i.purpose === 'maskable'),
		).toHaveLength(2);
		expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/study', '/test']);
		for (const icon of manifest.icons)
			expect((await fetch(`${baseURL}${icon.src}`)).status).toBe(200);

		// Installability is judged in a normal (not incognito) profile, as a learner's browser is.
		const context = await chromium.launchPersistentContext(
			mkdtempSync(join(tmpdir(), 'kioku-profile-')),
			{
				executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
				args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
				locale: 'en-US',
			},
		);
		try {
			const page = await context.newPage();
			await page.goto(`${baseURL}/`);
			await waitForServiceWorker(page);
			const cdp = await context.newCDPSession(page);
			const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
			expect(installabilityErrors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	test('serves the service worker and pages so that browsers revalidate them', async ({
		baseURL,
	}) => {
		for (const path of [
			'/service-worker.js',
			'/',
			'/deck/us-japan-2023/security-defence',
			'/manifest.webmanifest',
		]) {
			expect((await fetch(`${baseURL}${path}`)).headers.get('cache-control'), path).toBe(
				'no-cache',
			);
		}
	});

	test('follows the system theme and switches theme without layout shift', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'en-US', colorScheme: 'dark' });
		const page = await context.newPage();
		await open(page, '/settings');
		const bg = () =>
			page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
		const dark = await bg();
		await page.getByRole('radio', { name: 'Light' }).check();
		expect(await bg()).not.toBe(dark);
		await page.reload();
		await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
		expect(await bg()).not.toBe(dark);
		await context.close();
	});
});

test.describe('phone screenshots for review', () => {
	for (const name of ['Pixel 7', 'iPhone 13'] as const) {
		test(`home, study, quiz and results on ${name}`, async ({ browser }) => {
			// Five screens and a live game's phone view, each drawn and photographed.
			budget(60_000);
			// iPhone sizes and touch, rendered by the Chromium the tests run on.
			const device = { ...devices[name], defaultBrowserType: undefined };
			const context = await browser.newContext({
				...device,
				locale: name === 'Pixel 7' ? 'zh-CN' : 'en-US',
			});
			const page = await context.newPage();
			const shot = (what: string) =>
				page.screenshot({ path: `test-results/screenshots/${name.replace(' ', '-')}-${what}.png` });
			await open(page, '/');
			await shot('home');
			await open(page, STUDY);
			await expect(page.locator('article.card')).toBeVisible();
			await page.locator('.actions .primary').tap(); // show the answer: the rating buttons appear
			await shot('study');
			await open(
				page,
				'/test/run?d=us-japan-2023%2Fsecurity-defence&n=2&t=single%2Ctruefalse&p=all&tl=none&fb=i&pc=0&fs=0&sh=1&l=en&s=phone1',
			);
			await expect(page.locator('article.card')).toBeVisible();
			await shot('quiz');
			for (let i = 0; i < 2; i++) {
				await page.locator('article.card .options button, article.card .tf button').first().tap();
				await page.getByRole('button', { name: /Next question|See results|下一题|查看结果/ }).tap();
			}
			await page.waitForURL(/\/test\/results\/\d+/);
			await shot('results');
			await context.close();
		});
	}
});
