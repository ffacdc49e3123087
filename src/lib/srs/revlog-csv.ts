/**
 * The review log as the CSV the FSRS project's optimizers read ("Review Logs Schema" of
 * open-spaced-repetition/fsrs-optimizer; fsrs-rs reads the same columns into its `RevlogCsv`):
 *
 *     card_id,review_time,review_rating,review_state,review_duration
 *
 * - `card_id`: fsrs-optimizer accepts an integer or a string, fsrs-rs only an `i64`, so Kioku's
 *   string ids are written as integers: a 53-bit FNV-1a hash of the id (`csvCardId`), the same
 *   for a card in every export, and exact in JavaScript numbers. Two ids that hash alike (odds
 *   about n²/2⁵⁴, 1 in 10⁸ for 10,000 cards) make the export throw rather than merge two cards.
 * - `review_time`: when the answer was given, epoch milliseconds (UTC).
 * - `review_rating`: 1 Again, 2 Hard, 3 Good, 4 Easy.
 * - `review_state`: the card's state before the review, ts-fsrs's `State`, which is the
 *   schema's numbering: 0 New, 1 Learning, 2 Review, 3 Relearning.
 * - `review_duration`: time spent on the card, whole milliseconds.
 *
 * Rows are sorted by card, then time (fsrs-rs groups consecutive rows of a card). The schema's
 * "extra info", the learner's time zone and the hour the day starts at, is not in the file: the
 * optimizer asks for it (Kioku's are `Settings.dayStartsAt` and the system time zone).
 */
import type { State } from 'ts-fsrs';
import type { Grade, ReviewLogRecord } from './records.ts';

export const REVLOG_CSV_COLUMNS = [
	'card_id',
	'review_time',
	'review_rating',
	'review_state',
	'review_duration',
] as const;

/** One CSV row. `cardId` is a number when the file has an integer there, else the string. */
export interface RevlogCsvRow {
	cardId: number | string;
	reviewTime: number;
	rating: Grade;
	/** Optional in the schema: absent when the cell is empty. */
	state?: State;
	/** Optional in the schema: absent when the cell is empty. */
	durationMs?: number;
}

