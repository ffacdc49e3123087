import { expect, open, PHONE, seriousA11yViolations, test } from './fixtures';

test.describe('settings', () => {
	test.use({ locale: 'en-US' });

	test('each section has at most one primary action', PHONE, async ({ page }) => {
		await open(page, '/settings');
		await expect(page.getByTestId('fsrs-why-not')).toBeVisible();
		const sections = await page.locator('main section').all();
		expect(sections.length).toBeGreaterThan(3);
		for (const section of sections) {
			const name = await section.getByRole('heading').first().textContent();
			expect(await section.locator('.btn.primary:visible').count(), `${name}`).toBeLessThanOrEqual(
				1,
			);
		}
		await page.screenshot({
			path: `test-results/screenshots/settings-${test.info().project.name}.png`,
			fullPage: true,
		});
		expect(await seriousA11yViolations(page)).toEqual([]);
	});

	test('Optimise waits, and says why, until there are enough reviews', async ({ page }) => {
		await open(page, '/settings');
		const optimise = page.getByRole('button', { name: 'Optimise' });
		await expect(optimise).toBeDisabled();
		await expect(optimise).not.toHaveClass(/primary/);
		const why = page.getByTestId('fsrs-why-not');
		await expect(why).toHaveText(/Not enough reviews yet: 0 usable, 64 more needed/);
		// A screen reader hears the reason with the button.
		await expect(optimise).toHaveAccessibleDescription(/Not enough reviews yet/);
	});
});

test.describe('settings in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('says in Chinese why Optimise waits', async ({ page }) => {
		await open(page, '/settings');
		await expect(page.getByRole('button', { name: '优化', exact: true })).toBeDisabled();
		await expect(page.getByTestId('fsrs-why-not')).toHaveText(
			/复习记录还不够：可用 0 条，还需要 64 条/,
		);
	});

	test('says in Chinese why a damaged backup is refused', PHONE, async ({ page }) => {
		await open(page, '/settings');
		const backup = {
			format: 'kioku-backup',
			version: 1,
			exportedAt: -5,
			app: 'kioku',
			data: { cards: [], logs: [], configs: [], deckOptions: [], settings: [] },
		};
		await page.getByLabel('备份文件').setInputFiles({
			name: 'kioku-backup.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(backup)),
		});
		await page.getByRole('button', { name: '导入', exact: true }).click();
		const status = page.getByTestId('import-status');
		await expect(status).toHaveText('没有做任何更改。备份已损坏：`exportedAt` 不能小于 0。');
		await expect(status).not.toContainText('must');
		// The sentence says it all: no English detail under it.
		await expect(page.getByText('详细信息（英文）')).toHaveCount(0);
	});
});
