import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.ts';

// Component tests render components one at a time in the system's Chromium (as the browser
// tests do, and with the same CHROMIUM_PATH): Playwright's own browser download is not reachable
// from every machine, and a missing browser must fail loudly, never skip.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
	throw new Error(
		`No Chromium at ${chromium}. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
			'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
	);
}

export default defineConfig({
	// Svelte and the interface strings, without SvelteKit: the components under test import
	// nothing from $app.
	plugins: [
		paraglideVitePlugin({ ...paraglideOptions, strategy: [...paraglideOptions.strategy] }),
		svelte(),
	],
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['tests/components/**/*.test.ts'],
		setupFiles: ['tests/components/setup.ts'],
		browser: {
			enabled: true,
			headless: true,
			provider: playwright({
				launchOptions: { executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] },
			}),
			instances: [{ browser: 'chromium', viewport: { width: 412, height: 915 } }],
		},
	},
});
