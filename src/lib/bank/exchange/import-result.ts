/**
 * What every "bring your own bank" importer shares: the limits a file must stay within, the
 * shape of an import's result, and small text helpers. Pure: no browser or Node APIs.
 */
import type { BankError } from '../errors.ts';
import type { LocalizedText, QuestionType } from '../schema.ts';
import type { Bank } from '../validate.ts';

/** Limits that keep a hostile or mistaken file from freezing the tab; each refusal says which. */
export const IMPORT_LIMITS = {
	/** Bytes of UTF-8 text. */
	maxFileBytes: 2 * 1024 * 1024,
	/** Questions (Kioku) or cards (delimited text) in one file. */
	maxQuestions: 5000,
	/** Characters in one text: a front, a back, an explanation, an option… */
	maxFieldChars: 5000,
	/** Nesting of YAML / JSON collections (a real bank nests about 8 deep). */
	maxNesting: 64,
	/** YAML alias nodes (`*name`) in one file. */
	maxAliases: 100,
	/** Decks in one Kioku file. */
	maxDecks: 100,
	/** Errors listed; the rest are counted in one last error. */
	maxErrors: 200,
	/** Rows in `ImportResult.preview`. */
	previewRows: 20,
} as const;

/**
 * The source of cards that come from no article (the schema wants a URL): the home page shows
 * no link for it. `.invalid` is a domain reserved never to resolve.
 */
export const IMPORTED_SOURCE_URL = 'https://kioku.invalid/imported';

export type ImportFormat = 'kioku' | 'delimited';

/** What a delimited file turned out to be, for the preview ("tab-separated, with a header row"). */
export interface DelimitedInfo {
	separator: Separator;
	/** Anki's `#html:true`: fields were HTML, turned into plain text. */
	html: boolean;
	/** The first row named the columns ("front, back") and was skipped. */
	headerRow: boolean;
	/** The file had Anki's `#key:value` header lines. */
	anki: boolean;
}

export type Separator = 'tab' | 'comma' | 'semicolon' | 'pipe' | 'colon' | 'space';

/** One question as read from the file, valid or not, for the screen shown before saving. */
export interface ImportPreviewRow {
	/** 1-based line where the question (or the card's row) starts. */
	line: number;
	/** Missing when the row is too broken to get one. */
	id?: string;
	type: QuestionType;
	front: LocalizedText;
	/** The answer in words (see `answerText`). */
	back: LocalizedText;
	tags: string[];
}

export interface ImportOk {
	ok: true;
	format: ImportFormat;
	bank: Bank;
	questionCount: number;
	preview: ImportPreviewRow[];
	delimited?: DelimitedInfo;
}

export interface ImportFailed {
	ok: false;
	/** Missing when the file was refused before its format was known (size, binary…). */
	format?: ImportFormat;
	/** Sorted by line; `file` is the uploaded file's name. */
	errors: BankError[];
	preview: ImportPreviewRow[];
	delimited?: DelimitedInfo;
}

export type ImportResult = ImportOk | ImportFailed;

export interface ImportOptions {
	/**
	 * The id the bank is stored under; lower-case letters, digits and "-". Default: from the
	 * file name. Imported cards' ids start with it, so importing a fixed file again under the
	 * same bank id keeps the learner's progress.
	 */
	bankId?: string;
	/** Delimited files: the `source.date` of the bank (YYYY-MM-DD). Default: today (UTC). */
	today?: string;
}

/** `1234567` → `"1,234,567"`, the same in every locale. */
export function formatCount(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes as "2 MB" / "3.4 MB" (1 MB = 1,048,576 bytes, as file managers count). */
export function formatMegabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * Text as an id: lower-case ASCII letters and digits joined by "-" (the schema's Id rule), or
 * "" when nothing is left (a name written only in Chinese, say).
 */
export function slugify(text: string, maxLength = 40): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return slug.slice(0, maxLength).replace(/-+$/, '');
}

/** The file's name without folders and without its last extension. */
export function baseName(fileName: string): string {
	const name = fileName.split(/[\\/]/).at(-1) ?? fileName;
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

export function extensionOf(fileName: string): string {
	const name = fileName.split(/[\\/]/).at(-1) ?? fileName;
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The bank id for a file: the caller's, else the file name's slug. Letters a slug cannot keep
 * (我的卡片.tsv, 日本語 2.tsv) add a hash of the name: otherwise two such files would get one id,
 * and importing the second would replace the first.
 */
export function bankIdFor(fileName: string, options: ImportOptions): string {
	const given = slugify(options.bankId ?? '');
	if (given) return given;
	const name = baseName(fileName).normalize('NFC');
	const slug = slugify(name, 32);
	const unkept = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[a-z0-9]/gi, '');
	const dropped = /[\p{L}\p{N}]/u.test(unkept);
	if (!dropped) return slug || 'imported';
	return slug ? `${slug}-${textHash(name)}` : `imported-${textHash(name)}`;
}

/** Two texts a learner would call the same (the rule `rules.ts` uses for options). */
export function sameTextKey(text: string): string {
	return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * A 53-bit hash of a text as base-36 (cyrb53): stable across runs and platforms, and wide
 * enough that 5,000 cards practically never collide (the importer still checks).
 */
export function textHash(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
