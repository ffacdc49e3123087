/**
 * Which column of a delimited row is what. Anki's meta columns (guid, note type, deck) are
 * skipped; the rest are front, back, then the tags (space-separated). A third column is the tags
 * in a tab-separated file, or where the headers say so (`#tags column:`, a column named "tags");
 * otherwise it is surplus, as a comma inside an unquoted field is the usual cause.
 */
import type { AnkiHeaders } from './anki-headers.ts';
import type { Row } from './delimited-rows.ts';
import type { Separator } from './delimited-separators.ts';

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

export interface ColumnLayout {
	/** 1-based, as in the file's headers. */
	tagsColumn?: number;
	metaColumns: ReadonlySet<number>;
	/** A tab file whose headers name no tags column: its third card column is the tags. */
	implicitTags: boolean;
}

/** The fields of one row by what they are; `surplus` holds the non-empty ones beyond a card's. */
export interface CardFields {
	front?: string;
	back?: string;
	tags?: string;
	surplus: string[];
}

/** A first row that names the columns ("front, back", "term, definition", "正面, 背面" …). */
export function isHeaderRow(fields: readonly string[]): boolean {
	const [front, back] = fields.map((f) => f.trim().toLowerCase());
	return FRONT_WORDS.has(front) && BACK_WORDS.has(back ?? '');
}

/** The layout from Anki's headers and the column names (`#columns:` or a header row), if any. */
export function columnLayout(
	headers: Pick<AnkiHeaders, 'tagsColumn' | 'metaColumns'>,
	columns: readonly string[] | undefined,
	separator: Separator,
): ColumnLayout {
	let tagsColumn = headers.tagsColumn;
	const named = columns?.findIndex((c) => TAG_WORDS.has(c.trim().toLowerCase())) ?? -1;
	if (tagsColumn === undefined && named >= 0) tagsColumn = named + 1;
	return {
		tagsColumn,
		metaColumns: headers.metaColumns,
		implicitTags: tagsColumn === undefined && separator === 'tab',
	};
}

/** Whether a row of this layout has a tags column. */
export function hasTags(layout: ColumnLayout): boolean {
	return layout.implicitTags || layout.tagsColumn !== undefined;
}

export function cardFields(row: Row, layout: ColumnLayout): CardFields {
	const content = row.fields.filter(
		(_, i) => !layout.metaColumns.has(i + 1) && i + 1 !== layout.tagsColumn,
	);
	const tags = layout.implicitTags
		? content[2]
		: layout.tagsColumn !== undefined
			? row.fields[layout.tagsColumn - 1]
			: undefined;
	const extra = content.slice(layout.implicitTags ? 3 : 2);
	return {
		front: content[0],
		back: content[1],
		tags,
		surplus: extra.filter((f) => f.trim() !== ''),
	};
}
