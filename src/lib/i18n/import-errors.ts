/**
 * An import error in the UI language. The bank code words its errors in English for authors
 * and the CLI, and also says what went wrong as data (a card list's mistake, a file Kioku
 * cannot read, a mistake in a hand-written Kioku bank); this says it in the learner's
 * language. An error without such data gets a sentence in the learner's language and the
 * English detail.
 */
import type { BankError, Problem } from '$lib/bank';
import { formatCount, formatMegabytes } from '$lib/bank/exchange/upload-limits';
import { m } from '$lib/paraglide/messages';
import { bankProblemText } from './bank-problems';

export interface ImportErrorText {
	/** "line 12, column 5" / "第 12 行第 5 列". */
	where: string;
	text: string;
	/** The author's English sentence, when `text` does not already say it all. */
	english?: string;
}

function problemText(p: Problem, file: string): string {
	switch (p.kind) {
		case 'package':
			return m.import_p_package({ file, extension: p.extension });
		case 'spreadsheet':
			return m.import_p_spreadsheet({ file, extension: p.extension });
		case 'too-large':
			return m.import_p_too_large({
				file,
				size: formatMegabytes(p.bytes),
				limit: formatMegabytes(p.limit),
			});
		case 'not-text':
			return m.import_p_not_text();
		case 'not-utf8':
			return m.import_p_not_utf8();
		case 'no-separator':
			return m.import_p_no_separator();
		case 'no-cards':
			return m.import_p_no_cards();
		case 'no-back':
			return m.import_p_no_back();
		case 'empty':
			return p.side === 'front' ? m.import_p_empty_front() : m.import_p_empty_back();
		case 'too-long': {
			const counts = { length: formatCount(p.length), limit: formatCount(p.limit) };
			return p.side === 'front'
				? m.import_p_too_long_front(counts)
				: m.import_p_too_long_back(counts);
		}
		case 'front-repeats':
			return m.import_p_front_repeats({ line: p.line });
		case 'surplus-fields':
			return m.import_p_surplus({ count: p.count });
		case 'unclosed-quote':
			return m.import_p_unclosed_quote({ column: p.column });
		case 'too-many-cards':
			return p.reverse
				? m.import_p_too_many_reverse({ limit: formatCount(p.limit) })
				: m.import_p_too_many({ limit: formatCount(p.limit) });
		case 'anki-separator':
			return m.import_p_anki_separator({ value: p.value });
		case 'anki-column':
			return m.import_p_anki_column({ header: `\`#${p.header}:\``, value: p.value });
		case 'unreadable':
			return m.import_p_unreadable({ file });
		case 'more-errors':
			return m.import_p_more({ count: formatCount(p.count) });
		default:
			return bankProblemText(p, file);
	}
}

/** `english`: the UI is in English, so the author's sentence is the message itself. */
export function importErrorText(e: BankError, english: boolean): ImportErrorText {
	const where =
		e.column > 1
			? m.import_where_line_column({ line: e.line, column: e.column })
			: m.import_where_line({ line: e.line });
	const who = e.questionId ? `${e.questionId}${m.label_colon()}` : '';
	if (english) return { where, text: `${who}${e.message}` };
	if (e.problem?.kind === 'unreadable')
		return { where, text: problemText(e.problem, e.file), english: e.message };
	if (e.problem) return { where, text: `${who}${problemText(e.problem, e.file)}` };
	return { where, text: `${who}${m.import_p_other()}`, english: e.message };
}
