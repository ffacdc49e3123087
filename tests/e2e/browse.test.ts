import {
	expect,
	open,
	overflowing,
	PHONE,
	seriousA11yViolations,
	storedCount,
	storedRecords,
	test,
} from './fixtures';

// The built-in bank: 150 questions in four decks; usj23-eco-001 is the flashcard "Nishimura
// Yasutoshi" / "西村康稔", citing paragraph 3 of the economy deck.
const ALL = 150;
const NISHIMURA = 'tr[data-id="usj23-eco-001"]';

const search = (page: import('@playwright/test').Page) =>
	page.getByRole('searchbox', { name: 'Search cards' });
const found = async (page: import('@playwright/test').Page) => {
	const text = (await page.locator('p.count').textContent()) ?? '';
	return Number(/(\d+) cards? found/.exec(text)?.[1]);
};

test.describe('the card browser', () => {
	test.use({ locale: 'en-US' });

	test('finds cards by their words in either language and by filters; the query stays in the address', async ({
		page,
	}) => {
		await open(page, '/browse');
		await expect(page.locator('p.count')).toHaveText(`${ALL} cards found`);
		const entries = await page.evaluate(() => history.length);

		await search(page).fill('Nishimura');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		expect(await found(page)).toBeLessThan(10);
		// Typed, not submitted: the address follows after a pause, replacing its entry.
		await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Nishimura');
		expect(await page.evaluate(() => history.length)).toBe(entries);

		await search(page).fill('西村康稔');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		expect(await found(page)).toBeLessThan(10);
		// Typed in Traditional, found in the Simplified bank.
		await search(page).fill('經濟產業');
		await expect(page.locator(NISHIMURA)).toBeVisible();

		await search(page).fill('para:3 is:new');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		const paragraph3 = await found(page);
		expect(paragraph3).toBeGreaterThan(0);
		expect(paragraph3).toBeLessThan(ALL);
		await search(page).fill('para:3 is:new -deck:economy-trade');
		await expect(page.locator(NISHIMURA)).toBeHidden();
		expect(await found(page)).toBeLessThan(paragraph3);

		await search(page).fill('"Nishimura Yasutoshi" -is:new');
		await expect(page.locator('p.count')).toHaveText('0 cards found');

		await search(page).fill('Nishimura');
		await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Nishimura');
		await page.reload();
		await expect(page.locator('html[data-ready]')).toBeAttached();
		await expect(search(page)).toHaveValue('Nishimura');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		expect(await found(page)).toBeLessThan(10);
	});

	test('a query it cannot read is refused next to the box, pointing at the wrong part', async ({
		page,
	}) => {
		await open(page, '/browse?q=trade%20is%3Asoon');
		const box = search(page);
		await expect(box).toHaveAttribute('aria-invalid', 'true');
		await expect(page.locator('#browse-query-error .error')).toHaveText(
			'Character 10: “soon” is not a state: use due, new, suspended, leech or buried.',
		);
		await expect(page.locator('#browse-query-error mark')).toHaveText('soon');
		await expect(page.getByRole('table')).toBeHidden();

		await box.fill('trade is:due');
		await expect(box).not.toHaveAttribute('aria-invalid');
		await expect(page.locator('#browse-query-error')).toBeEmpty();
	});

	test('suspends two chosen cards: marked suspended, found by is:suspended, and left out of study', async ({
		page,
	}) => {
		await open(page, '/browse?q=Nishimura');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		const rows = page.locator('tbody tr');
		const first = (await rows.nth(0).getAttribute('data-id'))!;
		const second = (await rows.nth(1).getAttribute('data-id'))!;
		const third = (await rows.nth(2).getAttribute('data-id'))!;
		await rows.nth(0).getByRole('checkbox').check();
		await rows.nth(1).getByRole('checkbox').check();
		await expect(page.locator('p.count')).toContainText('2 cards selected');
		await page.getByRole('button', { name: 'Suspend', exact: true }).click();
		await expect(page.locator('p.count')).toContainText(
			'Suspended 2 cards: they will not come up in study.',
		);
		for (const id of [first, second]) {
			await expect(page.locator(`tr[data-id="${id}"] .state`)).toContainText('Suspended');
		}
		await expect(page.locator(`tr[data-id="${third}"] .state`)).not.toContainText('Suspended');
		const stored = await storedRecords<{ id: string; suspended: boolean }>(page, 'cards');
		expect(stored.filter((c) => c.suspended).map((c) => c.id)).toEqual(
			expect.arrayContaining([first, second]),
		);

		await search(page).fill('is:suspended');
		await expect(page.locator('p.count')).toContainText('2 cards found');

		// The two suspended cards and one more, studied now: only the one comes up.
		await search(page).fill('Nishimura');
		await page.locator(`tr[data-id="${third}"]`).getByRole('checkbox').check();
		await expect(page.locator('p.count')).toContainText('3 cards selected');
		await page.getByRole('button', { name: 'Study now' }).click();
		await expect(page).toHaveURL(/\/browse\/study$/);
		await expect(page.locator('.counts .new strong')).toHaveText('1');
		await expect(page.locator('article.card')).toBeVisible();

		// Unsuspended from the browser, they are back.
		await open(page, '/browse?q=is%3Asuspended');
		await page.getByRole('checkbox', { name: 'Select every card found' }).check();
		await page.getByRole('button', { name: 'Unsuspend' }).click();
		await expect(page.locator('p.count')).toContainText('Unsuspended 2 cards.');
		await expect(page.locator('p.count')).toContainText('0 cards found');
	});

	test('sorts by a column from the keyboard, saying so with aria-sort', async ({ page }) => {
		await open(page, '/browse');
		const lapses = page.getByRole('columnheader', { name: 'Lapses' });
		await expect(lapses).not.toHaveAttribute('aria-sort');
		await lapses.getByRole('button').focus();
		await page.keyboard.press('Enter');
		await expect(lapses).toHaveAttribute('aria-sort', 'ascending');
		await page.keyboard.press('Space');
		await expect(lapses).toHaveAttribute('aria-sort', 'descending');
		await page.getByRole('columnheader', { name: 'Stability' }).getByRole('button').press('Enter');
		await expect(lapses).not.toHaveAttribute('aria-sort');
	});

	test('has no serious accessibility violations and fits a phone', PHONE, async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 720 });
		await open(page, '/browse?q=Nishimura');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		await page.locator('tbody tr').first().getByRole('checkbox').check();
		await page.locator('details.syntax summary').click();
		expect(await seriousA11yViolations(page)).toEqual([]);
		expect(await overflowing(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/browse-phone.png', fullPage: true });

		await search(page).fill('prop:d>high');
		await expect(page.locator('#browse-query-error mark')).toHaveText('high');
		expect(await seriousA11yViolations(page)).toEqual([]);
		expect(await overflowing(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/browse-phone-error.png' });
	});
});

/** Studies the Nishimura flashcard once from the browser (Study now), so it is a learnt card. */
async function studyNishimura(page: import('@playwright/test').Page) {
	await open(page, '/browse?q=Nishimura');
	await page.locator(NISHIMURA).getByRole('checkbox').check();
	await page.locator('.actions .primary').click();
	await expect(page).toHaveURL(/\/browse\/study$/);
	await expect(page.locator('article.card')).toHaveAttribute('data-type', 'flashcard');
	await page.keyboard.press('Space');
	await page.keyboard.press('4');
	await expect.poll(() => storedCount(page, 'logs')).toBe(1);
	await open(page, '/browse?q=Nishimura');
	await expect(page.locator(`${NISHIMURA} .state`)).not.toHaveText(/^(New|新卡片)$/);
}

test.describe('forgetting cards in the card browser', () => {
	test.use({ locale: 'en-US' });

	test(
		'a studied card, forgotten from the keyboard after a confirmation, is new again and stays so; its review stays',
		PHONE,
		async ({ page }) => {
			// On the phone project, the narrowest phone Kioku fits.
			if (test.info().project.name === 'phone')
				await page.setViewportSize({ width: 320, height: 720 });
			await studyNishimura(page);
			const row = page.locator(NISHIMURA);
			await expect(row.locator('.state')).toHaveText('Learnt');
			const forget = page
				.getByRole('group', { name: 'With the selected cards' })
				.getByRole('button', {
					name: 'Forget',
				});
			// Nothing chosen, or only new cards: nothing to forget.
			await expect(forget).toBeDisabled();
			await page
				.locator('tbody tr:not([data-id="usj23-eco-001"])')
				.first()
				.getByRole('checkbox')
				.check();
			await expect(forget).toBeDisabled();
			await page.getByRole('button', { name: 'Clear selection' }).click();

			await row.getByRole('checkbox').focus();
			await page.keyboard.press('Space');
			await expect(page.locator('p.count')).toContainText('1 card selected');
			await forget.focus();
			await page.keyboard.press('Enter');
			const dialog = page.getByRole('dialog', { name: 'Forget 1 card?' });
			await expect(dialog).toBeVisible();
			await expect(dialog).toContainText(
				'It will start over as a new card, due now, as if you had never answered it. Its past reviews stay in your statistics.',
			);
			// Cancel is focused: Enter alone would keep the card.
			await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
			expect(await seriousA11yViolations(page)).toEqual([]);
			expect(await overflowing(page)).toEqual([]);
			await page.screenshot({
				path: `test-results/screenshots/browse-forget-dialog-${test.info().project.name}.png`,
			});
			await page.keyboard.press('Tab');
			await expect(dialog.getByRole('button', { name: 'Forget' })).toBeFocused();
			await page.keyboard.press('Enter');
			await expect(dialog).toBeHidden();

			await expect(page.locator('p.count')).toContainText(
				'Forgot 1 card: it starts over as a new card.',
			);
			await expect(row.locator('.state')).toHaveText('New');
			const cards = await storedRecords<{
				id: string;
				state: number;
				reps: number;
				forgottenAt?: number;
			}>(page, 'cards');
			expect(cards.find((c) => c.id === 'usj23-eco-001')).toMatchObject({ state: 0, reps: 0 });
			expect(cards.find((c) => c.id === 'usj23-eco-001')?.forgottenAt).toBeGreaterThan(0);
			// The review is not undone: it stays in the log, and in the statistics.
			expect(await storedCount(page, 'logs')).toBe(1);
			expect(await seriousA11yViolations(page)).toEqual([]);
			await page.screenshot({
				path: `test-results/screenshots/browse-forget-done-${test.info().project.name}.png`,
				fullPage: true,
			});

			await page.reload();
			await expect(page.locator('html[data-ready]')).toBeAttached();
			await expect(page.locator(`${NISHIMURA} .state`)).toHaveText('New');
			await search(page).fill('Nishimura is:new');
			await expect(page.locator(NISHIMURA)).toBeVisible();
			// Check data (Settings) replays the log from the forget: nothing to repair.
			await open(page, '/settings');
			await page.getByRole('button', { name: 'Check data' }).click();
			await expect(page.getByTestId('check-status')).toHaveText(
				'1 card checked: it agrees with its review history.',
			);
		},
	);
});

test.describe('the card browser in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('counts and refuses in Chinese', async ({ page }) => {
		await open(page, '/browse');
		await expect(page.locator('p.count')).toHaveText(`找到 ${ALL} 张卡片`);
		const box = page.getByRole('searchbox', { name: '搜索卡片' });
		await box.fill('西村 is:soon');
		await expect(page.locator('#browse-query-error .error')).toHaveText(
			'第 7 个字符：“soon”不是状态：请用 due、new、suspended、leech 或 buried。',
		);
		await box.fill('西村康稔');
		await expect(page.locator(NISHIMURA)).toBeVisible();
		await expect(page.locator(`${NISHIMURA} th`)).toHaveText('西村康稔');
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/browse-zh.png', fullPage: true });
	});

	test('forgets a card in Chinese', async ({ page }) => {
		await studyNishimura(page);
		await page.locator(NISHIMURA).getByRole('checkbox').check();
		await page.getByRole('button', { name: '重置为新卡片' }).click();
		const dialog = page.getByRole('dialog', { name: '将 1 张卡片重置为新卡片？' });
		await expect(dialog).toContainText('过去的复习记录仍保留在统计中。');
		await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/browse-forget-dialog-zh.png' });
		await dialog.getByRole('button', { name: '重置', exact: true }).click();
		await expect(page.locator('p.count')).toContainText('已将 1 张卡片重置为新卡片：将从头学起。');
		await expect(page.locator(`${NISHIMURA} .state`)).toHaveText('新卡片');
	});
});
