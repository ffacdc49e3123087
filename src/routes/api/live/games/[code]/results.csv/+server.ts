import { json } from '@sveltejs/kit';
import { liveHub } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) => {
	const lang = url.searchParams.get('lang') === 'zh' ? 'zh' : 'en';
	const result = liveHub().csv(params.code, url.searchParams.get('token') ?? '', lang);
	if (!result.ok) return json({ error: result.message }, { status: result.status });
	return new Response(`\uFEFF${result.value}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="kioku-${params.code}.csv"`,
			'cache-control': 'no-store',
		},
	});
};
