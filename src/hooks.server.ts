import type { Handle } from '@sveltejs/kit';
import { negotiateLocale, parseAcceptLanguage } from '$lib/i18n/negotiate';
import { paraglideMiddleware } from '$lib/paraglide/server';

/**
 * What Paraglide needs to pick the language: the learner's cookie, and the browser's languages
 * with any Chinese or English variant mapped to the tag we ship (its matching is exact).
 * Paraglide runs custom server strategies before the cookie, so this is done here instead.
 */
function localeRequest(request: Request): Request {
	const headers = new Headers();
	const cookie = request.headers.get('cookie');
	if (cookie) headers.set('cookie', cookie);
	const browser = negotiateLocale(parseAcceptLanguage(request.headers.get('accept-language')));
	if (browser) headers.set('accept-language', browser);
	return new Request(request.url, { headers });
}

/** Renders each page in the learner's language (cookie, else the browser's) with the right `lang`. */
export const handle: Handle = ({ event, resolve }) =>
	// The classroom API speaks JSON and event streams, no language: skip the locale work that
	// every answer of a 2,000-player game would otherwise pay for.
	event.url.pathname.startsWith('/api/')
		? resolve(event)
		: paraglideMiddleware(localeRequest(event.request), ({ locale }) =>
				resolve(event, {
					transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
				}),
			);
