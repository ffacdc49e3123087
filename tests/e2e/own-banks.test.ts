// Bringing your own bank: import a file, study it like a built-in deck, see the statistics
// change, export it again; a broken file is refused line by line with nothing saved; and the
// FSRS optimizer runs in this real browser on the learner's reviews.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
	budget,
	expect,
	open,
	PHONE,
	seriousA11yViolations,
	storedCount,
	storedRecords,
	test,
} from './fixtures';

const ANKI = [
	'#separator:tab',
	'#html:false',
	'山\tmountain\tkanji',
	'川\triver\tkanji',
	'<script>alert(1)</script>\tshown as text\tsafety',
].join('\n');

async function chooseFile(page: Page, name: string, text: string, label = 'File to import') {
	await page
		.getByLabel(label)
		.setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

async function download(page: Page, button: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: button }).click(),
	]);
	return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

test.describe('your own banks', () => {
	test('import an Anki file, study it, see the statistics change, export it again', async ({
		page,
	}) => {
		// A whole journey over six screens (import, study, statistics, a focused study, a test,
		// export): on an emulated phone beside another worker it outlasts the default 30 s.
		test.slow();
		page.on('dialog', () => {
			throw new Error('a script in the file ran');
		});
		await open(page, '/import');
		await chooseFile(page, 'kanji.txt', ANKI);
		await expect(page.getByText('Ready to import: 3 questions in 1 deck.')).toBeVisible();
		// Text stays text: the script is a cell of the preview, and nothing ran.
		await expect(page.getByRole('cell', { name: '<script>alert(1)</script>' })).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Save the bank' }).click();
		await expect(page).toHaveURL(/\/deck\/kanji\/kanji$/);
		await expect(page.getByText('山', { exact: true }).first()).toBeVisible();

		// Listed on the home page under "Your banks".
		await open(page, '/');
		const yours = page.getByRole('region', { name: 'Your banks' });
		await expect(yours.getByRole('link', { name: 'Study kanji' })).toBeVisible();

		await open(page, '/stats');
		await expect(page.getByTestId('reviews-year')).toHaveText('0');

		await open(page, '/study/kanji/kanji');
		const ratings = page.getByRole('group', { name: 'How well did you remember?' });
		for (let i = 0; i < 3; i++) {
			await expect(page.locator('article.card')).toBeVisible();
			await page.keyboard.press('Space');
			await expect(ratings).toBeVisible();
			await page.keyboard.press('3');
			await expect(ratings).toBeHidden();
		}
		await expect.poll(() => storedCount(page, 'logs')).toBe(3);

		await open(page, '/stats');
		await page.getByLabel('Show').selectOption({ label: 'kanji' });
		await expect(page.getByTestId('reviews-year')).toHaveText('3');
		await expect(page.getByTestId('streak')).toHaveText('1 day');
		await expect(page.locator('[data-testid=heatmap] rect').last()).toHaveAttribute(
			'data-count',
			'3',
		);
		const states = page.getByTestId('states-chart').locator('rect');
		// New, learning, review, relearning, suspended: the three cards are now learning.
		await expect(states.nth(1)).toHaveAttribute('data-value', '3');
		await expect(page.getByTestId('mastery-tag').getByRole('row', { name: /kanji/ })).toContainText(
			'2/2',
		);
		expect(await seriousA11yViolations(page)).toEqual([]);
		// Flashcards cannot be graded by a test: no practice test for them, but they can be studied
		// now, every card of the group, though none is due until later today.
		const kanjiTag = page.getByTestId('mastery-tag').getByRole('row', { name: /kanji/ });
		await expect(kanjiTag.getByRole('link', { name: /^Practice test/ })).toHaveCount(0);
		await kanjiTag.getByRole('link', { name: 'Study every card of kanji' }).click();
		await expect(page).toHaveURL(/\/study\/focus\?tag=kanji&deck=kanji%2Fkanji$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Study kanji');
		const seen: string[] = [];
		for (let i = 0; i < 2; i++) {
			await expect(page.locator('article.card')).toBeVisible();
			seen.push((await page.locator('#card-prompt').textContent())!.trim());
			await page.keyboard.press('Space');
			await expect(ratings).toBeVisible();
			await page.keyboard.press('4');
			await expect(ratings).toBeHidden();
		}
		expect(seen.sort()).toEqual(['山', '川']);
		await expect(page.getByText('You have studied every card of this group.')).toBeVisible();
		await expect.poll(() => storedCount(page, 'logs')).toBe(5);
		expect(await seriousA11yViolations(page)).toEqual([]);

		// The built-in bank's weakest paragraph, practised: a test of exactly its questions.
		await open(page, '/stats');
		await page
			.getByTestId('mastery-paragraph')
			.getByRole('link', { name: /^Practice test of/ })
			.first()
			.click();
		await expect(page).toHaveURL(/\/test\/run\?.*only=/);
		// Every question of the group, however the test's shuffle orders the decks' questions.
		const only = new URL(page.url()).searchParams.get('only')!.split(',');
		await expect(page.getByText(`Question 1 of ${only.length}`, { exact: true })).toBeVisible();

		await open(page, '/deck/kanji/kanji');
		const anki = await download(page, 'Anki text file');
		expect(anki.name).toBe('kanji-kanji-anki.txt');
		expect(anki.text).toContain('#separator:tab');
		expect(anki.text).toMatch(/^山\t"mountain\n/m);
		const yaml = await download(page, 'Kioku YAML');
		expect(yaml.text).toContain('back:');
		// The exported YAML imports again, as the same bank: it replaces it, progress kept.
		await open(page, '/import');
		await chooseFile(page, 'kanji.yaml', yaml.text);
		await expect(page.getByText('Ready to import: 3 questions in 1 deck.')).toBeVisible();
		await expect(page.getByText(/This replaces the same bank imported on/)).toBeVisible();
	});

	test(
		'a practice test on an imported vocabulary list asks multiple choice and typed answers, both ways, and feeds each card',
		PHONE,
		async ({ page }) => {
			const words: [string, string][] = [
				['天空', 'sky'],
				['海', 'sea'],
				['山', 'mountain'],
				['河', 'river'],
				['树', 'tree'],
			];
			const answerTo = new Map(
				words.flatMap(([front, back]) => [
					[front, back],
					[back, front],
				]),
			);
			await open(page, '/import');
			await chooseFile(page, 'words.tsv', words.map((w) => w.join('\t')).join('\n'));
			await expect(page.getByText('Ready to import: 5 questions in 1 deck.')).toBeVisible();
			await page.getByRole('button', { name: 'Save the bank' }).click();
			await expect(page).toHaveURL(/\/deck\/words\/words$/);

			await open(
				page,
				'/test/run?d=words%2Fwords&n=12&t=single%2Cshort&p=all&tl=none&fb=e&pc=0&fs=1&sh=1&l=en&s=words1',
			);
			const card = page.locator('article.card');
			const kinds = new Set<string>();
			for (let i = 0; i < 12; i++) {
				await expect(card).toBeVisible();
				const prompt = (await page.locator('#test-prompt').textContent())!.trim();
				const right = answerTo.get(prompt);
				expect(right, `a prompt made from a card: "${prompt}"`).toBeDefined();
				const type = (await card.getAttribute('data-type'))!;
				kinds.add(`${type}:${/\p{Script=Han}/u.test(prompt) ? 'front' : 'back'}`);
				if (type === 'single') {
					const options = await card.locator('.options button').allTextContents();
					expect(options).toHaveLength(4);
					await card.locator('.options button').filter({ hasText: right! }).click();
				} else {
					expect(type).toBe('short');
					await card.locator('input[type=text]').fill(right!);
					await card.locator('input[type=text]').press('Enter');
				}
				if (i < 11) await expect(page.locator('#test-prompt')).not.toHaveText(prompt);
			}
			await expect(page.locator('#score')).toHaveText('Score: 12 of 12 (100%)');
			// Both kinds, both ways.
			expect([...kinds].sort()).toEqual([
				'short:back',
				'short:front',
				'single:back',
				'single:front',
			]);
			// Every answer is a review of the card it was made from: no card is invented.
			const cards = await storedRecords<{ id: string }>(page, 'cards');
			expect(cards.length).toBeGreaterThan(0);
			expect(cards.length).toBeLessThanOrEqual(words.length);
			for (const c of cards) expect(c.id).toMatch(/^words-[a-z0-9]+$/);
			expect(await storedCount(page, 'logs')).toBe(12);
		},
	);

	test('a Quizlet list is pasted, named, read answer-first and made both ways; a file can be dropped on the page', async ({
		page,
	}) => {
		await open(page, '/import');
		await page.getByLabel('Bank name (optional)').fill('Weather words');
		await page.getByLabel('Deck name (optional)').fill('Week 1');
		await page.getByRole('radio', { name: 'the second column' }).check();
		await page.getByRole('checkbox', { name: 'Also make each card the other way round' }).check();
		await page.getByLabel('Or paste a list of cards').fill('rain\t雨\nsnow\t雪\nwind\t风');
		await page.getByRole('button', { name: 'Read the list' }).click();
		await expect(page.getByText('Ready to import: 6 questions in 1 deck.')).toBeVisible();
		// The preview shows the front as chosen: the second column.
		await expect(page.getByRole('row').nth(1)).toContainText('雨');
		await expect(page.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('雨');
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Save the bank' }).click();
		await expect(page).toHaveURL(/\/deck\/weather-words\/week-1$/);
		await expect(page.getByRole('heading', { name: 'Week 1' })).toBeVisible();

		// A file dropped on the box is read like a chosen one.
		await open(page, '/import');
		const dropped = await page.evaluateHandle(() => {
			const data = new DataTransfer();
			data.items.add(new File(['晴\tsunny\n阴\tcloudy'], 'sky.tsv', { type: 'text/plain' }));
			return data;
		});
		await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
		await expect(page.getByText('Ready to import: 2 questions in 1 deck.')).toBeVisible();
	});

	test('a broken file is refused with its lines, and nothing is saved', async ({ page }) => {
		await open(page, '/import');
		await chooseFile(page, 'broken.csv', 'front,back\n"unclosed,oops\nfine,ok\n,missing front\n');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('broken.csv cannot be imported');
		await expect(alert).toContainText(/line \d/);
		await expect(page.getByRole('button', { name: 'Save the bank' })).toHaveCount(0);
		expect(await storedCount(page, 'banks')).toBe(0);
	});

	test('the FSRS optimizer fits parameters to the reviews on this device', async ({ page }) => {
		budget(120_000);
		await open(page, '/settings');
		// 150 cards studied on days 0, 2, 7 and 20: 450 items for the optimizer.
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const req = indexedDB.open('kioku');
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						const tx = req.result.transaction(['logs', 'cards'], 'readwrite');
						const logs = tx.objectStore('logs');
						const cards = tx.objectStore('cards');
						const day = 86_400_000;
						const start = Date.now() - 60 * day;
						let seed = 7;
						const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
						for (let c = 0; c < 150; c++) {
							cards.put({
								...{ id: `card-${c}`, deck: 'us-japan-2023/security-defence', due: start },
								...{ stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0 },
								...{ learningSteps: 0, reps: 4, lapses: 0, state: 2 },
								...{ suspended: false, buriedUntil: 0, leech: false },
							});
							[0, 2, 7, 20].forEach((d, i) => {
								logs.add({
									...{ cardId: `card-${c}`, deck: 'us-japan-2023/security-defence' },
									rating: i === 0 ? 3 : random() < 0.8 ? 3 : 1,
									...{ review: start + d * day + c * 1000, durationMs: 4000, config: 'c0' },
									...{ state: i === 0 ? 0 : 2, due: start, stability: 1, difficulty: 5 },
									...{ elapsedDays: d, lastElapsedDays: 0, scheduledDays: d, learningSteps: 0 },
								});
							});
						}
						tx.oncomplete = () => resolve();
						tx.onerror = () => reject(tx.error);
					};
				}),
		);
		await page.reload();
		await expect(page.locator('html[data-ready]')).toBeAttached();
		await page.getByRole('button', { name: 'Optimise' }).click();
		const result = page.getByTestId('fsrs-result');
		await expect(result).toBeVisible({ timeout: 90_000 });
		const [current, fitted] = await Promise.all(
			[2, 3].map(async (col) =>
				Number(await result.locator(`tbody tr:first-child td:nth-child(${col})`).textContent()),
			),
		);
		expect(fitted).toBeLessThan(current);
		await page.getByRole('button', { name: 'Use the fitted parameters' }).click();
		// The seeded cards are rescheduled from their history with the fitted parameters.
		await expect(page.getByText(/decks use the fitted parameters, and 150 cards/)).toBeVisible();
		const weights = await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const req = indexedDB.open('kioku');
					req.onsuccess = () => {
						const all = req.result.transaction('deckOptions').objectStore('deckOptions').getAll();
						all.onsuccess = () =>
							resolve(
								(all.result as { options: { weights?: number[] } }[])[0]?.options.weights?.length ??
									0,
							);
					};
				}),
		);
		expect(weights).toBe(21);
	});
});

