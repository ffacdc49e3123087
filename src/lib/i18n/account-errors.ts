/** The account endpoints' refusals in the learner's language. */
import type { AccountErrorCode } from '$lib/account/protocol';
import type { PasskeyProblem } from '$lib/account/passkey-ceremony';
import { m } from '$lib/paraglide/messages';

export function accountError(
	failure:
		| { kind: 'offline' }
		| { kind: 'refused'; code: AccountErrorCode; retryAfter?: number }
		| { kind: 'passkey'; problem: PasskeyProblem },
): string {
	if (failure.kind === 'offline') return m.account_error_offline();
	if (failure.kind === 'passkey') {
		const problems: Record<PasskeyProblem, () => string> = {
			cancelled: m.account_error_passkey_cancelled,
			unsupported: m.account_error_passkey_unsupported,
			exists: m.account_error_passkey_exists,
			failed: m.account_error_passkey_failed,
		};
		return problems[failure.problem]();
	}
	const words: Record<AccountErrorCode, () => string> = {
		'bad-request': m.account_error_bad_request,
		'bad-origin': m.account_error_bad_origin,
		'not-signed-in': m.account_error_not_signed_in,
		'wrong-credentials': m.account_error_wrong_credentials,
		'wrong-password': m.account_error_wrong_password,
		'wrong-recovery-code': m.account_error_wrong_recovery_code,
		'too-many-attempts': () =>
			m.account_error_too_many({
				minutes: Math.max(1, Math.ceil((failure.retryAfter ?? 60) / 60)),
			}),
		'username-taken': m.account_error_username_taken,
		'username-invalid': m.account_error_username_invalid,
		'password-too-short': m.account_error_password_short,
		'password-too-long': m.account_error_password_long,
		'session-not-fresh': m.account_error_session_not_fresh,
		'passkey-failed': m.account_error_passkey_failed,
		'passkey-not-found': m.account_error_passkey_not_found,
		'server-error': m.account_error_server,
	};
	return words[failure.code]();
}
