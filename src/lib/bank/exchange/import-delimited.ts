/**
 * Cards from a delimited text file: Anki's "Notes in Plain Text" export, Quizlet's export, or
 * any spreadsheet saved as CSV / TSV — one card per row, front then back.
 *
 * - Anki header lines at the top (`#separator:tab`, `#html:true`, `#tags column:3`,
 *   `#columns:…`, `#deck:…`, `#guid column:1`, `#notetype column:2`, `#deck column:3`, `#tags:…`,
 *   a legacy first line `tags:…`) are read; other `#` lines at the top are comments, and so are
 *   `#` lines further down in a file that has Anki headers (as Anki reads them).
 * - The separator is the header's, else a tab if the first rows have one (Anki, Quizlet), else
 *   a comma, else a semicolon (Excel in many European locales). Fields may be quoted as in
 *   RFC 4180: `"a, b"`, `"say ""hi"""`, and a quoted field may span lines.
 * - A first row naming the columns ("front, back", "term, definition", "正面, 背面" …) is skipped.
 * - Columns: the Anki meta columns (guid, note type, deck) are ignored; then front, back, and
 *   the tags (space-separated). A third column is the tags in a tab-separated file, or where the
 *   headers say so (`#tags column:`, a column named "tags"); in a comma file it is an error, as
 *   a comma inside an unquoted field is the usual cause.
 * - Text stays text: nothing is read as HTML, except in an Anki file marked `#html:true`, whose
 *   fields are turned into plain text (tags removed, `<br>` and blocks become line breaks,
 *   entities decoded, `<script>`/`<style>` and `[sound:…]` dropped).
 *
 * Each card becomes a `flashcard` question, the type the study screen shows as a card to turn
 * over. The file does not say which language a card is in, so the same text is used for both:
 * `prompt.zh` = `prompt.en` = front, `back.zh` = `back.en` = back; the learner sees their card
 * whatever language the app is in. Its id is `<bank id>-<hash of the front>`: stable when rows
 * move or a back is corrected, and unique because two cards with the same front are an error.
 * The schema's required fields are filled in: `explanation` says where the card came from,
 * `source.paragraph` is the card's number in the file, `tags` are the row's tags turned into
 * ids (lower-case ASCII; tags with nothing left are dropped), else `imported`.
 */
import * as v from 'valibot';
import { describeIssue } from '../describe-issue.ts';
import type { BankError } from '../errors.ts';
import {
	baseName,
	formatCount,
	IMPORT_LIMITS,
	sameTextKey,
	slugify,
	textHash,
	type DelimitedInfo,
	type ImportPreviewRow,
	type Separator,
} from './import-result.ts';
import { IMPORTED_SOURCE_URL } from './import-result.ts';
import { questionRuleViolations } from '../rules.ts';
import { Question, SourceFile, type QuestionOf } from '../schema.ts';
import type { Bank } from '../validate.ts';

export interface DelimitedImport {
	bank?: Bank;
	errors: BankError[];
	preview: ImportPreviewRow[];
	info?: DelimitedInfo;
	questionCount: number;
}

export const SEPARATORS: Record<Separator, string> = {
	tab: '\t',
	comma: ',',
	semicolon: ';',
	pipe: '|',
	colon: ':',
	space: ' ',
};

const SEPARATOR_NAMES: Record<Separator, string> = {
	tab: 'a tab',
	comma: 'a comma',
	semicolon: 'a semicolon',
	pipe: 'a "|"',
	colon: 'a ":"',
	space: 'a space',
};

/** Words a header row uses for its first and second columns (compared in lower case). */
const FRONT_WORDS = new Set([
	'front',
	'term',
	'question',
	'word',
	'prompt',
	'side 1',
	'正面',
	'问题',
	'問題',
	'术语',
	'術語',
	'词语',
	'单词',
	'单字',
	'题目',
]);
const BACK_WORDS = new Set([
	'back',
	'definition',
	'answer',
	'meaning',
	'translation',
	'side 2',
	'背面',
	'答案',
	'定义',
	'定義',
	'释义',
	'意思',
	'翻译',
]);
const TAG_WORDS = new Set(['tags', 'tag', '标签', '標籤']);

const DEFAULT_TAG = 'imported';
export { IMPORTED_SOURCE_URL };

interface Row {
	/** The line the row starts on. */
	line: number;
	fields: string[];
}

