import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, open, PHONE, test } from './fixtures';

const SECURITY = '/study/us-japan-2023/security-defence';

async function revealAndRate(page: Page, times: number) {
	for (let i = 0; i < times; i++) {
		await expect(page.locator('article.card')).toHaveAttribute('data-type', /.+/);
		const type = await page.locator('article.card').getAttribute('data-type');
		if (type === 'flashcard') await page.keyboard.press('Space');
		else if (type === 'single' || type === 'truefalse') await page.keyboard.press('1');
		else await page.locator('article.card').getByRole('button', { name: 'Check' }).click();
		await page.keyboard.press('3');
		await expect(page.locator('.counts')).toContainText(`New ${20 - i - 1}`);
	}
}

/** Every store of the app's database, as JSON: equal strings mean nothing changed. */
function dump(page: Page) {
	return page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const req = indexedDB.open('kioku');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const names = [...db.objectStoreNames];
					const tx = db.transaction(names);
					const out: Record<string, unknown> = {};
					for (const name of names) {
						const all = tx.objectStore(name).getAll();
						all.onsuccess = () => (out[name] = all.result);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(JSON.stringify(out));
					};
				};
			}),
	);
}

async function exportBackup(page: Page, path: string) {
	await open(page, '/settings');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export a backup' }).click();
	await (await download).saveAs(path);
}

async function importFile(page: Page, path: string, mode: 'Merge' | 'Replace') {
	await open(page, '/settings');
	await page.getByLabel('Backup file').setInputFiles(path);
	await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
	const button = page.getByRole('button', { name: 'Import', exact: true });
	// Replacing says first what it deletes.
	if (mode === 'Replace')
		await expect(button).toHaveAccessibleDescription(/^Replacing first deletes everything/);
	await button.click();
}

