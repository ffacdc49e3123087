import type { Page } from '@playwright/test';
import { expect, open, PHONE, storedCount, storedRecords, test } from './fixtures';

const SECURITY = '/study/us-japan-2023/security-defence';
const ECONOMY = '/study/us-japan-2023/economy-trade';

async function counts(page: Page) {
	const text = (await page.locator('.counts').textContent()) ?? '';
	const [newCards, learning, reviews] = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
	return { newCards, learning, reviews };
}

async function focusByTab(page: Page, target: ReturnType<Page['locator']>) {
	for (let i = 0; i < 30 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

/**
 * Answers whatever card is shown using only the keyboard, then rates it; the rating is saved
 * unless `saved` is false (the card was answered in another tab meanwhile).
 */
async function answerByKeyboard(page: Page, rating = '3', saved = true) {
	const card = page.locator('article.card');
	await expect(card).toBeVisible();
	const type = await card.getAttribute('data-type');
	if (type === 'flashcard') {
		await page.keyboard.press('Space');
	} else if (type === 'single' || type === 'truefalse') {
		await page.keyboard.press('1');
	} else if (type === 'short' || type === 'cloze') {
		// The caret is already in the (first) answer box.
		await expect(card.locator('input[type=text]').first()).toBeFocused();
		await page.keyboard.type('x');
		await page.keyboard.press('Enter');
	} else {
		// Multiple choice and order: Enter checks the answer as it stands, also with the ticked
		// checkbox focused.
		if (type === 'multi') await card.getByRole('checkbox').first().check();
		await page.keyboard.press('Enter');
	}
	const ratings = page.getByRole('group', { name: 'How well did you remember?' });
	await expect(ratings).toBeVisible();
	const answered = await storedCount(page, 'logs');
	await page.keyboard.press(rating);
	await expect(ratings).toBeHidden();
	expect(await storedCount(page, 'logs')).toBe(saved ? answered + 1 : answered);
}

const logCount = (page: Page) => storedCount(page, 'logs');

test.describe('studying a deck', () => {
	test.use({ locale: 'en-US' });

	test('reviews cards with the keyboard only, and a reload mid-session loses nothing', async ({
		page,
	}) => {
		await open(page, SECURITY);
		await expect(page.locator('.counts')).toContainText('New 20');
		for (let i = 0; i < 5; i++) await answerByKeyboard(page);
		await expect(page.locator('.counts')).toContainText('New 15');
		expect(await logCount(page)).toBe(5);

		await page.reload();
		await expect(page.locator('html[data-ready]')).toBeAttached();
		await expect(page.locator('.counts')).toContainText('New 15');
		const after = await counts(page);
		expect(after.learning).toBeGreaterThan(0);
		expect(await logCount(page)).toBe(5);
	});

	test(
		'closing the tab and opening the deck again continues where it stopped',
		PHONE,
		async ({ context }) => {
			const first = await context.newPage();
			await open(first, SECURITY);
			for (let i = 0; i < 3; i++) await answerByKeyboard(first);
			await first.close();
			const again = await context.newPage();
			await open(again, SECURITY);
			await expect(again.locator('.counts')).toContainText('New 17');
			expect(await logCount(again)).toBe(3);
		},
	);

	test('undo with z brings the card back and removes its review', async ({ page }) => {
		await open(page, SECURITY);
		const firstPrompt = await page.locator('#card-prompt').textContent();
		await answerByKeyboard(page, '1');
		expect(await logCount(page)).toBe(1);
		await expect(page.locator('#card-prompt')).not.toHaveText(firstPrompt ?? '');
		await page.keyboard.press('z');
		await expect(page.getByText('Answer undone.')).toBeVisible();
		await expect(page.locator('#card-prompt')).toHaveText(firstPrompt ?? '');
		await expect(page.locator('.counts')).toContainText('New 20');
		expect(await logCount(page)).toBe(0);
	});

	test(
		'shows the next interval on each rating button, and the shortcuts on ?',
		PHONE,
		async ({ page }) => {
			await open(page, SECURITY);
			await expect(page.locator('article.card')).toHaveAttribute('data-type', 'flashcard');
			await page.keyboard.press('Space');
			await expect(
				page.getByRole('button', { name: 'Again (next in 1 minute)', exact: true }),
			).toBeVisible();
			await expect(
				page.getByRole('button', { name: 'Good (next in 10 minutes)', exact: true }),
			).toBeVisible();
			await page.keyboard.press('?');
			await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
		},
	);

	test('Enter and Space on a focused link or button work that control, never rate a card', async ({
		page,
	}) => {
		await open(page, SECURITY);
		await expect(page.locator('article.card')).toHaveAttribute('data-type', 'flashcard');
		// Burying is undone as a bury, not as an answer.
		const first = await page.locator('#card-prompt').textContent();
		await page.keyboard.press('b');
		await expect(page.locator('#card-prompt')).not.toHaveText(first ?? '');
		await page.keyboard.press('z');
		await expect(page.getByText('Undone: the card is back in the session.')).toBeVisible();
		await expect(page.locator('#card-prompt')).toHaveText(first ?? '');
		await page.keyboard.press('Space');
		await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeVisible();
		// With the answer shown, Enter would accept the proposed rating: on a focused button it
		// presses the button instead.
		const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
		await focusByTab(page, help);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
		await page.keyboard.press('Escape');
		const back = page.getByRole('link', { name: /Back to the deck/ });
		await focusByTab(page, back);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/deck\/us-japan-2023\/security-defence$/);
		expect(await logCount(page)).toBe(0);
	});

	test('typing an answer never buries, suspends or undoes; Ctrl+Z in the box undoes the typing', async ({
		page,
	}) => {
		await open(page, ECONOMY);
		const card = page.locator('article.card');
		for (let i = 0; i < 20; i++) {
			await expect(card).toHaveAttribute('data-type', /.+/);
			if ((await card.getAttribute('data-type')) === 'short') break;
			await answerByKeyboard(page);
		}
		await expect(card).toHaveAttribute('data-type', 'short');
		const answered = await logCount(page);
		const before = await counts(page);
		const prompt = await page.locator('#card-prompt').textContent();
		// "bus" holds b, s and a letter: typed straight away, all of it goes into the answer box.
		await page.keyboard.type('bus zsb');
		const box = card.locator('input[type=text]');
		await expect(box).toHaveValue('bus zsb');
		await expect(box).toHaveAttribute('aria-describedby', 'card-prompt');
		await page.keyboard.press('Control+z');
		await expect(page.locator('#card-prompt')).toHaveText(prompt ?? '');
		expect(await counts(page)).toEqual(before);
		expect(await logCount(page)).toBe(answered);
		await expect(page.getByText(/Buried|Suspended|undone/)).toHaveCount(0);
		// In an empty box there is no typing to undo: Ctrl+Z undoes the last answer.
		await box.fill('');
		await page.keyboard.press('Control+z');
		await expect(page.getByText('Answer undone.')).toBeVisible();
		expect(await logCount(page)).toBe(answered - 1);
	});

	test('never submits a half-typed answer while an input method is composing', async ({ page }) => {
		await open(page, ECONOMY);
		// New cards come in deck order: answer them until the first short-answer card.
		const card = page.locator('article.card');
		for (let i = 0; i < 20; i++) {
			await expect(card).toHaveAttribute('data-type', /.+/);
			if ((await card.getAttribute('data-type')) === 'short') break;
			await answerByKeyboard(page);
		}
		await expect(card).toHaveAttribute('data-type', 'short');
		const input = card.locator('input[type=text]');
		await input.fill('跨太');
		await input.evaluate((el) =>
			el.dispatchEvent(
				new KeyboardEvent('keydown', {
					key: 'Enter',
					isComposing: true,
					bubbles: true,
					cancelable: true,
				}),
			),
		);
		await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeHidden();
		await input.press('Enter');
		await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeVisible();
	});

	test('"I was right" counts a typed answer marked wrong as right, marked so in the log', async ({
		page,
	}) => {
		await open(page, SECURITY);
		const card = page.locator('article.card');
		for (let i = 0; i < 25 && (await card.getAttribute('data-type')) !== 'short'; i++)
			await answerByKeyboard(page);
		await expect(card).toHaveAttribute('data-type', 'short');
		await page.keyboard.type('something else entirely');
		await page.keyboard.press('Enter');
		const feedback = page.locator('.feedback');
		await expect(feedback.locator('.verdict')).toHaveText(/Not quite/);
		await expect(page.locator('.ratings .proposed')).toContainText('Again');
		await feedback.getByRole('button', { name: 'I was right' }).click();
		await expect(feedback.locator('.verdict')).toHaveText(/Correct/);
		await expect(feedback).toContainText('Counted as right because you said so');
		// Focus moves to the way back; taking it back restores the checker's verdict.
		await expect(feedback.getByRole('button', { name: 'Take it back' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(feedback.locator('.verdict')).toHaveText(/Not quite/);
		await expect(feedback.getByRole('button', { name: 'I was right' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.locator('.ratings .proposed')).not.toContainText('Again');
		await page.getByRole('button', { name: /^Good/ }).click();
		const last = (await storedRecords(page, 'logs')).at(-1);
		expect(last).toMatchObject({ rating: 3, overruled: true });
	});

	test('the list of decks counts what each deck’s study shows today', async ({ page }) => {
		await open(page, '/study');
		const row = page.getByRole('link', { name: /Security & defence/ });
		await expect(row).toContainText('0 due · 20 new');
		await open(page, SECURITY);
		for (let i = 0; i < 3; i++) await answerByKeyboard(page);
		await open(page, '/study');
		// Three cards in their learning steps; 20 new a day, three of them learnt.
		await expect(row).toContainText('3 due · 17 new');
		await open(page, SECURITY);
		await expect(page.locator('.counts')).toContainText('New 17');
	});

	test('two tabs on one deck never count one card twice', async ({ context }) => {
		const a = await context.newPage();
		const b = await context.newPage();
		await open(a, SECURITY);
		await open(b, SECURITY);
		const prompt = await a.locator('#card-prompt').textContent();
		await expect(b.locator('#card-prompt')).toHaveText(prompt ?? '');
		await answerByKeyboard(a);
		await answerByKeyboard(b, '3', false);
		await expect(b.getByText(/answered in another tab/)).toBeVisible();
		expect(await logCount(a)).toBe(1);
		// Tab B has moved on to a card tab A has not answered.
		await expect(b.locator('#card-prompt')).not.toHaveText(prompt ?? '');
	});

	test('a suspended card says so, and the deck page brings it back', async ({ page }) => {
		await open(page, SECURITY);
		const first = await page.locator('#card-prompt').textContent();
		await page.keyboard.press('s');
		await expect(
			page.getByText('Suspended: it will not be shown again. Undo brings it back.'),
		).toBeVisible();
		await expect(page.locator('#card-prompt')).not.toHaveText(first ?? '');
		await open(page, '/deck/us-japan-2023/security-defence');
		await expect(page.getByText('1 card of this deck is suspended and never shown.')).toBeVisible();
		await page.getByRole('button', { name: 'Unsuspend all' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'back in study' })).toHaveText(
			'1 card is back in study.',
		);
		// Back in study: the first card of the deck is shown first again.
		await open(page, SECURITY);
		await expect(page.locator('#card-prompt')).toHaveText(first ?? '');
		await open(page, '/deck/us-japan-2023/security-defence');
		await expect(page.getByRole('button', { name: 'Unsuspend all' })).toHaveCount(0);
	});

	test(
		'deck options: fewer new cards and English prompts with Chinese answers',
		PHONE,
		async ({ page }) => {
			await open(page, '/deck/us-japan-2023/security-defence/options');
			// A step Kioku cannot read is named and marked, and nothing is saved.
			const learning = page.getByLabel('Learning steps', { exact: true });
			await learning.fill('1m soon');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect(page.getByRole('status')).toHaveText(
				'“soon” in Learning steps cannot be read: write steps like 1m 10m 1h.',
			);
			await expect(learning).toHaveAttribute('aria-invalid', 'true');
			// Steps Kioku could not honour exactly are refused with what is accepted.
			const relearning = page.getByLabel('Relearning steps', { exact: true });
			await learning.fill('1m 10m');
			await relearning.fill('10m 1d');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect(page.getByRole('status')).toContainText(
				'“1d” in Relearning steps is a day or longer',
			);
			await expect(relearning).toHaveAttribute('aria-invalid', 'true');
			await relearning.fill('1.5m');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect(page.getByRole('status')).toContainText('is not a whole number of minutes');
			await relearning.fill('0.5h');
			await learning.fill('1m 10m');
			await page.getByLabel('New cards per day').fill('5');
			await page.getByLabel('Prompt in English, answer in Chinese').check();
			await page.getByRole('button', { name: 'Save' }).click();
			await expect(page.getByRole('status')).toHaveText('Saved.');
			await expect(learning).toHaveAttribute('aria-invalid', 'false');
			await open(page, SECURITY);
			await expect(page.locator('.counts')).toContainText('New 5');
			await expect(page.locator('article.card')).toHaveAttribute('data-type', 'flashcard');
			await expect(page.locator('#card-prompt')).toHaveAttribute('lang', 'en');
			await page.keyboard.press('Space');
			await expect(page.locator('.feedback [lang="zh-CN"]')).toBeVisible();
		},
	);
});
