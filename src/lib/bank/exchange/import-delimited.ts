/**
 * Cards from a delimited text file: Anki's "Notes in Plain Text" export, Quizlet's export, or
 * any spreadsheet saved as CSV / TSV — one card per row, front then back.
 *
 * - Anki header lines at the top are read (`anki-headers.ts`); other `#` lines at the top are
 *   comments, and so are `#` lines further down in a file that has Anki headers (as Anki reads
 *   them).
 * - The separator is the header's, else a tab if the first rows have one (Anki, Quizlet), else
 *   a comma, else a semicolon (`delimited-separators.ts`). Fields may be quoted as in RFC 4180:
 *   `"a, b"`, `"say ""hi"""`, and a quoted field may span lines (`delimited-rows.ts`).
 * - A first row naming the columns ("front, back", "term, definition", "正面, 背面" …) is
 *   skipped; which column is what is `delimited-columns.ts`'s job.
 * - Text stays text: nothing is read as HTML, except in an Anki file marked `#html:true`, whose
 *   fields are turned into plain text (`html-to-text.ts`).
 *
 * Each card becomes a `flashcard` question (`delimited-cards.ts`), and the file one bank with one
 * deck, named after the file (or Anki's `#deck:`).
 */
import * as v from 'valibot';
import { err, ok, type Result } from '../../result.ts';
import { IMPORTED_SOURCE_URL } from '../catalog.ts';
import { describeIssue } from '../describe-issue.ts';
import type { BankError, PlacedError } from '../errors.ts';
import { SourceFile } from '../schema.ts';
import type { Bank } from '../validate.ts';
import { readAnkiHeaders } from './anki-headers.ts';
import { readCards, type CardsRead } from './delimited-cards.ts';
import { columnLayout, isHeaderRow } from './delimited-columns.ts';
import { parseRows } from './delimited-rows.ts';
import { detectSeparator, SEPARATORS } from './delimited-separators.ts';
import { baseName } from './file-name.ts';
import type { DelimitedInfo, FormatImport, ImportOptions } from './import-result.ts';
import { slugify } from './imported-ids.ts';

export function importDelimited(
	fileName: string,
	text: string,
	bankId: string,
	today: string,
	options: Pick<ImportOptions, 'bankTitle' | 'deckTitle' | 'frontColumn' | 'reverse'> = {},
): FormatImport {
	const errors: BankError[] = [];
	const report = (e: PlacedError) => errors.push({ file: fileName, ...e });

	const lines = text.split(/\r\n|\r|\n/);
	const { headers, errors: headerErrors } = readAnkiHeaders(lines);
	headerErrors.forEach(report);
	const bodyLines = lines.slice(headers.lineCount);
	const separator = headers.separator ?? detectSeparator(bodyLines);
	if (!separator) {
		report({
			line: headers.lineCount + 1,
			column: 1,
			...(bodyLines.some((l) => l.trim() !== '')
				? {
						message:
							'no separator found: put a tab (or a comma) between the front and the back of each card',
						problem: { kind: 'no-separator' },
					}
				: { message: 'the file has no cards', problem: { kind: 'no-cards' } }),
		});
		return err({ errors, preview: [] });
	}
	const parsed = parseRows(
		bodyLines.join('\n'),
		SEPARATORS[separator],
		headers.lineCount,
		headers.anki,
	);
	parsed.errors.forEach(report);
	const rows = parsed.rows;

	// A first row that names the columns is not a card.
	const headerRow = !headers.columns && rows.length > 0 && isHeaderRow(rows[0].fields);
	const columns = headerRow ? rows.shift()!.fields.map((f) => f.trim()) : headers.columns;
	const info: DelimitedInfo = { separator, html: headers.html, headerRow, anki: headers.anki };

	const cards = readCards(rows, {
		fileName,
		bankId,
		separator,
		layout: columnLayout(headers, columns, separator),
		html: headers.html,
		globalTags: headers.globalTags,
		swapColumns: options.frontColumn === 2,
		reverse: options.reverse,
	});
	cards.errors.forEach(report);
	if (rows.length === 0 && errors.length === 0)
		report({
			line: headers.lineCount + 1,
			column: 1,
			message: 'the file has no cards',
			problem: { kind: 'no-cards' },
		});

	const title =
		options.bankTitle?.trim() ||
		headers.deck?.trim() ||
		baseName(fileName).trim() ||
		'Imported cards';
	const bank = cardsBank(fileName, bankId, title, cards, {
		today,
		anki: headers.anki,
		deckTitle: options.deckTitle?.trim() || undefined,
	});
	if (!bank.ok) for (const message of bank.error) report({ line: 1, column: 1, message });
	errors.sort((a, b) => a.line - b.line || a.column - b.column);
	const read = { preview: cards.preview, delimited: info };
	if (errors.length > 0 || !bank.ok) return err({ errors, ...read });
	return ok({ bank: bank.value, questionCount: cards.questions.length, ...read });
}

/** The bank around the cards: one deck named after the file, its source the file itself. */
function cardsBank(
	fileName: string,
	bankId: string,
	title: string,
	cards: Pick<CardsRead, 'questions' | 'tagTitles'>,
	from: { today: string; anki: boolean; deckTitle?: string },
): Result<Bank, string[]> {
	const { questions } = cards;
	const meta = v.safeParse(SourceFile, {
		title: { zh: title, en: title },
		source: {
			title: fileName.trim() || title,
			author: '—',
			publisher: from.anki ? 'Anki' : '—',
			date: from.today,
			url: IMPORTED_SOURCE_URL,
		},
		paragraphs: Math.max(1, questions.length),
		tags: cards.tagTitles,
	});
	if (!meta.success) return err(meta.issues.map(describeIssue));
	const { title: bankTitle, source, paragraphs, tags } = meta.output;
	const deckId = slugify(from.deckTitle ?? baseName(fileName), 32) || 'cards';
	const deckTitle = from.deckTitle ? { zh: from.deckTitle, en: from.deckTitle } : bankTitle;
	return ok({
		id: bankId,
		title: bankTitle,
		source,
		paragraphs,
		tags,
		decks: [{ id: deckId, bankId, title: deckTitle, file: fileName, questions }],
	});
}
