/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Kioku's service worker: SvelteKit's own (`$service-worker`), not Workbox, because the whole
 * policy fits here: precache the app and its banks, answer navigations from the network while
 * online and from the cache offline, and switch versions only when the learner says so.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `kioku-${version}`;
/**
 * Every built file (app code, styles, each deck's chunk) and every static file, except the
 * FSRS optimizer's WebAssembly (1.7 MB): few learners open that screen, so it is kept the first
 * time it is fetched (see OPTIONAL) instead of being downloaded by every installation.
 */
const OPTIONAL = new Set([...build].filter((path) => path.endsWith('.wasm')));
const ASSETS = new Set([...build, ...files].filter((path) => !OPTIONAL.has(path)));
/**
 * The app shell: a page rendered in the browser. Every page's data is bundled, so this shell
 * opens any page offline (the router loads the page from the URL).
 */
const SHELL = '/settings';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(CACHE).then(async (cache) => {
			await cache.addAll([...ASSETS]);
			await cache.add(new Request(SHELL, { cache: 'reload' }));
		}),
	);
	// No skipWaiting here: a new version waits until the learner chooses to reload into it.
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			// The first version takes over at once, so the page that installed it works offline.
			await sw.clients.claim();
		})(),
	);
});

/**
 * Background Sync (Chromium): the page asked for it when a sync found no network; the browser
 * fires it once the network is back, even with the app in the background. The open pages run the
 * sync (it needs the page's database connection and study settings); with none open, the app
 * syncs when next opened.
 */
sw.addEventListener('sync', (event) => {
	const e = event as ExtendableEvent & { tag?: string };
	if (e.tag !== 'kioku-sync') return;
	e.waitUntil(
		sw.clients.matchAll({ type: 'window' }).then((clients) => {
			for (const client of clients) client.postMessage({ type: 'kioku-sync' });
		}),
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

/**
 * Online, pages come from the server (fresh, in the learner's language). Offline, every page is
 * the shell, rendered in the browser: a saved copy of a server-rendered page would be in the
 * language it was saved in, while the shell follows the learner's current choice.
 */
async function navigate(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		return (await caches.match(SHELL)) ?? offlinePage();
	}
}

/** From the cache, or from the network and then kept in this version's cache. */
async function keepOnFirstUse(path: string, request: Request): Promise<Response> {
	const hit = await caches.match(path);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await (await caches.open(CACHE)).put(path, response.clone());
	return response;
}

function offlinePage(): Response {
	return new Response(
		'<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
			'<title>Kioku</title><p lang="zh-CN">没有网络，这个页面还没有保存在本机。</p>' +
			'<p lang="en">You are offline, and this page has not been saved on this device yet.</p>',
		{ status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } },
	);
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	// Live classroom traffic and SvelteKit's version check always go to the network.
	if (url.pathname.startsWith('/api/') || url.pathname === '/_app/version.json') return;
	if (request.mode === 'navigate') {
		event.respondWith(navigate(request));
	} else if (ASSETS.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
	} else if (OPTIONAL.has(url.pathname)) {
		event.respondWith(keepOnFirstUse(url.pathname, request));
	}
});
