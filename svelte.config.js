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
		// Checks for a new deployment; SvelteKit then makes the next navigation a full page load.
		version: {
			...(process.env.KIOKU_VERSION ? { name: process.env.KIOKU_VERSION } : {}),
			pollInterval: 5 * 60_000,
		},
	},
};

export default config;
