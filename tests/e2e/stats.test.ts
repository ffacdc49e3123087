import type { Page } from '@playwright/test';
import { expect, open, PHONE, seriousA11yViolations, storedCount, test } from './fixtures';

/** Answers the card on the study screen with the keyboard and rates it Good. */
async function studyOneCard(page: Page) {
	const card = page.locator('article.card');
	await expect(card).toBeVisible();
	const type = await card.getAttribute('data-type');
	if (type === 'flashcard') await page.keyboard.press('Space');
	else if (type === 'single' || type === 'truefalse') await page.keyboard.press('1');
	else if (type === 'short' || type === 'cloze') {
		await expect(card.locator('input[type=text]').first()).toBeFocused();
		await page.keyboard.type('x');
		await page.keyboard.press('Enter');
	} else {
		if (type === 'multi') await card.getByRole('checkbox').first().check();
		await page.keyboard.press('Enter');
	}
	const before = await storedCount(page, 'logs');
	await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
	await page.keyboard.press('3');
	await expect.poll(() => storedCount(page, 'logs')).toBe(before + 1);
}

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

	test.describe('with the worker held back', () => {
		// Once the service worker has cached the build it answers the worker's script itself, and
		// page.route never sees the request (CI failed this way when precaching finished first).
		test.use({ serviceWorkers: 'block' });

		test('the review log’s figures show before the cards are counted', async ({ page }) => {
			await open(page, '/study/us-japan-2023/security-defence');
			await studyOneCard(page);
			// The worker that counts the cards is held back: what shows meanwhile comes from the
			// review log's aggregates alone.
			let release = () => {};
			const held = new Promise<void>((r) => (release = r));
			await page.route('**/*statistics.worker*', async (route) => {
				await held;
				await route.continue();
			});
			await open(page, '/stats');
			await expect(page.getByTestId('streak')).toHaveText('1 day');
			await expect(page.getByTestId('reviews-year')).toHaveText('1');
			await expect(page.getByTestId('due-today')).toHaveText('…');
			await expect(page.getByRole('status')).toHaveText('Counting…');
			await expect(page.getByTestId('heatmap')).toBeVisible();
			await expect(page.getByRole('figure', { name: 'Cards by state' })).toHaveCount(0);
			expect(await seriousA11yViolations(page)).toEqual([]);
			release();
			await expect(page.getByRole('figure', { name: 'Cards by state' })).toBeVisible();
			await expect(page.getByTestId('due-today')).toHaveText(/^\d+$/);
			await expect(page.getByTestId('reviews-year')).toHaveText('1');
		});
	});

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
