/** Where a bank is wrong: enough for an author to jump straight to the mistake. */
export interface BankError {
	/** Path as the author sees it, e.g. `questions/us-japan-2023/timeline.yaml`. */
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
	questionId?: string;
	message: string;
}

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
