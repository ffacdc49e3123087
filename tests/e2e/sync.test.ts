// Sync across devices, as the issue describes it: two browser contexts signed in to one account,
// both offline, each reviews the same cards differently and one undoes an answer; back online,
// both end with the same log (the union minus the undone answer) and the same cards, which
// Check data confirms equal a replay of that log; a third context signing in gets the same.
//
// Needs the real server's sync endpoints (/api/sync/push, /api/sync/pull); accounts are made
// through /api/account/sign-up and /api/account/sign-in, as the account page makes them.
import type { Page } from '@playwright/test';
import { budget, expect, open, storedRecords, test } from './fixtures';
import { device, syncNow } from './sync-devices';

const SECURITY = '/study/us-japan-2023/security-defence';

/** Answers `times` cards with the key of `grade` (1 Again … 4 Easy), as a learner would. */
async function answer(page: Page, times: number, grade: '1' | '3') {
	const ratings = page.getByRole('group', { name: 'How well did you remember?' });
	for (let i = 0; i < times; i++) {
		const card = page.locator('article.card');
		// The last card's answer is gone: what is read now is the next card's.
		await expect(ratings).toBeHidden();
		await expect(card).toHaveAttribute('data-type', /.+/);
		const type = await card.getAttribute('data-type');
		const before = await card.textContent();
		if (type === 'flashcard') await page.keyboard.press('Space');
		else if (type === 'single' || type === 'truefalse') await page.keyboard.press('1');
		else if (type === 'short' || type === 'cloze') {
			await card.getByRole('textbox').first().fill('x');
			await page.keyboard.press('Enter');
		} else {
			// Multiple choice is checked with one option ticked, order as it stands.
			if (type === 'multi') await card.getByRole('checkbox').first().check();
			await card.getByRole('button', { name: 'Check' }).click();
		}
		// The grade counts only once the ratings are shown (a loaded machine draws them late).
		await expect(ratings).toBeVisible();
		await page.keyboard.press(grade);
		await expect(card).not.toHaveText(before ?? '');
	}
}

type Log = { id?: number; uid: string };

async function logs(page: Page) {
	const all = await storedRecords<Log>(page, 'logs');
	for (const log of all) delete log.id;
	return all.sort((a, b) => (a.uid < b.uid ? -1 : 1));
}

async function cards(page: Page) {
	return (await storedRecords<{ id: string }>(page, 'cards')).sort((a, b) =>
		a.id < b.id ? -1 : 1,
	);
}

async function checkData(page: Page) {
	await open(page, '/settings');
	await page.getByRole('button', { name: 'Check data' }).click();
	await expect(page.getByTestId('check-status')).toContainText(
		'all agree with their review history',
	);
}

test('two devices offline, one account: the same log and cards once back online, and on a third', async ({
	browser,
}) => {
	budget(120_000);
	const username = `learner${Date.now()}`;
	const phone = await device(browser, username, true);
	const laptop = await device(browser, username);
	await syncNow(phone.page);
	await syncNow(laptop.page);

	// The study screen is loaded online, then the network goes.
	await open(phone.page, SECURITY);
	await open(laptop.page, SECURITY);
	await phone.context.setOffline(true);
	await laptop.context.setOffline(true);
	await answer(phone.page, 3, '3');
	await answer(laptop.page, 3, '1');
	await phone.page.keyboard.press('z');
	await expect(phone.page.getByText('Answer undone.')).toBeVisible();
	expect(await logs(phone.page)).toHaveLength(2);

	await phone.context.setOffline(false);
	await laptop.context.setOffline(false);
	await syncNow(phone.page);
	await syncNow(laptop.page);
	await syncNow(phone.page);

	const union = await logs(phone.page);
	expect(union).toHaveLength(5); // 3 + 3, minus the undone one, nothing counted twice
	expect(await logs(laptop.page)).toEqual(union);
	expect(await cards(laptop.page)).toEqual(await cards(phone.page));
	await checkData(phone.page);
	await checkData(laptop.page);

	const third = await device(browser, username);
	await syncNow(third.page);
	expect(await logs(third.page)).toEqual(union);
	expect(await cards(third.page)).toEqual(await cards(phone.page));
	await checkData(third.page);

	for (const d of [phone, laptop, third]) await d.context.close();
});