interface Headers {
	separator?: Separator;
	html: boolean;
	anki: boolean;
	deck?: string;
	globalTags: string[];
	/** Column names (Anki's `#columns:`), split once the separator is known. */
	columns?: string[];
	tagsColumn?: number;
	metaColumns: Set<number>;
	/** Lines of the file the headers take. */
	lineCount: number;
}

export function importDelimited(
	fileName: string,
	text: string,
	bankId: string,
	today: string,
): DelimitedImport {
	const errors: BankError[] = [];
	const fail = (line: number, message: string, column = 1) =>
		errors.push({ file: fileName, line, column, message });

	const lines = text.split(/\r\n|\r|\n/);
	const headers = readHeaders(lines, fail);
	const bodyLines = lines.slice(headers.lineCount);
	const separator = headers.separator ?? detectSeparator(bodyLines);
	if (!separator) {
		fail(
			headers.lineCount + 1,
			bodyLines.some((l) => l.trim() !== '')
				? 'no separator found: put a tab (or a comma) between the front and the back of each card'
				: 'the file has no cards',
		);
		return { errors, preview: [], questionCount: 0 };
	}
	const sep = SEPARATORS[separator];
	const rows = parseRows(bodyLines.join('\n'), sep, headers.lineCount, headers.anki, fail);

	// A first row that names the columns is not a card.
	let columns = headers.columns;
	const first = rows[0]?.fields.map((f) => f.trim().toLowerCase());
	const headerRow =
		!columns && first !== undefined && FRONT_WORDS.has(first[0]) && BACK_WORDS.has(first[1] ?? '');
	if (headerRow) {
		columns = rows.shift()!.fields.map((f) => f.trim());
	}
	const info: DelimitedInfo = { separator, html: headers.html, headerRow, anki: headers.anki };

	// Which column is what (1-based).
	let tagsColumn = headers.tagsColumn;
	const named = columns?.findIndex((c) => TAG_WORDS.has(c.trim().toLowerCase())) ?? -1;
	if (tagsColumn === undefined && named >= 0) tagsColumn = named + 1;
	const contentColumns = (count: number) =>
		Array.from({ length: count }, (_, i) => i + 1).filter(
			(c) => !headers.metaColumns.has(c) && c !== tagsColumn,
		);
	const implicitTags = tagsColumn === undefined && separator === 'tab';

	const sepName = SEPARATOR_NAMES[separator];
	const deckId = slugify(baseName(fileName), 32) || 'cards';
	const questions: QuestionOf<'flashcard'>[] = [];
	const preview: ImportPreviewRow[] = [];
	const fronts = new Map<string, number>();
	const ids = new Map<string, number>();
	for (const [r, row] of rows.entries()) {
		if (r >= IMPORT_LIMITS.maxQuestions) {
			fail(
				row.line,
				`the file has more than ${formatCount(IMPORT_LIMITS.maxQuestions)} cards, the most Kioku imports at once: split it into several files`,
			);
			break;
		}
		const before = errors.length;
		const content = contentColumns(row.fields.length).map((c) => row.fields[c - 1]);
		const tagField = implicitTags
			? content[2]
			: tagsColumn !== undefined
				? row.fields[tagsColumn - 1]
				: undefined;
		const [frontField, backField] = content;
		const extra = content.slice(implicitTags ? 3 : 2);
		const surplus = extra.filter((f) => f.trim() !== '');
		if (surplus.length > 0) {
			const expected =
				implicitTags || tagsColumn !== undefined
					? 'a front, a back and tags'
					: 'a front and a back';
			const hint =
				separator === 'tab' ? '' : ` (a field that contains ${sepName} needs "double quotes")`;
			fail(row.line, `${row.fields.length} fields, but a card has ${expected}${hint}`);
		}

		const front = cardText(frontField ?? '', headers.html);
		const back = cardText(backField ?? '', headers.html);
		if (backField === undefined) {
			fail(row.line, `no back: put ${sepName} between the front and the back`);
		} else {
			checkText(front, 'front', row.line, fail);
			checkText(back, 'back', row.line, fail);
		}
		const key = sameTextKey(front.text);
		const sameFront = fronts.get(key);
		if (front.text !== '' && sameFront !== undefined) {
			fail(row.line, `the front repeats line ${sameFront}: "${clip(front.text)}"`);
		} else if (front.text !== '') {
			fronts.set(key, row.line);
		}

		const tags = [
			...new Set(
				[...headers.globalTags, ...(tagField?.split(/\s+/) ?? [])]
					.map((t) => slugify(t))
					.filter((t) => t !== ''),
			),
		];
		let id = `${bankId}-${textHash(key)}`;
		if (ids.has(id)) id = `${id}-${row.line}`; // a hash collision between different fronts
		ids.set(id, row.line);
		if (preview.length < IMPORT_LIMITS.previewRows) {
			preview.push({
				line: row.line,
				id,
				type: 'flashcard',
				front: { zh: front.text, en: front.text },
				back: { zh: back.text, en: back.text },
				tags: tags.length > 0 ? tags : [DEFAULT_TAG],
			});
		}
		if (errors.length > before) continue;

		const candidate = {
			id,
			type: 'flashcard',
			prompt: { zh: front.text, en: front.text },
			back: { zh: back.text, en: back.text },
			explanation: {
				zh: `导入自 ${fileName} 第 ${row.line} 行。`,
				en: `Imported from ${fileName}, line ${row.line}.`,
			},
			source: { paragraph: questions.length + 1 },
			tags: tags.length > 0 ? tags : [DEFAULT_TAG],
		};
		// The schema has the last word, so an imported card is as valid as a bank's.
		const parsed = v.safeParse(Question, candidate);
		if (!parsed.success) {
			for (const issue of parsed.issues) fail(row.line, describeIssue(issue));
			continue;
		}
		for (const rule of questionRuleViolations(parsed.output)) fail(row.line, rule.message);
		if (errors.length === before) questions.push(parsed.output as QuestionOf<'flashcard'>);
	}
	if (rows.length === 0 && errors.length === 0)
		fail(headers.lineCount + 1, 'the file has no cards');

	const title = headers.deck?.trim() || baseName(fileName).trim() || 'Imported cards';
	const meta = v.safeParse(SourceFile, {
		title: { zh: title, en: title },
		source: {
			title: fileName.trim() || title,
			author: '—',
			publisher: headers.anki ? 'Anki' : '—',
			date: today,
			url: IMPORTED_SOURCE_URL,
		},
		paragraphs: Math.max(1, questions.length),
	});
	if (!meta.success) {
		for (const issue of meta.issues) fail(1, describeIssue(issue));
	}
	errors.sort((a, b) => a.line - b.line || a.column - b.column);
	if (errors.length > 0 || !meta.success) {
		return { errors, preview, info, questionCount: questions.length };
	}
	const { title: bankTitle, source, paragraphs } = meta.output;
	const bank: Bank = {
		id: bankId,
		title: bankTitle,
		source,
		paragraphs,
		decks: [{ id: deckId, bankId, title: bankTitle, file: fileName, questions }],
	};
	return { bank, errors, preview, info, questionCount: questions.length };
}

