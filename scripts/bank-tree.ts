/** Reads a question tree from disk for the CLI and the build (Node only). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { validateBankTree, type BankFile, type BankTree } from '../src/lib/bank/index.ts';

export const DEFAULT_QUESTIONS_DIR = 'questions';

function listYamlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return listYamlFiles(path);
		return entry.name.endsWith('.yaml') || entry.name.endsWith('.yml') ? [path] : [];
	});
}

/** Paths in the result (and so in error messages) are relative to `cwd`, with `/`. */
export function loadBankTree(
	dir = DEFAULT_QUESTIONS_DIR,
	cwd = process.cwd(),
): BankTree & { files: string[] } {
	const root = relative(cwd, join(cwd, dir)).split(sep).join('/');
	const files: BankFile[] = listYamlFiles(join(cwd, dir)).map((abs) => ({
		path: relative(cwd, abs).split(sep).join('/'),
		text: readFileSync(abs, 'utf8'),
	}));
	return { ...validateBankTree(files, root), files: files.map((f) => f.path) };
}
