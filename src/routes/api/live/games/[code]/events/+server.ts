import { refused, STOPPING } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import { shuttingDown } from '$lib/server/ops/shutdown';
import type { RequestHandler } from './$types';

/**
 * The event stream (EventSource cannot send headers, so the token is in the query). The last
 * event seen comes as the browser's own `Last-Event-ID` on its reconnects, or as `lastEventId`
 * when the page opens a new stream itself. The production server answers it in
 * $lib/server/live/node-routes.ts instead, with the same rules.
 */
export const GET: RequestHandler = async ({ params, url, request, getClientAddress }) => {
	// Streams are being closed so that screens move to another instance: none opens here now
	// (the page retries a 503 each second, see live-stream.ts).
	if (shuttingDown()) return refused(STOPPING);
	const last = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? '';
	const token = url.searchParams.get('token') ?? '';
	const result = await (await liveHub()).connect(params.code, token, last, getClientAddress());
	return result.ok ? result.value : refused(result.error);
};
