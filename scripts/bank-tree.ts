/** Reads a question tree from disk for the CLI and the build (Node only). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
	lintBanks,
	validateBankTree,
	type BankFile,
	type BankTree,
	type BankWarning,
} from '../src/lib/bank/index.ts';

export const DEFAULT_QUESTIONS_DIR = 'questions';

function listYamlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return listYamlFiles(path);
		return entry.name.endsWith('.yaml') || entry.name.endsWith('.yml') ? [path] : [];
	});
}

/** Paths (in the files, and so in messages) are relative to `cwd`, with `/`. */
function readBankFiles(dir: string, cwd: string): { root: string; files: BankFile[] } {
	const root = relative(cwd, join(cwd, dir)).split(sep).join('/');
	const files = listYamlFiles(join(cwd, dir)).map((abs) => ({
		path: relative(cwd, abs).split(sep).join('/'),
		text: readFileSync(abs, 'utf8'),
	}));
	return { root, files };
}

/** Paths in the result (and so in error messages) are relative to `cwd`, with `/`. */
export function loadBankTree(
	dir = DEFAULT_QUESTIONS_DIR,
	cwd = process.cwd(),
): BankTree & { files: string[] } {
	const { root, files } = readBankFiles(dir, cwd);
	return { ...validateBankTree(files, root), files: files.map((f) => f.path) };
}

/** The tree as `npm run questions -- check` sees it: its errors, and the warnings of `lintBanks`. */
export function checkBankTree(
	dir = DEFAULT_QUESTIONS_DIR,
	cwd = process.cwd(),
): BankTree & { warnings: BankWarning[] } {
	const { root, files } = readBankFiles(dir, cwd);
	const tree = validateBankTree(files, root);
	return { ...tree, warnings: lintBanks(tree.banks, files) };
}
