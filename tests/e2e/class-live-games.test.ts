// A live game hosted for a class: the teacher hosts it from the class page, two students of the
// class join from their phones (one typed another name: the roster's wins) and a guest joins
// without a seat. When the game ends, the class page lists it with each student's right answers
// (the guest is not there), the gradebook has a row per student for it, and what the class
// knows is no longer empty. Screenshots of the host form and the class page, phone and desktop.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
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
import { joinAll, phone, teacherWithClass } from './class-helpers';

// Signing up hashes the password with scrypt (32 MiB): on a busy two-core machine, seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

/** Every true/false question of the built-in bank: English prompt → the right answer. */
const TRUTH = new Map(
	readdirSync('questions/us-japan-2023')
		.filter((f) => f.endsWith('.yaml') && f !== 'source.yaml')
		.flatMap(
			(f) =>
				(
					parse(readFileSync(`questions/us-japan-2023/${f}`, 'utf8')) as {
						questions: { type: string; prompt: { en: string }; answer?: boolean }[];
					}
				).questions,
		)
		.filter((q) => q.type === 'truefalse')
		.map((q) => [q.prompt.en, q.answer!]),
);

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/class-game-${name}.png`, fullPage: true });

/** Answers the open true/false question on a phone, right or wrong as asked. */
async function answer(student: Page, right: boolean, labels: [string, string]) {
	const heading = student.getByRole('heading', { level: 1 });
	await expect(student.getByRole('button', { name: labels[0] })).toBeVisible();
	const truth = TRUTH.get((await heading.textContent())!.trim());
	expect(truth).toBeDefined();
	await student.getByRole('button', { name: truth === right ? labels[0] : labels[1] }).click();
}

test('a live game hosted for a class: students play as their seats, the class keeps the results', async ({
	page: teacher,
	browser,
}, testInfo) => {
	budget(300_000);
	const dir = `test-results/class-games-${testInfo.project.name}-${Date.now()}`;
	const server: OwnServer = await startServer(ownPort(52), { KIOKU_DB: `${dir}/kioku.db` });
	try {
		const base = server.base;
		const classCode = await teacherWithClass(teacher, base, 'History 11A');
		const classId = new URL(teacher.url()).pathname.split('/').pop()!;
		const ann = await phone(browser, base);
		const bo = await phone(browser, base, 'zh-CN');
		await joinAll(classCode, [
			[ann, 'Ann'],
			[bo, 'Bo 波'],
		]);
		await expect(teacher.getByRole('heading', { name: 'Live games' })).toBeVisible();
		await expect(
			teacher.getByText('No live game has been hosted for this class yet.'),
		).toBeVisible();

		// The class page's button opens the game form for this class, ticked.
		await teacher.getByRole('link', { name: 'Host a live game for this class' }).click();
		const forClass = teacher.getByRole('checkbox', {
			name: /Record the results in the class “History 11A”/,
		});
		await expect(forClass).toBeChecked();
		await teacher.getByLabel('Number of questions').fill('1');
		await teacher.getByLabel('Seconds to read before answers open').fill('0');
		await teacher.getByLabel('Seconds to answer').fill('120');
		for (const type of ['Single choice', 'Multiple choice', 'Put in order', 'Short answer'])
			await teacher.getByRole('checkbox', { name: type }).uncheck();
		await shot(teacher, 'host-form');
		expect(await seriousA11yViolations(teacher)).toEqual([]);
		await teacher.getByRole('button', { name: 'Create game' }).click();
		const code = (await teacher.getByTestId('game-code').textContent())!.trim();
		expect(code).toMatch(/^\d{6}$/);

		// Ann typed another name: she plays as the class knows her. Bo's phone offers his own.
		await open(ann, `/join/${code}`);
		await expect(ann.getByText('In a game hosted for your class')).toBeVisible();
		await ann.getByLabel('Your name').fill('Annie');
		await ann.getByRole('button', { name: 'Join' }).click();
		await expect(ann.getByText("You're in!")).toBeVisible();
		await open(bo, `/join/${code}`);
		await expect(bo.getByLabel('你的名字')).toHaveValue('Bo 波');
		await bo.getByRole('button', { name: '加入' }).click();
		await expect(bo.getByText('已加入！')).toBeVisible();
		// A guest: no seat on this phone, so their own nickname, and nothing kept for the class.
		const gus = await phone(browser, base);
		await open(gus, `/join/${code}`);
		await gus.getByLabel('Your name').fill('Gus');
		await gus.getByRole('button', { name: 'Join' }).click();
		await expect(gus.getByText("You're in!")).toBeVisible();
		await expect(teacher.getByText('Players: 3')).toBeVisible();
		for (const name of ['Ann', 'Bo 波', 'Gus'])
			await expect(teacher.getByText(name, { exact: true })).toBeVisible();
		await expect(teacher.getByText('Annie')).toHaveCount(0);

		// One question: Ann right, Bo wrong, Gus right; then the leaderboard and the end.
		await teacher.getByRole('button', { name: 'Start' }).click();
		await answer(ann, true, ['True', 'False']);
		await answer(bo, false, ['对', '错']);
		await answer(gus, true, ['True', 'False']);
		await expect(teacher.getByTestId('distribution')).toBeVisible();
		await teacher.getByRole('button', { name: 'Next' }).click();
		await expect(teacher.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
		await teacher.getByRole('button', { name: 'Next' }).click();
		await expect(teacher.getByRole('heading', { name: 'Podium' })).toBeVisible();

		// The class page: the game, its two students (not the guest), right answers apart from points.
		await open(teacher, `${base}/teach/${classId}`);
		const game = teacher.getByRole('region', { name: 'Live games' }).getByRole('listitem');
		await expect(game).toHaveCount(1);
		await expect(game).toContainText('Questions: 1 · played: 2 of 2 · right: 50%');
		await game.locator('summary').click();
		const rows = game.getByRole('row');
		await expect(rows).toHaveCount(3);
		await expect(rows.nth(1)).toContainText('Ann');
		await expect(rows.nth(1)).toContainText('1 of 1');
		await expect(rows.nth(2)).toContainText('Bo 波');
		await expect(rows.nth(2)).toContainText('0 of 1');
		await expect(game).not.toContainText('Gus');
		// What the class knows now counts the game's answers.
		await expect(teacher.getByText('Nothing yet: this fills in')).toHaveCount(0);
		await expect(teacher.getByRole('heading', { name: 'By paragraph' })).toBeVisible();
		// The gradebook, offered now though the class has no homework, has the game for each student.
		const csv = await teacher.evaluate(
			async (href) => (await fetch(href)).text(),
			`/api/classes/${classId}/gradebook.csv`,
		);
		await expect(teacher.getByRole('link', { name: 'Gradebook (CSV)' })).toBeVisible();
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/);
		expect(lines).toHaveLength(3);
		// Every cell is quoted (csv.ts): student, assignment, score, out of, percent, status, late.
		const row = (student: string, score: number, percent: number) =>
			new RegExp(
				`^"${student}","Live game [0-9-]+ [0-9:]+ UTC \\(${code}\\)","${score}","1","${percent}","done","no"$`,
			);
		expect(lines[1]).toMatch(row('Ann', 1, 100));
		expect(lines[2]).toMatch(row('Bo 波', 0, 0));
		await shot(teacher, 'class-page-desktop');
		expect(await seriousA11yViolations(teacher)).toEqual([]);
		await teacher.setViewportSize({ width: 412, height: 915 });
		expect(await overflowing(teacher)).toEqual([]);
		await shot(teacher, 'class-page-phone');

		// In Chinese: the same game, its figures in Chinese words.
		await teacher.getByRole('button', { name: '中文' }).click();
		const section = teacher.getByRole('region', { name: '课堂游戏' });
		await expect(section.getByText('题目：1 · 参加：2/2 · 答对：50%')).toBeVisible();
		await section.locator('summary').click();
		await expect(section.getByRole('row').nth(1)).toContainText('1 / 1');
		await expect(section.getByRole('link', { name: '为本班主持课堂游戏' })).toBeVisible();
		expect(await overflowing(teacher)).toEqual([]);
		await shot(teacher, 'class-page-phone-zh');
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});
