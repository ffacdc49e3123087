/**
 * The browser's part of a passkey: asks it (and the person, through its prompt) to make or use
 * one for the server's options. Loaded by the account page only when a passkey button is pressed,
 * so no other page carries `@simplewebauthn/browser`.
 */
import {
	browserSupportsWebAuthn,
	startAuthentication,
	startRegistration,
} from '@simplewebauthn/browser';
import { err, ok, type Result } from '$lib/result';

/** Why the browser gave no passkey answer, for the page to say in the learner's language. */
export type PasskeyProblem = 'cancelled' | 'unsupported' | 'exists' | 'failed';

type Options = Parameters<typeof startRegistration>[0]['optionsJSON'];
type SignInOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];

export const makePasskey = (options: unknown) =>
	ceremony(() => startRegistration({ optionsJSON: options as Options }));

export const usePasskey = (options: unknown) =>
	ceremony(() => startAuthentication({ optionsJSON: options as SignInOptions }));

/** Runs one of the browser's two ceremonies; what went wrong as a problem the page can word. */
async function ceremony(run: () => Promise<unknown>): Promise<Result<unknown, PasskeyProblem>> {
	if (!browserSupportsWebAuthn()) return err('unsupported');
	try {
		return ok(await run());
	} catch (error) {
		return err(problemOf(error));
	}
}

/**
 * The browser says little on purpose: a closed prompt, a timeout and "no passkey here" are all
 * `NotAllowedError`, so they read as one "closed or timed out".
 */
function problemOf(error: unknown): PasskeyProblem {
	const { name = '', code = '' } = (error ?? {}) as { name?: string; code?: string };
	if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
		return 'exists';
	}
	if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') {
		return 'cancelled';
	}
	if (
		name === 'SecurityError' ||
		name === 'NotSupportedError' ||
		code === 'ERROR_INVALID_DOMAIN' ||
		code === 'ERROR_INVALID_RP_ID'
	) {
		return 'unsupported';
	}
	return 'failed';
}
