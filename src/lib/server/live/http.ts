/** Reading untrusted requests for the live endpoints, and answering them: size-capped JSON, a bearer token, refusals. */
import { json } from '@sveltejs/kit';
import { MAX_BODY_BYTES } from '$lib/live/protocol';
import type { HubResult, Refusal } from './hub';

export async function readBody(
	request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const text = await request.text();
	if (text.length > MAX_BODY_BYTES)
		return { ok: false, response: json({ error: 'Request too large' }, { status: 413 }) };
	try {
		return { ok: true, body: JSON.parse(text) };
	} catch {
		return { ok: false, response: json({ error: 'Not JSON' }, { status: 400 }) };
	}
}

export function bearer(request: Request): string {
	return request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
}

/** A refusal as every endpoint sends it: its status, and `{ error }` (the `Refused` schema). */
export const refused = (refusal: Refusal): Response =>
	json({ error: refusal.message }, { status: refusal.status });

export function reply<T>(result: HubResult<T>): Response {
	return result.ok ? json(result.value) : refused(result.error);
}
