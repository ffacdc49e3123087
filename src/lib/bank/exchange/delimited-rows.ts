/**
 * The rows of a delimited file: a tokenizer for RFC 4180 text, lenient where real exports are
 * not strict (Quizlet does not quote).
 */
import type { PlacedError } from '../errors.ts';

/** One record of the file: its fields as written (quotes removed), and the line it starts on. */
export interface Row {
	line: number;
	fields: string[];
}

/**
 * RFC 4180 records with `sep` between fields: a field that starts with `"` (spaces before it
 * allowed) runs to the next lone `"`, `""` standing for `"`, line breaks included. A `"`
 * inside an unquoted field is text, and so is a quoted field followed by more text
 * (`"Hi" she said`): Quizlet does not quote. Blank lines are skipped, and `#` lines in an Anki
 * file. `firstLine` is the file line before `text`. Linear in the length of the text.
 */
export function parseRows(
	text: string,
	sep: string,
	firstLine: number,
	ankiComments: boolean,
): { rows: Row[]; errors: PlacedError[] } {
	const rows: Row[] = [];
	const errors: PlacedError[] = [];
	const padding = (c: string) => (c === ' ' && sep !== ' ') || (c === '\t' && sep !== '\t');
	let i = 0;
	let line = firstLine + 1;
	let lineStart = 0;
	const n = text.length;
	while (i < n) {
		// One record.
		const recordLine = line;
		if (text[i] === '\n') {
			i++;
			line++;
			lineStart = i;
			continue;
		}
		if (ankiComments && text[i] === '#') {
			while (i < n && text[i] !== '\n') i++;
			continue;
		}
		const fields: string[] = [];
		let broken = false;
		for (;;) {
			const fieldLine = line;
			let j = i;
			while (j < n && padding(text[j])) j++;
			let value: string | undefined;
			if (text[j] === '"') {
				const quoted = readQuoted(text, j + 1);
				if (!quoted) {
					const column = j - lineStart + 1;
					errors.push({
						line: fieldLine,
						column,
						message: `a field opens with " at column ${column} and is never closed`,
						problem: { kind: 'unclosed-quote', column },
					});
					// Go on from the line after the one the quote opened on.
					const next = text.indexOf('\n', j);
					i = next < 0 ? n : next;
					broken = true;
					break;
				}
				let after = quoted.end;
				while (after < n && padding(text[after])) after++;
				if (after >= n || text[after] === '\n' || text.startsWith(sep, after)) {
					value = quoted.value;
					line += quoted.lineBreaks;
					if (quoted.lastBreak >= 0) lineStart = quoted.lastBreak + 1;
					i = after;
				}
				// else: text after the closing quote; read the field as unquoted text below.
			}
			if (value === undefined) {
				let end = i;
				while (end < n && text[end] !== '\n' && !text.startsWith(sep, end)) end++;
				value = text.slice(i, end);
				i = end;
			}
			fields.push(value);
			if (i < n && text.startsWith(sep, i)) {
				i += sep.length;
				continue;
			}
			break;
		}
		if (!broken && !(fields.length === 1 && fields[0].trim() === '')) {
			rows.push({ line: recordLine, fields });
		}
		// `i` is at a line break or the end.
		if (i < n && text[i] === '\n') {
			i++;
			line++;
			lineStart = i;
		}
	}
	return { rows, errors };
}

interface QuotedField {
	/** The field's text: `""` read as `"`, line breaks kept. */
	value: string;
	/** Just after the closing quote. */
	end: number;
	lineBreaks: number;
	/** Offset of the last line break inside the field, or -1. */
	lastBreak: number;
}

/** A quoted field from just after its opening `"`, or undefined when no quote closes it. */
function readQuoted(text: string, from: number): QuotedField | undefined {
	let value = '';
	let lineBreaks = 0;
	let lastBreak = -1;
	for (let k = from; k < text.length;) {
		const q = text.indexOf('"', k);
		if (q < 0) return undefined;
		const chunk = text.slice(k, q);
		value += chunk;
		for (let c = chunk.indexOf('\n'); c >= 0; c = chunk.indexOf('\n', c + 1)) {
			lineBreaks++;
			lastBreak = k + c;
		}
		if (text[q + 1] !== '"') return { value, end: q + 1, lineBreaks, lastBreak };
		value += '"';
		k = q + 2;
	}
	return undefined;
}
