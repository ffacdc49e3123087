import { bearer, readBody, reply } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import { metrics } from '$lib/server/ops/metrics';
import type { RequestHandler } from './$types';

/**
 * One answer from one player (their token), graded and timed here, on the server. The production
 * server answers it in $lib/server/live/node-routes.ts instead, with the same rules.
 */
export const POST: RequestHandler = async ({ request, params, getClientAddress }) => {
	const arrived = performance.now();
	const read = await readBody(request);
	if (!read.ok) return read.error;
	const client = getClientAddress();
	const result = await (await liveHub()).answer(params.code, bearer(request), read.value, client);
	metrics.answered(result.ok, (performance.now() - arrived) / 1000);
	return reply(result);
};
