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
		// before it can draw (six at a time over HTTP/1.1). One chunk of all 750 messages (both
		// languages, 40 KB gzipped) saved the requests but sent every page every screen's words.
		// Grouped by the pages that use them, with groups under 8 KB merged into their nearest
		// neighbour, a page gets a few chunks holding mostly its own words.
		rolldownOptions: {
			// The rules (bank, scheduling, quiz, sync records, statistics, i18n helpers) are modules
			// that only define things: their top-level valibot schemas and tables run no side
			// effect. Saying so lets a page that imports `deckKey` through `$lib/bank` leave the
			// validator and the YAML parser behind (60 KB gzipped on the home page).
			treeshake: {
				moduleSideEffects: [
					{
						test: /[\\/]src[\\/]lib[\\/](bank|srs|quiz|sync|stats|random|i18n)[\\/][^?]*\.ts$/,
						sideEffects: false,
					},
				],
			},
			output: {
				codeSplitting: {
					groups: [
						{
							name: 'messages',
							test: /paraglide[\\/]messages/,
							priority: 20,
							entriesAware: true,
							entriesAwareMergeThreshold: 8000,
						},
					],
				},
			},
		},
	},
	// Better Auth lists Svelte as a peer, so it would be bundled into the server as a Svelte
	// library; bundled, its `zod` import resolves to the app's zod 3 instead of its own zod 4.
	// Left to Node, every import resolves from the package's own folder.
	ssr: { external: ['better-auth'] },
});
