import type { Page } from '@playwright/test';
import { loadBankTree } from '../../scripts/bank-tree.ts';
import {
	expect,
	open,
	PHONE,
	seriousA11yViolations,
	storedCount,
	storedRecords,
	test,
} from './fixtures';

const SECURITY = '/study/us-japan-2023/security-defence';
const OPTIONS = '/deck/us-japan-2023/security-defence/options';
const RATINGS: Record<string, number> = { Again: 1, Hard: 2, Good: 3, Easy: 4 };

const phone = () => test.info().project.name === 'phone';
/** On the phone project, the size the issue measured: a 390 × 844 phone. */
async function phoneSize(page: Page) {
	if (phone()) await page.setViewportSize({ width: 390, height: 844 });
}
const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/${name}-${test.info().project.name}.png` });

const logs = (page: Page) => storedCount(page, 'logs');
const lastRating = async (page: Page) =>
	(await storedRecords<{ rating: number }>(page, 'logs')).at(-1)?.rating;

/** The deck's first cards, in deck order: a flashcard, a multiple choice, a short answer, a true/false. */
async function expectType(page: Page, type: string) {
	await expect(page.locator('article.card')).toHaveAttribute('data-type', type);
}

/** Whether the verdict is on screen and not under the sticky rating bar. */
async function verdictInView(page: Page) {
	const verdict = await page.locator('.feedback .verdict').boundingBox();
	const bar = await page.locator('.actions').boundingBox();
	const height = page.viewportSize()!.height;
	if (!verdict || !bar) return false;
	return verdict.y >= 0 && verdict.y + verdict.height <= Math.min(bar.y, height);
}

test.describe('the focused study screen', PHONE, () => {
	test.use({ locale: 'en-US' });

	test('has no site header: a close link, progress and the card near the top', async ({ page }) => {
		await phoneSize(page);
		await open(page, SECURITY);
		await expectType(page, 'flashcard');
		await expect(page.locator('header')).toHaveCount(0);
		const close = page.getByRole('link', { name: 'Back to the deck' });
		const options = page.getByRole('link', { name: 'Options', exact: true });
		for (const target of [close, options]) {
			const box = (await target.boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(44);
			expect(box.width).toBeGreaterThanOrEqual(44);
		}
		await expect(page.getByRole('progressbar', { name: 'Session progress' })).toBeVisible();
		await expect(page.locator('.focus-bar')).toContainText('0 / 20');
		expect((await page.locator('article.card').boundingBox())!.y).toBeLessThan(160);
		// The skip link still shows when it takes the focus, and leads to the card.
		const skip = page.getByRole('link', { name: 'Skip to content' });
		await skip.focus();
		await expect(skip).toBeInViewport();
		await skip.press('Enter');
		await expect(page).toHaveURL(/#main$/);
		expect(await seriousA11yViolations(page)).toEqual([]);
		await shot(page, 'study-question');

		await close.click();
		await expect(page).toHaveURL(/\/deck\/us-japan-2023\/security-defence$/);
		// Elsewhere the site's header is back.
		await expect(page.locator('header')).toBeVisible();
	});

	test('the live game screens show no site header either; the other pages keep it', async ({
		page,
	}) => {
		for (const path of ['/play/ABCDEF', '/live/host/ABCDEF']) {
			await open(page, path);
			await expect(page.locator('main')).toBeVisible();
			await expect(page.locator('header')).toHaveCount(0);
		}
		for (const path of ['/', '/study', '/test', '/live']) {
			await open(page, path);
			await expect(page.getByRole('navigation', { name: 'Kioku' })).toBeVisible();
		}
	});

	test('the verdict is in view above the rating bar; Continue and Enter accept the suggestion; the ratings are explained once', async ({
		page,
	}) => {
		await phoneSize(page);
		await open(page, SECURITY);
		await expectType(page, 'flashcard');
		await page.getByRole('button', { name: 'Show answer' }).click();
		const help = page.getByRole('region', { name: /^The four buttons/ });
		await expect(help).toBeVisible();
		await expect(help).toContainText('Again: forgot, back in a minute');
		// A flashcard has no verdict: Continue is Good.
		const next = page.getByRole('button', { name: 'Continue Good (10 minutes)', exact: true });
		await expect(next).toBeFocused();
		expect((await next.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		// Each rating's name holds what it shows (the short interval is hidden from the ear and
		// said in full instead): speech input users say what they see.
		await expect(
			page.getByRole('button', { name: 'Good (next in 10 minutes)', exact: true }),
		).toBeVisible();
		expect(await seriousA11yViolations(page, ['label-content-name-mismatch'])).toEqual([]);
		await next.click();
		await expect.poll(() => logs(page)).toBe(1);
		expect(await lastRating(page)).toBe(3);

		await expectType(page, 'multi');
		const card = page.locator('article.card');
		await card.getByRole('checkbox', { name: 'The National Security Strategy' }).check();
		await card.getByRole('checkbox', { name: 'The National Defense Strategy' }).check();
		await card.getByRole('checkbox', { name: "Japan's Constitution" }).check();
		await page.keyboard.press('Enter');
		await expect(page.locator('.feedback .verdict')).toHaveText(/Partly right/);
		await expect.poll(() => verdictInView(page)).toBe(true);
		await shot(page, 'study-feedback');
		// Continue has the focus: Enter accepts the rating Kioku suggests.
		const proposed = (await page.locator('.ratings .proposed .label').textContent()) ?? '';
		await expect(
			page.getByRole('button', { name: new RegExp(`^Continue ${proposed} \\(`) }),
		).toBeFocused();
		await page.keyboard.press('Enter');
		await expect.poll(() => logs(page)).toBe(2);
		expect(await lastRating(page)).toBe(RATINGS[proposed]);

		// Dismissed, the note stays away on this device.
		await expectType(page, 'short');
		await page.keyboard.type('x');
		await page.keyboard.press('Enter');
		await help.getByRole('button', { name: 'Got it' }).click();
		await expect(help).toHaveCount(0);
		await page.reload();
		await expect(page.locator('html[data-ready]')).toBeAttached();
		// The card comes from IndexedDB after hydration: type once its box has the caret.
		await expectType(page, 'short');
		await expect(page.locator('article.card').getByRole('textbox')).toBeFocused();
		await page.keyboard.type('x');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeVisible();
		await expect(help).toHaveCount(0);
	});

	test('in both themes the suggested rating and Continue are drawn in the primary colour, not the error red', async ({
		page,
	}) => {
		for (const scheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: scheme });
			await open(page, SECURITY);
			await expectType(page, 'flashcard');
			await page.keyboard.press('Space');
			await page.keyboard.press('Enter');
			await expectType(page, 'multi');
			await page.keyboard.press('Enter');
			await expect.poll(() => verdictInView(page)).toBe(true);
			const colours = await page.evaluate(() => {
				const css = (selector: string, property: string) =>
					getComputedStyle(document.querySelector(selector)!).getPropertyValue(property);
				return {
					proposed: css('.ratings .proposed', 'border-top-color'),
					next: css('.continue', 'background-color'),
					wrong: css('.feedback .verdict', 'color'),
				};
			});
			expect(colours.wrong).toBe(scheme === 'light' ? 'rgb(179, 38, 30)' : 'rgb(255, 138, 128)');
			expect(colours.proposed).not.toBe(colours.wrong);
			expect(colours.next).not.toBe(colours.wrong);
			await shot(page, `study-feedback-${scheme}`);
			await page.evaluate(() => indexedDB.deleteDatabase('kioku'));
		}
	});

	test('choice feedback marks each option in words: chosen right, missed, chosen wrong; partly right', async ({
		page,
	}) => {
		await open(page, SECURITY);
		await expectType(page, 'flashcard');
		await page.keyboard.press('Space');
		await page.keyboard.press('Enter');
		await expectType(page, 'multi');
		const card = page.locator('article.card');
		await card.getByRole('checkbox', { name: 'The National Security Strategy' }).check();
		await card.getByRole('checkbox', { name: 'The National Defense Strategy' }).check();
		await card.getByRole('checkbox', { name: "Japan's Constitution" }).check();
		await page.keyboard.press('Enter');
		const option = (text: string) => card.locator('li', { hasText: text });
		await expect(option('The National Security Strategy')).toContainText('Your choice: right');
		await expect(option("Japan's Constitution")).toContainText('Your choice: wrong');
		await expect(option('The National Defense Strategy')).toContainText('Your choice: right');
		await expect(option('The Defense Buildup Program')).toContainText('Missed: this is right too');
		await expect(option('security treaty').locator('.verdict')).toHaveCount(0);
		// A screen reader hears the mark with the option.
		await expect(
			card.getByRole('checkbox', { name: /Japan's Constitution.*Your choice: wrong/ }),
		).toBeDisabled();
		await expect(page.locator('.feedback .verdict')).toHaveText(/Partly right/);
	});

	test('undo brings the card back with the answer as given and its verdict, to rate again', async ({
		page,
	}) => {
		await open(page, SECURITY);
		await expectType(page, 'flashcard');
		await page.keyboard.press('Space');
		await page.keyboard.press('Enter');
		await expectType(page, 'multi');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Enter');
		await expectType(page, 'short');
		await page.keyboard.type('x');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Enter');
		await expectType(page, 'truefalse');
		const prompt = await page.locator('#card-prompt').textContent();
		// The statement is false: True is the wrong pick.
		await page.keyboard.press('1');
		const truth = page.getByRole('button', { name: /^True/ });
		await expect(truth).toContainText('Your choice: wrong');
		await expect(page.getByRole('button', { name: /^False/ })).toContainText('Answer');
		await page.keyboard.press('3');
		await expect.poll(() => logs(page)).toBe(4);
		await expect(page.locator('#card-prompt')).not.toHaveText(prompt ?? '');

		await page.keyboard.press('z');
		await expect(page.getByText('Answer undone.')).toBeVisible();
		await expect(page.locator('#card-prompt')).toHaveText(prompt ?? '');
		expect(await logs(page)).toBe(3);
		// Not a fresh question: the answer given, its verdict and the ratings are back.
		await expect(truth).toHaveAttribute('aria-pressed', 'true');
		await expect(truth).toBeDisabled();
		await expect(page.locator('.feedback .verdict')).toHaveText(/Not quite/);
		await expect(page.locator('.ratings .proposed')).toContainText('Again');
		await page.keyboard.press('Enter');
		await expect.poll(() => logs(page)).toBe(4);
		expect(await lastRating(page)).toBe(1);
	});

	test('keyboard hints show only where there is a keyboard', async ({ page }) => {
		await open(page, SECURITY);
		await page.getByRole('button', { name: 'Show answer' }).click();
		const numeral = page.locator('.ratings kbd').first();
		const shortcuts = page.getByRole('button', { name: 'Keyboard shortcuts' });
		if (phone()) {
			await expect(numeral).toBeHidden();
			await expect(shortcuts).toBeHidden();
			await shot(page, 'study-rating-touch');
			// A keyboard joined (a key pressed outside a text box): the hints come back.
			await page.keyboard.press('Shift');
		}
		await expect(numeral).toBeVisible();
		await expect(shortcuts).toBeVisible();
	});

	test('the end of a session: right of total, time, next due as a day and a time, what next', async ({
		page,
	}) => {
		await open(page, OPTIONS);
		await page.getByLabel('New cards per day').fill('1');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status')).toHaveText('Saved.');
		await phoneSize(page);
		await open(page, SECURITY);
		await expectType(page, 'flashcard');
		await page.keyboard.press('Space');
		await page.keyboard.press('4');
		const summary = page.getByRole('region', { name: 'Done for now' });
		await expect(summary).toContainText('Right: 1 of 1');
		await expect(summary).toContainText(/Time spent: \d+ sec/);
		await expect(summary).toContainText(
			/Next card due: (today|tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]{2} \d{1,2}(, \d{4})?) \d\d:\d\d/,
		);
		await expect(summary.getByRole('link', { name: 'A quick test on this deck' })).toHaveAttribute(
			'href',
			'/test?deck=us-japan-2023/security-defence&quick=1',
		);
		await expect(summary.getByRole('link', { name: 'Statistics' })).toHaveAttribute(
			'href',
			'/stats',
		);
		await expect(summary.getByRole('link', { name: 'Study more decks' })).toHaveAttribute(
			'href',
			'/study',
		);
		// A first session offers an account, once progress exists; "Not now" is remembered.
		const offer = page.getByRole('complementary', {
			name: 'Keep your progress on all your devices',
		});
		await expect(offer.getByRole('link', { name: 'Sign in or create an account' })).toHaveAttribute(
			'href',
			'/account',
		);
		expect(await seriousA11yViolations(page)).toEqual([]);
		await shot(page, 'study-done');
		await offer.getByRole('button', { name: 'Not now' }).click();
		await expect(offer).toBeHidden();
		expect(await page.evaluate(() => localStorage.getItem('kioku:account-offer-declined'))).toBe(
			'true',
		);
	});
});

test.describe('the focused study screen in Chinese', PHONE, () => {
	test.use({ locale: 'zh-CN' });

	test('close, Continue, option marks and the end of a session are in Chinese', async ({
		page,
	}) => {
		await phoneSize(page);
		await open(page, SECURITY);
		await expect(page.locator('header')).toHaveCount(0);
		await expect(page.getByRole('link', { name: '返回题组' })).toBeVisible();
		await page.getByRole('button', { name: '显示答案' }).click();
		await expect(page.getByRole('region', { name: /^四个按钮的意思/ })).toBeVisible();
		const next = page.getByRole('button', { name: /^继续 良好 （\d+分钟后再见）$/ });
		await expect(next).toBeFocused();
		await expect(
			page.getByRole('button', { name: '重来 （1分钟后再见）', exact: true }),
		).toBeVisible();
		expect(await seriousA11yViolations(page, ['label-content-name-mismatch'])).toEqual([]);
		await next.click();
		await expectType(page, 'multi');
		const card = page.locator('article.card');
		await card.getByRole('checkbox', { name: '日本宪法' }).check();
		await page.keyboard.press('Enter');
		await expect(card.locator('li', { hasText: '日本宪法' })).toContainText('你的选择：错误');
		await expect(card.locator('li', { hasText: '《防卫战略》' })).toContainText(
			'漏选：这也是正确答案',
		);
		await expect.poll(() => verdictInView(page)).toBe(true);
		await shot(page, 'study-feedback-zh');
	});

	test('the end of a session says when the next card is due as a day and a time', async ({
		page,
	}) => {
		await open(page, OPTIONS);
		await page.getByLabel('每天新卡数').fill('1');
		await page.getByRole('button', { name: '保存' }).click();
		await open(page, SECURITY);
		await expectType(page, 'flashcard');
		await page.keyboard.press('Space');
		await page.keyboard.press('4');
		const summary = page.getByRole('region', { name: '今天先到这里' });
		await expect(summary).toContainText('答对：1 / 1');
		await expect(summary).toContainText(
			/下一张到期：(今天|明天|星期[一二三四五六日]|(\d{4}年)?\d{1,2}月\d{1,2}日) \d\d:\d\d/,
		);
		await expect(summary.getByRole('link', { name: '用这个题组做一次快速测验' })).toBeVisible();
		const offer = summary.getByRole('complementary', { name: '在所有设备上保留进度' });
		await expect(offer.getByRole('button', { name: '以后再说' })).toBeVisible();
		await shot(page, 'study-done-zh');
	});
});

// The right options of a question, from the bank, the way a teacher knows them.
const QUESTIONS = loadBankTree('questions').banks.flatMap((b) =>
	b.decks.flatMap((d) => d.questions),
);
const TEST =
	'/test/run?d=us-japan-2023%2Fsecurity-defence&n=2&t=multi&p=all&tl=none&fb=i&pc=0&fs=1&sh=1&l=en&s=abc123';

test.describe('a practice test in focus', PHONE, () => {
	test.use({ locale: 'en-US' });

	test('has no site header; a close link back to the builder; choice feedback marks missed options', async ({
		page,
	}) => {
		await phoneSize(page);
		await open(page, TEST);
		await expect(page.locator('header')).toHaveCount(0);
		await expect(page.getByText('Question 1 of 2')).toBeVisible();
		const card = page.locator('article.card');
		expect((await card.boundingBox())!.y).toBeLessThan(160);
		const prompt = (await page.locator('#test-prompt').textContent())!.trim();
		const question = QUESTIONS.find((q) => q.prompt.en === prompt);
		if (question?.type !== 'multi') throw new Error(`not a multiple choice: ${prompt}`);
		const right = question.options.filter((o) => o.correct).map((o) => o.en);
		const first = right[0];
		await card.getByRole('checkbox', { name: first, exact: true }).check();
		await page.keyboard.press('Enter');
		await expect(card.locator('li', { hasText: first })).toContainText('Your choice: right');
		for (const missed of right.slice(1)) {
			await expect(card.locator('li', { hasText: missed })).toContainText('Missed');
		}
		await expect(card.locator('.verdict', { hasText: 'Your choice: wrong' })).toHaveCount(0);
		await shot(page, 'test-feedback');
		expect(await seriousA11yViolations(page)).toEqual([]);
		const close = page.getByRole('link', { name: 'Close the test, back to the test builder' });
		expect((await close.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		await close.click();
		await expect(page).toHaveURL(/\/test$/);
	});
});
