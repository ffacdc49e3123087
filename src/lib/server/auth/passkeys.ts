/**
 * Passkeys, the second way to sign in (`/api/account/passkey/*`): a signed-in user adds one and
 * lists or removes the account's own; anyone signs in with one. Better Auth's passkey plugin does
 * the WebAuthn ceremonies (challenges, verification, the `auth_passkey` rows, the session);
 * this module checks each request's origin and session, and answers in Kioku's shapes and codes.
 *
 * Every endpoint is a same-origin JSON POST: a GET from the page would carry no `Origin`, and the
 * ceremony is tied to the page's origin (see Accounts.passkeyAuth).
 */
import { getAuthenticatorName } from '@better-auth/passkey';
import { APIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import {
	PasskeyCeremony,
	PasskeyId,
	type AccountErrorCode,
	type PasskeySummary,
} from '$lib/account/protocol';
import { log } from '../log.ts';
import type { KiokuAuth } from './auth.ts';
import { answer, readRequest, refuse, userOf } from './http.ts';
import type { BetterAuthTables } from './tables.ts';

/** A passkey's answer is larger than a password form: an attestation, key and extensions. */
const MAX_CEREMONY_BYTES = 64 * 1024;

const Empty = v.strictObject({});

type Session = NonNullable<Awaited<ReturnType<KiokuAuth['api']['getSession']>>>;

export interface PasskeyAccess {
	db: Kysely<BetterAuthTables>;
	/** Better Auth configured for the page origin of a same-origin request. */
	authFor(request: Request): KiokuAuth;
	headers(request: Request, address: string): Headers;
	sessionOf(request: Request, address: string): Promise<Session | null>;
}

interface PasskeyRow {
	id: string;
	name?: string | null;
	aaguid?: string | null;
	createdAt?: Date | string | null;
}

export class Passkeys {
	constructor(private readonly access: PasskeyAccess) {}

	/** The browser's options for making a passkey for the signed-in user (and its challenge cookie). */
	async registerOptions(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, Empty);
		if (!read.ok) return read.error;
		const session = await this.access.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		try {
			const { headers, response } = await this.access
				.authFor(request)
				.api.generatePasskeyRegistrationOptions({
					headers: this.access.headers(request, address),
					returnHeaders: true,
				});
			// The library names the passkey's user by e-mail, which here is a placeholder never
			// shown: the browser and password manager show the user name instead.
			const name = userOf(session.user).name;
			return answer(
				{ ...response, user: { ...response.user, name, displayName: name } },
				headers.getSetCookie(),
			);
		} catch (error) {
			return refusal(error, 'passkey-failed');
		}
	}

	/** Verifies the new passkey the browser made and keeps it for the signed-in user. */
	async register(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, PasskeyCeremony, MAX_CEREMONY_BYTES);
		if (!read.ok) return read.error;
		if (!(await this.access.sessionOf(request, address))) return refuse('not-signed-in', 401);
		try {
			const row = await this.access.authFor(request).api.verifyPasskeyRegistration({
				body: { response: read.value.response },
				headers: this.access.headers(request, address),
			});
			return answer({ passkey: summary(row) });
		} catch (error) {
			return refusal(error, 'passkey-failed');
		}
	}

	/** The browser's options for signing in with any passkey of this site (and its challenge cookie). */
	async signInOptions(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, Empty);
		if (!read.ok) return read.error;
		try {
			const { headers, response } = await this.access
				.authFor(request)
				.api.generatePasskeyAuthenticationOptions({
					headers: this.access.headers(request, address),
					returnHeaders: true,
				});
			return answer(response, headers.getSetCookie());
		} catch (error) {
			return refusal(error, 'passkey-failed');
		}
	}

	/** Signs in with the passkey the browser used: a session and its cookie, as a password gives. */
	async signIn(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, PasskeyCeremony, MAX_CEREMONY_BYTES);
		if (!read.ok) return read.error;
		try {
			const { headers, response } = await this.access
				.authFor(request)
				.api.verifyPasskeyAuthentication({
					// Its shape is the plugin's to check (it answers 400 to a malformed one).
					body: { response: read.value.response as never },
					headers: this.access.headers(request, address),
					returnHeaders: true,
				});
			return answer({ user: userOf(response.user) }, headers.getSetCookie());
		} catch (error) {
			return refusal(error, 'passkey-failed');
		}
	}

	/** The signed-in user's passkeys, oldest first. */
	async list(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, Empty);
		if (!read.ok) return read.error;
		const session = await this.access.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		return answer({ passkeys: await this.summaries(session.user.id) });
	}

	/** Removes one of the signed-in user's passkeys; another account's is as unknown as a made-up id. */
	async remove(request: Request, address: string): Promise<Response> {
		const read = await readRequest(request, PasskeyId);
		if (!read.ok) return read.error;
		const session = await this.access.sessionOf(request, address);
		if (!session) return refuse('not-signed-in', 401);
		try {
			await this.access.authFor(request).api.deletePasskey({
				body: { id: read.value.id },
				headers: this.access.headers(request, address),
			});
		} catch (error) {
			return refusal(error, 'passkey-not-found', 404);
		}
		return answer({ passkeys: await this.summaries(session.user.id) });
	}

	/** The public description of each passkey, for "download my data": no key, no credential ID. */
	async exportUser(userId: string): Promise<unknown[]> {
		const rows = await this.access.db
			.selectFrom('auth_passkey')
			.select(['name', 'aaguid', 'deviceType', 'backedUp', 'transports', 'createdAt'])
			.where('userId', '=', userId)
			.orderBy('createdAt')
			.execute();
		return rows.map((row) => ({
			name: row.name,
			provider: getAuthenticatorName(row.aaguid ?? undefined) ?? null,
			deviceType: row.deviceType,
			backedUp: Boolean(row.backedUp),
			transports: row.transports ? row.transports.split(',') : [],
			createdAt: row.createdAt ? new Date(row.createdAt).toISOString() : null,
		}));
	}

	private async summaries(userId: string): Promise<PasskeySummary[]> {
		const rows = await this.access.db
			.selectFrom('auth_passkey')
			.select(['id', 'name', 'aaguid', 'createdAt'])
			.where('userId', '=', userId)
			.orderBy('createdAt')
			.execute();
		return rows.map(summary);
	}
}

function summary(row: PasskeyRow): PasskeySummary {
	return {
		id: row.id,
		name: row.name || getAuthenticatorName(row.aaguid ?? undefined) || null,
		createdAt: new Date(row.createdAt ?? 0).toISOString(),
	};
}

/**
 * The plugin's refusals as Kioku's codes. It says a response that does not verify with a 500 (and
 * logs it): that is the client's answer, not the server's fault, so it is `failed` too.
 */
function refusal(error: unknown, failed: AccountErrorCode, status = 400): Response {
	if (error instanceof APIError) {
		const code = (error.body as { code?: string } | undefined)?.code ?? '';
		if (code === 'SESSION_NOT_FRESH') return refuse('session-not-fresh', 403);
		if (error.statusCode === 401 && code === 'SESSION_REQUIRED') {
			return refuse('not-signed-in', 401);
		}
		if (error.statusCode < 500 || code.startsWith('FAILED_TO_VERIFY')) {
			return refuse(failed, status);
		}
	}
	log.error({ err: error }, 'A passkey request failed');
	return refuse('server-error', 500);
}