test.describe('durable progress', () => {
	test.use({ locale: 'en-US' });

	test('a backup imported into a fresh browser profile gives the same due counts', async ({
		browser,
	}, info) => {
		const path = info.outputPath('backup.json');
		const first = await browser.newContext({ locale: 'en-US' });
		const a = await first.newPage();
		await open(a, SECURITY);
		await revealAndRate(a, 4);
		const before = await a.locator('.counts').textContent();
		await exportBackup(a, path);
		expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
			format: 'kioku-backup',
			version: 1,
		});
		await first.close();

		const fresh = await browser.newContext({ locale: 'en-US' });
		const b = await fresh.newPage();
		await open(b, SECURITY);
		await expect(b.locator('.counts')).toContainText('New 20');
		await importFile(b, path, 'Replace');
		await expect(b.getByTestId('import-status')).toContainText('Imported:');
		await open(b, SECURITY);
		await expect(b.locator('.counts')).toHaveText(before ?? '');
		await fresh.close();
	});

	test(
		'a corrupt or truncated backup is refused and changes nothing',
		PHONE,
		async ({ page }, info) => {
			await open(page, SECURITY);
			await revealAndRate(page, 2);
			const good = info.outputPath('good.json');
			await exportBackup(page, good);
			const before = await dump(page);

			const text = readFileSync(good, 'utf8');
			const truncated = info.outputPath('truncated.json');
			writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
			await importFile(page, truncated, 'Replace');
			await expect(page.getByTestId('import-status')).toHaveText(
				/^Nothing was changed\. The file is not a complete Kioku backup/,
			);
			expect(await dump(page)).toBe(before);

			const tampered = info.outputPath('tampered.json');
			writeFileSync(tampered, text.replace('"rating":3', '"rating":7'));
			await importFile(page, tampered, 'Merge');
			await expect(page.getByTestId('import-status')).toContainText('rating must be 1 to 4');
			expect(await dump(page)).toBe(before);

			const newer = info.outputPath('newer.json');
			writeFileSync(newer, text.replace('"version":1', '"version":99'));
			await importFile(page, newer, 'Replace');
			await expect(page.getByTestId('import-status')).toContainText('newer version of Kioku');
			expect(await dump(page)).toBe(before);
		},
	);

	test('a backup whose bank reuses the question ids of a bank on this device is refused', async ({
		page,
	}, info) => {
		await open(page, '/import');
		await page.getByLabel('File to import').setInputFiles({
			name: 'kanji.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from('山\tmountain\n川\triver\n'),
		});
		await page.getByRole('button', { name: 'Save the bank' }).click();
		await expect(page).toHaveURL(/\/deck\/kanji\/kanji$/);
		const good = info.outputPath('with-bank.json');
		await exportBackup(page, good);
		// The same cards under another bank id: restored beside "kanji", two banks would share
		// one progress per card.
		const backup = JSON.parse(readFileSync(good, 'utf8'));
		backup.data.banks[0].id = 'copy';
		const copy = info.outputPath('copy.json');
		writeFileSync(copy, JSON.stringify(backup));
		const before = await dump(page);
		await importFile(page, copy, 'Merge');
		await expect(page.getByTestId('import-status')).toContainText(
			/^Nothing was changed\. The backup’s bank “copy” cannot be restored on this device\. Question id “[^”]+” is already used by the bank “kanji”/,
		);
		expect(await dump(page)).toBe(before);
		// Replacing everything removes "kanji" first: then the same file restores.
		await importFile(page, copy, 'Replace');
		await expect(page.getByTestId('import-status')).toContainText('Imported:');
	});

	test('site data cleared behind the app’s back is noticed and reported', async ({ page }) => {
		await open(page, SECURITY);
		await revealAndRate(page, 2);
		await page.waitForFunction(() =>
			localStorage.getItem('kioku:reviews-saved')?.includes('"reviews":2'),
		);
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const req = indexedDB.deleteDatabase('kioku');
					req.onsuccess = () => resolve();
					req.onerror = () => reject(req.error);
				}),
		);
		await open(page, '/');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Your saved reviews are gone');
		await expect(alert).toContainText('2 reviews');
		await expect(alert.getByRole('link', { name: 'Restore a backup' })).toBeVisible();
	});

	test('a write that fails half-way leaves neither the log nor the card changed', async ({
		page,
	}) => {
		await open(page, SECURITY);
		await revealAndRate(page, 1);
		await expect(page.locator('article.card')).toHaveAttribute('data-type', /.+/);
		const before = await dump(page);
		// Fault injection: the next log write throws after the card write was queued.
		await page.evaluate(() => {
			const add = IDBObjectStore.prototype.add;
			IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
				if (this.name === 'logs') {
					IDBObjectStore.prototype.add = add;
					throw new DOMException('injected failure', 'QuotaExceededError');
				}
				return add.apply(this, args as Parameters<typeof add>);
			};
		});
		const type = await page.locator('article.card').getAttribute('data-type');
		if (type === 'flashcard') await page.keyboard.press('Space');
		else if (type === 'single' || type === 'truefalse') await page.keyboard.press('1');
		else await page.locator('article.card').getByRole('button', { name: 'Check' }).click();
		await page.keyboard.press('3');
		await expect(
			page.getByText('This answer could not be saved, and nothing was changed.'),
		).toBeVisible();
		expect(await dump(page)).toBe(before);
		// The learner rates again and this time it is saved.
		await page.keyboard.press('3');
		await expect(page.locator('.counts')).toContainText('New 18');
	});

	test('check data finds a card that disagrees with its review history and repairs it', async ({
		page,
	}) => {
		await open(page, SECURITY);
		await revealAndRate(page, 3);
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const req = indexedDB.open('kioku');
					req.onsuccess = () => {
						const tx = req.result.transaction('cards', 'readwrite');
						const cursor = tx.objectStore('cards').openCursor();
						cursor.onsuccess = () =>
							cursor.result?.update({ ...cursor.result.value, stability: 999 });
						tx.oncomplete = () => resolve();
						tx.onerror = () => reject(tx.error);
					};
				}),
		);
		await open(page, '/settings');
		await page.getByRole('button', { name: 'Check data' }).click();
		await expect(page.getByTestId('check-status')).toHaveText(
			'3 cards checked: 1 disagrees with their review history.',
		);
		await page.getByRole('button', { name: 'Repair them' }).click();
		await expect(page.getByTestId('check-status')).toContainText(
			'all agree with their review history',
		);
		await expect(page.getByTestId('check-status')).toContainText('Repaired 1 card.');
	});
});
