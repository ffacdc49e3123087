import { readBody, reply } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, params, getClientAddress }) => {
	const read = await readBody(request);
	if (!read.ok) return read.error;
	return reply(await (await liveHub()).join(params.code, read.value, getClientAddress()));
};
