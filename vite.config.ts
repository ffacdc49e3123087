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
});
