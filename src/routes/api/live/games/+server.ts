import { readBody, reply } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

/** Creates a game; the answer holds the host token, shown nowhere else and stored only hashed. */
export const POST: RequestHandler = async ({ request }) => {
	const read = await readBody(request);
	if (!read.ok) return read.response;
	return reply(await liveHub().create(read.body));
};
