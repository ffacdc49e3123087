import { refused } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, getClientAddress }) => {
	const lang = url.searchParams.get('lang') === 'zh' ? 'zh' : 'en';
	const token = url.searchParams.get('token') ?? '';
	const result = await (await liveHub()).csv(params.code, token, lang, getClientAddress());
	if (!result.ok) return refused(result.error);
	return new Response(`\uFEFF${result.value}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="kioku-${params.code}.csv"`,
			'cache-control': 'no-store',
		},
	});
};
