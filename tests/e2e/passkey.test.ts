// Passkeys, on a server of the test's own, with Chromium's virtual authenticator standing in for
// the device's (fingerprint, face, screen lock): add one while signed in, sign out, sign in with
// it, remove it. Also in Chinese, and on a 390 px wide phone screen.
import { rmSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
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

// A sign-up hashes a password with scrypt (32 MiB): on a busy two-core machine it takes seconds.
const expect = baseExpect.configure({ timeout: 60_000 });

test.use({ locale: 'en-US' });

async function withServer(offset: number, run: (server: OwnServer) => Promise<void>) {
	const dir = `test-results/passkey-${offset}-${Date.now()}`;
	const server = await startServer(ownPort(offset), { KIOKU_DB: `${dir}/kioku.db` });
	try {
		await run(server);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A device authenticator that says yes at once, with the person verified (as a fingerprint would). */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true,
		},
	});
	return { cdp, id: authenticatorId };
}

async function signUp(page: Page, name: string, password: string) {
	await page.getByRole('button', { name: 'Create an account' }).click();
	await page.getByLabel('User name').fill(name);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await page.getByLabel('I have saved my recovery codes').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: `Signed in as ${name}.` })).toBeVisible();
}

test('add a passkey, sign out, sign in with it, remove it', async ({ page }) => {
	budget(240_000);
	await withServer(29, async (server) => {
		const name = `Keyholder${Date.now() % 100000}`;
		const { cdp, id } = await virtualAuthenticator(page);
		await page.setViewportSize({ width: 390, height: 844 });
		await open(page, `${server.base}/account`);
		// No passkey script on a page until a passkey button is pressed.
		const scripts = () =>
			page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
		await signUp(page, name, 'a good password');

		const section = page.getByRole('region', { name: 'Passkeys' });
		await expect(section.getByText('No passkeys yet.')).toBeVisible();
		await expect(
			section.getByText("It works only at this site's address: localhost."),
		).toBeAttached();
		const before = await scripts();
		await section.getByRole('button', { name: 'Add a passkey' }).click();
		await expect(page.getByTestId('account-notice')).toHaveText(
			'Passkey added. You can now sign in with it on this site.',
		);
		const listed = section.getByTestId('passkeys').getByRole('listitem');
		await expect(listed).toHaveCount(1);
		await expect(listed).toContainText('Passkey');
		await expect(listed).toContainText('Added ');
		// The browser's helper came in with the click, as a chunk of its own.
		expect((await scripts()).length).toBeGreaterThan(before.length);
		const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
		expect(credentials).toHaveLength(1);
		expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
		expect(await seriousA11yViolations(page)).toEqual([]);
		expect(await overflowing(page)).toEqual([]);

		// The same authenticator again: it already holds one for this account.
		await section.getByRole('button', { name: 'Add a passkey' }).click();
		await expect(section.getByRole('alert')).toHaveText(
			'This device or security key already holds a passkey for your account.',
		);
		await expect(listed).toHaveCount(1);

		await page.getByRole('button', { name: 'Sign out', exact: true }).click();
		await expect(page.getByTestId('account-notice')).toHaveText(
			'You are signed out. Your progress on this device is still here.',
		);
		await open(page, `${server.base}/account`);
		const withPasskey = page.getByRole('button', { name: 'Sign in with a passkey' });
		await expect(withPasskey).toBeVisible();
		expect(await overflowing(page)).toEqual([]);
		// By keyboard, as a password sign-in would be.
		await withPasskey.focus();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: `Signed in as ${name}.` })).toBeVisible();
		await expect(page.getByText('10 recovery codes left.')).toBeVisible();
		// Sync starts as after a password sign-in: home says this device is signed in, not out.
		await open(page, `${server.base}/`);
		await expect(page.getByTestId('sync-status')).not.toContainText('Signed out');
		await open(page, `${server.base}/account`);

		// Remove it: the accessible name says which one.
		await section.getByRole('button', { name: /^Remove Passkey, added / }).click();
		await expect(page.getByTestId('account-notice')).toHaveText('Passkey removed.');
		await expect(section.getByText('No passkeys yet.')).toBeVisible();
		await expect(section.getByRole('heading', { name: 'Passkeys' })).toBeFocused();

		// Signed out, the authenticator's passkey (still on the device) signs in no more.
		await page.getByRole('button', { name: 'Sign out', exact: true }).click();
		await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'The passkey could not be checked. Try again, or sign in with your password.',
		);
		await expect(page.getByRole('heading', { name: `Signed in as ${name}.` })).toBeHidden();
	});
});

test('in Chinese: the passkey buttons, and a passkey the device does not hold, said in words', async ({
	page,
}) => {
	budget(180_000);
	await withServer(30, async (server) => {
		await page
			.context()
			.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: 'http://localhost' }]);
		// An authenticator that holds no passkey for this site: the browser's request ends unanswered.
		await virtualAuthenticator(page);
		await open(page, `${server.base}/account`);
		const button = page.getByRole('button', { name: '使用通行密钥登录' });
		await expect(button).toBeVisible();
		await button.click();
		await expect(page.getByRole('alert')).toHaveText('通行密钥提示已关闭或超时。没有任何更改。');

		// Signed in (the account made through the API; the browser keeps its cookie), add one.
		const made = await page.request.post(`${server.base}/api/account/sign-up`, {
			data: { username: `学生${Date.now() % 100000}`, password: 'a good password' },
			headers: { origin: server.base },
		});
		expect(made.status()).toBe(200);
		await open(page, `${server.base}/account`);
		const section = page.getByRole('region', { name: '通行密钥' });
		await expect(section.getByText('还没有通行密钥。')).toBeVisible();
		await section.getByRole('button', { name: '添加通行密钥' }).click();
		await expect(page.getByTestId('account-notice')).toHaveText(
			'已添加通行密钥。现在可以用它登录本站。',
		);
		await expect(section.getByRole('button', { name: /^移除通行密钥（添加于 / })).toBeVisible();
	});
});
