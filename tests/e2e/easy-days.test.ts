import {
	expect,
	open,
	overflowing,
	PHONE,
	seriousA11yViolations,
	storedRecords,
	test,
} from './fixtures';

type StoredSettings = { key: string; value: { loadBalance?: boolean; easyDays?: string[] } };

test.describe('even load and easy days', () => {
	test.use({ locale: 'en-US' });

	test(
		'Sunday set to minimum by keyboard, balancing on, both kept after a reload',
		PHONE,
		async ({ page }) => {
			await open(page, '/settings');
			const even = page.getByRole('checkbox', { name: 'Even out my reviews' });
			await expect(even).toBeChecked();
			await expect(even).toHaveAccessibleDescription(/fewest reviews due/);
			// Off, then on again, from the keyboard.
			await even.focus();
			await page.keyboard.press('Space');
			await expect(even).not.toBeChecked();
			await expect(page.getByRole('combobox', { name: 'Sunday' })).toBeDisabled();
			await page.keyboard.press('Space');
			await expect(even).toBeChecked();

			const easy = page.getByRole('group', { name: 'Easy days' });
			await expect(easy.getByRole('combobox')).toHaveCount(7);
			// Monday first.
			await expect(easy.locator('label').first()).toHaveText('Monday');
			const sunday = easy.getByRole('combobox', { name: 'Sunday' });
			await expect(sunday).toHaveValue('normal');
			await sunday.focus();
			await page.keyboard.press('ArrowDown');
			await page.keyboard.press('ArrowDown');
			await expect(sunday).toHaveValue('minimum');
			await expect(sunday.locator('option:checked')).toHaveText('Minimum');

			await expect
				.poll(async () => (await storedRecords<StoredSettings>(page, 'settings'))[0]?.value)
				.toMatchObject({
					loadBalance: true,
					easyDays: ['minimum', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal'],
				});
			expect(await overflowing(page)).toEqual([]);
			await easy.scrollIntoViewIfNeeded();
			await page.screenshot({
				path: `test-results/screenshots/easy-days-${test.info().project.name}.png`,
				fullPage: true,
			});
			expect(await seriousA11yViolations(page)).toEqual([]);

			await page.reload();
			await expect(page.getByRole('combobox', { name: 'Sunday' })).toHaveValue('minimum');
			await expect(page.getByRole('combobox', { name: 'Saturday' })).toHaveValue('normal');
			await expect(page.getByRole('checkbox', { name: 'Even out my reviews' })).toBeChecked();
		},
	);

	test('turned off stays off after a reload, its easy days kept', async ({ page }) => {
		await open(page, '/settings');
		await page.getByRole('combobox', { name: 'Wednesday' }).selectOption('reduced');
		await page.getByRole('checkbox', { name: 'Even out my reviews' }).uncheck();
		await expect
			.poll(
				async () => (await storedRecords<StoredSettings>(page, 'settings'))[0]?.value.loadBalance,
			)
			.toBe(false);
		await page.reload();
		await expect(page.getByRole('checkbox', { name: 'Even out my reviews' })).not.toBeChecked();
		const wednesday = page.getByRole('combobox', { name: 'Wednesday' });
		await expect(wednesday).toBeDisabled();
		await expect(wednesday).toHaveValue('reduced');
	});
});

test.describe('even load and easy days in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('Sunday set to 最少, kept after a reload', PHONE, async ({ page }) => {
		await open(page, '/settings');
		const even = page.getByRole('checkbox', { name: '均衡我的每日复习' });
		await expect(even).toBeChecked();
		const easy = page.getByRole('group', { name: '轻松日' });
		await expect(easy.locator('label').first()).toHaveText('星期一');
		await easy.getByRole('combobox', { name: '星期日' }).selectOption({ label: '最少' });
		await expect(page.getByText('“最少”的日子几乎没有')).toBeVisible();
		expect(await overflowing(page)).toEqual([]);
		await easy.scrollIntoViewIfNeeded();
		await page.screenshot({
			path: `test-results/screenshots/easy-days-zh-${test.info().project.name}.png`,
			fullPage: true,
		});
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.reload();
		await expect(page.getByRole('combobox', { name: '星期日' })).toHaveValue('minimum');
		await expect(page.getByRole('checkbox', { name: '均衡我的每日复习' })).toBeChecked();
	});
});
