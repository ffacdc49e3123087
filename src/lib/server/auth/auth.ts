/**
 * Better Auth on Kioku's own database (the Kysely instance of `openDatabase`), with user names
 * instead of e-mail, and passkeys as a second way to sign in. Its tables are `auth_user`,
 * `auth_session`, `auth_account`, `auth_verification` and `auth_passkey`, created by its own
 * migrations at start (`migrateAuth`).
 *
 * Passwords are hashed with Better Auth's default, scrypt (N = 16384, r = 16: 32 MiB per hash,
 * memory-hard). Session cookies are HttpOnly and SameSite=Lax, and Secure (with the `__Secure-`
 * prefix) when the request came over HTTPS: one configured instance per scheme, so a server that
 * answers both never sends a session cookie over plain HTTP marked for HTTPS or the other way.
 */
import { passkey } from '@better-auth/passkey';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { username } from 'better-auth/plugins';
import {
	isValidUsername,
	normaliseUsername,
	PASSWORD_MAX,
	PASSWORD_MIN,
	USERNAME_MAX,
	USERNAME_MIN,
} from '$lib/account/protocol';
import type { ServerDatabase } from '../db/connection.ts';
import { pageOrigin } from './http.ts';

/** The header the server puts the client's address in (SvelteKit's, proxy-aware), for session metadata. */
export const ADDRESS_HEADER = 'x-kioku-client-address';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * `passkeyOrigin` is the origin of the page a passkey is made or used on (see passkeys.ts): a
 * passkey is bound to its host name (the WebAuthn relying party ID), and a self-hosted server may
 * be reached under any name, so each page origin gets its own configured instance. Without one
 * (migrations, every other endpoint) the passkey endpoints are there but unused.
 */
export function authOptions(
	db: ServerDatabase,
	secret: string,
	secure: boolean,
	passkeyOrigin?: string,
) {
	return {
		appName: 'Kioku',
		secret,
		database: { db: db.kysely, type: db.kind },
		emailAndPassword: {
			enabled: true,
			minPasswordLength: PASSWORD_MIN,
			maxPasswordLength: PASSWORD_MAX,
		},
		user: { modelName: 'auth_user' },
		session: {
			modelName: 'auth_session',
			// A learner may open the app once a month: the session lasts 60 days from the last use.
			expiresIn: 60 * DAY_SECONDS,
			updateAge: DAY_SECONDS,
		},
		account: { modelName: 'auth_account' },
		verification: { modelName: 'auth_verification' },
		plugins: [
			username({
				minUsernameLength: USERNAME_MIN,
				maxUsernameLength: USERNAME_MAX,
				usernameValidator: isValidUsername,
				usernameNormalization: normaliseUsername,
			}),
			passkey({
				rpName: 'Kioku',
				rpID: passkeyOrigin && new URL(passkeyOrigin).hostname,
				origin: passkeyOrigin ?? null,
				// Signing in asks for no user name: the passkey must be one the device can find
				// by itself (discoverable), which a security key otherwise might not make.
				authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
				schema: { passkey: { modelName: 'auth_passkey' } },
			}),
		],
		advanced: {
			useSecureCookies: secure,
			ipAddress: { ipAddressHeaders: [ADDRESS_HEADER] },
		},
		// Its endpoints mounted under /api/auth trust this site's own pages, over either scheme
		// (see pageOrigin).
		trustedOrigins: (request?: Request) => {
			const origin = request && pageOrigin(request);
			return origin ? [origin] : [];
		},
		telemetry: { enabled: false },
		// A wrong password is not an error worth a log line per attempt.
		logger: { level: 'error' },
	} satisfies BetterAuthOptions;
}

export type KiokuAuth = ReturnType<typeof betterAuth<ReturnType<typeof authOptions>>>;

export function createAuth(
	db: ServerDatabase,
	secret: string,
	secure: boolean,
	passkeyOrigin?: string,
): KiokuAuth {
	return betterAuth(authOptions(db, secret, secure, passkeyOrigin));
}

/** Creates or updates Better Auth's tables to what this version needs; nothing when up to date. */
export async function migrateAuth(db: ServerDatabase): Promise<void> {
	const { runMigrations } = await getMigrations(
		authOptions(db, 'migrations-only'.repeat(3), false),
	);
	await runMigrations();
}
