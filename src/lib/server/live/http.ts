/** Reading untrusted requests for the live endpoints: size-capped JSON and a bearer token. */
import { json } from '@sveltejs/kit';
import { MAX_BODY_BYTES } from '$lib/live/protocol';
import type { HubResult } from './hub';

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

export function reply<T>(result: HubResult<T>): Response {
	return result.ok
		? json(result.value)
		: json({ error: result.message }, { status: result.status });
}
