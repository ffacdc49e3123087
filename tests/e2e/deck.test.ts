import { expect, open, PHONE, seriousA11yViolations, test } from './fixtures';

const SECURITY = '/deck/us-japan-2023/security-defence';

test.describe('deck page', () => {
	test.use({ locale: 'en-US' });

	test(
		'lists every question of a deck with its type and paragraph, for a teacher to review',
		PHONE,
		async ({ page }) => {
			await open(page, '/');
			const link = page.getByRole('link', { name: /^Security & defence/ });
			const count = Number((await link.textContent())?.match(/(\d+) questions/)?.[1]);
			expect(count).toBeGreaterThan(0);
			await link.click();

			await expect(
				page.getByRole('heading', { level: 1, name: 'Security & defence' }),
			).toBeVisible();
			const list = page.getByRole('list', { name: 'Questions' });
			await expect(list.locator(':scope > li')).toHaveCount(count);
			const first = list.locator(':scope > li').first();
			await expect(first).toContainText(/Paragraphs? \d/);
			await expect(first).toContainText(
				/Flashcard|Single choice|Multiple choice|True or false|Fill in the blank|Short answer|Put in order/,
			);

			await first.getByText('Answer and explanation').click();
			await expect(first).toContainText('Explanation:');
		},
	);

	test('names every paragraph a question cites, in either language', async ({ page, context }) => {
		await open(page, '/deck/us-japan-2023/overview-timeline');
		// usj23-tl-018 orders events from paragraphs 1, 2, 3 and 7.
		const timeline = page.locator('[data-question="usj23-tl-018"]');
		await expect(timeline).toContainText('Paragraphs 1, 2, 3, 7');
		await context.addCookies([
			{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: 'http://localhost' },
		]);
		await page.reload();
		await expect(page.locator('[data-question="usj23-tl-018"]')).toContainText('第 1、2、3、7 段');
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

	test('shows every answer with one toggle, and no internal ids', async ({ page }) => {
		await open(page, SECURITY);
		const questions = page.getByRole('list', { name: 'Questions' }).locator(':scope > li');
		const n = await questions.count();
		const openAnswers = page.locator('.questions details[open]');
		await expect(openAnswers).toHaveCount(0);
		const toggle = page.getByRole('button', { name: 'Show all answers' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await toggle.focus();
		await page.keyboard.press('Enter');
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect(openAnswers).toHaveCount(n);
		await expect(questions.first().getByText('Explanation:')).toBeVisible();
		// Question ids are for tools: none is written on the page.
		await expect(page.locator('main')).not.toContainText(/usj23-[a-z]+-\d{3}/);
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.screenshot({
			path: `test-results/screenshots/deck-${test.info().project.name}.png`,
		});
		await page.keyboard.press('Enter');
		await expect(openAnswers).toHaveCount(0);
	});

	test('starts a quick practice test on the deck with one tap', PHONE, async ({ page }) => {
		await open(page, SECURITY);
		await page.getByRole('link', { name: 'Quick test: 10 questions' }).click();
		await expect(page).toHaveURL(/\/test\/run\?d=us-japan-2023%2Fsecurity-defence&n=10&/);
		await expect(page.getByText('Question 1 of 10')).toBeVisible();
		// The builder was skipped: Back returns to the deck.
		await page.goBack();
		await expect(page.getByRole('heading', { level: 1, name: 'Security & defence' })).toBeVisible();
	});

	test('hosts a live game with this deck chosen', async ({ page }) => {
		await open(page, SECURITY);
		await page.getByRole('link', { name: 'Host a live game' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Live classroom quiz' }),
		).toBeVisible();
		const decks = page.getByRole('group', { name: 'Decks' });
		await expect(decks.getByRole('checkbox', { checked: true })).toHaveCount(1);
		await expect(decks.getByRole('checkbox', { name: 'Security & defence' })).toBeChecked();
	});

	test('offers the same in Chinese', async ({ page, context }) => {
		await context.addCookies([
			{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: 'http://localhost' },
		]);
		await open(page, SECURITY);
		await expect(page.getByRole('link', { name: '快速测验：10 道题' })).toBeVisible();
		await expect(page.getByRole('link', { name: '用这个题组开课堂游戏' })).toBeVisible();
		await expect(page.getByRole('button', { name: '显示全部答案' })).toBeVisible();
	});

	test('answers an unknown deck with a not-found page', async ({ page }) => {
		const response = await open(page, '/deck/us-japan-2023/no-such-deck');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'This page does not exist.' })).toBeVisible();
	});
});