export class RevlogCsvError extends Error {
	constructor(
		message: string,
		readonly line: number,
	) {
		super(`revlog CSV line ${line}: ${message}`);
		this.name = 'RevlogCsvError';
	}
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;
const MASK_53 = (1n << 53n) - 1n;

/** A card id as the optimizer's integer: FNV-1a (64-bit) of its UTF-16 code units, low 53 bits. */
export function csvCardId(id: string): number {
	let hash = FNV64_OFFSET;
	for (let i = 0; i < id.length; i++) {
		hash ^= BigInt(id.charCodeAt(i));
		hash = (hash * FNV64_PRIME) & MASK_64;
	}
	return Number(hash & MASK_53);
}

/** The rows of `logs` in the file's order (by card id, then time). */
export function toRevlogRows(logs: readonly ReviewLogRecord[]): RevlogCsvRow[] {
	const owners = new Map<number, string>();
	const rows = logs.map((log): RevlogCsvRow => {
		const cardId = csvCardId(log.cardId);
		const owner = owners.get(cardId);
		if (owner === undefined) owners.set(cardId, log.cardId);
		else if (owner !== log.cardId)
			throw new Error(`cards "${owner}" and "${log.cardId}" have the same CSV card_id ${cardId}`);
		return {
			cardId,
			reviewTime: Math.round(log.review),
			rating: log.rating,
			state: log.state,
			durationMs: Math.max(0, Math.round(log.durationMs)),
		};
	});
	return rows.sort(
		(a, b) => (a.cardId as number) - (b.cardId as number) || a.reviewTime - b.reviewTime,
	);
}

function cell(value: number | string | undefined): string {
	if (value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function revlogRowsToCsv(rows: readonly RevlogCsvRow[]): string {
	const lines = [REVLOG_CSV_COLUMNS.join(',')];
	for (const r of rows)
		lines.push([r.cardId, r.reviewTime, r.rating, r.state, r.durationMs].map(cell).join(','));
	return lines.join('\n') + '\n';
}

/** The whole review log as the optimizer's CSV. */
export function revlogToCsv(logs: readonly ReviewLogRecord[]): string {
	return revlogRowsToCsv(toRevlogRows(logs));
}

/** RFC 4180 fields of one record; `text` holds no unquoted line break. */
function splitRecord(text: string, line: number): string[] {
	const fields: string[] = [];
	let i = 0;
	for (;;) {
		if (text[i] === '"') {
			let value = '';
			i++;
			for (;;) {
				const close = text.indexOf('"', i);
				if (close < 0) throw new RevlogCsvError('unterminated quoted field', line);
				value += text.slice(i, close);
				i = close + 1;
				if (text[i] === '"') {
					value += '"';
					i++;
				} else break;
			}
			fields.push(value);
			if (i === text.length) return fields;
			if (text[i] !== ',') throw new RevlogCsvError('text after a quoted field', line);
			i++;
		} else {
			const comma = text.indexOf(',', i);
			if (comma < 0) {
				fields.push(text.slice(i));
				return fields;
			}
			fields.push(text.slice(i, comma));
			i = comma + 1;
		}
	}
}

function integer(text: string, what: string, line: number): number {
	const t = text.trim();
	// Some exporters write integers as floats ("1.0"); the value must still be whole.
	const n = /^-?\d+(?:\.0*)?$/.test(t) ? Number(t) : NaN;
	if (!Number.isSafeInteger(n))
		throw new RevlogCsvError(`${what} "${text}" is not an integer`, line);
	return n;
}

/**
 * Reads an optimizer CSV: columns in any order and extra columns allowed (they are ignored), LF
 * or CRLF, blank lines skipped. Rows come back in file order. Throws `RevlogCsvError`.
 */
export function parseRevlogCsv(text: string): RevlogCsvRow[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const header = splitRecord(lines[0] ?? '', 1).map((h) => h.trim());
	const column = (name: string, required: boolean) => {
		const index = header.indexOf(name);
		if (index < 0 && required) throw new RevlogCsvError(`no "${name}" column`, 1);
		return index;
	};
	const cardCol = column('card_id', true);
	const timeCol = column('review_time', true);
	const ratingCol = column('review_rating', true);
	const stateCol = column('review_state', false);
	const durationCol = column('review_duration', false);

	const rows: RevlogCsvRow[] = [];
	for (let n = 1; n < lines.length; n++) {
		const line = n + 1;
		if (lines[n].trim() === '') continue;
		const f = splitRecord(lines[n], line);
		if (f.length < header.length) throw new RevlogCsvError('too few fields', line);
		const id = f[cardCol].trim();
		if (id === '') throw new RevlogCsvError('empty card_id', line);
		const numericId = /^-?\d+$/.test(id) ? Number(id) : NaN;
		const rating = integer(f[ratingCol], 'review_rating', line);
		if (rating < 1 || rating > 4)
			throw new RevlogCsvError(`review_rating ${rating} is not 1 to 4`, line);
		const row: RevlogCsvRow = {
			cardId: Number.isSafeInteger(numericId) ? numericId : id,
			reviewTime: integer(f[timeCol], 'review_time', line),
			rating: rating as Grade,
		};
		if (stateCol >= 0 && f[stateCol].trim() !== '') {
			const state = integer(f[stateCol], 'review_state', line);
			if (state < 0 || state > 3)
				throw new RevlogCsvError(`review_state ${state} is not 0 to 3`, line);
			row.state = state as State;
		}
		if (durationCol >= 0 && f[durationCol].trim() !== '') {
			const duration = integer(f[durationCol], 'review_duration', line);
			if (duration < 0) throw new RevlogCsvError('negative review_duration', line);
			row.durationMs = duration;
		}
		rows.push(row);
	}
	return rows;
}
