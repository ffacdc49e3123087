import { bearer, readBody, reply } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

/** One answer from one player (their token), graded and timed here, on the server. */
export const POST: RequestHandler = async ({ request, params, getClientAddress }) => {
	const read = await readBody(request);
	if (!read.ok) return read.error;
	const client = getClientAddress();
	return reply(await (await liveHub()).answer(params.code, bearer(request), read.value, client));
};
