// An account, from sign-up to deletion, on a server of the test's own (its own database and
// secret under test-results/): recovery codes shown once, sign out and in, a forgotten password
// replaced with a code, and the account deleted.
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
	budget,
	expect as baseExpect,
	open,
	overflowing,
	ownPort,
	PHONE,
	seriousA11yViolations,
	test,
} from './fixtures';
import { startServer, type OwnServer } from './own-server';

// Every password and recovery code is hashed with scrypt (32 MiB, memory-hard): on a busy
// two-core machine one answer can take seconds.
const expect = baseExpect.configure({ timeout: 60_000 });

/** A server of the test's own: its own database and secret, and sign-in limits no other test touches. */
async function withServer(
	offset: number,
	testInfo: { project: { name: string } },
	run: (server: OwnServer) => Promise<void>,
) {
	const dir = `test-results/account-${testInfo.project.name}-${offset}-${Date.now()}`;
	const phone = testInfo.project.name === 'phone';
	const server = await startServer(ownPort(phone ? offset + 1 : offset), {
		KIOKU_DB: `${dir}/kioku.db`,
	});
	try {
		await run(server);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function signIn(page: Page, name: string, password: string) {
	await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
	await page.getByLabel('User name').fill(name);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('main').locator('form').getByRole('button', { name: 'Sign in' }).click();
}

test(
	'sign up, save the recovery codes, sign out and in, recover with a code, delete the account',
	PHONE,
	async ({ page }, testInfo) => {
		budget(400_000);
		await withServer(25, testInfo, async (server) => {
			const name = `Learner${Date.now() % 100000}`;
			await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
				origin: server.base,
			});

			// Settings offers it.
			await open(page, `${server.base}/settings`);
			const section = page.getByRole('region', { name: 'Keep your progress on all your devices' });
			await section.getByRole('link', { name: 'Sign in or create an account' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
			await expect(page.getByRole('button', { name: 'Create an account' })).toBeVisible();
			expect(await seriousA11yViolations(page)).toEqual([]);
			expect(await overflowing(page)).toEqual([]);

			// Sign up: a too-short password is said at once, in words.
			await page.getByRole('button', { name: 'Create an account' }).click();
			await page.getByLabel('User name').fill(name);
			await page.getByLabel('Password', { exact: true }).fill('short');
			await page.getByRole('button', { name: 'Create account' }).click();
			await expect(page.getByRole('alert')).toHaveText('The password needs at least 8 characters.');
			await page.getByLabel('Password', { exact: true }).fill('first password');
			await page.getByRole('button', { name: 'Create account' }).click();

			// The codes, once: ten of them, and Continue only once they are saved.
			const codes = page.getByTestId('recovery-codes').getByRole('listitem');
			await expect(codes).toHaveCount(10);
			const list = (await codes.allTextContents()).map((c) => c.trim());
			const cont = page.getByRole('button', { name: 'Continue' });
			await expect(cont).toBeDisabled();
			expect(await seriousA11yViolations(page)).toEqual([]);
			expect(await overflowing(page)).toEqual([]);
			await page.getByRole('button', { name: 'Copy' }).click();
			await expect(page.getByText('Copied.')).toBeVisible();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(list[0]);
			await page.getByLabel('I have saved my recovery codes').check();
			await cont.click();
			await expect(page.getByRole('heading', { name: `Signed in as ${name}.` })).toBeFocused();
			await expect(page.getByText('10 recovery codes left.')).toBeVisible();
			expect(await seriousA11yViolations(page)).toEqual([]);
			expect(await overflowing(page)).toEqual([]);

			// Settings says who is signed in.
			await open(page, `${server.base}/settings`);
			await expect(page.getByTestId('settings-account-user')).toHaveText(`Signed in as ${name}.`);
			await page.getByRole('link', { name: 'Manage your account' }).click();

			// Sign out, then a wrong password, then the right one.
			await page.getByRole('button', { name: 'Sign out', exact: true }).click();
			await expect(page.getByTestId('account-notice')).toHaveText(
				'You are signed out. Your progress on this device is still here.',
			);
			// Home says this device is signed out, as chosen, not that a sign-in expired.
			await open(page, `${server.base}/`);
			await expect(page.getByTestId('sync-status')).toHaveText(
				'Signed out: sign in to sync this device',
			);
			await page.getByTestId('sync-sign-in').click();
			await signIn(page, name.toLowerCase(), 'not my password');
			await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
			await signIn(page, name.toLowerCase(), 'first password');
			await expect(page.getByRole('heading', { name: `Signed in as ${name}.` })).toBeVisible();
			await page.getByRole('button', { name: 'Sign out', exact: true }).click();

			// Forgot the password: the user name and a code set a new one and sign in.
			await page.getByRole('button', { name: 'Forgot your password?' }).click();
			await page.getByLabel('User name').fill(name);
			await page.getByLabel('Recovery code').fill(list[2].toLowerCase());
			await page.getByLabel('New password').fill('second password');
			await page.getByRole('button', { name: 'Set the new password and sign in' }).click();
			await expect(page.getByRole('heading', { name: `Signed in as ${name}.` })).toBeVisible();
			await expect(page.getByText('9 recovery codes left.')).toBeVisible();

			// Delete: the password confirms it; afterwards the name and password sign in no more.
			const del = page.getByRole('region', { name: 'Delete account' });
			await del.getByLabel('Password').fill('first password');
			await del.getByRole('button', { name: 'Delete my account for good' }).click();
			await expect(del.getByRole('alert')).toHaveText('Wrong password.');
			await del.getByLabel('Password').fill('second password');
			await del.getByRole('button', { name: 'Delete my account for good' }).click();
			await expect(page.getByTestId('account-notice')).toHaveText(
				'Your account has been deleted. Your progress on this device is still here.',
			);
			await signIn(page, name, 'second password');
			await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
			// The device syncs with no account now: home says nothing about sync.
			await open(page, `${server.base}/`);
			await expect(page.getByTestId('sync-status')).toBeHidden();
		});
	},
);

test('offline, the account page says it needs the network', async ({ page, context }, testInfo) => {
	budget(120_000);
	await withServer(27, testInfo, async (server) => {
		await open(page, `${server.base}/account`);
		await expect(page.getByRole('button', { name: 'Create an account' })).toBeVisible();
		await context.setOffline(true);
		await page.evaluate(() => window.dispatchEvent(new Event('offline')));
		await expect(page.getByTestId('account-offline')).toHaveText(
			'Your account needs a network connection. Studying and practice tests work offline.',
		);
		await context.setOffline(false);
	});
});
