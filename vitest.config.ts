import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests cover the pure modules under src/lib in Node: they need none of the app's Vite
// plugins (SvelteKit, Paraglide's compiler, the bank loader), only the `$lib` alias.
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		// The server's JSON log (src/lib/server/log.ts): the failures tests provoke on purpose
		// would bury the report.
		env: { KIOKU_LOG_LEVEL: 'silent' },
	},
});
