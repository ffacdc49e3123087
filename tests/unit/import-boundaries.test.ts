/**
 * The layer rules of eslint.config.js, run by ESLint itself on small sources given the path of
 * a real file in the folder they guard (type-aware linting only reads files the project
 * knows): an import pointing the wrong way is an error, the same import where it is allowed is
 * not. The README's table of who may import what rests on these rules.
 */
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import rules need no types: Svelte files are parsed without the project service, which
// would otherwise type-check the whole app for one probe.
const eslint = new ESLint({
	overrideConfig: [
		{
			files: ['**/*.svelte', '**/*.svelte.ts'],
			languageOptions: { parserOptions: { projectService: false } },
		},
	],
});

/** A TypeScript file of the project in `folder`, to lint a probe as if it were that file. */
function fileIn(folder: string): string {
	const name = readdirSync(folder).find((f) => f.endsWith('.ts'));
	if (!name) throw new Error(`no .ts file in ${folder}`);
	return `${folder}/${name}`;
}

/** The messages of the import and global rules for `code` as if it were the file at `path`. */
async function boundaryMessages(path: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: path });
	const fatal = result.messages.find((m) => m.fatal);
	if (fatal) throw new Error(`${path}: ${fatal.message}`);
	return result.messages
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
		.map((m) => m.message);
}

// Loading the config and parsers takes seconds on a busy machine.
describe('import boundaries', { timeout: 60_000 }, () => {
	it('keeps Svelte, IndexedDB, Node and storage out of the pure folders', async () => {
		for (const folder of ['bank', 'srs', 'quiz', 'live', 'stats', 'random', 'sync']) {
			const path = fileIn(`src/lib/${folder}`);
			expect(await boundaryMessages(path, "import { tick } from 'svelte';\n")).toEqual([
				expect.stringContaining('a pure folder runs anywhere'),
			]);
			expect(await boundaryMessages(path, "import { openDB } from 'idb';\n")).toHaveLength(1);
			expect(await boundaryMessages(path, "import fs from 'node:fs';\n")).toHaveLength(1);
			expect(await boundaryMessages(path, "import { x } from '$lib/storage/db';\n")).toEqual([
				expect.stringContaining('only other pure folders'),
			]);
			expect(
				await boundaryMessages(path, "import { x } from '$lib/state/study.svelte';\n"),
			).toHaveLength(1);
		}
	});

	it('keeps browser globals out of the pure folders but not out of storage', async () => {
		const code = 'export const saved = () => localStorage.getItem("k");\n';
		expect(await boundaryMessages(fileIn('src/lib/quiz'), code)).toEqual([
			expect.stringContaining('no browser API'),
		]);
		expect(await boundaryMessages(fileIn('src/lib/storage'), code)).toEqual([]);
	});

	it('lets pure folders import each other, except bank, which is below quiz and srs', async () => {
		expect(
			await boundaryMessages(fileIn('src/lib/quiz'), "import { x } from '$lib/bank/schema';\n"),
		).toEqual([]);
		expect(
			await boundaryMessages(fileIn('src/lib/bank'), "import { x } from '$lib/quiz/check';\n"),
		).toEqual([expect.stringContaining('bank is below quiz and srs')]);
		expect(
			await boundaryMessages(fileIn('src/lib/bank'), "import { x } from '../srs/queue';\n"),
		).toHaveLength(1);
	});

	it('sends pages through the state layer, and lets endpoints call the server', async () => {
		const storage = "import { x } from '$lib/storage/db';\n";
		const server = "import { liveHub } from '$lib/server/live/instance';\n";
		expect(
			await boundaryMessages(
				'src/routes/settings/+page.svelte',
				`<script lang="ts">${storage}</script>`,
			),
		).toEqual([expect.stringContaining('routes go through $lib/state')]);
		expect(await boundaryMessages('src/routes/test/run/+page.ts', server)).toHaveLength(1);
		expect(await boundaryMessages('src/routes/api/live/games/+server.ts', server)).toEqual([]);
		expect(
			await boundaryMessages(
				'src/routes/test/run/+page.ts',
				"import { x } from '$lib/state/settings';\n",
			),
		).toEqual([]);
	});

	it('never lets src/lib import from src/routes', async () => {
		expect(
			await boundaryMessages(
				fileIn('src/lib/state'),
				"import X from '../../routes/stats/TodayNumbers.svelte';\n",
			),
		).toEqual([expect.stringContaining('src/lib never imports from src/routes')]);
	});
});
