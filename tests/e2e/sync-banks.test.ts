// Imported banks and practice-test results sync, as the issue asks: device A imports a list of
// cards, studies two of them and takes a short practice test; device B, signed in to the same
// account, has the bank after a sync (studyable, with A's progress on it) and the test's result;
// A deletes the bank, and after B syncs it is gone there too.
//
// Needs the real server's sync and account endpoints, as tests/e2e/sync.test.ts does.
import type { Page } from '@playwright/test';
import { budget, expect, open, storedCount, storedRecords, test } from './fixtures';
import { device, syncNow } from './sync-devices';

const WORDS: [string, string][] = [
	['天空', 'sky'],
	['海', 'sea'],
	['山', 'mountain'],
	['河', 'river'],
	['树', 'tree'],
];
const DECK = 'words/words';

type Card = { id: string; deck: string; reps: number; due: number };

async function studied(page: Page) {
	const cards = await storedRecords<Card>(page, 'cards');
	return cards
		.filter((c) => c.deck === DECK)
		.map(({ id, reps, due }) => ({ id, reps, due }))
		.sort((a, b) => (a.id < b.id ? -1 : 1));
}

test('a bank imported, studied and tested on one device is on the other, and deleted on both', async ({
	browser,
}) => {
	budget(150_000);
	const username = `banks${Date.now()}`;
	const a = await device(browser, username, true);
	await syncNow(a.page);

	// A imports a list of cards…
	await open(a.page, '/import');
	await a.page.getByLabel('File to import').setInputFiles({
		name: 'words.tsv',
		mimeType: 'text/plain',
		buffer: Buffer.from(WORDS.map((w) => w.join('\t')).join('\n')),
	});
	await expect(a.page.getByText('Ready to import: 5 questions in 1 deck.')).toBeVisible();
	await a.page.getByRole('button', { name: 'Save the bank' }).click();
	await expect(a.page).toHaveURL(/\/deck\/words\/words$/);

	// …studies two cards…
	await open(a.page, '/study/words/words');
	const ratings = a.page.getByRole('group', { name: 'How well did you remember?' });
	for (let i = 0; i < 2; i++) {
		await expect(a.page.locator('article.card')).toBeVisible();
		await expect(ratings).toBeHidden();
		await a.page.keyboard.press('Space');
		await expect(ratings).toBeVisible();
		await a.page.keyboard.press('3');
	}
	await expect.poll(() => storedCount(a.page, 'logs')).toBe(2);

	// …and takes a short practice test that does not count as reviews.
	const answerTo = new Map(
		WORDS.flatMap(
			([zh, en]) =>
				[
					[zh, en],
					[en, zh],
				] as const,
		),
	);
	await open(
		a.page,
		'/test/run?d=words%2Fwords&n=2&t=single&p=all&tl=none&fb=e&pc=0&fs=0&sh=1&l=en&s=words1',
	);
	const card = a.page.locator('article.card');
	for (let i = 0; i < 2; i++) {
		await expect(card).toBeVisible();
		const prompt = (await a.page.locator('#test-prompt').textContent())!.trim();
		await card
			.locator('.options button')
			.filter({ hasText: answerTo.get(prompt)! })
			.click();
		if (i < 1) await expect(a.page.locator('#test-prompt')).not.toHaveText(prompt);
	}
	await expect(a.page.locator('#score')).toHaveText('Score: 2 of 2 (100%)');
	await expect.poll(() => storedCount(a.page, 'testResults')).toBe(1);
	await syncNow(a.page);
	const progress = await studied(a.page);
	expect(progress.map((c) => c.reps)).toEqual([1, 1]);

	// B signs in and syncs: the bank, A's progress on it, and the result.
	const b = await device(browser, username);
	await syncNow(b.page);
	await open(b.page, '/');
	const yours = b.page.getByRole('region', { name: 'Your banks' });
	await expect(yours.getByRole('link', { name: 'Study words' })).toBeVisible();
	expect(await studied(b.page)).toEqual(progress);
	await open(b.page, '/study/words/words');
	await expect(b.page.locator('article.card')).toBeVisible();
	await open(b.page, '/test');
	const history = b.page.getByRole('region', { name: 'Past tests' });
	await expect(history.getByRole('link')).toHaveCount(1);
	await expect(history.getByRole('link')).toContainText('100% (2 of 2)');
	await history.getByRole('link').click();
	await expect(b.page.locator('#score')).toHaveText('Score: 2 of 2 (100%)');

	// A deletes the bank; after B syncs, it is gone there too.
	await open(a.page, '/');
	const aBanks = a.page.getByRole('region', { name: 'Your banks' });
	await aBanks.getByText('Delete this bank…').click();
	await aBanks.getByRole('button', { name: /^Delete “/ }).click();
	await expect(aBanks.getByRole('link', { name: 'Study words' })).toHaveCount(0);
	await syncNow(a.page);
	await syncNow(b.page);
	expect(await storedCount(b.page, 'banks')).toBe(0);
	await open(b.page, '/');
	await expect(b.page.getByRole('link', { name: 'Study words' })).toHaveCount(0);

	for (const d of [a, b]) await d.context.close();
});
