// Paraglide's options, shared by the Vite plugin (dev and build) and `scripts/compile-i18n.ts`
// (type checking and linting on a fresh clone, before anything has been built).
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// A learner's explicit choice (cookie) wins; otherwise follow the browser's language:
	// in the browser through our own negotiation (hooks.client.ts), on the server through
	// the Accept-Language header that hooks.server.ts normalises.
	strategy: ['cookie', 'custom-browserLanguage', 'preferredLanguage', 'baseLocale'],
} as const;
