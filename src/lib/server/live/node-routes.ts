/**
 * The classroom's two hot endpoints, served from Node's request and response by the production
 * server (server.js) before SvelteKit sees them: a class's event streams
 * (`GET /api/live/games/:code/events`) and its answers (`POST /api/live/games/:code/answer`).
 *
 * Why: through SvelteKit every request builds a web Request (URL, Headers, AbortSignal, a body
 * stream), and every event stream is a web ReadableStream that adapter-node reads chunk by chunk
 * (a promise and a microtask per event per phone) before writing it to the socket. With 2,000
 * phones that was about 30 KB of heap per open stream and tens of milliseconds of microtasks per
 * question. Here a stream is written to the socket directly, and an answer costs one small
 * object. The rules are the hub's (the same calls as the routes in src/routes/api/live/games/
 * [code]/{events,answer}, which still serve `vite dev` and any request this module passes on);
 * the answers are the same bytes (http.ts makes both).
 *
 * Anything else, or anything unusual about these (another method, a form's content type, which
 * SvelteKit's cross-site check handles, an undecodable code), goes on to SvelteKit unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { env } from '$env/dynamic/private';
import { log } from '../log';
import { metrics } from '../ops/metrics';
import { shuttingDown } from '../ops/shutdown';
import {
	answerOf,
	bearerOf,
	jsonAnswer,
	parseBody,
	refusal,
	STOPPING,
	TOO_LARGE,
	type JsonAnswer,
} from './http';
import { liveHub } from './instance';
import { openNodeSse } from './sse';
import { MAX_BODY_BYTES } from '$lib/live/protocol';

/** Serves the request and returns true, or returns false for SvelteKit to serve it. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** server.js finds the routes here once the build's server has started (hooks.server.ts). */
export const NODE_ROUTES = Symbol.for('kioku.live.node-routes');

const PATH = /^\/api\/live\/games\/([^/?#]+)\/(events|answer)$/;
/** What SvelteKit checks for cross-site form posts: such requests are left to it. */
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata',
]);

function send(res: ServerResponse, answer: JsonAnswer) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(answer.status, answer.headers);
	res.end(answer.body);
}

/**
 * The client's address as adapter-node gives it to SvelteKit's getClientAddress (the same
 * ADDRESS_HEADER and XFF_DEPTH settings, the same errors).
 */
export function clientAddress(req: IncomingMessage): string {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	if (!header) return req.socket.remoteAddress ?? '';
	if (!(header in req.headers)) {
		throw new Error(
			`Address header was specified with ADDRESS_HEADER=${header} but is absent from request`,
		);
	}
	const raw = req.headers[header];
	const value = (Array.isArray(raw) ? raw.join(', ') : raw) || '';
	if (header !== 'x-forwarded-for') return value;
	const depth = parseInt(env.XFF_DEPTH ?? '1');
	const addresses = value.split(',');
	if (!(depth >= 1)) throw new Error('XFF_DEPTH must be a positive integer');
	if (depth > addresses.length) {
		throw new Error(`XFF_DEPTH is ${depth}, but only found ${addresses.length} addresses`);
	}
	return addresses[addresses.length - depth].trim();
}

/**
 * The body as text, up to what can still be a body of MAX_BODY_BYTES characters; undefined
 * when it is longer (refused as too large, as parseBody would).
 */
function readText(req: IncomingMessage): Promise<string | undefined> {
	// A character is at most 3 bytes of UTF-8 (a 4-byte one is 2 characters): past this many
	// bytes the text is surely over the limit parseBody counts in characters.
	const cap = MAX_BODY_BYTES * 3;
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > cap) {
				req.removeAllListeners('data');
				req.resume();
				resolve(undefined);
			} else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

async function events(req: IncomingMessage, res: ServerResponse, code: string, url: URL) {
	// Streams are being closed so that screens move to another instance: none opens here now
	// (the page retries a 503 each second, see live-stream.ts).
	if (shuttingDown()) return send(res, refusal(STOPPING));
	const header = req.headers['last-event-id'];
	const last =
		(Array.isArray(header) ? header.join(', ') : header) ??
		url.searchParams.get('lastEventId') ??
		'';
	const token = url.searchParams.get('token') ?? '';
	const client = clientAddress(req);
	const hub = await liveHub();
	// The client may be gone already (the hub waited for the database): nothing to open.
	if (res.destroyed) return;
	const result = await hub.connect(code, token, last, client, openNodeSse(res));
	if (!result.ok) send(res, refusal(result.error));
}

async function answer(req: IncomingMessage, res: ServerResponse, code: string) {
	const arrived = performance.now();
	const text = await readText(req);
	if (text === undefined) return send(res, refusal(TOO_LARGE));
	const read = parseBody(text);
	if (!read.ok) return send(res, refusal(read.error));
	const client = clientAddress(req);
	const token = bearerOf(req.headers.authorization);
	const result = await (await liveHub()).answer(code, token, read.value, client);
	metrics.answered(result.ok, (performance.now() - arrived) / 1000);
	send(res, answerOf(result));
}

/** An unexpected error: logged as SvelteKit's handleError logs it, and a 500. */
function failed(req: IncomingMessage, res: ServerResponse, path: string) {
	return (error: unknown) => {
		log.error({ err: error, status: 500, method: req.method, path }, 'Internal Error');
		if (res.headersSent) res.destroy();
		else send(res, jsonAnswer({ message: 'Internal Error' }, 500));
	};
}

export const liveNodeRoutes: NodeRoute = (req, res) => {
	const url = req.url ?? '/';
	// Cheap test first: every other request of the app goes on at once.
	if (!url.startsWith('/api/live/games/')) return false;
	const parsed = new URL(url, 'http://localhost');
	const match = PATH.exec(parsed.pathname);
	if (!match) return false;
	const [, raw, what] = match;
	let code: string;
	try {
		code = decodeURIComponent(raw);
	} catch {
		return false;
	}
	const path = parsed.pathname;
	if (what === 'events' && req.method === 'GET') {
		events(req, res, code, parsed).catch(failed(req, res, path));
		return true;
	}
	if (what === 'answer' && req.method === 'POST') {
		const type = (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
		if (FORM_TYPES.has(type)) return false;
		answer(req, res, code).catch(failed(req, res, path));
		return true;
	}
	return false;
};

/** Makes the routes known to server.js (from the server's init hook; not under `vite dev`). */
export function registerNodeRoutes(): void {
	(globalThis as Record<symbol, unknown>)[NODE_ROUTES] = liveNodeRoutes;
}
