import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DATABASE_KINDS } from './databases';
import { authRig, Browser, SITE, type AuthRig } from './auth-helpers';
import { SoftwareAuthenticator } from './software-authenticator';

// scrypt (32 MiB per hash) on a shared two-core machine: give each test room.
const SLOW = 120_000;
const PASSWORD = 'correct horse battery';

type Options = { challenge: string; rp: { id?: string; name: string }; user: { id: string } };

describe.each(DATABASE_KINDS)('passkeys on %s', (kind) => {
	let rig: AuthRig | undefined;
	afterEach(async () => {
		await rig?.test.drop();
		rig = undefined;
	});

	async function signedUp(name: string, address?: string) {
		rig ??= await authRig(kind);
		const browser = new Browser(rig.accounts, address);
		const reply = await browser.call('signUp', { username: name, password: PASSWORD });
		expect(reply.status).toBe(200);
		return { browser, userId: (reply.body.user as { id: string }).id };
	}

	/** A passkey made on `browser`'s page and kept by the server. */
	async function addPasskey(browser: Browser, authenticator = new SoftwareAuthenticator(SITE)) {
		const options = await browser.passkey('registerOptions');
		expect(options.status).toBe(200);
		const made = await browser.passkey('register', {
			response: authenticator.create(options.body as unknown as Options),
		});
		expect(made.status).toBe(200);
		return { authenticator, passkey: made.body.passkey as { id: string; name: string | null } };
	}

	async function signInWith(browser: Browser, authenticator: SoftwareAuthenticator) {
		const options = await browser.passkey('signInOptions');
		expect(options.status).toBe(200);
		return browser.passkey('signIn', {
			response: authenticator.get(options.body as unknown as Options),
		});
	}

	const passkeyRows = (userId: string) =>
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Better Auth's table
		(rig!.test.db.kysely as Kysely<any>)
			.selectFrom('auth_passkey')
			.selectAll()
			.where('userId', '=', userId)
			.execute();

	it(
		'adds a passkey for the signed-in user and signs in with it on another device, as a password does',
		async () => {
			const { browser, userId } = await signedUp('Alice');
			const options = await browser.passkey('registerOptions');
			const asked = options.body as unknown as Options & { user: { name: string } };
			// Bound to the page's host name; named by the user name, never the placeholder e-mail.
			expect(asked.rp).toEqual({ id: 'kioku.test', name: 'Kioku' });
			expect(asked.user).toMatchObject({ name: 'Alice', displayName: 'Alice' });
			expect(JSON.stringify(asked)).not.toContain('kioku.invalid');
			const authenticator = new SoftwareAuthenticator(SITE);
			const made = await browser.passkey('register', { response: authenticator.create(asked) });
			expect(made.status).toBe(200);
			const listed = await browser.passkey('list');
			expect(listed.body.passkeys).toEqual([
				{ id: (made.body.passkey as { id: string }).id, name: null, createdAt: expect.any(String) },
			]);
			const [row] = await passkeyRows(userId);
			expect(row.credentialID).toBe(authenticator.credentialId.toString('base64url'));

			const phone = new Browser(rig!.accounts, '203.0.113.9');
			const signIn = await signInWith(phone, authenticator);
			expect(signIn).toMatchObject({ status: 200, body: { user: { id: userId, name: 'Alice' } } });
			expect((await phone.call('session')).body).toMatchObject({
				user: { name: 'Alice' },
				recoveryCodesLeft: 10,
			});
			// Signing in again works (the signature counter moves on).
			const again = new Browser(rig!.accounts, '203.0.113.10');
			expect((await signInWith(again, authenticator)).status).toBe(200);
		},
		SLOW,
	);

	it(
		'refuses a replayed or foreign answer, an unknown passkey, and a removed one',
		async () => {
			const { browser, userId } = await signedUp('Alice');
			const { authenticator } = await addPasskey(browser);
			const phone = new Browser(rig!.accounts, '203.0.113.9');

			// The same signed answer twice: its challenge was spent the first time.
			const options = await phone.passkey('signInOptions');
			const answer = authenticator.get(options.body as unknown as Options);
			expect((await phone.passkey('signIn', { response: answer })).status).toBe(200);
			const replay = new Browser(rig!.accounts, '203.0.113.11');
			replay.cookies.set(
				[...phone.cookies.keys()].find((k) => k.includes('passkey'))!,
				[...phone.cookies].find(([k]) => k.includes('passkey'))![1],
			);
			const replayed = await replay.passkey('signIn', { response: answer });
			expect(replayed).toMatchObject({ status: 400, body: { error: 'passkey-failed' } });

			// An authenticator that answered another site's page.
			const elsewhere = new SoftwareAuthenticator('https://evil.example');
			const foreign = new Browser(rig!.accounts, '203.0.113.12');
			const fromElsewhere = await signInWith(foreign, elsewhere);
			expect(fromElsewhere).toMatchObject({ status: 400, body: { error: 'passkey-failed' } });
			const registerOptions = await browser.passkey('registerOptions');
			const badMade = await browser.passkey('register', {
				response: new SoftwareAuthenticator('https://kioku.test.evil.example').create({
					...(registerOptions.body as unknown as Options),
					rp: { name: 'Kioku' },
				}),
			});
			expect(badMade).toMatchObject({ status: 400, body: { error: 'passkey-failed' } });
			expect(await passkeyRows(userId)).toHaveLength(1);

			// A passkey the server never saw.
			const stranger = await signInWith(foreign, new SoftwareAuthenticator(SITE));
			expect(stranger).toMatchObject({ status: 400, body: { error: 'passkey-failed' } });
			expect(foreign.cookies.has('better-auth.session_token')).toBe(false);

			// Removed: it signs in no more.
			const [{ id }] = (await browser.passkey('list')).body.passkeys as { id: string }[];
			expect((await browser.passkey('remove', { id })).body).toEqual({ passkeys: [] });
			expect(await passkeyRows(userId)).toHaveLength(0);
			const gone = await signInWith(new Browser(rig!.accounts), authenticator);
			expect(gone).toMatchObject({ status: 400, body: { error: 'passkey-failed' } });
		},
		SLOW,
	);

	it(
		'lets no one else see or remove a passkey, and nobody signed out add one',
		async () => {
			const { browser: alice, userId } = await signedUp('Alice');
			const { passkey } = await addPasskey(alice);
			const { browser: bob } = await signedUp('Bob', '203.0.113.20');

			expect((await bob.passkey('list')).body).toEqual({ passkeys: [] });
			const removed = await bob.passkey('remove', { id: passkey.id });
			expect(removed).toMatchObject({ status: 404, body: { error: 'passkey-not-found' } });
			const madeUp = await bob.passkey('remove', { id: 'no-such-passkey' });
			expect(madeUp).toMatchObject({ status: 404, body: { error: 'passkey-not-found' } });
			expect(await passkeyRows(userId)).toHaveLength(1);

			const nobody = new Browser(rig!.accounts, '203.0.113.30');
			for (const action of ['registerOptions', 'list'] as const) {
				expect(await nobody.passkey(action)).toMatchObject({
					status: 401,
					body: { error: 'not-signed-in' },
				});
			}
			const unsigned = await nobody.passkey('register', {
				response: new SoftwareAuthenticator(SITE).create({
					challenge: 'AAAA',
					rp: { name: 'Kioku' },
					user: { id: 'AAAA' },
				}),
			});
			expect(unsigned).toMatchObject({ status: 401, body: { error: 'not-signed-in' } });
			expect((await nobody.passkey('remove', { id: passkey.id })).status).toBe(401);
			expect(await passkeyRows(userId)).toHaveLength(1);
		},
		SLOW,
	);

	it(
		'refuses every passkey request from another site, or that is not JSON of the right shape',
		async () => {
			const { browser, userId } = await signedUp('Alice');
			const { passkey } = await addPasskey(browser);
			const bodies = {
				registerOptions: {},
				register: { response: {} },
				signInOptions: {},
				signIn: { response: {} },
				list: {},
				remove: { id: passkey.id },
			} as const;
			for (const [action, body] of Object.entries(bodies)) {
				for (const origin of ['https://evil.example', 'http://kioku.test.evil.example', null]) {
					const reply = await browser.passkey(action as keyof typeof bodies, body, { origin });
					expect(reply, `${action} from ${origin}`).toMatchObject({
						status: 403,
						body: { error: 'bad-origin' },
					});
				}
			}
			expect((await browser.passkey('remove', { id: passkey.id, extra: 1 })).status).toBe(400);
			expect((await browser.passkey('register', { response: 'not an object' })).status).toBe(400);
			expect((await browser.passkey('signIn', { response: {} })).status).toBe(400);
			expect(await passkeyRows(userId)).toHaveLength(1);
		},
		SLOW,
	);
});
