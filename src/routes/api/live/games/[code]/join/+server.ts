import { readBody, reply } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

/** Joins a game; in one hosted for a class, the seat may be the signed-in student's. */
export const POST: RequestHandler = async ({ request, params, getClientAddress, locals }) => {
	const read = await readBody(request);
	if (!read.ok) return read.error;
	const hub = await liveHub();
	return reply(
		await hub.join(params.code, read.value, getClientAddress(), locals.user?.id ?? null),
	);
};
