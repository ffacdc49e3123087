import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { negotiateLocale, parseAcceptLanguage } from '$lib/i18n/negotiate';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { accounts } from '$lib/server/auth/instance';
import { registerNodeRoutes } from '$lib/server/live/node-routes';
import { log } from '$lib/server/log';
import { start } from '$lib/server/ops/start';

/** Probes and Prometheus ask often: they pay no session lookup and no language work. */
const OPERATIONS = new Set(['/healthz', '/readyz', '/metrics']);

export const init: ServerInit = () => {
	if (building) return;
	start();
	// The classroom's answers and event streams, served from Node's request and response by
	// server.js (the production server); `vite dev` serves them through the routes.
	registerNodeRoutes();
};

/**
 * An unexpected error, logged as one JSON line; the visitor sees SvelteKit's generic message. A
 * page that does not exist (404, which SvelteKit also reports here) is not the server's error.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return;
	log.error(
		{ err: error, status, method: event.request.method, path: event.url.pathname },
		message,
	);
};

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

/**
 * The live classroom's requests that ask who is signed in: creating a game (for a class, its
 * teacher) and joining one (a seat linked to the student's account). Once per game or player.
 */
const LIVE_WITH_ACCOUNT = /^\/api\/live\/games(?:\/\d{6}\/join)?$/;

/**
 * Who is signed in (`locals.user`), and Better Auth's own endpoints under /api/auth. The rest of
 * the live classroom's API never looks: a game's answers (2,000 players at once) pay no session
 * query, and a request without a session cookie pays none anywhere.
 */
const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const path = event.url.pathname;
	const live = path.startsWith('/api/live/') && !LIVE_WITH_ACCOUNT.test(path);
	if (building || live || OPERATIONS.has(path)) return resolve(event);
	if (path.startsWith('/api/auth/')) return (await accounts()).mounted(event.request);
	if (event.request.headers.get('cookie')?.includes('better-auth.session_token=')) {
		event.locals.user = await (await accounts()).currentUser(event.request);
	}
	return resolve(event);
};

/** Renders each page in the learner's language (cookie, else the browser's) with the right `lang`. */
const locale: Handle = ({ event, resolve }) =>
	// The classroom API speaks JSON and event streams, no language: skip the locale work that
	// every answer of a 2,000-player game would otherwise pay for.
	event.url.pathname.startsWith('/api/') || OPERATIONS.has(event.url.pathname)
		? resolve(event)
		: paraglideMiddleware(localeRequest(event.request), ({ locale }) =>
				resolve(event, {
					transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
				}),
			);

export const handle = sequence(session, locale);
