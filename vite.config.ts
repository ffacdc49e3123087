import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { kiokuBanks } from './scripts/vite-plugin-banks.ts';

export default defineConfig({
	plugins: [
		kiokuBanks(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// A learner's explicit choice (cookie) wins; otherwise follow the browser's language.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
		}),
		sveltekit(),
	],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
	},
});
