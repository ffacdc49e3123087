/**
 * The account page's requests to /api/account/*: each answer is checked against its schema, and
 * a refusal comes back as the server's code (the page words it in the learner's language).
 */
import * as v from 'valibot';
import type { PasskeyProblem } from '$lib/account/passkey-ceremony';
import {
	AccountRefusal,
	PasskeyList,
	PasskeySummary,
	SessionAnswer,
	SignedIn,
	SignedUp,
	type AccountErrorCode,
	type ChangePassword,
	type ConfirmPassword,
	type Credentials,
	type Recover,
} from '$lib/account/protocol';
import { err, ok, type Result } from '$lib/result';

export type AccountFailure =
	| { kind: 'offline' }
	| { kind: 'refused'; code: AccountErrorCode; retryAfter?: number }
	/** The browser made or used no passkey (the server was not asked to check one). */
	| { kind: 'passkey'; problem: PasskeyProblem };

export type AccountReply<T> = Result<T, AccountFailure>;

const SignedOut = v.object({ user: v.null() });

async function send<S extends v.GenericSchema>(
	action: string,
	schema: S,
	body?: unknown,
): Promise<AccountReply<v.InferOutput<S>>> {
	let response: Response;
	let answer: unknown;
	try {
		response = await fetch(`/api/account/${action}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			credentials: 'same-origin',
			cache: 'no-store',
		});
		answer = await response.json().catch(() => undefined);
	} catch {
		return err({ kind: 'offline' });
	}
	if (!response.ok) {
		const refusal = v.safeParse(AccountRefusal, answer);
		return err(
			refusal.success
				? { kind: 'refused', code: refusal.output.error, retryAfter: refusal.output.retryAfter }
				: { kind: 'refused', code: 'server-error' },
		);
	}
	const parsed = v.safeParse(schema, answer);
	return parsed.success ? ok(parsed.output) : err({ kind: 'refused', code: 'server-error' });
}

export const currentSession = () => send('session', SessionAnswer);
export const signUp = (c: Credentials) => send('sign-up', SignedUp, c);
export const signIn = (c: Credentials) => send('sign-in', SignedIn, c);
export const signOut = () => send('sign-out', SignedOut, {});
export const signOutEverywhere = () => send('sign-out-everywhere', SignedOut, {});
export const changePassword = (c: ChangePassword) => send('password', SignedIn, c);
export const recover = (r: Recover) =>
	send('recover', v.object({ user: SignedIn.entries.user, recoveryCodesLeft: v.number() }), r);
export const deleteAccount = (c: ConfirmPassword) => send('delete', SignedOut, c);
export const exportAccountData = () => send('export', v.record(v.string(), v.unknown()), {});

const CeremonyOptions = v.record(v.string(), v.unknown());

/** The browser's ceremony, loaded on first use (see passkey-ceremony.ts). */
const ceremony = () => import('$lib/account/passkey-ceremony');

/** Asks the browser for a new passkey (its prompt) and keeps it on the account. */
export async function addPasskey(): Promise<AccountReply<PasskeySummary>> {
	const options = await send('passkey/register-options', CeremonyOptions, {});
	if (!options.ok) return options;
	const made = await (await ceremony()).makePasskey(options.value);
	if (!made.ok) return err({ kind: 'passkey', problem: made.error });
	const kept = await send('passkey/register', v.object({ passkey: PasskeySummary }), {
		response: made.value,
	});
	return kept.ok ? ok(kept.value.passkey) : kept;
}

/** Asks the browser to sign in with any passkey it holds for this site. */
export async function signInWithPasskey(): Promise<AccountReply<SignedIn>> {
	const options = await send('passkey/sign-in-options', CeremonyOptions, {});
	if (!options.ok) return options;
	const used = await (await ceremony()).usePasskey(options.value);
	if (!used.ok) return err({ kind: 'passkey', problem: used.error });
	return send('passkey/sign-in', SignedIn, { response: used.value });
}

export const listPasskeys = () => send('passkey/list', PasskeyList, {});
export const removePasskey = (id: string) => send('passkey/remove', PasskeyList, { id });
