import { bearer, reply } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

/** Per player and per question, for the host's end screen. */
export const GET: RequestHandler = async ({ params, request, url, getClientAddress }) =>
	reply(
		await (
			await liveHub()
		).results(
			params.code,
			bearer(request),
			url.searchParams.get('lang') === 'zh' ? 'zh' : 'en',
			getClientAddress(),
		),
	);