test.describe('in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test(
		'the statistics, focused study and import screens speak Chinese',
		PHONE,
		async ({ page }) => {
			await open(page, '/stats');
			await expect(page.getByRole('heading', { level: 1, name: '统计' })).toBeVisible();
			await expect(page.getByRole('heading', { name: '真实保留率' })).toBeVisible();
			expect(await seriousA11yViolations(page)).toEqual([]);
			// The weakest paragraph, studied now: a card of that paragraph, in Chinese.
			await page
				.getByTestId('mastery-paragraph')
				.getByRole('link', { name: /^学习.*的全部卡片$/ })
				.first()
				.click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^专项学习：.+第 \d+ 段$/);
			await expect(page.getByText(/无论是否到期/)).toBeVisible();
			await expect(page.locator('article.card')).toBeVisible();
			expect(await seriousA11yViolations(page)).toEqual([]);
			// A link that names no group says so, and offers the way back.
			await open(page, '/study/focus?bank=kishida');
			await expect(page.getByText('这个链接没有指明任何卡片组。')).toBeVisible();
			await expect(page.getByRole('link', { name: /返回统计/ })).toBeVisible();
			await open(page, '/import');
			await expect(page.getByRole('heading', { level: 1, name: '导入题库' })).toBeVisible();
		},
	);

	test('a hand-written Kioku bank with mistakes is refused in Chinese, line by line', async ({
		page,
	}) => {
		const bank = [
			'title: { zh: "示例", en: "Demo" }',
			'source: { title: "A", author: "B", publisher: "C", date: "2023-01", url: "https://example.org/" }',
			'paragraphs: 3',
			'summaries: { 2: { zh: "二", en: "Two" } }',
			'tags: { demo: { zh: "示例", en: "Demo" } }',
			'decks:',
			'  - id: d',
			'    title: { zh: "题组", en: "Deck" }',
			'    questions:',
			'      - id: demo-001',
			'        type: single',
			'        prompt: { zh: "哪个？", en: "Which?" }',
			'        options:',
			'          - { zh: "甲", en: "A", correct: true }',
			'          - { zh: "乙", en: "B", correct: true }',
			'          - { zh: "丙", en: "C" }',
			'        explaination: { zh: "因为。", en: "Because." }',
			'        source: { paragraph: 2 }',
			'        tags: [demo]',
		].join('\n');
		await open(page, '/import');
		await chooseFile(page, 'broken.yaml', bank, '要导入的文件');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('无法导入 broken.yaml');
		const lines = alert.getByRole('listitem');
		await expect(lines).toHaveText([
			'第 10 行第 9 列：demo-001：缺少字段 `explanation`。',
			'第 17 行第 9 列：demo-001：未知字段 `explaination`：请检查拼写，或者删掉它。',
		]);
		// Said in Chinese only: no English detail under it.
		await expect(alert).not.toContainText('英文说明');
		expect(await seriousA11yViolations(page)).toEqual([]);
		// Mistakes a schema does not see are said in Chinese too.
		await chooseFile(
			page,
			'broken.yaml',
			bank.replace('explaination', 'explanation'),
			'要导入的文件',
		);
		await expect(lines).toHaveText([
			'第 13 行第 9 列：demo-001：单选题必须恰好有一个正确选项，这里有 2 个。',
		]);
		await expect(page.getByRole('button', { name: '保存题库' })).toHaveCount(0);
		expect(await storedCount(page, 'banks')).toBe(0);
	});

	test('an Anki file with a header Kioku cannot read is refused in Chinese', async ({ page }) => {
		await open(page, '/import');
		const anki = ANKI.replace('#separator:tab', '#separator:Tab-ish').replace(
			'#html:false',
			'#tags column:x',
		);
		await chooseFile(page, 'kanji.txt', anki, '要导入的文件');
		const lines = page.getByRole('alert').getByRole('listitem');
		await expect(lines).toHaveText([
			'第 1 行：文件头 `#separator:` 写的是“Tab-ish”，Kioku 不认识这种分隔符（可用制表符、逗号、分号、竖线、冒号或空格）。',
			'第 2 行：文件头 `#tags column:` 写的是“x”，这不是列号（应为 1、2……）。',
		]);
		await expect(page.getByRole('alert')).not.toContainText('not a');
		await expect(page.getByRole('button', { name: '保存题库' })).toHaveCount(0);
	});
});
