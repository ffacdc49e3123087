// What the sync browser tests share: a device is a browser context signed in to an account
// through the account endpoints (as the account page does), and "Sync now" from Settings.
import type { Browser, Page } from '@playwright/test';
import { expect, open } from './fixtures';

export const PASSWORD = 'correct horse battery staple 42';

/** A new browser context signed in as `username` (made first when `isNew`), and its page. */
export async function device(browser: Browser, username: string, isNew = false) {
	const context = await browser.newContext();
	const base = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
	const path = isNew ? '/api/account/sign-up' : '/api/account/sign-in';
	const response = await context.request.post(`${base}${path}`, {
		data: { username, password: PASSWORD },
		headers: { origin: base },
	});
	expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
	return { context, page: await context.newPage() };
}

/** Sync now from Settings, until the status says it is synced. */
export async function syncNow(page: Page) {
	await open(page, '/settings');
	const status = page.getByTestId('sync-status').first();
	await expect(status).toBeVisible();
	await page.getByTestId('sync-now').click();
	await expect(status).toContainText('Synced at', { timeout: 30_000 });
}
