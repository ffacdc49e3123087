/**
 * "Bring your own bank": one uploaded file in, a validated bank or every reason it is not one
 * out, with a preview of what was read. Never throws.
 *
 * - `.yaml` / `.yml` / `.json`: a Kioku bank in one file (see `import-kioku.ts`), checked by the
 *   CLI's validator with the CLI's messages, lines, columns and question ids.
 * - `.csv` / `.tsv` / `.txt`: cards, one per row (Anki, Quizlet, a spreadsheet; see
 *   `import-delimited.ts`), each becoming a flashcard question.
 * - Any other name: Kioku if the text is a `{…}` or has a top-level `decks:`, cards otherwise.
 *
 * Before either, the file is refused if it is a package or a spreadsheet, is over
 * `IMPORT_LIMITS.maxFileBytes`, is binary or was not UTF-8 (`file-type.ts`); a byte-order mark
 * is dropped.
 */
import { err, ok } from '../../result.ts';
import type { BankError, ImportProblem } from '../errors.ts';
import { extensionOf } from './file-name.ts';
import { checkFileType, formatOf, readableText } from './file-type.ts';
import { importDelimited } from './import-delimited.ts';
import { importKioku } from './import-kioku.ts';
import type { ImportOptions, ImportResult } from './import-result.ts';
import { bankIdFor } from './imported-ids.ts';
import { checkImportSize, formatCount, IMPORT_LIMITS, utf8Length } from './upload-limits.ts';

/** Reads an uploaded file's text (already decoded as UTF-8) as a Kioku bank or as cards. */
export function importBankFile(
	fileName: string,
	text: string,
	options: ImportOptions = {},
): ImportResult {
	const refuse = (message: string, line = 1, problem?: ImportProblem): ImportResult =>
		err({
			errors: [{ file: fileName, line, column: 1, message, ...(problem ? { problem } : {}) }],
			preview: [],
		});
	try {
		const type = checkFileType(fileName);
		if (!type.ok) {
			const extension = extensionOf(fileName);
			const kind = extension.endsWith('pkg') ? 'package' : 'spreadsheet';
			return refuse(type.error, 1, { kind, extension });
		}
		const bytes = utf8Length(text);
		const limit = options.maxBytes ?? IMPORT_LIMITS.maxFileBytes;
		const size = checkImportSize(fileName, bytes, limit);
		if (!size.ok) return refuse(size.error, 1, { kind: 'too-large', bytes, limit });
		const readable = readableText(fileName, text);
		if (!readable.ok)
			return refuse(readable.error.message, readable.error.line, readable.error.problem);

		const body = readable.value;
		const bankId = bankIdFor(fileName, options.bankId);
		const format = formatOf(fileName, body);
		const today = options.today ?? new Date().toISOString().slice(0, 10);
		const read =
			format === 'kioku'
				? importKioku(fileName, body, bankId, { titlesRequired: options.titlesRequired })
				: importDelimited(fileName, body, bankId, today, options);
		return read.ok
			? ok({ format, ...read.value })
			: err({ format, ...read.error, errors: capped(read.error.errors) });
	} catch (e) {
		// A bug, not a bad file; still an answer the UI can show rather than a crash.
		return refuse(`${fileName} could not be read: ${(e as Error)?.message ?? String(e)}`, 1, {
			kind: 'unreadable',
		});
	}
}

/**
 * An import error as one line: `line 12, column 5: usj23-sec-004: …` (the column only when it
 * is past the first). `formatBankError` gives the CLI's `file:line:column id: message`.
 */
export function formatImportError(e: BankError): string {
	const where = e.column > 1 ? `line ${e.line}, column ${e.column}` : `line ${e.line}`;
	return `${where}: ${e.questionId ? `${e.questionId}: ` : ''}${e.message}`;
}

/** The error list, at most `maxErrors` long, the rest counted in a last entry. */
function capped(errors: BankError[]): BankError[] {
	const max = IMPORT_LIMITS.maxErrors;
	if (errors.length <= max) return errors;
	const rest = errors.length - max;
	return [
		...errors.slice(0, max),
		{
			...errors[max],
			questionId: undefined,
			message: `and ${formatCount(rest)} more errors`,
			problem: { kind: 'more-errors', count: rest },
		},
	];
}
