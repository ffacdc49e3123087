import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.config.ts';
import { kiokuBanks } from './scripts/vite-plugin-banks.ts';

export default defineConfig({
	plugins: [
		kiokuBanks(),
		paraglideVitePlugin({ ...paraglideOptions, strategy: [...paraglideOptions.strategy] }),
		sveltekit(),
	],
	build: {
		// Paraglide compiles each message to its own module, so Rolldown split them into dozens of
		// chunks of 100–700 bytes; a page loaded 10–15 of them, each one more request in the chain
		// before it can draw (six at a time over HTTP/1.1). One chunk of all messages costs a few
		// KB more and saves those requests: the study page went from 51 to 40 scripts.
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [{ name: 'messages', test: /paraglide[\\/]messages/, priority: 20 }],
				},
			},
		},
	},
	// Better Auth lists Svelte as a peer, so it would be bundled into the server as a Svelte
	// library; bundled, its `zod` import resolves to the app's zod 3 instead of its own zod 4.
	// Left to Node, every import resolves from the package's own folder.
	ssr: { external: ['better-auth'] },
});
