// Homework: a teacher sets an assignment to a class of three, each on their own phone. Ann does
// it on time; 陈 does it in Chinese with no network and her answers reach the teacher later, still
// on time; Bo does it after the deadline. The teacher's report shows each case, accepts a typed
// answer for everyone (Ann's score changes on her phone), and exports the results.
import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
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

/** Types the same answer to every question, Enter after each, until the end. */
async function answerAll(student: Page, text: string, questions: number, label: RegExp) {
	for (let i = 0; i < questions; i++) {
		await expect(student.getByText(new RegExp(`${i + 1}\\D+${questions}`)).first()).toBeVisible();
		const box = student.getByLabel(label);
		await box.fill(text);
		await box.press('Enter');
	}
}

test('homework: set, done on time, offline and late; the report, accept for everyone, CSV', async ({
	page,
	browser,
}, testInfo) => {
	budget(300_000);
	const dir = `test-results/assignments-${testInfo.project.name}-${Date.now()}`;
	const server: OwnServer = await startServer(ownPort(34), { KIOKU_DB: `${dir}/kioku.db` });
	try {
		const base = server.base;
		const code = await teacherWithClass(page, base, 'Politics 10B');

		const ann = await phone(browser, base);
		const bo = await phone(browser, base);
		const chen = await phone(browser, base, 'zh-CN');
		await joinAll(code, [
			[ann, 'Ann'],
			[bo, 'Bo'],
			[chen, '陈'],
		]);

		// The teacher sets three short-answer questions from one deck, open since an hour ago,
		// answers shown after the deadline (the default).
		await page.reload();
		await expect(page.getByText('No assignments yet.', { exact: false })).toBeVisible();
		await page.getByRole('link', { name: 'New assignment' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'New assignment' })).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByLabel('Title').fill('Week 1: security');
		await page.getByRole('checkbox', { name: /Security & defence/ }).check();
		for (const type of [
			'Single choice',
			'Multiple choice',
			'True or false',
			'Fill in the blank',
			'Put in order',
		])
			await page.getByRole('checkbox', { name: type, exact: true }).uncheck();
		await page.getByLabel('Number of questions').fill('3');
		await page.getByLabel('Opens').fill(await localInput(page, Date.now() - 3_600_000));
		await expect(page.getByRole('radio', { name: 'After the deadline' })).toBeChecked();
		await page.getByRole('button', { name: 'Set assignment' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Week 1: security' })).toBeVisible();
		const students = page.getByRole('region', { name: 'Students' }).getByRole('row');
		await expect(students).toHaveCount(4); // the header and three students
		for (const row of await students.all().then((r) => r.slice(1)))
			await expect(row).toContainText('Not started');
		const reportUrl = page.url();

		// Ann, on time, from her class page; every answer wrong ("hard power").
		await open(ann, '/classes');
		await ann.getByRole('link', { name: 'Week 1: security' }).click();
		await answerAll(ann, 'hard power', 3, /Your answer/);
		await expect(
			ann.getByRole('status').filter({ hasText: 'Finished. Your teacher has your answers.' }),
		).toBeVisible();
		await expect(
			ann.getByText('Your teacher shows the right answers after the deadline', { exact: false }),
		).toBeVisible();
		expect(await seriousA11yViolations(ann)).toEqual([]);
		expect(await overflowing(ann)).toEqual([]);

		// 陈 opens it, then loses the network: her answers wait on the phone.
		await open(chen, '/classes');
		await chen.getByRole('link', { name: 'Week 1: security' }).click();
		await expect(chen.getByLabel('你的答案')).toBeVisible();
		await chen.context().setOffline(true);
		await answerAll(chen, '硬实力', 3, /你的答案/);
		await expect(
			chen.getByRole('status').filter({ hasText: '3 个回答保存在本设备上' }),
		).toBeVisible();
		const chenDone = Date.now();

		await page.reload();
		await expect(students.filter({ hasText: 'Ann' })).toContainText('Done');
		await expect(students.filter({ hasText: '陈' })).toContainText('Not started');

		// The deadline moves to the minute after 陈 finished, and passes.
		const due = Math.ceil((chenDone + 1) / 60_000) * 60_000;
		await page.getByRole('button', { name: 'Change the deadline' }).click();
		await page.getByLabel('Deadline').fill(await localInput(page, due));
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('button', { name: 'Change the deadline' })).toBeVisible();
		await page.waitForTimeout(Math.max(0, due - Date.now() + 1000));

		// 陈's network is back: what she did before the deadline arrives, and is not late.
		await chen.context().setOffline(false);
		await expect(chen.getByRole('status').filter({ hasText: '老师已收到你的回答' })).toBeVisible();
		// Bo does it now, after the deadline.
		await open(bo, '/classes');
		await bo.getByRole('link', { name: 'Week 1: security' }).click();
		await answerAll(bo, 'hard power', 3, /Your answer/);
		await expect(bo.getByRole('status').filter({ hasText: 'Finished.' })).toBeVisible();

		await page.goto(reportUrl);
		await expect(students.filter({ hasText: 'Ann' })).toContainText('Done');
		await expect(students.filter({ hasText: '陈' })).toContainText('Done');
		await expect(students.filter({ hasText: 'Bo' })).toContainText('Done late');
		await expect(students.filter({ hasText: 'Ann' })).toContainText('0 / 3');
		expect(await seriousA11yViolations(page)).toEqual([]);

		// After the deadline Ann sees her answers marked, with the right ones.
		await ann.reload();
		await expect(ann.getByText('0 of 3 right')).toBeVisible();
		await expect(ann.getByText('Right answer:', { exact: false })).toHaveCount(3);

		// Ann's and Bo's "hard power" is the commonest wrong answer of each question; the teacher
		// accepts it on the first, and Ann's score changes.
		const first = page
			.getByRole('listitem')
			.filter({ hasText: 'Most common wrong answers' })
			.first();
		await expect(first).toContainText('2 students');
		await first.getByRole('button', { name: /^Accept for everyone ?: “hard power”$/ }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is now accepted' })).toBeVisible();
		await expect(students.filter({ hasText: 'Ann' })).toContainText('1 / 3');
		await ann.reload();
		await expect(ann.getByText('1 of 3 right')).toBeVisible();
		await expect(ann.getByText('accepted by your teacher', { exact: false })).toBeVisible();

		// The results as a spreadsheet reads them: one row per student.
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Results (CSV)' }).click();
		const csv = readFileSync(await (await download).path(), 'utf8');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const lines = csv.slice(1).trim().split(/\r?\n/);
		expect(lines).toHaveLength(4);
		expect(lines.find((l) => l.includes('"Bo"'))).toMatch(/late/);
		expect(lines.find((l) => l.includes('"陈"'))).toBeDefined();

		// And the class gradebook, from the class page.
		await page.getByRole('link', { name: 'Back to the class' }).click();
		await expect(page.getByRole('link', { name: 'Week 1: security' })).toBeVisible();
		await expect(page.getByText('Done 2 · late 1', { exact: false })).toBeVisible();
		const book = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Gradebook (CSV)' }).click();
		const gradebook = readFileSync(await (await book).path(), 'utf8');
		expect(gradebook.slice(1).trim().split(/\r?\n/)).toHaveLength(4);
		expect(gradebook).toContain('Week 1: security');
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

/** The deck's questions of one type, as the YAML has them: id and English prompt. */
function promptsOf(type: string): string[] {
	const text = readFileSync('questions/us-japan-2023/security-defence.yaml', 'utf8');
	return (parse(text) as { questions: { type: string; prompt: { en: string } }[] }).questions
		.filter((q) => q.type === type)
		.map((q) => q.prompt.en);
}

test('homework of questions chosen by hand: found by their words, ticked by keyboard, asked exactly', async ({
	page,
	browser,
}, testInfo) => {
	budget(240_000);
	const dir = `test-results/hand-picked-${testInfo.project.name}-${Date.now()}`;
	const server: OwnServer = await startServer(ownPort(53), { KIOKU_DB: `${dir}/kioku.db` });
	try {
		const base = server.base;
		const code = await teacherWithClass(page, base, 'Politics 10C');
		const ann = await phone(browser, base);
		await joinAll(code, [[ann, 'Ann']]);
		await page.reload();
		await page.getByRole('link', { name: 'New assignment' }).click();
		await page.getByLabel('Title').fill('Two I chose');
		await page.getByRole('checkbox', { name: /Security & defence/ }).check();
		await page.getByRole('radio', { name: 'Chosen one by one' }).check();
		await expect(page.getByLabel('Number of questions')).toHaveCount(0);
		const chosen = [promptsOf('truefalse')[0], promptsOf('single')[0]];
		const find = page.getByLabel('Find a question by its words');
		for (const prompt of chosen) {
			// A few of its words find it; Space ticks it.
			await find.fill(prompt.split(' ').slice(1, 4).join(' '));
			const box = page.getByRole('checkbox', { name: prompt });
			await box.focus();
			await page.keyboard.press('Space');
			await expect(box).toBeChecked();
		}
		await find.fill('');
		await expect(
			page.getByRole('status').filter({ hasText: 'Chosen: 2 (at most 200)' }),
		).toBeVisible();
		await page.screenshot({
			path: 'test-results/screenshots/assign-hand-picked.png',
			fullPage: true,
		});
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.setViewportSize({ width: 412, height: 915 });
		expect(await overflowing(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/assign-hand-picked-phone.png' });
		await page.getByLabel('Opens').fill(await localInput(page, Date.now() - 3_600_000));
		await page.getByRole('button', { name: 'Set assignment' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Two I chose' })).toBeVisible();

		// The student is asked those two, and only those.
		await open(ann, '/classes');
		await ann.getByRole('link', { name: 'Two I chose' }).click();
		await expect(ann.getByText(/1\D+2/).first()).toBeVisible();
		const first = (await ann.getByRole('heading', { level: 2 }).first().textContent())!.trim();
		expect(chosen).toContain(first);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});
