/**
 * The limits an uploaded file must stay within, so that a hostile or mistaken file cannot freeze
 * the tab; each refusal says which limit and by how much. The checks that need a parsed Kioku
 * file are in `kioku-limits.ts`.
 */
import { err, ok, type Result } from '../../result.ts';

export const IMPORT_LIMITS = {
	/** Bytes of UTF-8 text. */
	maxFileBytes: 2 * 1024 * 1024,
	/**
	 * Bytes of an imported bank kept as Kioku JSON, as backups and sync carry it. A bank made from
	 * a full 2 MB file of cards holds each text in both languages plus each question's fields:
	 * 5,000 cards measured 4.2 MB compact and 5.7 MB as a backup writes it (indented).
	 */
	maxBankDataBytes: 8 * 1024 * 1024,
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
	/** Rows in an import's preview. */
	previewRows: 20,
} as const;

/**
 * A file of `bytes` bytes, or the sentence refusing it: lets the UI refuse a huge file before
 * reading it.
 */
export function checkImportSize(
	fileName: string,
	bytes: number,
	limit: number = IMPORT_LIMITS.maxFileBytes,
): Result<void, string> {
	return bytes > limit
		? err(
				`${fileName} is ${formatMegabytes(bytes)}; the largest file Kioku imports is ${formatMegabytes(limit)}`,
			)
		: ok(undefined);
}

/** The bytes `text` takes as UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
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

/** `1234567` → `"1,234,567"`, the same in every locale. */
export function formatCount(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes as "2 MB" / "3.4 MB" (1 MB = 1,048,576 bytes, as file managers count). */
export function formatMegabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
