/**
 * What kind of file an upload is, before it is read as a bank: refused outright (a package or
 * a spreadsheet, with what to do instead; binary; not UTF-8), a Kioku bank, or cards as text.
 */
import { err, ok, type Result } from '../../result.ts';
import type { ImportProblem } from '../errors.ts';
import { extensionOf } from './file-name.ts';
import type { ImportFormat } from './import-result.ts';

/** Why a file cannot be read, and the line to point at (1 when it is the whole file). */
export interface Refusal {
	line: number;
	message: string;
	problem: ImportProblem;
}

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

/** Refuses, by its name, a file Kioku knows it cannot read, saying what to export instead. */
export function checkFileType(fileName: string): Result<void, string> {
	const refused = REFUSED_EXTENSIONS[extensionOf(fileName)];
	return refused ? err(`${fileName} is ${refused}`) : ok(undefined);
}

/**
 * The text (already decoded as UTF-8) without its byte-order mark, or why it is no text: NUL
 * characters (a package, a spreadsheet, UTF-16 text) or U+FFFD, the mark a decoder leaves for
 * bytes it could not read (a file that was not UTF-8).
 */
export function readableText(fileName: string, text: string): Result<string, Refusal> {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (body.includes('\0')) {
		return err({
			line: 1,
			message: `${fileName} is not a text file (it contains NUL characters): save it as UTF-8 text (CSV, TSV, YAML or JSON)`,
			problem: { kind: 'not-text' },
		});
	}
	const bad = body.indexOf('\ufffd');
	if (bad >= 0) {
		return err({
			line: lineOf(body, bad),
			message: `${fileName} is not UTF-8: a character on this line could not be read (it shows as �); save the file as UTF-8 and import it again`,
			problem: { kind: 'not-utf8' },
		});
	}
	return ok(body);
}

/**
 * `.yaml` / `.yml` / `.json` are Kioku banks, `.csv` / `.tsv` / `.txt` / `.tab` cards; any other
 * name is Kioku if the text is a `{…}` or has a top-level `decks:`, cards otherwise.
 */
export function formatOf(fileName: string, text: string): ImportFormat {
	const ext = extensionOf(fileName);
	if (KIOKU_EXTENSIONS.has(ext)) return 'kioku';
	if (DELIMITED_EXTENSIONS.has(ext)) return 'delimited';
	const start = text.trimStart();
	return start.startsWith('{') || /^decks:/m.test(text) ? 'kioku' : 'delimited';
}

/** The 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
	return line;
}
