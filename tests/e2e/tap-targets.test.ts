import type { Locator } from '@playwright/test';
import { expect, open, PHONE, test } from './fixtures';

/** Both sides of the box at least 44 CSS px (WCAG 2.5.5's target size). */
async function expectTappable(target: Locator, what: string) {
	await target.scrollIntoViewIfNeeded();
	const box = (await target.boundingBox())!;
	expect(box, `${what} is on screen`).not.toBeNull();
	expect(box.height, `${what}: height`).toBeGreaterThanOrEqual(44);
	expect(box.width, `${what}: width`).toBeGreaterThanOrEqual(44);
}

test.describe('tap targets on a phone', PHONE, () => {
	test.use({ locale: 'en-US' });

	test('home: Import a bank and Continue', async ({ page }) => {
		await open(page, '/');
		await expectTappable(page.getByRole('link', { name: 'Import a bank' }), 'Import a bank');
		await expectTappable(page.getByRole('link', { name: /^Continue studying/ }), 'Continue');
	});

	test('statistics: the deck selector and every table summary', async ({ page }) => {
		await open(page, '/stats');
		await expectTappable(page.getByRole('combobox', { name: 'Show' }), 'the deck selector');
		// The charts (and their tables' summaries) appear once the numbers are counted.
		await expect(page.getByTestId('heatmap')).toBeVisible();
		const summaries = page.locator('main summary');
		expect(await summaries.count()).toBeGreaterThan(0);
		for (const summary of await summaries.all()) {
			await expectTappable(summary, `summary “${await summary.textContent()}”`);
		}
		for (const more of await page.getByRole('button', { name: /^Show \d+ more$/ }).all()) {
			await expectTappable(more, 'Show more');
		}
	});

	test('deck page and test builder: every button and summary', async ({ page }) => {
		await open(page, '/deck/us-japan-2023/security-defence');
		for (const name of ['Study', 'Quick test: 10 questions', 'Host a live game', 'Options']) {
			await expectTappable(page.getByRole('link', { name, exact: true }), name);
		}
		await expectTappable(
			page.getByRole('button', { name: 'Show all answers' }),
			'Show all answers',
		);
		await open(page, '/test');
		await expectTappable(page.getByLabel('Deck'), 'the quick test’s deck');
		for (const summary of await page.locator('main summary').all()) {
			await expectTappable(summary, `summary “${await summary.textContent()}”`);
		}
	});
});
