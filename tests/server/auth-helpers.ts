/** Drives the account endpoints as a browser would: requests with an Origin, and a cookie jar. */
import { migrateToLatest } from '$lib/server/db/migrations';
import { Accounts, DEFAULT_LIMITS, type AccountLimits } from '$lib/server/auth/accounts';
import { migrateAuth } from '$lib/server/auth/auth';
import type { UserDataPart } from '$lib/server/auth/user-data';
import { createTestDatabase, type TestDatabase } from './databases';
import type { DatabaseKind } from '$lib/server/db/connection';

export const SITE = 'http://kioku.test';

export interface AuthRig {
	test: TestDatabase;
	accounts: Accounts;
	clock: { now: number };
}

export async function authRig(
	kind: DatabaseKind,
	options: { parts?: UserDataPart[]; limits?: AccountLimits } = {},
): Promise<AuthRig> {
	const test = await createTestDatabase(kind);
	await migrateToLatest(test.db.kysely, kind);
	await migrateAuth(test.db);
	const clock = { now: Date.UTC(2026, 0, 5, 9) };
	const accounts = new Accounts({
		db: test.db,
		secret: 'a test secret that is long enough to sign with',
		parts: options.parts,
		limits: options.limits ?? DEFAULT_LIMITS,
		now: () => clock.now,
	});
	return { test, accounts, clock };
}

type Action =
	| 'session'
	| 'signUp'
	| 'signIn'
	| 'signOut'
	| 'signOutEverywhere'
	| 'changePassword'
	| 'recover'
	| 'deleteAccount'
	| 'exportData';

type PasskeyAction =
	'registerOptions' | 'register' | 'signInOptions' | 'signIn' | 'list' | 'remove';

/** One browser: its cookies, its address, its origin. */
export class Browser {
	readonly cookies = new Map<string, string>();
	constructor(
		private readonly accounts: Accounts,
		readonly address = '203.0.113.7',
		readonly site = SITE,
		/** The URL the server sees: adapter-node, without ORIGIN set, says https for every request. */
		readonly serverSite = site,
	) {}

	call(action: Action, body?: unknown, init: { origin?: string | null } = {}) {
		const handler = (request: Request) => this.accounts[action](request, this.address);
		return this.send(action, handler, body, init);
	}

	/** One of the passkey endpoints (`/api/account/passkey/*`). */
	passkey(action: PasskeyAction, body: unknown = {}, init: { origin?: string | null } = {}) {
		const handler = (request: Request) => this.accounts.passkeys[action](request, this.address);
		return this.send(`passkey/${action}`, handler, body, init);
	}

	private async send(
		action: string,
		handler: (request: Request) => Promise<Response>,
		body: unknown,
		init: { origin?: string | null },
	): Promise<{ status: number; body: Record<string, unknown>; setCookies: string[] }> {
		const headers = new Headers({ 'user-agent': 'test browser' });
		const origin = init.origin === undefined ? this.site : init.origin;
		if (origin !== null) headers.set('origin', origin);
		if (body !== undefined) headers.set('content-type', 'application/json');
		const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		if (jar) headers.set('cookie', jar);
		const request = new Request(`${this.serverSite}/api/account/${action}`, {
			method: action === 'session' ? 'GET' : 'POST',
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const response = await handler(request);
		const setCookies = response.headers.getSetCookie();
		for (const cookie of setCookies) {
			const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
			const [name, ...rest] = pair.split('=');
			const gone = attributes.some((a) => /^max-age=0$/i.test(a)) || rest.join('=') === '';
			if (gone) this.cookies.delete(name);
			else this.cookies.set(name, rest.join('='));
		}
		return { status: response.status, body: await response.json(), setCookies };
	}
}
