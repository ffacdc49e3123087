import type { Page } from '@playwright/test';
import { loadBankTree } from '../../scripts/bank-tree.ts';
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

// The test knows the right answers the way a teacher does: from the bank itself.
const QUESTIONS = loadBankTree('questions').banks.flatMap((b) =>
	b.decks.flatMap((d) => d.questions),
);
const byPrompt = (prompt: string) => {
	const q = QUESTIONS.find((x) => x.prompt.en === prompt.trim());
	if (!q) throw new Error(`no question with the prompt "${prompt}"`);
	return q;
};

// A fixed link: the same test (questions, order, options) for everyone who opens it.
const LINK =
	'/test/run?d=us-japan-2023%2Fsecurity-defence&n=6&t=single%2Ctruefalse%2Cshort%2Corder%2Cmulti%2Ccloze&p=all&tl=none&fb=e&pc=0&fs=1&sh=1&l=en&s=abc123';

async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
	for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

/** Answers the question on screen with the keyboard only; `right` chooses a right or a wrong answer. */
async function answer(page: Page, right: boolean) {
	const card = page.locator('article.card');
	const type = await card.getAttribute('data-type');
	const before = await page.locator('#test-prompt').textContent();
	const progress = () =>
		page.evaluate(() => document.querySelector('progress')?.getAttribute('value') ?? null);
	const question = await progress();
	if (type === 'single') {
		const q = byPrompt(before ?? '');
		const rightText = q.type === 'single' ? q.options.find((o) => o.correct)!.en : '';
		const texts = await card.locator('.options button').allTextContents();
		const index = texts.findIndex((t) => t.includes(rightText) === right);
		await page.keyboard.press(String(index + 1));
	} else if (type === 'truefalse') {
		const q = byPrompt(before ?? '');
		const isTrue = q.type === 'truefalse' && q.answer;
		await page.keyboard.press(isTrue === right ? '1' : '2');
	} else if (type === 'short') {
		await tabTo(page, card.locator('input[type=text]'));
		const q = byPrompt(before ?? '');
		await page.keyboard.type(right && q.type === 'short' ? q.answers.en[0] : 'nothing like it');
		await page.keyboard.press('Enter');
	} else {
		// Order and multi are left as they are (wrong), then submitted from the keyboard.
		await tabTo(page, card.getByRole('button', { name: 'Check' }));
		await page.keyboard.press('Enter');
	}
	// The answer was taken: its feedback shows, or the next question, or the results.
	await expect
		.poll(async () => {
			if (/\/test\/results\//.test(page.url())) return 'results';
			if (await page.locator('.feedback').isVisible()) return 'feedback';
			const now = await progress();
			return now !== null && now !== question ? 'next' : 'waiting';
		})
		.not.toBe('waiting');
}

test.describe('practice tests', () => {
	test.use({ locale: 'en-US' });

	test('a whole test taken with the keyboard only gives the right score and every explanation', async ({
		page,
	}) => {
		await open(page, LINK);
		await expect(page.getByText('Question 1 of 6')).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);
		let rightAnswers = 0;
		for (let i = 0; i < 6; i++) {
			await expect(page.getByText(`Question ${i + 1} of 6`)).toBeVisible();
			const type = await page.locator('article.card').getAttribute('data-type');
			const answerable = type === 'single' || type === 'truefalse' || type === 'short';
			const right = answerable && i % 2 === 0;
			if (right) rightAnswers++;
			await answer(page, right);
		}
		await page.waitForURL(/\/test\/results\/\d+/);
		await expect(page.locator('#score')).toHaveText(
			`Score: ${rightAnswers} of 6 (${Math.round((rightAnswers / 6) * 1000) / 10}%)`,
		);
		await expect(page.locator('.items > li')).toHaveCount(6);
		await expect(page.locator('.items > li').first()).toContainText('Right answer');
		await expect(page.locator('.items > li').first()).toContainText(/Paragraphs? \d/);
		expect(await seriousA11yViolations(page)).toEqual([]);

		// Retry the missed ones: exactly those come back.
		await page.getByRole('link', { name: 'Retry the ones I missed' }).click();
		await expect(page.getByText(`Question 1 of ${6 - rightAnswers}`)).toBeVisible();

		// The result is listed among past tests.
		await open(page, '/test');
		await expect(page.getByRole('region', { name: 'Past tests' }).getByRole('link')).toHaveCount(1);
	});

	test('the same link gives the same questions in the same order', async ({ browser }) => {
		const prompts: string[][] = [];
		for (let run = 0; run < 2; run++) {
			const context = await browser.newContext({ locale: 'en-US' });
			const page = await context.newPage();
			await open(page, LINK);
			const seen: string[] = [];
			for (let i = 0; i < 6; i++) {
				await expect(page.getByText(`Question ${i + 1} of 6`)).toBeVisible();
				seen.push(await page.locator('article.card').innerText());
				await page.getByRole('button', { name: 'Skip' }).click();
			}
			prompts.push(seen);
			await context.close();
		}
		expect(prompts[1]).toEqual(prompts[0]);
	});

	test('"I was right" on the results counts a typed answer as right and corrects its review', async ({
		page,
	}) => {
		await open(page, LINK);
		for (let i = 0; i < 6; i++) await answer(page, false);
		await page.waitForURL(/\/test\/results\/\d+/);
		await expect(page.locator('#score')).toHaveText('Score: 0 of 6 (0%)');
		const overrule = page.getByRole('button', { name: 'I was right' });
		const typed = await overrule.count();
		expect(typed).toBeGreaterThan(0);
		await overrule.first().click();
		await expect(page.locator('#score')).toHaveText(
			`Score: 1 of 6 (${Math.round((1 / 6) * 1000) / 10}%)`,
		);
		await expect(page.locator('.items')).toContainText('Right (you overruled the check)');
		await expect(page.getByRole('button', { name: 'Take it back' })).toBeFocused();
		// The review the answer was counted as is now Good, and marked.
		const overruled = (await storedRecords<{ overruled?: true }>(page, 'logs')).filter(
			(l) => l.overruled,
		).length;
		expect(overruled).toBe(1);
		// It survives a reload, and can be taken back.
		await page.reload();
		await expect(page.locator('#score')).toHaveText(/Score: 1 of 6/);
		await page.getByRole('button', { name: 'Take it back' }).click();
		await expect(page.locator('#score')).toHaveText('Score: 0 of 6 (0%)');
		await expect(page.getByRole('button', { name: 'I was right' })).toHaveCount(typed);
	});

	test(
		'immediate feedback shows the explanation, and answers feed FSRS',
		PHONE,
		async ({ page }) => {
			await open(page, LINK.replace('fb=e', 'fb=i'));
			await answer(page, false);
			await expect(page.locator('.feedback')).toContainText(/Source: paragraphs? \d/i);
			expect(await seriousA11yViolations(page)).toEqual([]);
			await page.keyboard.press('Enter');
			await expect(page.getByText('Question 2 of 6')).toBeVisible();
			expect(await storedCount(page, 'logs')).toBe(0); // reviews are counted when the test ends
		},
	);

	test('a reload carries on with the answers given and the same clock', async ({ page }) => {
		await open(page, LINK.replace('tl=none', 'tl=t120'));
		let rightAnswers = 0;
		for (let i = 0; i < 2; i++) {
			await expect(page.getByText(`Question ${i + 1} of 6`)).toBeVisible();
			const type = await page.locator('article.card').getAttribute('data-type');
			if (type === 'single' || type === 'truefalse' || type === 'short') rightAnswers++;
			await answer(page, true);
		}
		await expect(page.getByText('Question 3 of 6')).toBeVisible();
		const seconds = async () => {
			const text = (await page.getByRole('timer').textContent()) ?? '';
			const [min, sec] = text
				.match(/(\d+):(\d+)/)!
				.slice(1)
				.map(Number);
			return min * 60 + sec;
		};
		await page.waitForTimeout(2_000);
		const before = await seconds();
		expect(before).toBeLessThan(120);
		await page.reload();
		await expect(page.getByText('Question 3 of 6')).toBeVisible();
		// The time limit was not given back.
		expect(await seconds()).toBeLessThanOrEqual(before);
		for (let i = 0; i < 4; i++) await answer(page, false);
		await page.waitForURL(/\/test\/results\/\d+/);
		// The answers given before the reload count.
		await expect(page.locator('#score')).toHaveText(
			`Score: ${rightAnswers} of 6 (${Math.round((rightAnswers / 6) * 1000) / 10}%)`,
		);
		// The same link later is a new attempt, from the start.
		await open(page, LINK.replace('tl=none', 'tl=t120'));
		await expect(page.getByText('Question 1 of 6')).toBeVisible();
	});

	test('a reload while feedback is shown shows the same feedback, the answer as given', async ({
		page,
	}) => {
		await open(page, LINK.replace('fb=e', 'fb=i'));
		const type = await page.locator('article.card').getAttribute('data-type');
		await answer(page, false);
		await expect(page.locator('.feedback')).toBeVisible();
		const marks = await page.locator('article.card .verdict').allTextContents();
		await page.reload();
		await expect(page.getByText('Question 1 of 6')).toBeVisible();
		await expect(page.locator('.feedback')).toBeVisible();
		// What was chosen or typed is shown again, marked as before.
		expect(await page.locator('article.card .verdict').allTextContents()).toEqual(marks);
		if (type === 'short')
			await expect(page.locator('article.card input[type=text]')).toHaveValue('nothing like it');
		await expect(page.getByRole('button', { name: 'Next question' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByText('Question 2 of 6')).toBeVisible();
	});

	test('the results give the time the test took', async ({ page }) => {
		await open(page, LINK.replace('n=6', 'n=2').replace(/t=[^&]+/, 't=truefalse'));
		for (let i = 0; i < 2; i++) {
			await expect(page.locator('article.card')).toBeVisible();
			// A learner reads before answering.
			await page.waitForTimeout(1500);
			await answer(page, true);
		}
		await expect(page).toHaveURL(/\/test\/results\//);
		const time = await page.getByText(/^Time: /).textContent();
		const seconds = Number(/(\d+)\s*sec/.exec(time ?? '')?.[1]);
		expect(seconds, time ?? '').toBeGreaterThanOrEqual(3);
		expect(seconds, time ?? '').toBeLessThan(60);
	});

	test('a broken link says what is wrong', async ({ page }) => {
		await open(page, '/test/run?d=nope%2Fdeck&n=9999&s=abc123');
		await expect(page.getByRole('alert')).toContainText('This test link cannot be used');
	});

	test('the builder makes a shareable link and starts the test', async ({ page }) => {
		await open(page, '/test');
		await page.getByText('More settings').click();
		await page.getByLabel('Number of questions').fill('3');
		await page.getByText('For teachers').click();
		const link = await page.getByLabel('Link to this test').inputValue();
		expect(link).toMatch(/^\/test\/run\?d=.*&n=3&/);
		await page.getByRole('button', { name: 'Start the test' }).click();
		await expect(page.getByText('Question 1 of 3')).toBeVisible();
	});

	test('fits a 320 px screen with text at 200 %', PHONE, async ({ browser }) => {
		const context = await browser.newContext({
			locale: 'en-US',
			viewport: { width: 320, height: 640 },
		});
		const page = await context.newPage();
		for (const path of [LINK, '/test', '/study/us-japan-2023/security-defence']) {
			await open(page, path);
			await expect(page.locator('main h1, main h2').first()).toBeVisible();
			await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
			expect(await overflowing(page), `${path} scrolls sideways`).toEqual([]);
		}
		await context.close();
	});

	test('order items move by dragging and by arrow keys', PHONE, async ({ page }) => {
		await open(page, LINK.replace('n=6', 'n=1').replace(/t=[^&]+/, 't=order'));
		const items = page.locator('ol.order .item');
		await expect(items).toHaveCount(await items.count());
		const start = await items.allTextContents();
		expect(start.length).toBeGreaterThanOrEqual(3);

		// Drag the first item onto the last row.
		const handle = page.locator('ol.order .handle').first();
		const last = page.locator('ol.order > li').last();
		await last.scrollIntoViewIfNeeded();
		const from = (await handle.boundingBox())!;
		const to = (await last.boundingBox())!;
		await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
		await page.mouse.down();
		await page.mouse.move(to.x + 20, to.y + to.height * 0.9, { steps: 8 });
		await page.mouse.up();
		await expect(items.last()).toHaveText(start[0]);

		// With the keyboard: the focused item moves up with the arrow key, and keeps the focus.
		const lastHandle = page.locator('ol.order .handle').last();
		await lastHandle.focus();
		await page.keyboard.press('ArrowUp');
		await expect(items.nth(start.length - 2)).toHaveText(start[0]);
		await expect(page.locator('ol.order .handle').nth(start.length - 2)).toBeFocused();
	});
});
