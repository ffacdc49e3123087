/**
 * The account endpoints (`/api/account/*`): sign up, sign in, recovery with a one-time code,
 * sign out (here or everywhere), change password, delete the account, download its data. Each
 * takes the request (and the client's address) and gives the response, so tests drive them with
 * real requests on a real database. Better Auth does the credentials, sessions and cookies;
 * Kioku adds the attempt limits, the recovery codes, and the parts of other modules.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { APIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import {
	ChangePassword,
	ConfirmPassword,
	Credentials,
	isValidUsername,
	normaliseUsername,
	passwordProblem,
	Recover,
	type AccountErrorCode,
	type AccountUser,
} from '$lib/account/protocol';
import type { ServerDatabase } from '../db/connection.ts';
import { log } from '../log.ts';
import { AttemptLimiter, type AttemptRule } from './attempt-limit.ts';
import { ADDRESS_HEADER, createAuth, type KiokuAuth } from './auth.ts';
import { answer, overHttps, pageOrigin, readRequest, refuse, sameOrigin, userOf } from './http.ts';
import { Passkeys } from './passkeys.ts';
import { RecoveryCodes } from './recovery-codes.ts';
import type { AuthTables, BetterAuthTables } from './tables.ts';
import type { UserDataPart } from './user-data.ts';

const MINUTE = 60_000;

export interface AccountLimits {
	/** Wrong passwords (or recovery codes) for one user name, from anywhere. */
	account: AttemptRule;
	/** Wrong passwords (or codes) from one address, for any user name. */
	address: AttemptRule;
	/** New accounts from one address. */
	signUp: AttemptRule;
}

export const DEFAULT_LIMITS: AccountLimits = {
	account: { limit: 10, windowMs: 15 * MINUTE },
	// A class behind one school address signs in at once: only wrong attempts count.
	address: { limit: 100, windowMs: 15 * MINUTE },
	signUp: { limit: 30, windowMs: 60 * MINUTE },
};

/** Better Auth's endpoints a browser may reach directly under /api/auth; the rest go through Kioku's. */
const MOUNTED_PATHS = new Set([
	'/get-session',
	'/sign-out',
	'/list-sessions',
	'/revoke-session',
	'/revoke-other-sessions',
	'/ok',
]);

/** Page origins with their own passkey configuration kept at once (a server has one or two). */
const PASSKEY_ORIGINS_KEPT = 8;

/** The session cookie's name ends so, with or without the `__Secure-` prefix. */
const SESSION_COOKIE = 'better-auth.session_token=';

export interface AccountsOptions {
	db: ServerDatabase;
	secret: string;
	parts?: UserDataPart[];
	limits?: AccountLimits;
	now?: () => number;
}

type Tables = AuthTables & BetterAuthTables;

export class Accounts {
	private readonly db: Kysely<Tables>;
	private readonly limiter: AttemptLimiter;
	private readonly codes: RecoveryCodes;
	private readonly limits: AccountLimits;
	private readonly parts: UserDataPart[];
	private readonly auths = new Map<boolean, KiokuAuth>();
	private readonly passkeyAuths = new Map<string, KiokuAuth>();
	/** The passkey endpoints (`/api/account/passkey/*`). */
	readonly passkeys: Passkeys;

	constructor(private readonly options: AccountsOptions) {
		this.db = options.db.kysely as unknown as Kysely<Tables>;
		const own = options.db.kysely as unknown as Kysely<AuthTables>;
		this.limiter = new AttemptLimiter(own, options.now);
		this.codes = new RecoveryCodes(own, options.now);
		this.limits = options.limits ?? DEFAULT_LIMITS;
		this.parts = options.parts ?? [];
		this.passkeys = new Passkeys({
			db: options.db.kysely as unknown as Kysely<BetterAuthTables>,
			authFor: (request) => this.passkeyAuth(request),
			headers: (request, address) => this.headers(request, address),
			sessionOf: (request, address) => this.sessionOf(request, address),
		});
	}

	/** Better Auth configured for the page's scheme: its cookies are Secure over HTTPS only. */
	private auth(request: Request): KiokuAuth {
		const secure = overHttps(request);
		let auth = this.auths.get(secure);
		if (!auth) {
			auth = createAuth(this.options.db, this.options.secret, secure);
			this.auths.set(secure, auth);
		}
		return auth;
	}

