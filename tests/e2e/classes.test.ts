// A class that lasts longer than one game: a teacher (signed in) makes one, three students join
// on their own phones (by the QR code's link, by typing the code, and in Chinese), the teacher
// renames one and removes one, closes joining, and a student leaves. Each is told so in words.
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
import { phone, signUp } from './class-helpers';

// Signing up hashes the password with scrypt (32 MiB): on a busy two-core machine, seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

async function join(page: Page, code: string, name: string) {
	await page.getByLabel(/Class code|班级代码/).fill(code);
	await page.getByLabel(/Your name in this class|你在本班的名字/).fill(name);
	await page.getByRole('button', { name: /Join class|加入班级/ }).click();
}

test('a teacher makes a class; students join by QR link, by code and in Chinese; rename, remove, close, leave', async ({
	page,
	browser,
}, testInfo) => {
	budget(240_000);
	const dir = `test-results/classes-${testInfo.project.name}-${Date.now()}`;
	const server: OwnServer = await startServer(ownPort(33), { KIOKU_DB: `${dir}/kioku.db` });
	try {
		const base = server.base;
		// Signed out, the teacher's page says a class needs an account.
		await open(page, `${base}/teach`);
		await expect(
			page.getByText('A class belongs to your account: sign in to make one.'),
		).toBeVisible();
		await signUp(page, `Teacher${Date.now() % 100000}`);

		// The teacher makes the class.
		await open(page, `${base}/teach`);
		await expect(page.getByText('You have no classes yet.')).toBeVisible();
		await page.getByLabel('Class name').fill('Politics 10B');
		await page.getByRole('button', { name: 'Create class' }).click();
		await expect(page.getByRole('heading', { level: 1, name: /Politics 10B/ })).toBeVisible();
		const shown = (await page.getByTestId('class-code').textContent())!.trim();
		expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		const code = shown.replace('-', '');
		await expect(page.getByRole('figure', { name: 'QR code to join Politics 10B' })).toBeVisible();
		await expect(page.getByText('No students yet.', { exact: false })).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);

		// Ann follows the QR code's link: the code is filled in.
		const ann = await phone(browser, base);
		await open(ann, `/classes/join/${code}`);
		await expect(ann.getByLabel('Class code')).toHaveValue(code);
		await ann.getByLabel('Your name in this class').fill('Ann');
		await ann.getByRole('button', { name: 'Join class' }).click();
		await expect(ann.getByRole('heading', { level: 2, name: 'Politics 10B' })).toBeVisible();
		await expect(ann.getByText('Your name here: Ann')).toBeVisible();
		expect(await seriousA11yViolations(ann)).toEqual([]);
		expect(await overflowing(ann)).toEqual([]);
		// Scanning the code again on the same phone goes to the seat she has, not a second one.
		await open(ann, `/classes/join/${code}`);
		await ann.getByLabel('Your name in this class').fill('Ann');
		await ann.getByRole('button', { name: 'Join class' }).click();
		await expect(ann.getByRole('heading', { level: 1, name: 'My classes' })).toBeVisible();
		await expect(ann.getByRole('heading', { level: 2, name: 'Politics 10B' })).toHaveCount(1);

		// Bo types it as read off the board: lower case, with the dash.
		const bo = await phone(browser, base);
		await open(bo, '/classes/join');
		await join(bo, `${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`, 'Bo');
		await expect(bo.getByText('Your name here: Bo')).toBeVisible();

		// 小明 reads the page in Chinese; a second "Ann" in the class becomes "Ann 2".
		const ming = await phone(browser, base, 'zh-CN');
		await open(ming, '/classes/join');
		await expect(ming.getByRole('heading', { level: 1, name: '加入班级' })).toBeVisible();
		await join(ming, code, 'Ann');
		await expect(ming.getByText('你在本班的名字：Ann 2')).toBeVisible();
		expect(await overflowing(ming)).toEqual([]);

		// A code that is no class's is said plainly.
		const stray = await phone(browser, base);
		await open(stray, '/classes/join');
		await join(stray, 'ZZZZ-ZZZZ', 'Cy');
		await expect(stray.getByRole('alert')).toHaveText(
			'Could not join: no class has this code (or it was deleted).',
		);

		// The teacher's roster, in the order they joined; "Ann 2" is renamed to her real name.
		await page.reload();
		const roster = page.getByRole('list', { name: /^Students/ });
		await expect(roster.getByRole('listitem')).toHaveCount(3);
		await expect(roster.getByRole('listitem').nth(0)).toContainText('Ann');
		await expect(roster.getByRole('listitem').nth(1)).toContainText('Bo');
		await page.getByRole('button', { name: 'Rename Ann 2' }).click();
		await page.getByLabel('New name').fill('小明');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(roster.getByRole('listitem').nth(2)).toContainText('小明');
		await ming.reload();
		await expect(ming.getByText('你在本班的名字：小明')).toBeVisible();

		// Bo is removed (after a confirmation, Cancel first); his phone is told at its next look.
		await page.getByRole('button', { name: 'Remove Bo' }).click();
		const confirm = page.getByRole('dialog', { name: 'Remove Bo from the class?' });
		await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
		await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
		await expect(roster.getByRole('listitem')).toHaveCount(2);
		await bo.reload();
		await expect(bo.getByRole('status')).toContainText('no longer has your seat');
		await expect(bo.getByText('You are not in a class yet.')).toBeVisible();

		// Joining closed: a new student is refused, in words; the QR code is gone from the screen.
		await page.getByRole('button', { name: 'Close joining' }).click();
		await expect(
			page.getByText('Joining is closed: no one new can join with the code.'),
		).toBeVisible();
		await expect(page.getByRole('figure', { name: /QR code/ })).toHaveCount(0);
		await join(stray, code, 'Cy');
		await expect(stray.getByRole('alert')).toHaveText(
			'Could not join: the teacher has closed joining for this class.',
		);

		// Ann leaves the class herself; the teacher sees one student left.
		await open(ann, '/classes');
		await ann.getByRole('button', { name: 'Leave Politics 10B' }).click();
		await ann
			.getByRole('dialog', { name: 'Leave Politics 10B?' })
			.getByRole('button', { name: 'Leave' })
			.click();
		await expect(ann.getByText('You are not in a class yet.')).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { level: 2, name: 'Students (1)' })).toBeVisible();

		// The class list, then the class deleted: 小明's phone no longer lists it.
		await page.getByRole('link', { name: 'All your classes' }).click();
		await expect(page.getByRole('link', { name: 'Politics 10B' })).toBeVisible();
		await expect(page.getByText('Students: 1')).toBeVisible();
		await page.getByRole('link', { name: 'Politics 10B' }).click();
		await page.getByRole('button', { name: 'Delete class' }).click();
		await page
			.getByRole('dialog', { name: 'Delete Politics 10B?' })
			.getByRole('button', { name: 'Delete class' })
			.click();
		await expect(page.getByText('You have no classes yet.')).toBeVisible();
		await ming.reload();
		await expect(ming.getByText('你还没有加入任何班级。')).toBeVisible();
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});
