import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { RECOVERY_CODE_COUNT } from '$lib/account/protocol';
import type { UserDataPart } from '$lib/server/auth/user-data';
import { DATABASE_KINDS } from './databases';
import { authRig, Browser, SITE, type AuthRig } from './auth-helpers';
import { SoftwareAuthenticator } from './software-authenticator';

// scrypt (32 MiB per hash) on a shared two-core machine: give each test room.
const SLOW = 120_000;
const PASSWORD = 'correct horse battery';

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
	let rig: AuthRig | undefined;
	afterEach(async () => {
		await rig?.test.drop();
		rig = undefined;
	});

	async function signedUp(name = 'Alice', address?: string) {
		rig ??= await authRig(kind);
		const browser = new Browser(rig.accounts, address);
		const reply = await browser.call('signUp', { username: name, password: PASSWORD });
		expect(reply.status).toBe(200);
		return { browser, reply };
	}

	/** A passkey made on `browser`'s page and kept by the server (see passkey.test.ts). */
	async function addPasskey(browser: Browser) {
		const options = await browser.passkey('registerOptions');
		const response = new SoftwareAuthenticator(SITE).create(
			options.body as unknown as Parameters<SoftwareAuthenticator['create']>[0],
		);
		expect((await browser.passkey('register', { response })).status).toBe(200);
	}

	it(
		'signs up with a user name, shows recovery codes once, and signs in again by any case of the name',
		async () => {
			const { browser, reply } = await signedUp('Alice');
			expect(reply.body.user).toMatchObject({ name: 'Alice' });
			const codes = reply.body.recoveryCodes as string[];
			expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
			expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
			for (const code of codes) expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
			// Signed in by the sign-up.
			const session = await browser.call('session');
			expect(session.body).toMatchObject({ user: { name: 'Alice' }, recoveryCodesLeft: 10 });
			// Stored hashed: no code appears in the table.
			const stored = await rig!.test.db.kysely
				.selectFrom('auth_recovery_code')
				.select('code_hash')
				.execute();
			expect(stored).toHaveLength(10);
			for (const row of stored) for (const code of codes) expect(row.code_hash).not.toContain(code);

			const other = new Browser(rig!.accounts);
			const signIn = await other.call('signIn', { username: 'ALICE', password: PASSWORD });
			expect(signIn.status).toBe(200);
			expect(signIn.body.user).toMatchObject({ name: 'Alice' });
			expect((await other.call('session')).body.user).toMatchObject({ name: 'Alice' });
		},
		SLOW,
	);

	it(
		'refuses a taken name (whatever its case), a bad name, a short password and a wrong password',
		async () => {
			await signedUp('Alice');
			const b = new Browser(rig!.accounts, '198.51.100.1');
			expect((await b.call('signUp', { username: 'alice', password: PASSWORD })).body).toEqual({
				error: 'username-taken',
			});
			expect((await b.call('signUp', { username: 'a b', password: PASSWORD })).body).toEqual({
				error: 'username-invalid',
			});
			expect((await b.call('signUp', { username: 'bob', password: 'short' })).body).toEqual({
				error: 'password-too-short',
			});
			const wrong = await b.call('signIn', { username: 'alice', password: 'not the password' });
			expect(wrong).toMatchObject({ status: 401, body: { error: 'wrong-credentials' } });
			// An unknown name gets the very same answer.
			const unknown = await b.call('signIn', { username: 'nobody', password: PASSWORD });
			expect(unknown).toMatchObject({ status: 401, body: { error: 'wrong-credentials' } });
			expect(b.cookies.size).toBe(0);
			// A name in Chinese is a name.
			expect((await b.call('signUp', { username: '张三', password: PASSWORD })).status).toBe(200);
		},
		SLOW,
	);

	it(
		'sets the session cookie HttpOnly and SameSite=Lax, and Secure over HTTPS only',
		async () => {
			const { reply } = await signedUp('Alice');
			const plain = reply.setCookies.find((c) => c.startsWith('better-auth.session_token='));
			expect(plain).toBeDefined();
			expect(plain).toMatch(/; HttpOnly/i);
			expect(plain).toMatch(/; SameSite=Lax/i);
			expect(plain).not.toMatch(/; Secure/i);

			const https = new Browser(rig!.accounts, '203.0.113.9', 'https://kioku.test');
			const signIn = await https.call('signIn', { username: 'alice', password: PASSWORD });
			const secure = signIn.setCookies.find((c) =>
				c.startsWith('__Secure-better-auth.session_token='),
			);
			expect(secure).toMatch(/; Secure/i);
			expect(secure).toMatch(/; HttpOnly/i);
			expect(secure).toMatch(/; SameSite=Lax/i);
			expect((await https.call('session')).body.user).toMatchObject({ name: 'Alice' });

			// A page served over plain HTTP, on a server that takes every request for HTTPS (no
			// ORIGIN set): the page's origin decides, so the browser keeps the cookie.
			const lan = new Browser(
				rig!.accounts,
				'192.168.1.20',
				'http://kioku.test',
				'https://kioku.test',
			);
			const lanSignIn = await lan.call('signIn', { username: 'alice', password: PASSWORD });
			const lanCookie = lanSignIn.setCookies.find((c) =>
				c.startsWith('better-auth.session_token='),
			);
			expect(lanCookie).not.toMatch(/; Secure/i);
			expect((await lan.call('session')).body.user).toMatchObject({ name: 'Alice' });
		},
		SLOW,
	);

	it(
		'refuses the 11th wrong password for an account with 429, and then the right one too, until the window passes',
		async () => {
			await signedUp('Alice');
			// From ten addresses, so the per-address limit is not what refuses.
			for (let i = 1; i <= 10; i++) {
				const b = new Browser(rig!.accounts, `192.0.2.${i}`);
				const reply = await b.call('signIn', { username: 'alice', password: `guess ${i}` });
				expect(reply.status, `attempt ${i}`).toBe(401);
			}
			const eleventh = new Browser(rig!.accounts, '192.0.2.11');
			const refused = await eleventh.call('signIn', { username: 'alice', password: 'guess 11' });
			expect(refused.status).toBe(429);
			expect(refused.body).toMatchObject({ error: 'too-many-attempts' });
			expect(refused.body.retryAfter).toBeGreaterThan(0);
			const right = await eleventh.call('signIn', { username: 'Alice', password: PASSWORD });
			expect(right.status).toBe(429);
			expect(eleventh.cookies.size).toBe(0);
			// Another account is not affected.
			await signedUp('Bob', '192.0.2.50');

			rig!.clock.now += 15 * 60_000 + 1000;
			const later = await eleventh.call('signIn', { username: 'alice', password: PASSWORD });
			expect(later.status).toBe(200);
		},
		SLOW,
	);

	it(
		'limits wrong attempts per address across user names, and another address goes on',
		async () => {
			rig = await authRig(kind, {
				limits: {
					account: { limit: 10, windowMs: 15 * 60_000 },
					address: { limit: 5, windowMs: 15 * 60_000 },
					signUp: { limit: 30, windowMs: 60 * 60_000 },
				},
			});
			await signedUp('Alice', '198.51.100.200');
			const guesser = new Browser(rig.accounts, '198.51.100.66');
			for (let i = 0; i < 5; i++) {
				const r = await guesser.call('signIn', { username: `name${i}`, password: 'x'.repeat(9) });
				expect(r.status).toBe(401);
			}
			const blocked = await guesser.call('signIn', { username: 'alice', password: PASSWORD });
			expect(blocked.status).toBe(429);
			const elsewhere = new Browser(rig.accounts, '198.51.100.67');
			expect(
				(await elsewhere.call('signIn', { username: 'alice', password: PASSWORD })).status,
			).toBe(200);
		},
		SLOW,
	);

	it(
		'keeps the attempt count in the database: a second server instance sees it',
		async () => {
			await signedUp('Alice');
			for (let i = 0; i < 10; i++) {
				await new Browser(rig!.accounts, `192.0.2.${i}`).call('signIn', {
					username: 'alice',
					password: 'wrong password',
				});
			}
			const second = await import('$lib/server/auth/accounts').then(
				({ Accounts }) =>
					new Accounts({
						db: rig!.test.db,
						secret: 'a test secret that is long enough to sign with',
						now: () => rig!.clock.now,
					}),
			);
			const reply = await new Browser(second, '192.0.2.99').call('signIn', {
				username: 'alice',
				password: PASSWORD,
			});
			expect(reply.status).toBe(429);
		},
		SLOW,
	);

	it(
		'changing the password signs out every other session, keeps this one, and the old password stops working',
		async () => {
			const { browser: phone } = await signedUp('Alice');
			const laptop = new Browser(rig!.accounts, '203.0.113.8');
			expect((await laptop.call('signIn', { username: 'alice', password: PASSWORD })).status).toBe(
				200,
			);

			const wrong = await phone.call('changePassword', {
				currentPassword: 'not it at all',
				newPassword: 'a new password',
			});
			expect(wrong).toMatchObject({ status: 403, body: { error: 'wrong-password' } });
			const changed = await phone.call('changePassword', {
				currentPassword: PASSWORD,
				newPassword: 'a new password',
			});
			expect(changed.status).toBe(200);
			expect((await phone.call('session')).body.user).toMatchObject({ name: 'Alice' });
			expect((await laptop.call('session')).body.user).toBeNull();

			const third = new Browser(rig!.accounts, '203.0.113.10');
			expect((await third.call('signIn', { username: 'alice', password: PASSWORD })).status).toBe(
				401,
			);
			expect(
				(await third.call('signIn', { username: 'alice', password: 'a new password' })).status,
			).toBe(200);
		},
		SLOW,
	);

	it(
		'signs out this device, or every device',
		async () => {
			const { browser: phone } = await signedUp('Alice');
			const laptop = new Browser(rig!.accounts, '203.0.113.8');
			const tablet = new Browser(rig!.accounts, '203.0.113.9');
			await laptop.call('signIn', { username: 'alice', password: PASSWORD });
			await tablet.call('signIn', { username: 'alice', password: PASSWORD });

			expect((await tablet.call('signOut', {})).status).toBe(200);
			expect((await tablet.call('session')).body.user).toBeNull();
			expect((await laptop.call('session')).body.user).toMatchObject({ name: 'Alice' });

			expect((await phone.call('signOutEverywhere', {})).status).toBe(200);
			expect((await phone.call('session')).body.user).toBeNull();
			expect((await laptop.call('session')).body.user).toBeNull();
			const sessions = await rig!.test.db.kysely
				// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Better Auth's table
				.selectFrom('auth_session' as any)
				.selectAll()
				.execute();
			expect(sessions).toEqual([]);
		},
		SLOW,
	);

	it(
		'a forgotten password: the user name and a recovery code set a new one; the code is spent, other sessions end',
		async () => {
			const { browser: phone, reply } = await signedUp('Alice');
			const codes = reply.body.recoveryCodes as string[];
			const laptop = new Browser(rig!.accounts, '203.0.113.8');

			const wrong = await laptop.call('recover', {
				username: 'alice',
				code: 'AAAA-BBBB-CCCC',
				newPassword: 'brand new password',
			});
			expect(wrong).toMatchObject({ status: 401, body: { error: 'wrong-recovery-code' } });
			// Typed as a person might: lower case, spaces instead of dashes.
			const typed = codes[3].toLowerCase().replace(/-/g, ' ');
			const recovered = await laptop.call('recover', {
				username: 'Alice',
				code: typed,
				newPassword: 'brand new password',
			});
			expect(recovered.status).toBe(200);
			expect(recovered.body).toMatchObject({ user: { name: 'Alice' }, recoveryCodesLeft: 9 });
			expect((await laptop.call('session')).body.user).toMatchObject({ name: 'Alice' });
			expect((await phone.call('session')).body.user).toBeNull();

			const again = await new Browser(rig!.accounts, '203.0.113.11').call('recover', {
				username: 'alice',
				code: codes[3],
				newPassword: 'yet another password',
			});
			expect(again.status).toBe(401);
			const tablet = new Browser(rig!.accounts, '203.0.113.12');
			expect((await tablet.call('signIn', { username: 'alice', password: PASSWORD })).status).toBe(
				401,
			);
			expect(
				(await tablet.call('signIn', { username: 'alice', password: 'brand new password' })).status,
			).toBe(200);
		},
		SLOW,
	);

	it(
		'deleting the account asks for the password, runs the delete hooks, and leaves no row of it in any table',
		async () => {
			const deleted: string[] = [];
			const part: UserDataPart = {
				name: 'sync',
				exportUser: async (userId) => ({ reviews: [`review of ${userId}`] }),
				deleteUser: async (userId) => void deleted.push(userId),
			};
			rig = await authRig(kind, { parts: [part] });
			const { browser, reply } = await signedUp('Alice');
			const userId = (reply.body.user as { id: string }).id;
			await addPasskey(browser);
			const laptop = new Browser(rig.accounts, '203.0.113.8');
			await laptop.call('signIn', { username: 'alice', password: PASSWORD });
			await laptop.call('signIn', { username: 'alice', password: 'one wrong try' });
			// Bob stays.
			const { browser: bobBrowser, reply: bob } = await signedUp('Bob', '203.0.113.20');
			await addPasskey(bobBrowser);

			const refused = await browser.call('deleteAccount', { password: 'not the password' });
			expect(refused).toMatchObject({ status: 403, body: { error: 'wrong-password' } });
			expect(deleted).toEqual([]);

			const done = await browser.call('deleteAccount', { password: PASSWORD });
			expect(done.status).toBe(200);
			expect(deleted).toEqual([userId]);
			// Only the spent passkey challenge's cookie is left (it lasts five minutes).
			expect([...browser.cookies.keys()]).toEqual(['better-auth.better-auth-passkey']);

			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Better Auth's tables too
			const db = rig.test.db.kysely as Kysely<any>;
			const rows = async (table: string, column: string, value: string) =>
				(await db.selectFrom(table).selectAll().where(column, '=', value).execute()).length;
			expect(await rows('auth_user', 'id', userId)).toBe(0);
			expect(await rows('auth_user', 'username', 'alice')).toBe(0);
			expect(await rows('auth_session', 'userId', userId)).toBe(0);
			expect(await rows('auth_account', 'userId', userId)).toBe(0);
			expect(await rows('auth_passkey', 'userId', userId)).toBe(0);
			expect(await rows('auth_recovery_code', 'user_id', userId)).toBe(0);
			expect(await rows('auth_attempt_counter', 'key', 'account:alice')).toBe(0);
			const bobId = (bob.body.user as { id: string }).id;
			expect(await rows('auth_user', 'id', bobId)).toBe(1);
			expect(await rows('auth_recovery_code', 'user_id', bobId)).toBe(10);
			expect(await rows('auth_passkey', 'userId', bobId)).toBe(1);

			expect((await laptop.call('session')).body.user).toBeNull();
			const signIn = await laptop.call('signIn', { username: 'alice', password: PASSWORD });
			expect(signIn.status).toBe(401);
			// The name is free again.
			expect((await laptop.call('signUp', { username: 'alice', password: PASSWORD })).status).toBe(
				200,
			);
		},
		SLOW,
	);

	it(
		'downloads everything held about the user: the user, sessions described (never their tokens), passkeys described (never their keys), the other parts; no e-mail',
		async () => {
			const part: UserDataPart = {
				name: 'sync',
				exportUser: async (userId) => ({ owner: userId, reviews: 3 }),
				deleteUser: async () => {},
			};
			rig = await authRig(kind, { parts: [part] });
			const { browser, reply } = await signedUp('Alice');
			const userId = (reply.body.user as { id: string }).id;
			const laptop = new Browser(rig.accounts, '203.0.113.8');
			await laptop.call('signIn', { username: 'alice', password: PASSWORD });
			await addPasskey(browser);

			const data = await browser.call('exportData', {});
			expect(data.status).toBe(200);
			expect(data.body).toMatchObject({
				format: 'kioku-account-data',
				user: { id: userId, name: 'Alice', username: 'alice' },
				recoveryCodesLeft: 10,
				sync: { owner: userId, reviews: 3 },
			});
			const sessions = data.body.sessions as { thisDevice: boolean; ipAddress: string }[];
			expect(sessions).toHaveLength(2);
			expect(sessions.filter((s) => s.thisDevice)).toHaveLength(1);
			expect(sessions.map((s) => s.ipAddress).sort()).toEqual(['203.0.113.7', '203.0.113.8']);
			expect(data.body.passkeys).toEqual([
				{
					name: null,
					provider: null,
					deviceType: 'singleDevice',
					backedUp: false,
					transports: ['internal'],
					createdAt: expect.any(String),
				},
			]);
			const text = JSON.stringify(data.body);
			expect(text).not.toContain('kioku.invalid');
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Better Auth's table
			const [key] = await (rig.test.db.kysely as Kysely<any>)
				.selectFrom('auth_passkey')
				.select(['publicKey', 'credentialID'])
				.execute();
			expect(text).not.toContain(key.publicKey);
			expect(text).not.toContain(key.credentialID);
			for (const value of browser.cookies.values()) {
				expect(text).not.toContain(decodeURIComponent(value).split('.')[0]);
			}
			expect((await new Browser(rig.accounts).call('exportData', {})).status).toBe(401);
		},
		SLOW,
	);

	it(
		'refuses every account request that changes something unless it comes from the site itself',
		async () => {
			const { browser } = await signedUp('Alice');
			const bodies = {
				signUp: { username: 'mallory', password: PASSWORD },
				signIn: { username: 'alice', password: PASSWORD },
				signOut: {},
				signOutEverywhere: {},
				changePassword: { currentPassword: PASSWORD, newPassword: 'stolen password' },
				recover: { username: 'alice', code: 'AAAA-BBBB-CCCC', newPassword: 'stolen password' },
				deleteAccount: { password: PASSWORD },
				exportData: {},
			} as const;
			for (const [action, body] of Object.entries(bodies)) {
				for (const origin of [
					'https://evil.example',
					'http://kioku.test.evil.example',
					'null',
					null,
				]) {
					const reply = await browser.call(action as keyof typeof bodies, body, { origin });
					expect(reply, `${action} from ${origin}`).toMatchObject({
						status: 403,
						body: { error: 'bad-origin' },
					});
				}
			}
			// Nothing changed: still signed in with the same password.
			expect((await browser.call('session')).body.user).toMatchObject({ name: 'Alice' });
			const other = new Browser(rig!.accounts, '203.0.113.30');
			expect((await other.call('signIn', { username: 'alice', password: PASSWORD })).status).toBe(
				200,
			);
		},
		SLOW,
	);
});