	/**
	 * Better Auth for a passkey ceremony on the page that sent `request` (checked same-origin by
	 * the caller): the passkey's relying party is that page's host name, so the same server
	 * reached as kioku.example and as 192.168.1.5 makes passkeys for each. A few are kept; a
	 * request with a made-up host only replaces the oldest, never grows the map.
	 */
	private passkeyAuth(request: Request): KiokuAuth {
		const origin = pageOrigin(request);
		if (!origin) throw new Error('A passkey request must come from the site’s own page');
		let auth = this.passkeyAuths.get(origin);
		if (!auth) {
			const secure = origin.startsWith('https:');
			auth = createAuth(this.options.db, this.options.secret, secure, origin);
			if (this.passkeyAuths.size >= PASSKEY_ORIGINS_KEPT) {
				this.passkeyAuths.delete(this.passkeyAuths.keys().next().value!);
			}
			this.passkeyAuths.set(origin, auth);
		}
		return auth;
	}

	/** What Better Auth is told of the request: its cookies, its browser, and who sent it. */
	private headers(request: Request, address: string): Headers {
		const headers = new Headers();
		for (const name of ['cookie', 'user-agent']) {
			const value = request.headers.get(name);
			if (value) headers.set(name, value.slice(0, 4096));
		}
		headers.set(ADDRESS_HEADER, address);
		return headers;
	}

	private async sessionOf(request: Request, address = '') {
		if (!request.headers.get('cookie')?.includes(SESSION_COOKIE)) return null;
		return this.auth(request).api.getSession({
			headers: this.headers(request, address),
			query: { disableRefresh: true },
		});
	}

	/** The signed-in user of a request, or null; no database query when it carries no session cookie. */
	async currentUser(request: Request): Promise<AccountUser | null> {
		const session = await this.sessionOf(request);
		return session ? userOf(session.user) : null;
	}

	/** Better Auth's own endpoints that pages may call directly (reading and ending sessions). */
	async mounted(request: Request): Promise<Response> {
		const path = new URL(request.url).pathname.replace(/^\/api\/auth/, '');
		if (!MOUNTED_PATHS.has(path)) return new Response('Not found', { status: 404 });
		return this.auth(request).handler(request);
	}

	async session(request: Request, address: string): Promise<Response> {
		if (!request.headers.get('cookie')?.includes(SESSION_COOKIE)) return answer({ user: null });
		// Read with refresh: a session in use is extended, and its cookie with it.
		const { headers, response } = await this.auth(request).api.getSession({
			headers: this.headers(request, address),
			returnHeaders: true,
		});
		if (!response) return answer({ user: null }, headers.getSetCookie());
		const recoveryCodesLeft = await this.codes.left(response.user.id);
		return answer({ user: userOf(response.user), recoveryCodesLeft }, headers.getSetCookie());
	}

