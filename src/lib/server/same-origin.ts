/** Whether a request comes from one of this site's own pages (JSON endpoints check it themselves). */

/**
 * The origin of the page that made the request, when that page is this site's (the browser sets
 * `Origin`; another site's page cannot forge it). The host is compared, not the scheme: without
 * `ORIGIN` set, adapter-node takes every request for HTTPS, while the page knows how it was served.
 */
export function pageOrigin(request: Request): string | undefined {
	const origin = request.headers.get('origin');
	if (!origin) return undefined;
	try {
		const page = new URL(origin);
		const web = page.protocol === 'http:' || page.protocol === 'https:';
		return web && page.host === new URL(request.url).host ? page.origin : undefined;
	} catch {
		return undefined;
	}
}

export const sameOrigin = (request: Request): boolean => pageOrigin(request) !== undefined;
