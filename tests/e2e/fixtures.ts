import { test as base, expect, type Page } from '@playwright/test';

/** Opens a page and waits until it is hydrated, so clicks and key presses reach Svelte. */
export async function open(page: Page, path: string) {
	const response = await page.goto(path);
	await expect(page.locator('html[data-ready]')).toBeAttached();
	return response;
}

export const test = base;
export { expect };