	async signUp(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, Credentials);
		if (!read.ok) return read.error;
		const { username, password } = read.value;
		if (!isValidUsername(username)) return refuse('username-invalid', 400);
		const problem = passwordProblem(password);
		if (problem) return refuse(problem, 400);
		const signUpKey: [string, AttemptRule][] = [[`sign-up:${address}`, this.limits.signUp]];
		const wait = await this.limiter.retryAfter(signUpKey);
		if (wait > 0) return refuse('too-many-attempts', 429, { retryAfter: wait });
		await this.limiter.count(signUpKey);
		try {
			const { headers, response } = await this.auth(request).api.signUpEmail({
				body: {
					// Better Auth needs an e-mail address; there is none here. This one cannot be
					// delivered (.invalid is reserved) and is never shown or exported.
					email: `${randomUUID()}@account.kioku.invalid`,
					name: username.normalize('NFKC'),
					username,
					displayUsername: username.normalize('NFKC'),
					password,
				},
				headers: this.headers(request, address),
				returnHeaders: true,
			});
			const recoveryCodes = await this.codes.issue(response.user.id);
			return answer({ user: userOf(response.user), recoveryCodes }, headers.getSetCookie());
		} catch (error) {
			return refusal(error);
		}
	}

	private signInKeys(username: string, address: string): [string, AttemptRule][] {
		return [
			[`account:${normaliseUsername(username)}`, this.limits.account],
			[`address:${address}`, this.limits.address],
		];
	}

	async signIn(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, Credentials);
		if (!read.ok) return read.error;
		const { username, password } = read.value;
		const keys = this.signInKeys(username, address);
		const wait = await this.limiter.retryAfter(keys);
		if (wait > 0) return refuse('too-many-attempts', 429, { retryAfter: wait });
		try {
			const { headers, response } = await this.auth(request).api.signInUsername({
				body: { username, password },
				headers: this.headers(request, address),
				returnHeaders: true,
			});
			await this.limiter.clear([keys[0][0]]);
			return answer({ user: userOf(response.user) }, headers.getSetCookie());
		} catch (error) {
			if (!(error instanceof APIError) || error.statusCode >= 500) return refusal(error);
			await this.limiter.count(keys);
			return refuse('wrong-credentials', 401);
		}
	}

	/** Ends this device's session (and clears its cookie), signed in or not. */
	async signOut(request: Request, address: string): Promise<Response> {
		if (!sameOrigin(request)) return refuse('bad-origin', 403);
		if (!(await this.sessionOf(request, address))) return answer({ user: null });
		const { headers } = await this.auth(request).api.signOut({
			headers: this.headers(request, address),
			returnHeaders: true,
		});
		return answer({ user: null }, headers.getSetCookie());
	}

	/** Ends every session of the account, on every device, this one included. */
	async signOutEverywhere(request: Request, address: string): Promise<Response> {
		if (!sameOrigin(request)) return refuse('bad-origin', 403);
		const session = await this.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		const { headers } = await this.auth(request).api.signOut({
			headers: this.headers(request, address),
			returnHeaders: true,
		});
		await this.db.deleteFrom('auth_session').where('userId', '=', session.user.id).execute();
		return answer({ user: null }, headers.getSetCookie());
	}

	/** A new password; every other session ends (a device that knew the old one is signed out). */
	async changePassword(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, ChangePassword);
		if (!read.ok) return read.error;
		const session = await this.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		const problem = passwordProblem(read.value.newPassword);
		if (problem) return refuse(problem, 400);
		const keys = this.signInKeys(session.user.username ?? '', address);
		const wait = await this.limiter.retryAfter(keys);
		if (wait > 0) return refuse('too-many-attempts', 429, { retryAfter: wait });
		try {
			const { headers } = await this.auth(request).api.changePassword({
				body: { ...read.value, revokeOtherSessions: true },
				headers: this.headers(request, address),
				returnHeaders: true,
			});
			return answer({ user: userOf(session.user) }, headers.getSetCookie());
		} catch (error) {
			if (!(error instanceof APIError) || error.statusCode >= 500) return refusal(error);
			await this.limiter.count(keys);
			return refuse('wrong-password', 403);
		}
	}

	/**
	 * Forgot the password: the user name and one recovery code (spent by this) set a new password,
	 * end every session, and sign this device in. Wrong codes count as wrong passwords do.
	 */
	async recover(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, Recover);
		if (!read.ok) return read.error;
		const { username, code, newPassword } = read.value;
		const problem = passwordProblem(newPassword);
		if (problem) return refuse(problem, 400);
		const keys = this.signInKeys(username, address);
		const wait = await this.limiter.retryAfter(keys);
		if (wait > 0) return refuse('too-many-attempts', 429, { retryAfter: wait });
		const user = await this.db
			.selectFrom('auth_user')
			.select('id')
			.where('username', '=', normaliseUsername(username))
			.executeTakeFirst();
		// No such user: as long as a wrong code takes, so the time does not say which names exist.
		const spent = user ? await this.codes.spend(user.id, code) : (await hashPassword(code), false);
		if (!user || !spent) {
			await this.limiter.count(keys);
			return refuse('wrong-recovery-code', 401);
		}
		const auth = this.auth(request);
		const context = await auth.$context;
		await context.internalAdapter.updatePassword(user.id, await context.password.hash(newPassword));
		await this.db.deleteFrom('auth_session').where('userId', '=', user.id).execute();
		await this.limiter.clear([keys[0][0]]);
		const { headers, response } = await auth.api.signInUsername({
			body: { username, password: newPassword },
			headers: this.headers(request, address),
			returnHeaders: true,
		});
		const recoveryCodesLeft = await this.codes.left(user.id);
		return answer({ user: userOf(response.user), recoveryCodesLeft }, headers.getSetCookie());
	}

	/**
	 * Deletes the account, confirmed with its password: first what other modules hold for the
	 * user, then every row of the account itself (user, sessions, credentials, passkeys, recovery
	 * codes, attempt counts), in one transaction.
	 */
	async deleteAccount(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, ConfirmPassword);
		if (!read.ok) return read.error;
		const session = await this.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		const keys = this.signInKeys(session.user.username ?? '', address);
		const wait = await this.limiter.retryAfter(keys);
		if (wait > 0) return refuse('too-many-attempts', 429, { retryAfter: wait });
		const auth = this.auth(request);
		const context = await auth.$context;
		const credentials = await context.internalAdapter.findCredentialAccount(session.user.id);
		const right =
			!!credentials?.password &&
			(await context.password.verify({
				hash: credentials.password,
				password: read.value.password,
			}));
		if (!right) {
			await this.limiter.count(keys);
			return refuse('wrong-password', 403);
		}
		const userId = session.user.id;
		const { headers } = await auth.api.signOut({
			headers: this.headers(request, address),
			returnHeaders: true,
		});
		for (const part of this.parts) await part.deleteUser(userId);
		await this.db.transaction().execute(async (tx) => {
			await tx.deleteFrom('auth_recovery_code').where('user_id', '=', userId).execute();
			await tx.deleteFrom('auth_attempt_counter').where('key', '=', keys[0][0]).execute();
			await tx.deleteFrom('auth_session').where('userId', '=', userId).execute();
			await tx.deleteFrom('auth_account').where('userId', '=', userId).execute();
			await tx.deleteFrom('auth_passkey').where('userId', '=', userId).execute();
			await tx.deleteFrom('auth_verification').where('value', '=', userId).execute();
			await tx.deleteFrom('auth_user').where('id', '=', userId).execute();
		});
		return answer({ user: null }, headers.getSetCookie());
	}

	/** Everything the server holds about the signed-in user, as one JSON file. */
	async exportData(request: Request, address: string): Promise<Response> {
		if (!sameOrigin(request)) return refuse('bad-origin', 403);
		const session = await this.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		const userId = session.user.id;
		const user = await this.db
			.selectFrom('auth_user')
			.select(['id', 'username', 'displayUsername', 'createdAt'])
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		const sessions = await this.db
			.selectFrom('auth_session')
			.select(['token', 'createdAt', 'updatedAt', 'expiresAt', 'ipAddress', 'userAgent'])
			.where('userId', '=', userId)
			.orderBy('createdAt')
			.execute();
		const data: Record<string, unknown> = {
			format: 'kioku-account-data',
			version: 1,
			exportedAt: new Date(this.options.now?.() ?? Date.now()).toISOString(),
			user: {
				id: user.id,
				name: user.displayUsername ?? user.username,
				username: user.username,
				createdAt: iso(user.createdAt),
			},
			// Session tokens are secrets: each session is described, never given.
			sessions: sessions.map((s) => ({
				thisDevice: s.token === session.session.token,
				createdAt: iso(s.createdAt),
				lastUsedAt: iso(s.updatedAt),
				expiresAt: iso(s.expiresAt),
				ipAddress: s.ipAddress,
				userAgent: s.userAgent,
			})),
			recoveryCodesLeft: await this.codes.left(userId),
			passkeys: await this.passkeys.exportUser(userId),
		};
		for (const part of this.parts) data[part.name] = await part.exportUser(userId);
		return answer(data, [], {
			'content-disposition': 'attachment; filename="kioku-account.json"',
		});
	}

	/** Forgets attempt counts whose window ended a day ago (called now and then). */
	prune(): Promise<void> {
		return this.limiter.prune(24 * 60 * MINUTE);
	}
}

function iso(value: Date | string): string {
	return new Date(value).toISOString();
}

/** Better Auth's refusals as Kioku's codes; anything unexpected is logged and said as such. */
function refusal(error: unknown): Response {
	if (error instanceof APIError && error.statusCode < 500) {
		const code = (error.body as { code?: string } | undefined)?.code ?? '';
		const known: Record<string, AccountErrorCode> = {
			USERNAME_IS_ALREADY_TAKEN: 'username-taken',
			USERNAME_TOO_SHORT: 'username-invalid',
			USERNAME_TOO_LONG: 'username-invalid',
			INVALID_USERNAME: 'username-invalid',
			PASSWORD_TOO_SHORT: 'password-too-short',
			PASSWORD_TOO_LONG: 'password-too-long',
		};
		const mapped = known[code];
		if (mapped) return refuse(mapped, mapped === 'username-taken' ? 409 : 400);
		return refuse('bad-request', 400);
	}
	log.error({ err: error }, 'An account request failed');
	return refuse('server-error', 500);
}
