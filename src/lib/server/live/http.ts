/** Reading untrusted requests for the live endpoints, and answering them: size-capped JSON, a bearer token, refusals. */
import { json } from '@sveltejs/kit';
import { MAX_BODY_BYTES } from '$lib/live/protocol';
import { err, ok, type Result } from '$lib/result';
import type { HubResult, Refusal } from './hub';

/** The body as JSON, or the refusal to send instead. */
export async function readBody(
	request: Request,
	maxBytes = MAX_BODY_BYTES,
): Promise<Result<unknown, Response>> {
	const text = await request.text();
	if (text.length > maxBytes) return err(refused({ status: 413, message: 'Request too large' }));
	try {
		return ok(JSON.parse(text));
	} catch {
		return err(refused({ status: 400, message: 'Not JSON' }));
	}
}

export function bearer(request: Request): string {
	return request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
}

/** What a stopping instance answers to new work (see ops/shutdown.ts). */
export const STOPPING: Refusal = {
	status: 503,
	message: 'This server is restarting; try again',
	// Sent again in a second, the request reaches another instance (or this one, restarted).
	retryAfter: 1,
};

/**
 * A refusal as every endpoint sends it: its status, `{ error }` (the `Refused` schema), and
 * Retry-After when the same request may succeed later (the game is moving between instances).
 */
export const refused = (refusal: Refusal): Response =>
	json(
		{ error: refusal.message, ...(refusal.ownDeck ? { ownDeck: refusal.ownDeck } : {}) },
		{
			status: refusal.status,
			...(refusal.retryAfter ? { headers: { 'retry-after': String(refusal.retryAfter) } } : {}),
		},
	);

export function reply<T>(result: HubResult<T>): Response {
	return result.ok ? json(result.value) : refused(result.error);
}
