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

export type ClozeParse = Result<ClozeSegment[], string>;

const BLANK = /\{\{(.*?)\}\}/g;
const ANY_ORDER = /^\s*~/;

export function parseCloze(text: string): ClozeParse {
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
			return err(`blank ${index + 1} has an empty answer: "${match[0]}"`);
		}
		if (answers.some((a) => a.startsWith('~'))) {
			return err(
				`blank ${index + 1} has "~" inside it: "${match[0]}"; "~" goes once, right after "{{", to mark a blank whose answers may come in any order`,
			);
		}
		if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
		segments.push({ kind: 'blank', index: index++, answers, anyOrder });
		last = match.index + match[0].length;
	}
	const rest = text.slice(last);
	if (rest.includes('{{') || rest.includes('}}')) {
		return err('has a "{{" without its "}}" (or the other way round)');
	}
	if (index === 0) return err('has no blank: mark one with {{answer}}');
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
