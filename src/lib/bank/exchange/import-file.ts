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
 * Before either, the file is refused if it is over `IMPORT_LIMITS.maxFileBytes`, is binary
 * (NUL characters: a package, a spreadsheet, UTF-16 text) or was not UTF-8 (U+FFFD, the mark a
 * decoder leaves for bytes it could not read); a byte-order mark is dropped.
 */
import { formatBankError, type BankError } from '../errors.ts';
import {
	bankIdFor,
	extensionOf,
	formatCount,
	formatMegabytes,
	IMPORT_LIMITS,
	type DelimitedInfo,
	type ImportFormat,
	type ImportOptions,
	type ImportResult,
} from './import-result.ts';
import { importDelimited } from './import-delimited.ts';
import { importKioku, type KiokuImport } from './import-kioku.ts';

export {
	IMPORT_LIMITS,
	type DelimitedInfo,
	type ImportFailed,
	type ImportFormat,
	type ImportOk,
	type ImportOptions,
	type ImportPreviewRow,
	type ImportResult,
	type Separator,
} from './import-result.ts';
export { IMPORTED_SOURCE_URL } from './import-delimited.ts';

const KIOKU_EXTENSIONS = new Set(['yaml', 'yml', 'json']);
const DELIMITED_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'tab']);
const REFUSED_EXTENSIONS: Record<string, string> = {
	apkg: 'an Anki package: in Anki, use File → Export → "Notes in Plain Text" and import that file',
	colpkg:
		'an Anki collection: in Anki, use File → Export → "Notes in Plain Text" and import that file',
	xlsx: 'a spreadsheet: save it as "CSV UTF-8" and import that file',
	xls: 'a spreadsheet: save it as "CSV UTF-8" and import that file',
	ods: 'a spreadsheet: save it as CSV (UTF-8) and import that file',
	numbers: 'a spreadsheet: export it as CSV and import that file',
};

/**
 * The refusal for a file of `bytes` bytes, or null if its size is fine: lets the UI refuse a
 * huge file before reading it.
 */
export function checkImportSize(fileName: string, bytes: number): string | null {
	return bytes > IMPORT_LIMITS.maxFileBytes
		? `${fileName} is ${formatMegabytes(bytes)}; the largest file Kioku imports is ${formatMegabytes(IMPORT_LIMITS.maxFileBytes)}`
		: null;
}

/** Reads an uploaded file's text (already decoded as UTF-8) as a Kioku bank or as cards. */
export function importBankFile(
	fileName: string,
	text: string,
	options: ImportOptions = {},
): ImportResult {
	const refuse = (message: string, line = 1, format?: ImportFormat): ImportResult => ({
		ok: false,
		format,
		errors: [{ file: fileName, line, column: 1, message }],
		preview: [],
	});
	try {
		const ext = extensionOf(fileName);
		if (REFUSED_EXTENSIONS[ext]) return refuse(`${fileName} is ${REFUSED_EXTENSIONS[ext]}`);
		const tooBig = checkImportSize(fileName, utf8Length(text));
		if (tooBig) return refuse(tooBig);
		if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		if (text.includes('\0')) {
			return refuse(
				`${fileName} is not a text file (it contains NUL characters): save it as UTF-8 text (CSV, TSV, YAML or JSON)`,
			);
		}
		const bad = text.indexOf('\ufffd');
		if (bad >= 0) {
			const line = lineOf(text, bad);
			return refuse(
				`${fileName} is not UTF-8: a character on this line could not be read (it shows as �); save the file as UTF-8 and import it again`,
				line,
			);
		}

		const bankId = bankIdFor(fileName, options);
		const format = formatOf(ext, text);
		const today = options.today ?? new Date().toISOString().slice(0, 10);
		const read: KiokuImport & { info?: DelimitedInfo } =
			format === 'kioku'
				? importKioku(fileName, text, bankId)
				: importDelimited(fileName, text, bankId, today);
		const delimited = read.info ? { delimited: read.info } : {};
		return read.bank
			? {
					ok: true,
					format,
					bank: read.bank,
					questionCount: read.questionCount,
					preview: read.preview,
					...delimited,
				}
			: { ok: false, format, errors: capped(read.errors), preview: read.preview, ...delimited };
	} catch (e) {
		// A bug, not a bad file; still an answer the UI can show rather than a crash.
		return refuse(`${fileName} could not be read: ${(e as Error)?.message ?? String(e)}`);
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

export { formatBankError };

function formatOf(ext: string, text: string): ImportFormat {
	if (KIOKU_EXTENSIONS.has(ext)) return 'kioku';
	if (DELIMITED_EXTENSIONS.has(ext)) return 'delimited';
	const start = text.trimStart();
	return start.startsWith('{') || /^decks:/m.test(text) ? 'kioku' : 'delimited';
}

/** The error list, at most `maxErrors` long, the rest counted in a last entry. */
function capped(errors: BankError[]): BankError[] {
	const max = IMPORT_LIMITS.maxErrors;
	if (errors.length <= max) return errors;
	const rest = errors.length - max;
	return [
		...errors.slice(0, max),
		{ ...errors[max], questionId: undefined, message: `and ${formatCount(rest)} more errors` },
	];
}

function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

function lineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
	return line;
}
