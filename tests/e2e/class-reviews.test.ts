// A spaced review: the teacher opens the form as the class-mastery view links to it (one
// paragraph preselected), sets a low target, and a student on a phone studies that paragraph in
// focused study with the keyboard (rating Easy), returns, and the review says the target is
// reached; the teacher's report shows Done and the mastery. Screenshots in both languages.
import { rmSync } from 'node:fs';
import { type Page } from '@playwright/test';
import {
	budget,
	expect as baseExpect,
	open,
	overflowing,
	ownPort,
	seriousA11yViolations,
	test,
} from './fixtures';
import { startServer, type OwnServer } from './own-server';
import { joinAll, localInput, phone, teacherWithClass } from './class-helpers';

// Signing up hashes the password with scrypt (32 MiB): on a busy two-core machine, seconds.
const expect = baseExpect.configure({ timeout: 30_000 });
const BANK = 'us-japan-2023';
/** Paragraph 5 of the bank: nine questions cite it. */
const PARAGRAPH = 5;
const QUESTIONS = 9;

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/review-${name}.png`, fullPage: true });

/** Answers the card on screen with the keyboard (any answer), then rates it Easy. */
async function studyCard(student: Page) {
	const card = student.locator('article.card');
	const type = await card.getAttribute('data-type');
	if (type === 'flashcard') await student.keyboard.press('Space');
	else if (type === 'single' || type === 'truefalse') await student.keyboard.press('1');
	else if (type === 'multi') {
		await student.keyboard.press('1');
		await student.keyboard.press('Enter');
	} else if (type === 'order') await student.keyboard.press('Enter');
	else {
		const box = card.getByRole('textbox').first();
		await box.fill('x');
		await box.press('Enter');
	}
	await expect(student.getByRole('button', { name: /Easy/ }).first()).toBeVisible();
	await student.keyboard.press('4');
}

test('spaced review: set from a paragraph link, studied to the target, Done in the report', async ({
	page,
	browser,
}, testInfo) => {
	budget(300_000);
	const dir = `test-results/reviews-${testInfo.project.name}-${Date.now()}`;
	const server: OwnServer = await startServer(ownPort(47), { KIOKU_DB: `${dir}/kioku.db` });
	try {
		const base = server.base;
		const code = await teacherWithClass(page, base, 'Politics 10B');
		const classUrl = page.url();

		const ann = await phone(browser, base);
		const chen = await phone(browser, base, 'zh-CN');
		await joinAll(code, [
			[ann, 'Ann'],
			[chen, '陈'],
		]);

		// The form as the class-mastery view links to it: a review of paragraph 5, preselected.
		await open(page, `${classUrl}/assign?kind=review&bank=${BANK}&paragraph=${PARAGRAPH}`);
		await expect(page.getByRole('radio', { name: 'Spaced review' })).toBeChecked();
		await expect(page.getByRole('radio', { name: 'Questions (a test)' })).not.toBeChecked();
		const five = page.getByRole('checkbox', {
			name: `Paragraph ${PARAGRAPH} (${QUESTIONS} questions)`,
		});
		await expect(five).toBeChecked();
		await expect(
			page.getByRole('checkbox', { name: 'Paragraph 3 (26 questions)' }),
		).not.toBeChecked();
		// Answers are never shown in a review: the choice is not offered.
		await expect(page.getByRole('radio', { name: 'After the deadline' })).toHaveCount(0);
		await expect(page.getByLabel('Target mastery (%)')).toHaveValue('80');
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByLabel('Title').fill('Review paragraph 5');
		await page.getByLabel('Target mastery (%)').fill('50');
		await page.getByLabel('Opens').fill(await localInput(page, Date.now() - 3_600_000));
		await shot(page, 'form-en');
		await page.getByRole('button', { name: 'Set assignment' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Review paragraph 5' })).toBeVisible();
		await expect(page.getByText('Class average: 0%')).toBeVisible();
		const rows = page.getByRole('region', { name: 'Students' }).getByRole('row');
		await expect(rows).toHaveCount(3);
		for (const row of await rows.all().then((r) => r.slice(1)))
			await expect(row).toContainText('Not started');
		const reportUrl = page.url();

		// Ann opens the review from her class page: nothing studied yet.
		await open(ann, '/classes');
		await ann.getByRole('link', { name: 'Review paragraph 5' }).click();
		await expect(ann.getByRole('heading', { level: 2, name: 'Your mastery' })).toBeVisible();
		await expect(ann.getByText('0% (target 50%)')).toBeVisible();
		const bar = ann.getByRole('progressbar', { name: 'Your mastery' });
		await expect(bar).toHaveAttribute('aria-valuetext', '0% (target 50%)');
		expect(await seriousA11yViolations(ann)).toEqual([]);
		expect(await overflowing(ann)).toEqual([]);
		await shot(ann, 'student-before-en');

		// She studies the paragraph in focused study with the keyboard.
		const study = ann.getByRole('link', { name: `Study paragraph ${PARAGRAPH}` });
		await study.focus();
		await ann.keyboard.press('Enter');
		await expect(ann.locator('article.card')).toBeVisible();
		for (let i = 0; i < QUESTIONS; i++) {
			await expect(ann.locator('.focus-bar')).toContainText(`${i} / ${QUESTIONS}`);
			await studyCard(ann);
		}
		await expect(ann.getByText('You have studied every card of this group.')).toBeVisible();
		// Back to the review: measured again, and reported.
		await ann.getByRole('link', { name: 'Back to the review' }).first().click();
		await expect(ann.getByText(/Target reached on /)).toBeVisible();
		const figure = (await ann.locator('.figure').textContent())!;
		const mastery = Number(/(\d+)%/.exec(figure)![1]);
		expect(mastery).toBeGreaterThanOrEqual(50);
		await expect(ann.getByRole('progressbar', { name: /Paragraph 5/ })).toBeVisible();
		expect(await overflowing(ann)).toEqual([]);
		await shot(ann, 'student-after-en');
		await open(ann, '/classes');
		await expect(ann.getByText(`mastery ${mastery}% of 50%`)).toBeVisible();

		// 陈 opens it in Chinese.
		await open(chen, '/classes');
		await chen.getByRole('link', { name: 'Review paragraph 5' }).click();
		await expect(chen.getByRole('heading', { level: 2, name: '你的掌握度' })).toBeVisible();
		await expect(chen.getByRole('link', { name: '学习第 5 段' })).toBeVisible();
		expect(await overflowing(chen)).toEqual([]);
		await shot(chen, 'student-zh');

		// The teacher's report: Ann done with her mastery, 陈 not started; the class list too.
		await open(page, reportUrl);
		const annRow = page.getByRole('row', { name: /Ann/ });
		await expect(annRow).toContainText('Done');
		await expect(annRow).toContainText(`${mastery}%`);
		await expect(page.getByRole('row', { name: /陈/ })).toContainText('Not started');
		await expect(page.getByText(`Class average: ${Math.round(mastery / 2)}%`)).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);
		await shot(page, 'report-en');
		await open(page, classUrl);
		await expect(page.getByText('Done 1 · late 0 · started 0 · not started 1')).toBeVisible();

		// The form and the report in Chinese, for the teacher too.
		const zh = await browser.newContext({
			storageState: await page.context().storageState(),
			locale: 'zh-CN',
			baseURL: base,
		});
		await zh.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: base }]);
		const zhPage = await zh.newPage();
		await open(zhPage, reportUrl);
		await expect(zhPage.getByRole('columnheader', { name: '掌握度' })).toBeVisible();
		await shot(zhPage, 'report-zh');
		await open(zhPage, `${classUrl}/assign?kind=review&bank=${BANK}&paragraph=${PARAGRAPH}`);
		await expect(zhPage.getByRole('checkbox', { name: '第 5 段（9 题）' })).toBeChecked();
		await shot(zhPage, 'form-zh');
		// Both fit a phone (a Pixel 7's viewport).
		await zhPage.setViewportSize({ width: 412, height: 915 });
		expect(await overflowing(zhPage)).toEqual([]);
		await shot(zhPage, 'form-zh-phone');
		await open(zhPage, reportUrl);
		await expect(zhPage.getByRole('columnheader', { name: '掌握度' })).toBeVisible();
		expect(await overflowing(zhPage)).toEqual([]);
		await shot(zhPage, 'report-zh-phone');
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});
