import { expect, open, PHONE, seriousA11yViolations, test } from './fixtures';

test.describe('the practice test builder', () => {
	test.use({ locale: 'en-US' });

	test(
		'starts a quick test on the chosen deck in one tap, the long form folded away',
		PHONE,
		async ({ page }) => {
			await open(page, '/test');
			const quick = page.getByRole('region', { name: 'Quick test' });
			await expect(quick).toBeVisible();
			// The long form and the teachers' link are folded: not in a learner's way.
			await expect(page.getByLabel('Number of questions')).toBeHidden();
			await expect(page.getByLabel('Link to this test')).toBeHidden();
			expect(await seriousA11yViolations(page)).toEqual([]);
			await page.screenshot({
				path: `test-results/screenshots/test-builder-${test.info().project.name}.png`,
			});

			await quick.getByLabel('Deck').selectOption({ label: 'Economy, trade & technology' });
			await quick.getByRole('button', { name: 'Start: 10 questions' }).click();
			await expect(page).toHaveURL(/\/test\/run\?d=us-japan-2023%2Feconomy-trade&n=10&/);
			await expect(page.getByText('Question 1 of 10')).toBeVisible();
		},
	);

	test('works from the keyboard alone', async ({ page }) => {
		await open(page, '/test?deck=us-japan-2023/economy-trade');
		const deck = page.getByRole('region', { name: 'Quick test' }).getByLabel('Deck');
		await expect(deck).toHaveValue('us-japan-2023/economy-trade');
		await deck.focus();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Start: 10 questions' })).toBeFocused();
		// The folded parts open with Enter on their summary.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await expect(page.getByLabel('Number of questions')).toBeVisible();
		await expect(
			page.getByRole('checkbox', { name: /^Economy, trade & technology/ }),
			'the deck the link names is chosen in the long form too',
		).toBeChecked();
	});

	test('a link with quick=1 starts the test at once', async ({ page }) => {
		await open(page, '/test?deck=us-japan-2023/security-defence&quick=1');
		await expect(page).toHaveURL(/\/test\/run\?d=us-japan-2023%2Fsecurity-defence&n=10&/);
		await expect(page.getByText('Question 1 of 10')).toBeVisible();
	});

	test('a link naming an unknown deck opens the builder and starts nothing', async ({ page }) => {
		await open(page, '/test?deck=nope/deck&quick=1');
		await expect(page.getByRole('region', { name: 'Quick test' })).toBeVisible();
		await expect(page).toHaveURL(/\/test\?/);
	});
});

test.describe('the practice test builder in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('names its parts in Chinese', PHONE, async ({ page }) => {
		await open(page, '/test');
		await expect(page.getByRole('region', { name: '快速测验' })).toBeVisible();
		await expect(page.getByRole('button', { name: '开始：10 道题' })).toBeVisible();
		await expect(page.getByText('更多设置')).toBeVisible();
		await page.getByText('教师：分享这次测验').click();
		await expect(page.getByLabel('本测验的链接')).toBeVisible();
	});
});
