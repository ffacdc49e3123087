/**
 * What importing a file gives back: the bank, or every reason it is not one; and either way a
 * preview of what was read, shown before anything is saved.
 */
import type { Result } from '../../result.ts';
import type { BankError } from '../errors.ts';
import type { LocalizedText, QuestionType } from '../schema.ts';
import type { Bank } from '../validate.ts';
import type { Separator } from './delimited-separators.ts';

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

/** What was read, valid or not. */
interface ImportRead {
	preview: ImportPreviewRow[];
	delimited?: DelimitedInfo;
}

export interface ImportedBank extends ImportRead {
	format: ImportFormat;
	bank: Bank;
	questionCount: number;
}

export interface ImportFailure extends ImportRead {
	/** Missing when the file was refused before its format was known (size, binary…). */
	format?: ImportFormat;
	/** Sorted by line; `file` is the uploaded file's name. */
	errors: BankError[];
}

export type ImportResult = Result<ImportedBank, ImportFailure>;

/** What one format's importer gives back; `importBankFile` adds the format. */
export type FormatImport = Result<Omit<ImportedBank, 'format'>, Omit<ImportFailure, 'format'>>;

export interface ImportOptions {
	/**
	 * The id the bank is stored under; lower-case letters, digits and "-". Default: from the
	 * file name. Imported cards' ids start with it, so importing a fixed file again under the
	 * same bank id keeps the learner's progress.
	 */
	bankId?: string;
	/** Delimited files: the `source.date` of the bank (YYYY-MM-DD). Default: today (UTC). */
	today?: string;
	/** Cards: the bank's name. Default: Anki's `#deck:`, else the file's name. */
	bankTitle?: string;
	/** Cards: the deck's name (and its id, as far as it can be one). Default: the bank's name. */
	deckTitle?: string;
	/** Cards: the column that is the front; 2 when the file lists the answer first. Default: 1. */
	frontColumn?: 1 | 2;
	/**
	 * Kioku files: a tag without a title or a cited paragraph without a summary is an error
	 * (default); off for a bank a backup kept from before they existed.
	 */
	titlesRequired?: boolean;
	/** Cards: each card also the other way round (back as the question), as a card of its own. */
	reverse?: boolean;
	/**
	 * The most UTF-8 bytes the text may have. Default: `IMPORT_LIMITS.maxFileBytes`. A bank that
	 * syncs from another device was read from a file there, and as Kioku data it is larger than
	 * that file was (see MAX_SYNCED_BANK_BYTES); every other limit still applies.
	 */
	maxBytes?: number;
}
