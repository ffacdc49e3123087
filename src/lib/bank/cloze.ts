/**
 * Cloze text: `{{answer|other accepted form}}` marks a blank. Parsing lives here so the
 * validator, the quiz and the review screen read blanks the same way.
 */
export type ClozeSegment =
	{ kind: 'text'; text: string } | { kind: 'blank'; index: number; answers: string[] };

export type ClozeParse = { ok: true; segments: ClozeSegment[] } | { ok: false; error: string };

const BLANK = /\{\{(.*?)\}\}/g;

export function parseCloze(text: string): ClozeParse {
	const segments: ClozeSegment[] = [];
	let last = 0;
	let index = 0;
	for (const match of text.matchAll(BLANK)) {
		const answers = match[1].split('|').map((a) => a.trim());
		if (answers.some((a) => a.length === 0)) {
			return { ok: false, error: `blank ${index + 1} has an empty answer: "${match[0]}"` };
		}
		if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
		segments.push({ kind: 'blank', index: index++, answers });
		last = match.index + match[0].length;
	}
	const rest = text.slice(last);
	if (rest.includes('{{') || rest.includes('}}')) {
		return { ok: false, error: 'has a "{{" without its "}}" (or the other way round)' };
	}
	if (index === 0) return { ok: false, error: 'has no blank: mark one with {{answer}}' };
	if (rest.length > 0) segments.push({ kind: 'text', text: rest });
	return { ok: true, segments };
}

/** The sentence with each blank shown as a gap, for lists and previews. */
export function clozeWithGaps(segments: ClozeSegment[], gap = '＿＿'): string {
	return segments.map((s) => (s.kind === 'text' ? s.text : gap)).join('');
}
