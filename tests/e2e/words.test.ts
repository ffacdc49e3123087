// Words and numbers in the learner's language: paragraphs named in words with their summaries,
// tags by their titles, Chinese units and colons, error messages in Chinese on a Chinese screen,
// and imported cards shown as cards, not as an article.
import type { Page } from '@playwright/test';
import { expect, open, PHONE, seriousA11yViolations, test } from './fixtures';

const shot = (page: Page, name: string, project: string) =>
	page.screenshot({
		path: `test-results/screenshots/words-${name}-${project}.png`,
		fullPage: false,
	});

test.describe('in English', () => {
	test.use({ locale: 'en-US' });

	test(
		'a cited paragraph opens what it is about, by mouse and by keyboard',
		PHONE,
		async ({ page }, info) => {
			await open(page, '/deck/us-japan-2023/security-defence');
			const first = page.getByRole('list', { name: 'Questions' }).locator(':scope > li').first();
			await expect(first).not.toContainText('¶');
			const ref = first.getByRole('button', { name: /^Paragraph 2, what it is about$/ });
			await expect(ref).toHaveText('Paragraph 2');
			await expect(ref).toHaveAttribute('aria-expanded', 'false');
			const box = await ref.boundingBox();
			expect(box!.height).toBeGreaterThanOrEqual(44);
			await ref.click();
			await expect(ref).toHaveAttribute('aria-expanded', 'true');
			const summary = first.locator('.summary');
			await expect(summary).toBeVisible();
			await expect(summary).toContainText('strategy documents');
			await shot(page, 'deck-summary', info.project.name);
			expect(await seriousA11yViolations(page)).toEqual([]);
			// Enter closes it again, from the keyboard.
			await ref.focus();
			await page.keyboard.press('Enter');
			await expect(summary).toBeHidden();
			await expect(ref).toHaveAttribute('aria-expanded', 'false');
		},
	);

	test('a question citing several paragraphs offers each one', async ({ page }) => {
		await open(page, '/deck/us-japan-2023/overview-timeline');
		const timeline = page.locator('[data-question="usj23-tl-018"]');
		await expect(timeline.locator('.paragraph-ref')).toHaveText('Paragraphs 1, 2, 3, 7');
		await timeline.getByRole('button', { name: /^Paragraph 7,/ }).click();
		await expect(timeline.locator('.summary')).toContainText('Paragraph 7');
		await expect(timeline.locator('.summary')).toContainText('SAIS');
	});

	test('test feedback cites the paragraph, which opens its summary', async ({ page }, info) => {
		await open(
			page,
			'/test/run?d=us-japan-2023%2Fsecurity-defence&n=1&t=truefalse&p=all&tl=none&fb=i&pc=1&fs=0&sh=1&l=en&s=words1',
		);
		await page.locator('article.card').getByRole('button', { name: 'True' }).click();
		const feedback = page.locator('.feedback');
		await expect(feedback).toContainText(/Source: Paragraph \d/);
		await feedback.getByRole('button', { name: /^Paragraph \d+, what it is about$/ }).click();
		await expect(feedback.locator('.summary')).toBeVisible();
		await shot(page, 'test-feedback', info.project.name);
		expect(await seriousA11yViolations(page)).toEqual([]);
	});

	test("study feedback cites the paragraph, and a tag's focused study is named by its title", async ({
		page,
	}) => {
		await open(page, '/study/us-japan-2023/security-defence');
		const card = page.locator('article.card');
		await expect(card).toBeVisible();
		// The deck's first new card is a flashcard: its back shows with where it comes from.
		await page.getByRole('button', { name: 'Show answer' }).click();
		const cite = card.locator('.feedback .cite');
		await expect(cite).toContainText(/Source: Paragraphs? \d/);
		await cite.getByRole('button').first().click();
		await expect(cite.locator('.summary')).toBeVisible();

		await open(page, '/study/focus?tag=asean-summit');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Study The ASEAN summit');
	});

	test('statistics show tag titles, explain stability and difficulty, and name paragraphs in words', async ({
		page,
	}, info) => {
		await open(page, '/stats');
		const tags = page.getByTestId('mastery-tag');
		// The tag table shows its first rows; the rest open under it.
		await page.locator('button[aria-controls="mastery-tag"]').click();
		await expect(tags.getByRole('rowheader', { name: 'The ASEAN summit' })).toBeVisible();
		await expect(tags.getByRole('rowheader', { name: 'The 2+2 talks' })).toBeVisible();
		await expect(tags).not.toContainText('asean-summit');
		await expect(page.getByTestId('mastery-paragraph')).not.toContainText('¶');
		await expect(page.getByText(/How long a card stays in your memory/)).toBeVisible();
		await expect(page.getByText(/How hard a card is for you/)).toBeVisible();
		await page.locator('#stability-title').scrollIntoViewIfNeeded();
		await shot(page, 'stats', info.project.name);
	});
});

