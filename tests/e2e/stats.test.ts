import { expect, open, PHONE, seriousA11yViolations, test } from './fixtures';

test.describe('statistics', () => {
	test.use({ locale: 'en-US' });

	test(
		'charts keep their words and numbers out of the stretched picture, and name every state',
		PHONE,
		async ({ page }) => {
			await open(page, '/stats');
			const states = page.getByRole('figure', { name: 'Cards by state' });
			await expect(states).toBeVisible();
			// SVG text inside a chart drawn with preserveAspectRatio="none" is stretched with the bars.
			expect(await page.locator('svg[preserveAspectRatio="none"] text').count()).toBe(0);
			const axis = page.getByTestId('states-axis');
			for (const name of ['New', 'Learning', 'Review', 'Relearning', 'Suspended']) {
				await expect(axis).toContainText(name);
			}
			// Each name sits under its own bar.
			const bars = await page.getByTestId('states-chart').locator('rect').all();
			const labels = await axis.locator(':scope > span').all();
			expect(labels).toHaveLength(bars.length);
			for (const [i, bar] of bars.entries()) {
				const b = (await bar.boundingBox())!;
				const l = (await labels[i].boundingBox())!;
				expect(Math.abs(b.x + b.width / 2 - (l.x + l.width / 2))).toBeLessThan(4);
			}
			expect(await seriousA11yViolations(page)).toEqual([]);
			const project = test.info().project.name;
			await states.screenshot({ path: `test-results/screenshots/stats-states-${project}.png` });
			await page
				.getByRole('figure', { name: 'Difficulty (FSRS, 1 easiest to 10 hardest)' })
				.screenshot({ path: `test-results/screenshots/stats-difficulty-${project}.png` });
		},
	);

	test('the calendar names its months and weekdays', async ({ page }) => {
		await open(page, '/stats');
		const heatmap = page.getByTestId('heatmap');
		await expect(heatmap).toBeVisible();
		const text = await heatmap.locator('text').allTextContents();
		expect(text).toEqual(expect.arrayContaining(['Mon', 'Wed', 'Fri', 'Jan', 'Jun', 'Dec']));
		await page.getByRole('figure', { name: 'Reviews per day over the past year' }).screenshot({
			path: `test-results/screenshots/stats-heatmap-${test.info().project.name}.png`,
		});
	});

	test('the paragraph table shows every row on request', async ({ page }) => {
		await open(page, '/stats');
		const table = page.getByTestId('mastery-paragraph');
		const rows = table.locator('tbody tr');
		await expect(rows).toHaveCount(8);
		const more = page.getByRole('button', { name: /^Show \d+ more$/ }).first();
		const extra = Number((await more.textContent())?.match(/\d+/)?.[0]);
		expect(extra).toBeGreaterThan(0);
		await expect(more).toHaveAttribute('aria-expanded', 'false');
		await more.focus();
		await page.keyboard.press('Enter');
		await expect(rows).toHaveCount(8 + extra);
		await expect(page.getByRole('button', { name: 'Show fewer' })).toHaveAttribute(
			'aria-expanded',
			'true',
		);
	});
});

test.describe('statistics in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('the calendar names months and weekdays in Chinese', PHONE, async ({ page }) => {
		await open(page, '/stats');
		await expect(page.getByTestId('heatmap')).toBeVisible();
		const text = await page.getByTestId('heatmap').locator('text').allTextContents();
		expect(text).toEqual(expect.arrayContaining(['周一', '周三', '周五', '1月', '12月']));
		await expect(page.getByRole('button', { name: /^再显示 \d+ 项$/ }).first()).toBeVisible();
	});
});
