import type { Page } from '@playwright/test';
import {
	expect,
	open,
	overflowing,
	PHONE,
	seriousA11yViolations,
	storedCount,
	test,
} from './fixtures';

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

/** The deck card on home, by its title. */
const deckCard = (page: Page, title: RegExp) =>
	page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });

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

	test(
		'shows each deck’s cards for today and progress, and what studying changed',
		PHONE,
		async ({ page }) => {
			await open(page, '/');
			const security = deckCard(page, /^Security & defence/);
			await expect(security.getByTestId('deck-today')).toHaveText('0 due · 20 new');
			await expect(security.getByTestId('deck-seen')).toHaveText(/^0 of \d+ seen$/);
			const total = Number(
				(await security.getByTestId('deck-seen').textContent())?.match(/of (\d+)/)?.[1],
			);
			const next = page.getByRole('region', { name: 'Study next' });
			// Nothing studied yet: the first deck with new cards.
			await expect(next.getByRole('link', { name: /^Continue studying/ })).toBeVisible();

			await page.goto('/study/us-japan-2023/security-defence');
			await expect(page.locator('html[data-ready]')).toBeAttached();
			for (let i = 0; i < 3; i++) await studyOneCard(page);

			await open(page, '/');
			await expect(security.getByTestId('deck-today')).toHaveText('3 due · 17 new');
			await expect(security.getByTestId('deck-seen')).toHaveText(`3 of ${total} seen`);
			// The deck studied last is the one to continue, and Continue opens it.
			const go = next.getByRole('link', { name: 'Continue studying Security & defence' });
			await expect(go).toBeVisible();
			await expect(next).toContainText('3 due · 17 new');
			expect(await seriousA11yViolations(page)).toEqual([]);
			const project = test.info().project.name;
			await page.screenshot({ path: `test-results/screenshots/home-studied-${project}.png` });
			await security.screenshot({ path: `test-results/screenshots/home-deck-${project}.png` });
			await go.click();
			await expect(page).toHaveURL(/\/study\/us-japan-2023\/security-defence$/);

			// "Study due cards" counts the new cards introduced today against the day's limit too.
			await open(page, '/study');
			await expect(page.getByRole('link', { name: /^Security & defence/ })).toContainText(
				'3 due · 17 new',
			);
		},
	);

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

	test(
		'says in Chinese what each deck has for today and where to continue',
		PHONE,
		async ({ page }) => {
			await open(page, '/');
			const deck = deckCard(page, /^安全与防务/);
			await expect(deck.getByTestId('deck-today')).toHaveText('到期 0 · 新卡 20');
			await expect(deck.getByTestId('deck-seen')).toHaveText(/^已学 0 \/ \d+$/);
			const next = page.getByRole('region', { name: '接下来学习' });
			await expect(next.getByRole('link', { name: /^继续学习/ })).toBeVisible();
			await page.screenshot({
				path: `test-results/screenshots/home-zh-${test.info().project.name}.png`,
			});
		},
	);
});

test.describe('a browser set to Traditional Chinese', () => {
	test.use({ locale: 'zh-TW' });

	test('is offered the Chinese interface too', async ({ page }) => {
		await open(page, '/');
		await expect(page.getByRole('heading', { level: 1, name: '题库' })).toBeVisible();
	});
});

test(
	'home, a deck, statistics and settings fit a 320 px screen with text at 200 %',
	PHONE,
	async ({ browser }) => {
		const context = await browser.newContext({
			locale: 'en-US',
			viewport: { width: 320, height: 640 },
		});
		const page = await context.newPage();
		for (const path of ['/', '/deck/us-japan-2023/security-defence', '/stats', '/settings']) {
			await open(page, path);
			await expect(page.locator('main h1').first()).toBeVisible();
			await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
			// Counted numbers (home's, the statistics') arrive after the first paint.
			await page.waitForTimeout(500);
			expect(await overflowing(page), `${path} scrolls sideways`).toEqual([]);
		}
		await context.close();
	},
);
