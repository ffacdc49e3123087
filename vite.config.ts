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
	// Better Auth lists Svelte as a peer, so it would be bundled into the server as a Svelte
	// library; bundled, its `zod` import resolves to the app's zod 3 instead of its own zod 4.
	// Left to Node, every import resolves from the package's own folder.
	ssr: { external: ['better-auth'] },
});
