import { expect, open, test } from './fixtures';

test.describe('deck page', () => {
	test.use({ locale: 'en-US' });

	test('lists every question of a deck with its type and paragraph, for a teacher to review', async ({
		page,
	}) => {
		await open(page, '/');
		const link = page.getByRole('link', { name: /^Security & defence/ });
		const count = Number((await link.textContent())?.match(/(\d+) questions/)?.[1]);
		expect(count).toBeGreaterThan(0);
		await link.click();

		await expect(page.getByRole('heading', { level: 1, name: 'Security & defence' })).toBeVisible();
		const list = page.getByRole('list', { name: 'Questions' });
		await expect(list.locator(':scope > li')).toHaveCount(count);
		const first = list.locator(':scope > li').first();
		await expect(first).toContainText(/Paragraphs? \d/);
		await expect(first).toContainText(
			/Flashcard|Single choice|Multiple choice|True or false|Fill in the blank|Short answer|Put in order/,
		);

		await first.getByText('Answer and explanation').click();
		await expect(first).toContainText('Explanation:');
	});

	test('names every paragraph a question cites, in either language', async ({ page, context }) => {
		await open(page, '/deck/us-japan-2023/overview-timeline');
		// usj23-tl-018 orders events from paragraphs 1, 2, 3 and 7.
		const timeline = page.getByRole('listitem').filter({ hasText: 'usj23-tl-018' });
		await expect(timeline).toContainText('Paragraphs 1, 2, 3, 7');
		await context.addCookies([
			{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: 'http://localhost' },
		]);
		await page.reload();
		await expect(page.getByRole('listitem').filter({ hasText: 'usj23-tl-018' })).toContainText(
			'第 1、2、3、7 段',
		);
	});

	test('filters the list by question type', async ({ page }) => {
		await open(page, '/deck/us-japan-2023/security-defence');
		await page.getByLabel('Type').selectOption({ label: 'Put in order' });
		const items = page.getByRole('list', { name: 'Questions' }).locator(':scope > li');
		const n = await items.count();
		expect(n).toBeGreaterThan(0);
		await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(
			new RegExp(`Showing ${n} of \\d+`),
		);
		for (let i = 0; i < n; i++) await expect(items.nth(i)).toContainText('Put in order');
	});

	test('shows the deck in Chinese when the interface is Chinese', async ({ page, context }) => {
		await context.addCookies([
			{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: 'http://localhost' },
		]);
		await open(page, '/deck/us-japan-2023/security-defence');
		await expect(page.getByRole('heading', { level: 1, name: '安全与防务' })).toBeVisible();
		await expect(page.getByText(/第 \d 段/).first()).toBeVisible();
	});

	test('answers an unknown deck with a not-found page', async ({ page }) => {
		const response = await open(page, '/deck/us-japan-2023/no-such-deck');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'This page does not exist.' })).toBeVisible();
	});
});
