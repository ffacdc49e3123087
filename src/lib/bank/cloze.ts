/**
 * Cloze text: `{{answer|other accepted form}}` marks a blank. A leading `~`, as in
 * `by {{~force}} or {{~coercion|compulsion}}`, puts the blank in the text's any-order group:
 * the answers typed into those blanks may come in any order. Parsing lives here so the
 * validator, the quiz, the review screen and the exports read blanks the same way; the `~` is
 * never part of an answer, so nothing shows it to a learner.
 */
import { err, ok, type Result } from '../result.ts';

export type ClozeSegment =
	| { kind: 'text'; text: string }
	| { kind: 'blank'; index: number; answers: string[]; anyOrder: boolean };
export type ClozeBlank = Extract<ClozeSegment, { kind: 'blank' }>;

/** Why a text is not a cloze, as data (the validator words it for the learner, see `problems.ts`). */
export type ClozeMistake =
	| { kind: 'cloze-empty-answer'; blank: number; written: string }
	| { kind: 'cloze-tilde-inside'; blank: number; written: string }
	| { kind: 'cloze-unbalanced' }
	| { kind: 'cloze-no-blank' };

/** The error is the author's English sentence, said after the field (`text.en has no blank…`). */
export type ClozeParse = Result<ClozeSegment[], string>;

/** A parse that also says what is wrong as data, for the validator. */
export type ClozeReading = Result<ClozeSegment[], { message: string; mistake: ClozeMistake }>;

const fail = (message: string, mistake: ClozeMistake): ClozeReading => err({ message, mistake });

export function parseCloze(text: string): ClozeParse {
	const read = readCloze(text);
	return read.ok ? read : err(read.error.message);
}

const BLANK = /\{\{(.*?)\}\}/g;
const ANY_ORDER = /^\s*~/;

export function readCloze(text: string): ClozeReading {
	const segments: ClozeSegment[] = [];
	let last = 0;
	let index = 0;
	for (const match of text.matchAll(BLANK)) {
		const anyOrder = ANY_ORDER.test(match[1]);
		const answers = match[1]
			.replace(ANY_ORDER, '')
			.split('|')
			.map((a) => a.trim());
		if (answers.some((a) => a.length === 0)) {
			return fail(`blank ${index + 1} has an empty answer: "${match[0]}"`, {
				kind: 'cloze-empty-answer',
				blank: index + 1,
				written: match[0],
			});
		}
		if (answers.some((a) => a.startsWith('~'))) {
			return fail(
				`blank ${index + 1} has "~" inside it: "${match[0]}"; "~" goes once, right after "{{", to mark a blank whose answers may come in any order`,
				{ kind: 'cloze-tilde-inside', blank: index + 1, written: match[0] },
			);
		}
		if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
		segments.push({ kind: 'blank', index: index++, answers, anyOrder });
		last = match.index + match[0].length;
	}
	const rest = text.slice(last);
	if (rest.includes('{{') || rest.includes('}}')) {
		return fail('has a "{{" without its "}}" (or the other way round)', {
			kind: 'cloze-unbalanced',
		});
	}
	if (index === 0)
		return fail('has no blank: mark one with {{answer}}', { kind: 'cloze-no-blank' });
	if (rest.length > 0) segments.push({ kind: 'text', text: rest });
	return ok(segments);
}

/** The blanks of a parsed text, in order. */
export function clozeBlanks(segments: readonly ClozeSegment[]): ClozeBlank[] {
	return segments.filter((s): s is ClozeBlank => s.kind === 'blank');
}

/** The sentence with each blank shown as a gap, for lists and previews. */
export function clozeWithGaps(segments: ClozeSegment[], gap = '＿＿'): string {
	return segments.map((s) => (s.kind === 'text' ? s.text : gap)).join('');
}
