import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// KIOKU_BUILD_DIR and KIOKU_VERSION let the update test build two versions side by side.
		adapter: adapter({ out: process.env.KIOKU_BUILD_DIR ?? 'build' }),
		// Registered by src/lib/state/app-update.svelte.ts, which offers new versions to the learner.
		serviceWorker: { register: false },
		// Absolute asset paths: offline, one cached shell page opens every URL, at any depth.
		paths: { relative: false },
		// Every page's Content-Security-Policy header. Scripts: our own files, and inline ones only
		// with the page's nonce (SvelteKit's start script, the theme script in app.html). Styles
		// may be inline: Svelte writes style attributes (charts, bars, the QR code's SVG), and CSS
		// cannot run code. Workers (statistics, the FSRS optimizer) and the service worker are our
		// own files; the optimizer's WebAssembly runs in its worker, under the worker's policy.
		// No page may be framed (a projector page in a hidden frame could be clicked through).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
			},
		},
		// Checks for a new deployment; SvelteKit then makes the next navigation a full page load.
		version: {
			...(process.env.KIOKU_VERSION ? { name: process.env.KIOKU_VERSION } : {}),
			pollInterval: 5 * 60_000,
		},
	},
};

export default config;
