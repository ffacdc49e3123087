import { json } from '@sveltejs/kit';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

/** The event stream (EventSource cannot send headers, so the token is in the query). */
export const GET: RequestHandler = ({ params, url }) => {
	const result = liveHub().connect(params.code, url.searchParams.get('token') ?? '');
	return result.ok ? result.value : json({ error: result.message }, { status: result.status });
};