// ---------------------------------------------------------------------------------------------
// Headers

function readHeaders(lines: string[], fail: (line: number, message: string) => void): Headers {
	const h: Headers = {
		html: false,
		anki: false,
		globalTags: [],
		metaColumns: new Set(),
		lineCount: 0,
	};
	let columnsLine: string | undefined;
	const column = (value: string, line: number, key: string) => {
		const n = Number(value.trim());
		if (Number.isInteger(n) && n >= 1) return n;
		fail(line, `#${key}: "${value.trim()}" is not a column number (1, 2, …)`);
		return undefined;
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const n = i + 1;
		if (i === 0 && line.startsWith('tags:')) {
			h.globalTags.push(...line.slice(5).split(/\s+/));
			h.lineCount = n;
			continue;
		}
		const meta = /^#([^:\t,;]*):(.*)$/.exec(line);
		if (!meta && !/^#(\s|$)/.test(line)) break;
		h.lineCount = n;
		if (!meta) continue;
		const key = meta[1].trim().toLowerCase();
		const value = meta[2];
		h.anki = true;
		switch (key) {
			case 'separator': {
				const v = value.trim().toLowerCase();
				const byName = (Object.keys(SEPARATORS) as Separator[]).find(
					(s) => s === v || SEPARATORS[s] === value,
				);
				if (byName) h.separator = byName;
				else
					fail(
						n,
						`#separator: "${value}" is not a separator Kioku reads (tab, comma, semicolon, pipe, colon, space)`,
					);
				break;
			}
			case 'html':
				h.html = value.trim().toLowerCase() === 'true';
				break;
			case 'tags':
				h.globalTags.push(...value.split(/\s+/));
				break;
			case 'deck':
				h.deck = value;
				break;
			case 'columns':
				columnsLine = value;
				break;
			case 'tags column':
				h.tagsColumn = column(value, n, key);
				break;
			case 'guid column':
			case 'notetype column':
			case 'deck column': {
				const c = column(value, n, key);
				if (c !== undefined) h.metaColumns.add(c);
				break;
			}
			default:
				break; // #notetype and others: Kioku has one kind of card
		}
	}
	// `#columns:` is split with the file's separator (tab if it has one, as Anki writes it).
	if (columnsLine !== undefined) {
		const sep = SEPARATORS[h.separator ?? (columnsLine.includes('\t') ? 'tab' : 'comma')];
		h.columns = parseRows(columnsLine, sep, 0, false, () => {})[0]?.fields;
	}
	return h;
}

/** Tab if the first rows have one, else comma, else semicolon, else none. */
function detectSeparator(lines: string[]): Separator | undefined {
	const sample = lines.filter((l) => l.trim() !== '').slice(0, 20);
	for (const s of ['tab', 'comma', 'semicolon'] as const) {
		if (sample.some((l) => l.includes(SEPARATORS[s]))) return s;
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rows

/**
 * RFC 4180 records with `sep` between fields: a field that starts with `"` (spaces before it
 * allowed) runs to the next lone `"`, `""` standing for `"`, line breaks included. A `"`
 * inside an unquoted field is text, and so is a quoted field followed by more text
 * (`"Hi" she said`): Quizlet does not quote. Blank lines are skipped, and `#` lines in an Anki
 * file. `firstLine` is the file line before `text`. Linear in the length of the text.
 */
function parseRows(
	text: string,
	sep: string,
	firstLine: number,
	ankiComments: boolean,
	fail: (line: number, message: string, column?: number) => void,
): Row[] {
	const rows: Row[] = [];
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
				// Quoted: find the closing quote.
				let out = '';
				let k = j + 1;
				let closed = false;
				let lines = 0;
				let lastBreak = -1;
				while (k < n) {
					const q = text.indexOf('"', k);
					if (q < 0) break;
					const chunk = text.slice(k, q);
					out += chunk;
					for (let c = chunk.indexOf('\n'); c >= 0; c = chunk.indexOf('\n', c + 1)) {
						lines++;
						lastBreak = k + c;
					}
					if (text[q + 1] === '"') {
						out += '"';
						k = q + 2;
						continue;
					}
					k = q + 1;
					closed = true;
					break;
				}
				if (!closed) {
					fail(
						fieldLine,
						`a field opens with " at column ${j - lineStart + 1} and is never closed`,
						j - lineStart + 1,
					);
					// Go on from the line after the one the quote opened on.
					const next = text.indexOf('\n', j);
					i = next < 0 ? n : next;
					broken = true;
					break;
				}
				let after = k;
				while (after < n && padding(text[after])) after++;
				if (after >= n || text[after] === '\n' || text.startsWith(sep, after)) {
					value = out;
					line += lines;
					if (lastBreak >= 0) lineStart = lastBreak + 1;
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
	return rows;
}

// ---------------------------------------------------------------------------------------------
// Fields

interface CardText {
	text: string;
	/** Length as written in the file (with its HTML), for the length limit. */
	rawLength: number;
}

function cardText(raw: string, html: boolean): CardText {
	const rawLength = raw.length;
	// Stripping HTML is cheap only on fields of sane length; longer ones are refused anyway.
	if (html && rawLength <= IMPORT_LIMITS.maxFieldChars * 4)
		return { text: htmlToText(raw), rawLength };
	return { text: raw.replace(/\r\n?/g, '\n').trim(), rawLength };
}

function checkText(
	field: CardText,
	side: 'front' | 'back',
	line: number,
	fail: (line: number, message: string) => void,
): void {
	const limit = IMPORT_LIMITS.maxFieldChars;
	if (field.text.length > limit || field.rawLength > limit * 4) {
		fail(
			line,
			`the ${side} is ${formatCount(Math.max(field.text.length, field.rawLength))} characters long; the limit is ${formatCount(limit)}`,
		);
	} else if (field.text === '') {
		fail(line, `the ${side} is empty`);
	}
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

/** Anki's HTML as the plain text a learner reads: line breaks kept, markup and media dropped. */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(div|p|li|h[1-6]|tr)\s*>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/\[sound:[^\]]*\]/g, '')
		.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
			if (name[0] === '#') {
				const code =
					name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
				return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
					? String.fromCodePoint(code)
					: '';
			}
			return ENTITIES[name.toLowerCase()] ?? entity;
		})
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((l) => l.trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function clip(text: string, max = 40): string {
	const one = text.replace(/\s+/g, ' ');
	return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
