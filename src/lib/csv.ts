/**
 * CSV as spreadsheets and LMS gradebook imports read it (RFC 4180: every field quoted, CRLF
 * after every record), with the formula guard: a cell a spreadsheet would run as a formula
 * (CSV injection) is written as text. The live game's results and the class gradebook share it.
 */

/** A spreadsheet reads a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean): string {
	const text = String(value);
	const safe = FORMULA_START.test(text) ? `'${text}` : text;
	return `"${safe.replaceAll('"', '""')}"`;
}

/** The records as CSV text, each field through `csvCell`. */
export function csvText(rows: readonly (readonly (string | number | boolean)[])[]): string {
	return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/**
 * Put first in a file to download: Excel reads a file without it in the computer's legacy code
 * page, which turns Chinese names into noise; other readers skip it.
 */
export const UTF8_BOM = '\uFEFF';