test.describe('in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('paragraphs, tags, units and colons are Chinese', PHONE, async ({ page }, info) => {
		await open(page, '/deck/us-japan-2023/security-defence');
		const first = page.getByRole('list', { name: '题目' }).locator(':scope > li').first();
		const ref = first.getByRole('button', { name: /^第 2 段/ });
		await ref.click();
		await expect(first.locator('.summary')).toContainText('战略文件');
		await first.getByText('答案与解析').click();
		await expect(first).toContainText('解析：');
		await shot(page, 'deck-summary-zh', info.project.name);
		expect(await seriousA11yViolations(page)).toEqual([]);

		await open(page, '/stats');
		await expect(page.getByText(/一张卡片能记多久/)).toBeVisible();
		await expect(page.getByText(/卡片到期复习时你记起来的比例/)).toBeVisible();
		await page.locator('button[aria-controls="mastery-tag"]').click();
		await expect(
			page.getByTestId('mastery-tag').getByRole('rowheader', { name: '东盟特别峰会' }),
		).toBeVisible();
		await expect(page.getByTestId('mastery-paragraph')).toContainText(/第 \d 段/);
		await expect(page.locator('main')).not.toContainText(/\d s\b/);
		await shot(page, 'stats-zh', info.project.name);
	});

	test('a cloze reads its sentence as the prompt, and the answer button says 提交', async ({
		page,
	}, info) => {
		await open(
			page,
			'/test/run?d=us-japan-2023%2Fsecurity-defence&n=1&t=cloze&p=all&tl=none&fb=i&pc=1&fs=0&sh=1&l=zh&s=words2',
		);
		const card = page.locator('article.card');
		await expect(card.getByRole('button', { name: '提交' })).toBeVisible();
		const weight = (selector: string) =>
			card.locator(selector).evaluate((e) => Number(getComputedStyle(e).fontWeight));
		expect(await weight('.cloze')).toBeGreaterThanOrEqual(600);
		expect(await weight('h2')).toBeLessThan(600);
		await shot(page, 'cloze-zh', info.project.name);
	});

	test('a broken test link says what is wrong in Chinese', async ({ page }) => {
		await open(page, '/test/run?d=nobody%2Fnothing&n=abc&s=words3&l=zh');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('此测验链接无法使用。');
		await expect(alert).toContainText('链接里的“题目数量”不对。');
		await expect(alert).toContainText('链接里的题组不在本设备上');
		await expect(alert).not.toContainText('must be');
		expect(await seriousA11yViolations(page)).toEqual([]);
	});

	test('a broken card list is refused line by line in Chinese', async ({ page }, info) => {
		await open(page, '/import');
		await page.getByLabel('要导入的文件').setInputFiles({
			name: 'words.csv',
			mimeType: 'text/plain',
			buffer: Buffer.from('rain,雨\nsnow\n,空\nrain,又一次\n'),
		});
		const errors = page.getByRole('alert');
		await expect(errors).toContainText('第 2 行：缺少背面');
		await expect(errors).toContainText('第 3 行：正面是空的。');
		await expect(errors).toContainText('第 4 行：正面与第 1 行重复。');
		await expect(errors).not.toContainText('no back');
		await errors.scrollIntoViewIfNeeded();
		await shot(page, 'import-errors-zh', info.project.name);
		expect(await seriousA11yViolations(page)).toEqual([]);
	});

	test('imported cards show no paragraphs, ids or file lines', async ({ page }) => {
		await open(page, '/import');
		await page.getByLabel('要导入的文件').setInputFiles({
			name: 'weather.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from('rain\t雨\tweather\nsnow\t雪\tweather\n'),
		});
		await page.getByRole('button', { name: '保存题库' }).click();
		await expect(page).toHaveURL(/\/deck\/weather\//);
		const items = page.getByRole('list', { name: '题目' }).locator(':scope > li');
		await expect(items).toHaveCount(2);
		await items.first().getByText('答案与解析').click();
		await expect(items.first()).not.toContainText('段');
		await expect(items.first()).not.toContainText('weather-');
		await expect(items.first()).not.toContainText('导入自');
		// Studied, a card shows its back: no file line, no paragraph.
		const deckPath = new URL(page.url()).pathname.replace('/deck/', '/study/');
		await open(page, deckPath);
		await page.getByRole('button', { name: '显示答案' }).click();
		const feedback = page.locator('.feedback');
		await expect(feedback).toContainText(/雨|雪/);
		await expect(feedback).not.toContainText('导入自');
		await expect(feedback).not.toContainText('出处');
		await open(page, '/');
		const bank = page.getByRole('region', { name: 'weather' });
		await expect(bank).toContainText('卡片来自 weather.txt');
		await expect(bank).not.toContainText('—');

		await open(page, '/stats');
		await page.getByLabel('显示').selectOption({ label: 'weather' });
		await expect(page.getByTestId('mastery-paragraph')).toHaveCount(0);
		await expect(page.getByTestId('mastery-tag')).toContainText('weather');
	});
});
