import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const NOT_FROM_ROUTES = [
	{ group: ['**/routes/*', '**/routes/**'], message: 'src/lib never imports from src/routes' },
];
const PURE = [
	{
		group: ['svelte', 'svelte/*', '$app/*', '$env/*', 'node:*', 'idb', '$lib/paraglide/*'],
		message: 'a pure folder runs anywhere: no Svelte, SvelteKit, IndexedDB or Node',
	},
	{
		group: [
			'../storage/*',
			'../state/*',
			'../server/*',
			'../components/*',
			'../workers/*',
			'../browser/*',
			'../content/*',
			'../i18n/*',
			'$lib/storage/*',
			'$lib/state/*',
			'$lib/server/*',
			'$lib/components/*',
			'$lib/workers/*',
			'$lib/browser/*',
			'$lib/content/*',
			'$lib/i18n/*',
		],
		message: 'a pure folder imports only other pure folders',
	},
];
const BROWSER_GLOBALS = [
	'window',
	'document',
	'localStorage',
	'sessionStorage',
	'indexedDB',
	'navigator',
	'location',
	'fetch',
	'self',
].map((name) => ({ name, message: 'a pure folder uses no browser API: take it as an argument' }));

export default ts.config(
	{
		ignores: [
			'build/',
			'.kioku-builds/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
		],
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript already reports undefined names, with types in view.
			'no-undef': 'off',
		},
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig,
			},
		},
	},
	// The layers (README, "For contributors"): imports point one way, and the pure folders run
	// anywhere. Each rule names what it keeps out; a later block repeats the earlier patterns
	// because ESLint takes the last setting of a rule for a file.
	{
		files: ['src/lib/**/*.{ts,svelte}'],
		rules: {
			'no-restricted-imports': ['error', { patterns: NOT_FROM_ROUTES }],
		},
	},
	{
		files: ['src/lib/{bank,srs,quiz,live,stats,random,sync,account,classes}/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [...NOT_FROM_ROUTES, ...PURE] }],
			'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
		},
	},
	{
		// The bank is the data everyone shares: it knows nothing of scheduling or quizzing.
		files: ['src/lib/bank/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...NOT_FROM_ROUTES,
						...PURE,
						{
							group: ['../quiz/*', '../srs/*', '$lib/quiz', '$lib/quiz/*', '$lib/srs/*'],
							message: 'bank is below quiz and srs',
						},
					],
				},
			],
		},
	},
	{
		// Pages bind state to markup: storage is reached through src/lib/state.
		files: ['src/routes/**/*.{ts,svelte}'],
		ignores: ['src/routes/**/+server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/storage/*', '$lib/server/*'],
							message: 'routes go through $lib/state (pages) or +server.ts (server)',
						},
					],
				},
			],
		},
	},
);
