/**
 * Nicknames go on the classroom's big screen, so a name must not be able to hide, reverse the
 * text around it, or take up more than its share: invisible and direction-changing characters
 * go, and the length is counted in what a reader sees as characters (graphemes).
 */
import { err, ok, type Result } from '../result.ts';

export const MAX_NICKNAME_GRAPHEMES = 20;
/** Bounds the work on a hostile string before anything else is done with it. */
const MAX_INPUT = 1000;
/** Emoji families, flags and Indic clusters fit; a tower of stacked accents (Zalgo) does not. */
const MAX_CODE_POINTS_PER_GRAPHEME = 12;
const MAX_MARKS_PER_GRAPHEME = 4;

// Controls, private use, lone surrogates and format characters (bidi overrides and isolates,
// zero-width space, LRM/RLM, BOM, …), except the joiners and tags that emoji and scripts need.
const INVISIBLE = /[\p{Cc}\p{Co}\p{Cs}]|(?!\u200C|\u200D|[\u{E0020}-\u{E007F}])\p{Cf}/gu;
/**
 * Letters and symbols that are drawn as empty space: the Hangul fillers and the Braille blank.
 * A name of only these would be an empty space on the projector; they become spaces.
 */
const BLANK = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;
/**
 * What a reader cannot see at all: joiners, variation selectors, tags, soft hyphens, … The name
 * keeps them (emoji and some scripts need them), but two names are compared without them.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** Whether the name has a character someone can see. */
const hasVisible = (name: string) => VISIBLE.test(name.replace(IGNORABLE, ''));

/** The cleaned name, or why there is none. */
export type NicknameResult = Result<string, 'empty' | 'not-text'>;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), (s) => s.segment);
}

function tame(grapheme: string): string {
	let marks = 0;
	return Array.from(grapheme)
		.slice(0, MAX_CODE_POINTS_PER_GRAPHEME)
		.filter((c) => !/\p{M}/u.test(c) || ++marks <= MAX_MARKS_PER_GRAPHEME)
		.join('');
}

export function cleanNickname(raw: unknown): NicknameResult {
	return cleanName(raw, MAX_NICKNAME_GRAPHEMES);
}

/**
 * Any name shown to others (a nickname, a class, a student in a class): cleaned as above, at most
 * `maxGraphemes` characters as a reader counts them.
 */
export function cleanName(raw: unknown, maxGraphemes: number): NicknameResult {
	if (typeof raw !== 'string') return err('not-text');
	const text = raw
		.slice(0, MAX_INPUT)
		.normalize('NFC')
		// Tabs and line breaks are controls, but they separate words: they become spaces first.
		.replace(/\s/gu, ' ')
		.replace(BLANK, ' ')
		.replace(INVISIBLE, '')
		.replace(/ {2,}/g, ' ')
		.trim();
	const kept = graphemes(text).slice(0, maxGraphemes).map(tame);
	// Dropping marks can leave a sequence that composes: normalised again to stay stable.
	const name = kept.join('').normalize('NFC').trim();
	return hasVisible(name) ? ok(name) : err('empty');
}

/**
 * Two names that look the same fold to the same text: case, width (Ａ and A) and invisible
 * characters (a zero-width joiner inside "Alice") make no difference.
 */
export const foldNickname = (name: string) =>
	name.normalize('NFKC').replace(IGNORABLE, '').toLowerCase();

/**
 * `name`, or "name 2", "name 3", … : the first that no one has yet, however it is written, at
 * most `maxGraphemes` characters (a nickname's limit unless the name has another).
 */
export function uniqueNickname(
	name: string,
	taken: ReadonlySet<string>,
	maxGraphemes = MAX_NICKNAME_GRAPHEMES,
): string {
	return uniqueAmongFolded(name, new Set([...taken].map(foldNickname)), maxGraphemes);
}

/** uniqueNickname, given the names taken already folded (foldNickname). */
export function uniqueAmongFolded(
	name: string,
	folded: ReadonlySet<string>,
	maxGraphemes = MAX_NICKNAME_GRAPHEMES,
): string {
	if (!folded.has(foldNickname(name))) return name;
	const chars = graphemes(name);
	for (let n = 2; ; n++) {
		const suffix = ` ${n}`;
		// The number must stay visible, so the name gives way to stay within the limit.
		const base = chars
			.slice(0, maxGraphemes - suffix.length)
			.join('')
			.trimEnd();
		const candidate = base + suffix;
		if (!folded.has(foldNickname(candidate))) return candidate;
	}
}
