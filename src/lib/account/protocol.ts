/**
 * What the account endpoints (`/api/account/*`) take and answer, shared by the server and the
 * page. A refusal is `{ error: AccountErrorCode }` with an HTTP status; the page says each code in
 * the learner's language (the server never words it), so one endpoint serves both languages.
 */
import * as v from 'valibot';

/** A user name: letters and digits of any script, `_`, `.` and `-`; compared without case. */
export const USERNAME_MIN = 2;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const RECOVERY_CODE_COUNT = 10;

const USERNAME_PATTERN = /^[\p{L}\p{N}_.-]+$/u;

/** The form a user name is stored and compared in: NFKC (full-width Ａ is A), lower case. */
export function normaliseUsername(name: string): string {
	return name.normalize('NFKC').toLowerCase();
}

/** Whether a user name (as typed) is one the server accepts. */
export function isValidUsername(name: string): boolean {
	const length = [...name.normalize('NFKC')].length;
	return (
		length >= USERNAME_MIN &&
		length <= USERNAME_MAX &&
		USERNAME_PATTERN.test(name.normalize('NFKC'))
	);
}

const Username = v.pipe(v.string(), v.maxLength(200));
const Password = v.pipe(v.string(), v.maxLength(1000));

export const Credentials = v.strictObject({ username: Username, password: Password });
export type Credentials = v.InferOutput<typeof Credentials>;

export const ChangePassword = v.strictObject({ currentPassword: Password, newPassword: Password });
export type ChangePassword = v.InferOutput<typeof ChangePassword>;

export const Recover = v.strictObject({
	username: Username,
	code: v.pipe(v.string(), v.maxLength(100)),
	newPassword: Password,
});
export type Recover = v.InferOutput<typeof Recover>;

export const ConfirmPassword = v.strictObject({ password: Password });
export type ConfirmPassword = v.InferOutput<typeof ConfirmPassword>;

export const AccountUser = v.object({ id: v.string(), name: v.string() });
export type AccountUser = v.InferOutput<typeof AccountUser>;

export const SessionAnswer = v.object({
	user: v.nullable(AccountUser),
	/** Unspent recovery codes (signed in only). */
	recoveryCodesLeft: v.optional(v.number()),
});
export type SessionAnswer = v.InferOutput<typeof SessionAnswer>;

export const SignedUp = v.object({ user: AccountUser, recoveryCodes: v.array(v.string()) });
export type SignedUp = v.InferOutput<typeof SignedUp>;

export const SignedIn = v.object({ user: AccountUser });
export type SignedIn = v.InferOutput<typeof SignedIn>;

/**
 * A passkey ceremony's answer from the browser (`@simplewebauthn/browser`'s JSON), checked by
 * the auth library; here only its outer shape.
 */
export const PasskeyCeremony = v.strictObject({
	response: v.record(v.string(), v.unknown()),
});
export type PasskeyCeremony = v.InferOutput<typeof PasskeyCeremony>;

export const PasskeyId = v.strictObject({ id: v.pipe(v.string(), v.maxLength(200)) });
export type PasskeyId = v.InferOutput<typeof PasskeyId>;

/** A passkey as the account page lists it: never its key or credential ID. */
export const PasskeySummary = v.object({
	id: v.string(),
	/** Its name, or its maker's (a password manager) when known; else the page says "Passkey". */
	name: v.nullable(v.string()),
	createdAt: v.string(),
});
export type PasskeySummary = v.InferOutput<typeof PasskeySummary>;

export const PasskeyList = v.object({ passkeys: v.array(PasskeySummary) });
export type PasskeyList = v.InferOutput<typeof PasskeyList>;

export const ACCOUNT_ERRORS = [
	/** Not JSON, or not the fields the endpoint takes. */
	'bad-request',
	/** The request came from another site (or said nowhere). */
	'bad-origin',
	'not-signed-in',
	/** Wrong user name or password: the same words for both, so names cannot be probed. */
	'wrong-credentials',
	'wrong-password',
	'wrong-recovery-code',
	/** Too many wrong attempts for this account or from this address: wait `retryAfter` seconds. */
	'too-many-attempts',
	'username-taken',
	'username-invalid',
	'password-too-short',
	'password-too-long',
	/** Adding a passkey needs a session made within the last day: sign in again first. */
	'session-not-fresh',
	/** The passkey's answer did not verify (or its challenge expired, or it is unknown here). */
	'passkey-failed',
	/** No passkey of this account has that id. */
	'passkey-not-found',
	/** Anything else: the server logged it. */
	'server-error',
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERRORS)[number];

export const AccountRefusal = v.object({
	error: v.picklist(ACCOUNT_ERRORS),
	retryAfter: v.optional(v.number()),
});
export type AccountRefusal = v.InferOutput<typeof AccountRefusal>;

/** The password rules the server applies, checked before sending so the page can say at once. */
export function passwordProblem(password: string): AccountErrorCode | undefined {
	if (password.length < PASSWORD_MIN) return 'password-too-short';
	if (password.length > PASSWORD_MAX) return 'password-too-long';
	return undefined;
}
