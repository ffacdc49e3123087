/**
 * The account page's requests to /api/account/*: each answer is checked against its schema, and
 * a refusal comes back as the server's code (the page words it in the learner's language).
 */
import * as v from 'valibot';
import {
	AccountRefusal,
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
	{ kind: 'offline' } | { kind: 'refused'; code: AccountErrorCode; retryAfter?: number };

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
