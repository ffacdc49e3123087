// Serves the production build (what `npm start` runs). It wraps adapter-node's handler to add
// security headers to every response, and to make browsers revalidate the service worker, the
// manifest and every page on each visit, so an old version is never taken from an HTTP cache;
// built files are content-hashed and immutable.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import pino from 'pino';

// One JSON object per line, as the app logs (src/lib/server/log.ts: the same settings; this file
// runs beside the build and cannot import it). Warnings and errors go to stderr.
const out = (dest) => pino.destination({ dest, sync: true });
const log = pino(
	{
		level: process.env.KIOKU_LOG_LEVEL || 'info',
		formatters: { level: (label) => ({ level: label }) },
		timestamp: pino.stdTimeFunctions.isoTime,
	},
	pino.multistream(
		[
			{ level: 'info', stream: out(1) },
			{ level: 'warn', stream: out(2) },
		],
		{ dedupe: true },
	),
);

// KIOKU_BUILD_DIR: serve another build (the update test serves two versions in turn).
const dir = process.env.KIOKU_BUILD_DIR ?? 'build';
const { handler } = await import(pathToFileURL(resolve(dir, 'handler.js')).href);
// The classroom's answers and event streams are served from Node's request and response, beside
// SvelteKit (src/lib/server/live/node-routes.ts, registered once the build's server started):
// a class of 2,000 phones then costs a socket each, not a web stream and a Request each.
// KIOKU_LIVE_ROUTES=sveltekit sends them through SvelteKit's routes instead (to compare).
const liveRoutes =
	process.env.KIOKU_LIVE_ROUTES === 'sveltekit'
		? undefined
		: globalThis[Symbol.for('kioku.live.node-routes')];
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const REVALIDATE = new Set(['/service-worker.js', '/manifest.webmanifest']);
// On every response. Pages get their Content-Security-Policy from SvelteKit (svelte.config.js,
// with a nonce per page); the API gets one that allows nothing, as it serves no page. No
// referrer leaves the site: paths hold game codes.
const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
};
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

// adapter-node's static server lists the build's files when it starts. A file gone since (the
// build rebuilt in place, an old page asking for an old hashed file) fails inside a stream that
// nobody listens to, and that would end the process and every live game with it.
process.on('uncaughtException', (error) => {
	if (error?.code === 'ENOENT' && error?.syscall === 'open') {
		log.error(`A file of the build is missing (${error.path}); restart after rebuilding.`);
		return;
	}
	log.fatal({ err: error }, 'Uncaught exception; exiting');
	process.exit(1);
});
const immutable = resolve(dir, 'client');

// Pages are drawn per request, so no precompressed copy exists (the build's JS and CSS have
// one): compress them on the way out, brotli or gzip as the browser asks. A deck page of 62 KB of
// HTML is about 12 KB on the wire. Only HTML: the classroom's event streams must reach phones
// the moment they are written, and its small JSON answers gain nothing.
const compressPages = compression({
	filter: (_req, res) => String(res.getHeader('content-type') ?? '').startsWith('text/html'),
});

createServer((req, res) => {
	const path = (req.url ?? '/').split('?')[0];
	// Hashed files are never rewritten, only removed by a new build: answer a plain 404 for one
	// that is gone, before the static server tries to stream it.
	if (path.startsWith('/_app/immutable/') && !existsSync(join(immutable, decodeURI(path)))) {
		res.statusCode = 404;
		res.end('Not found');
		return;
	}
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	if (path.startsWith('/api/')) res.setHeader('content-security-policy', API_CSP);
	if (REVALIDATE.has(path) || !path.includes('.')) res.setHeader('cache-control', 'no-cache');
	// Never HTML, so never compressed: SvelteKit's handler is not needed for them.
	if (liveRoutes?.(req, res)) return;
	compressPages(req, res, () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		}),
	);
	// A class answering at once opens many connections in the same instant; Node's default backlog
	// of 511 would make the rest wait for the kernel's SYN retries (1 s, 3 s, 7 s…).
}).listen({ port, host, backlog: 4096 }, () => {
	log.info(`Kioku is running at http://localhost:${port}`);
});
