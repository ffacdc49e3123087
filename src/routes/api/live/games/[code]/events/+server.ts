import { refused } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

/**
 * The event stream (EventSource cannot send headers, so the token is in the query). The last
 * event seen comes as the browser's own `Last-Event-ID` on its reconnects, or as `lastEventId`
 * when the page opens a new stream itself.
 */
export const GET: RequestHandler = async ({ params, url, request, getClientAddress }) => {
	const last = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? '';
	const token = url.searchParams.get('token') ?? '';
	const result = await (await liveHub()).connect(params.code, token, last, getClientAddress());
	return result.ok ? result.value : refused(result.error);
};
