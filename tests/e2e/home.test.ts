import { expect, open, test } from './fixtures';

test.describe('home page', () => {
	test.use({ locale: 'en-US' });

	test('lists the banks and their decks with question counts', async ({ page }) => {
		await open(page, '/');
		await expect(page.getByRole('heading', { level: 1, name: 'Question banks' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		const bank = page.getByRole('region', { name: /Kishida in Washington/ });
		await expect(bank).toBeVisible();
		const decks = bank
			.getByRole('list')
			.getByRole('link')
			.filter({ hasText: /questions/ });
		await expect(decks).toHaveCount(4);
		await expect(decks.filter({ hasText: 'Security & defence' })).toContainText(/\d+ questions/);
	});

	test('switches to Chinese, and remembers the choice after a reload', async ({ page }) => {
		await open(page, '/');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '题库' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute(
			'aria-pressed',
			'true',
		);
		await expect(page.getByRole('link', { name: /^安全与防务/ })).toBeVisible();

		await page.reload();
		await expect(page.locator('html[data-ready]')).toBeAttached();
		await expect(page.getByRole('heading', { level: 1, name: '题库' })).toBeVisible();

		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Question banks' })).toBeVisible();
	});

	test('switches language with the keyboard alone', async ({ page }) => {
		await open(page, '/');
		const zh = page.getByRole('button', { name: '中文' });
		for (let i = 0; i < 10 && !(await zh.evaluate((el) => el === document.activeElement)); i++) {
			await page.keyboard.press('Tab');
		}
		await expect(zh).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1, name: '题库' })).toBeVisible();
	});
});

test.describe('a browser set to Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('gets the Chinese interface without choosing it', async ({ page }) => {
		await open(page, '/');
		await expect(page.getByRole('heading', { level: 1, name: '题库' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	});
});

test.describe('a browser set to Traditional Chinese', () => {
	test.use({ locale: 'zh-TW' });

	test('is offered the Chinese interface too', async ({ page }) => {
		await open(page, '/');
		await expect(page.getByRole('heading', { level: 1, name: '题库' })).toBeVisible();
	});
});
