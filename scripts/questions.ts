/**
 * The question-bank CLI:
 *   npm run questions -- check [--dir questions]          validate every bank (exit 1 on any
 *                                                         error; warnings are printed, exit 0)
 *   npm run questions -- export --json [--dir questions]  print every question as JSON
 */
import { parseArgs } from 'node:util';
import { formatBankError, formatBankWarning } from '../src/lib/bank/index.ts';
import { checkBankTree, DEFAULT_QUESTIONS_DIR } from './bank-tree.ts';

const USAGE = `usage: npm run questions -- check [--dir <folder>]
       npm run questions -- export --json [--dir <folder>]`;

function main(argv: string[]): number {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				dir: { type: 'string', default: DEFAULT_QUESTIONS_DIR },
				json: { type: 'boolean' },
			},
		});
	} catch (e) {
		console.error(`${(e as Error).message}\n${USAGE}`);
		return 2;
	}
	const [command] = parsed.positionals;
	if (command !== 'check' && command !== 'export') {
		console.error(USAGE);
		return 2;
	}
	if (command === 'export' && !parsed.values.json) {
		console.error('export needs --json (the only format so far)\n' + USAGE);
		return 2;
	}

	const tree = checkBankTree(parsed.values.dir);
	for (const e of tree.errors) console.error(formatBankError(e));
	if (tree.errors.length > 0) {
		console.error(`\n${tree.errors.length} error(s) in ${parsed.values.dir}/`);
		return 1;
	}

	const decks = tree.banks.flatMap((b) => b.decks);
	if (command === 'check') {
		// Warnings teach, they do not block: the check still passes (exit 0).
		for (const w of tree.warnings) console.error(formatBankWarning(w));
		if (tree.warnings.length > 0) console.error(`\n${tree.warnings.length} warning(s)\n`);
		const count = decks.reduce((n, d) => n + d.questions.length, 0);
		console.log(`ok: ${tree.banks.length} bank(s), ${decks.length} deck(s), ${count} questions`);
	} else {
		const questions = decks.flatMap((d) =>
			d.questions.map((q) => ({ bank: d.bankId, deck: d.id, file: d.file, ...q })),
		);
		process.stdout.write(JSON.stringify(questions, null, 2) + '\n');
	}
	return 0;
}

process.exitCode = main(process.argv.slice(2));
