import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { kiokuBanks } from './scripts/vite-plugin-banks.ts';

export default defineConfig({
	plugins: [
		kiokuBanks(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// A learner's explicit choice (cookie) wins; otherwise follow the browser's language:
			// in the browser through our own negotiation (hooks.client.ts), on the server through
			// the Accept-Language header that hooks.server.ts normalises.
			strategy: ['cookie', 'custom-browserLanguage', 'preferredLanguage', 'baseLocale'],
		}),
		sveltekit(),
	],
});
