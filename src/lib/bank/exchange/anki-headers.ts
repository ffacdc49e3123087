/**
 * The header lines at the top of Anki's "Notes in Plain Text" export (`#separator:tab`,
 * `#html:true`, `#tags column:3`, `#columns:…`, `#deck:…`, `#guid column:1`,
 * `#notetype column:2`, `#deck column:3`, `#tags:…`, and a legacy first line `tags:…`). Other
 * `#` lines at the top are comments.
 */
import type { ImportProblem, PlacedError } from '../errors.ts';
import { parseRows } from './delimited-rows.ts';
import { SEPARATORS, separatorNamed, type Separator } from './delimited-separators.ts';

export interface AnkiHeaders {
	separator?: Separator;
	/** `#html:true`: fields are HTML. */
	html: boolean;
	/** The file had at least one `#key:value` line. */
	anki: boolean;
	/** `#deck:` — the bank's title. */
	deck?: string;
	/** `#tags:` (and a legacy `tags:` first line): tags of every card. */
	globalTags: string[];
	/** Column names (`#columns:`), split with the file's separator. */
	columns?: string[];
	/** 1-based, like every column number here. */
	tagsColumn?: number;
	/** Anki's guid, note type and deck columns: not card text. */
	metaColumns: Set<number>;
	/** Lines of the file the headers take. */
	lineCount: number;
}

/** The headers at the top of `lines` (stopping at the first other line), and their mistakes. */
export function readAnkiHeaders(lines: readonly string[]): {
	headers: AnkiHeaders;
	errors: PlacedError[];
} {
	const h: AnkiHeaders = {
		html: false,
		anki: false,
		globalTags: [],
		metaColumns: new Set(),
		lineCount: 0,
	};
	const errors: PlacedError[] = [];
	const fail = (line: number, message: string, problem: ImportProblem) =>
		errors.push({ line, column: 1, message, problem });
	let columnsLine: string | undefined;
	const column = (value: string, line: number, key: string) => {
		const n = Number(value.trim());
		if (Number.isInteger(n) && n >= 1) return n;
		fail(line, `#${key}: "${value.trim()}" is not a column number (1, 2, …)`, {
			kind: 'anki-column',
			header: key,
			value: value.trim(),
		});
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
				const named = separatorNamed(value);
				if (named) h.separator = named;
				else
					fail(
						n,
						`#separator: "${value}" is not a separator Kioku reads (tab, comma, semicolon, pipe, colon, space)`,
						{ kind: 'anki-separator', value },
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
		h.columns = parseRows(columnsLine, sep, 0, false).rows[0]?.fields;
	}
	return { headers: h, errors };
}
