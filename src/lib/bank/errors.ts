import type { BankProblem } from './problems.ts';

/** Where a bank is wrong: enough for an author to jump straight to the mistake. */
export interface BankError {
	/** Path as the author sees it, e.g. `questions/us-japan-2023/timeline.yaml`. */
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
	questionId?: string;
	/** The author's sentence, in English (the CLI's language). */
	message: string;
	/** What went wrong as data: the app says it in the learner's language. */
	problem?: Problem;
}

/** Mistakes of an imported file that the app words in the learner's language. */
export type ImportProblem =
	| { kind: 'package' | 'spreadsheet'; extension: string }
	| { kind: 'too-large'; bytes: number; limit: number }
	| { kind: 'not-text' }
	| { kind: 'not-utf8' }
	| { kind: 'no-separator' }
	| { kind: 'no-cards' }
	| { kind: 'no-back' }
	| { kind: 'empty'; side: 'front' | 'back' }
	| { kind: 'too-long'; side: 'front' | 'back'; length: number; limit: number }
	| { kind: 'front-repeats'; line: number }
	| { kind: 'surplus-fields'; count: number }
	| { kind: 'unclosed-quote'; column: number }
	/** `reverse`: the list is within the limit, its reverse cards take it over. */
	| { kind: 'too-many-cards'; limit: number; reverse?: true }
	/** An Anki header (`#separator:`) names a separator Kioku does not read. */
	| { kind: 'anki-separator'; value: string }
	/** An Anki header (`#tags column:`, `#guid column:`…) whose value is not a column number. */
	| { kind: 'anki-column'; header: string; value: string }
	/** A bug in Kioku, not a mistake in the file: the English message holds the detail. */
	| { kind: 'unreadable' }
	| { kind: 'more-errors'; count: number };

/** Every mistake the app can word: in an imported file as such, or in a Kioku bank. */
export type Problem = ImportProblem | BankProblem;

/** An error at a place in a file that is named later: `{ file: name, ...placed }`. */
export type PlacedError = Omit<BankError, 'file'>;

export function formatBankError(e: BankError): string {
	const who = e.questionId ? `${e.questionId}: ` : '';
	return `${e.file}:${e.line}:${e.column} ${who}${e.message}`;
}

/** A warning as the CLI prints it: like an error, with "warning:" before the message. */
export function formatBankWarning(e: BankError): string {
	return formatBankError({ ...e, message: `warning: ${e.message}` });
}

export function compareBankErrors(a: BankError, b: BankError): number {
	return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
