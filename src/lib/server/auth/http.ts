/**
 * Reading the account endpoints' requests and answering them. Every request that changes
 * something must carry an `Origin` equal to the site's own: SvelteKit's CSRF check covers form
 * posts only, and these take JSON.
 */
import * as v from 'valibot';
import type { AccountErrorCode, AccountUser } from '$lib/account/protocol';
import { err, ok, type Result } from '$lib/result';
import { pageOrigin, sameOrigin } from '../same-origin.ts';

/** Larger than any account request (a name, a code, two passwords of at most 1,000 characters). */
const MAX_BODY_BYTES = 8 * 1024;

export function refuse(
	error: AccountErrorCode,
	status: number,
	extra: { retryAfter?: number; setCookies?: string[] } = {},
): Response {
	const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' });
	if (extra.retryAfter) headers.set('retry-after', String(extra.retryAfter));
	for (const cookie of extra.setCookies ?? []) headers.append('set-cookie', cookie);
	const body = extra.retryAfter ? { error, retryAfter: extra.retryAfter } : { error };
	return new Response(JSON.stringify(body), { status, headers });
}

export function answer(body: unknown, setCookies: string[] = [], extraHeaders = {}): Response {
	const headers = new Headers({
		'content-type': 'application/json',
		'cache-control': 'no-store',
		...extraHeaders,
	});
	for (const cookie of setCookies) headers.append('set-cookie', cookie);
	return new Response(JSON.stringify(body), { status: 200, headers });
}

export { pageOrigin, sameOrigin };

/**
 * Whether the browser reached the site over HTTPS: said by the page's origin, or, for a request
 * without one (a GET), by the session cookie it holds (`__Secure-` cookies travel over HTTPS only).
 */
export function overHttps(request: Request): boolean {
	const origin = pageOrigin(request);
	if (origin) return origin.startsWith('https:');
	return request.headers.get('cookie')?.includes('__Secure-better-auth.session_token=') ?? false;
}

/** The user as every account endpoint answers it: the name as typed at sign-up. */
export function userOf(user: {
	id: string;
	name: string;
	displayUsername?: string | null;
}): AccountUser {
	return { id: user.id, name: user.displayUsername || user.name };
}

/** The body, checked against `schema`, from a same-origin JSON request; else the refusal to send. */
export async function readRequest<S extends v.GenericSchema>(
	request: Request,
	schema: S,
	maxBytes = MAX_BODY_BYTES,
): Promise<Result<v.InferOutput<S>, Response>> {
	if (!sameOrigin(request)) return err(refuse('bad-origin', 403));
	if (!request.headers.get('content-type')?.startsWith('application/json')) {
		return err(refuse('bad-request', 415));
	}
	const text = await request.text();
	if (text.length > maxBytes) return err(refuse('bad-request', 413));
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return err(refuse('bad-request', 400));
	}
	const parsed = v.safeParse(schema, body);
	return parsed.success ? ok(parsed.output) : err(refuse('bad-request', 400));
}
