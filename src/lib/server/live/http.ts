/** Reading untrusted requests for the live endpoints, and answering them: size-capped JSON, a bearer token, refusals. */
import { MAX_BODY_BYTES } from '$lib/live/protocol';
import { err, ok, type Result } from '$lib/result';
import type { HubResult, Refusal } from './hub';

/**
 * An answer as bytes to send: what SvelteKit's `json()` makes (the same headers), written as a
 * web Response by the routes and straight to Node's response by node-routes.ts.
 */
export interface JsonAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export function jsonAnswer(
	value: unknown,
	status = 200,
	headers: Record<string, string> = {},
): JsonAnswer {
	const body = JSON.stringify(value);
	return {
		status,
		headers: {
			...headers,
			'content-length': String(Buffer.byteLength(body)),
			'content-type': 'application/json',
		},
		body,
	};
}

const toResponse = (a: JsonAnswer) =>
	new Response(a.body, { status: a.status, headers: a.headers });

export const TOO_LARGE: Refusal = { status: 413, message: 'Request too large' };

/** A body's text as JSON, or the refusal to send instead. */
export function parseBody(text: string, maxBytes = MAX_BODY_BYTES): Result<unknown, Refusal> {
	if (text.length > maxBytes) return err(TOO_LARGE);
	try {
		return ok(JSON.parse(text));
	} catch {
		return err({ status: 400, message: 'Not JSON' });
	}
}

/** The body as JSON, or the refusal to send instead. */
export async function readBody(
	request: Request,
	maxBytes = MAX_BODY_BYTES,
): Promise<Result<unknown, Response>> {
	const parsed = parseBody(await request.text(), maxBytes);
	return parsed.ok ? parsed : err(refused(parsed.error));
}

/** The token of an `Authorization: Bearer …` header ('' without one). */
export const bearerOf = (authorization: string | null | undefined): string =>
	authorization?.replace(/^Bearer\s+/i, '') ?? '';

export function bearer(request: Request): string {
	return bearerOf(request.headers.get('authorization'));
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
export const refusal = (r: Refusal): JsonAnswer =>
	jsonAnswer(
		{ error: r.message, ...(r.ownDeck ? { ownDeck: r.ownDeck } : {}) },
		r.status,
		r.retryAfter ? { 'retry-after': String(r.retryAfter) } : {},
	);

export const refused = (r: Refusal): Response => toResponse(refusal(r));

/** A hub's result as the answer to send: its value as JSON, or its refusal. */
export const answerOf = <T>(result: HubResult<T>): JsonAnswer =>
	result.ok ? jsonAnswer(result.value) : refusal(result.error);

export function reply<T>(result: HubResult<T>): Response {
	return toResponse(answerOf(result));
}
