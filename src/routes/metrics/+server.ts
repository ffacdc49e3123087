import { env } from '$env/dynamic/private';
import { metrics } from '$lib/server/ops/metrics';
import { mayReadMetrics } from '$lib/server/ops/metrics-access';
import type { RequestHandler } from './$types';

/** Prometheus's text format, for those mayReadMetrics lets in; a 404 for anyone else. */
export const GET: RequestHandler = async ({ request, getClientAddress }) => {
	let address = '';
	try {
		address = getClientAddress();
	} catch {
		// ADDRESS_HEADER is set and this request lacks it: not known to be local.
	}
	if (!mayReadMetrics(request, address, env.KIOKU_METRICS_TOKEN)) {
		return new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
	}
	const { text, contentType } = await metrics.render();
	return new Response(text, {
		headers: { 'content-type': contentType, 'cache-control': 'no-store' },
	});
};
