import type { Page } from '@playwright/test';
import { budget, expect, open, overflowing, PHONE, seriousA11yViolations, test } from './fixtures';

const DECK = 'us-japan-2023/security-defence';
const STUDIED = ['usj23-sec-001', 'usj23-sec-002', 'usj23-sec-005', 'usj23-sec-006'];

/** Cards of the deck studied a few days ago, stored as the study screen stores them. */
async function seedStudiedCards(page: Page) {
	await page.evaluate(
		({ deck, ids }) =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('kioku');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const tx = req.result.transaction('cards', 'readwrite');
					const now = Date.now();
					ids.forEach((id, i) =>
						tx.objectStore('cards').put({
							id,
							deck,
							due: now + (i - 1) * 86_400_000,
							stability: 2 + 3 * i,
							difficulty: 5,
							elapsedDays: 3,
							scheduledDays: 3,
							learningSteps: 0,
							reps: 2,
							lapses: 0,
							state: 2,
							lastReview: now - 3 * 86_400_000,
							suspended: false,
							buriedUntil: 0,
							leech: false,
						}),
					);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ deck: DECK, ids: STUDIED },
	);
}

test.describe('help me choose a retention', () => {
	test.use({ locale: 'en-US' });

	test(
		'simulates a year of a deck, suggests a retention, and saves one for the deck',
		PHONE,
		async ({ page }) => {
			budget(90_000);
			await page.setViewportSize({ width: 320, height: 800 });
			await open(page, '/settings');
			await expect(page.getByText(/Reviews stored/)).toBeVisible();
			await seedStudiedCards(page);
			const section = page.getByRole('region', { name: 'Help me choose a retention' });
			await section.getByLabel('Decks').selectOption(DECK);
			// By keyboard: the button takes Enter.
			await section.getByRole('button', { name: 'Simulate' }).focus();
			await page.keyboard.press('Enter');

			const rows = page.getByTestId('sim-table').locator('tbody tr');
			await expect(rows).toHaveCount(30, { timeout: 30_000 });
			await expect(page.getByTestId('sim-status')).toContainText('studied cards 4, new cards');
			await expect(rows.first().locator('th')).toHaveText(/^70%/);
			await expect(rows.last().locator('th')).toHaveText(/^99%/);
			// The year costs more minutes at 99% than at 70%.
			const minutes = async (row: number) =>
				Number(await rows.nth(row).locator('td').nth(1).textContent());
			expect(await minutes(29)).toBeGreaterThan(await minutes(0));

			const best = await page.getByTestId('sim-best').textContent();
			const pct = best?.match(/^Most knowledge per minute: (\d+)% desired retention\.$/)?.[1];
			expect(pct).toBeDefined();
			await expect(rows.filter({ hasText: 'best' })).toHaveCount(1);
			await expect(rows.filter({ hasText: 'best' }).locator('th')).toHaveText(`${pct}% best`);
			await expect(rows.first().locator('th')).toHaveText(pct === '70' ? '70% best' : '70%');
			await expect(
				page.getByRole('img', { name: /^Line chart\. From 70% to 99% desired retention/ }),
			).toBeVisible();

			expect(await seriousA11yViolations(page)).toEqual([]);
			expect(await overflowing(page)).toEqual([]);
			await section.screenshot({
				path: `test-results/screenshots/retention-simulator-${test.info().project.name}.png`,
			});

			await section.getByLabel('Desired retention to use').selectOption('0.85');
			await section.getByRole('button', { name: 'Use for this deck' }).click();
			await expect(page.getByTestId('sim-applied')).toHaveText(
				'Saved: 1 deck now aims for 85% retention.',
			);
			await open(page, `/deck/${DECK}/options`);
			await expect(page.getByLabel('Desired retention (%)')).toHaveValue('85');
			// Only the chosen deck changed.
			await open(page, '/deck/us-japan-2023/economy-trade/options');
			await expect(page.getByLabel('Desired retention (%)')).toHaveValue('90');
		},
	);
});

test.describe('help me choose a retention in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('suggests a retention in Chinese and saves it for every deck', async ({ page }) => {
		budget(90_000);
		await open(page, '/settings');
		const section = page.getByRole('region', { name: '帮我选择记忆保持率' });
		await section.getByRole('button', { name: '模拟', exact: true }).click();
		await expect(page.getByTestId('sim-table').locator('tbody tr')).toHaveCount(30, {
			timeout: 30_000,
		});
		await expect(page.getByTestId('sim-best')).toHaveText(
			/^每分钟收获最多：期望记忆保持率 \d+%。$/,
		);
		await expect(page.getByRole('img', { name: /^折线图。/ })).toBeVisible();
		await section.getByLabel('要使用的期望记忆保持率').selectOption('0.8');
		await section.getByRole('button', { name: '用于全部题组' }).click();
		await expect(page.getByTestId('sim-applied')).toHaveText(
			/^已保存：\d+ 个题组的期望记忆保持率现为 80%。$/,
		);
		await open(page, '/deck/us-japan-2023/economy-trade/options');
		await expect(page.getByLabel('期望记忆保持率 (%)')).toHaveValue('80');
	});
});
