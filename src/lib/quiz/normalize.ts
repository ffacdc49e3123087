/**
 * The comparable form of a typed answer: width, case, spacing, punctuation, invisible format
 * characters and a leading article do not count. `match-typed.ts` compares answers with it.
 */
import type { LocalizedText } from '../bank/schema.ts';
import { readNumber, sameReading, type NumberReading } from './numbers.ts';

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const HAS_CJK = new RegExp(`[${CJK}]`, 'u');
// Chinese is written without spaces, and a space next to a Latin word or a digit is optional.
const SPACE_BY_CJK = new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, 'gu');
// A decimal point is part of the number: "1.5" must not become "15".
const DECIMAL_POINT = /(?<=\d)\.(?=\d)/g;
const DIGIT_GROUP_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;
// Dropped without a trace so that "U.S." reads as "us" and "People's" as "peoples".
const SILENT = /['‘’ʼ`.]/g;
// Every other mark separates words, except those that change the meaning: "2%" is not "2".
const SEPARATOR = /[\p{P}\p{S}]/gu;
const MEANINGFUL = new Set(['%', '+', '=', '<', '>', '&', '#', '$', '€', '£', '¥']);
const LEADING_ARTICLE = /^(?:the|a|an) (?=\S)/;
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const DECIMAL_PLACEHOLDER = '\u0000';
// Zero-width space and joiners, soft hyphen, direction marks, BOM: invisible, often pasted in.
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** Whether the text contains Chinese (or Japanese/Korean) script. */
export function hasCjk(text: string): boolean {
	return HAS_CJK.test(text);
}

/** Whether the text is written in the script of `lang`, not just digits or symbols. */
export function writtenIn(text: string, lang: 'zh' | 'en'): boolean {
	return lang === 'zh' ? hasCjk(text) : /\p{Script=Latin}/u.test(text);
}

/** Full-width to half-width, lower case, and "Shinzō" read as "Shinzo" (kana keep their marks). */
function foldForms(text: string): string {
	return text
		.replace(FORMAT_CHARACTERS, '')
		.normalize('NFKD')
		.replace(LATIN_MARKS, '$1')
		.normalize('NFKC')
		.toLowerCase();
}

function stripPunctuation(text: string): string {
	return text
		.replace(DECIMAL_POINT, DECIMAL_PLACEHOLDER)
		.replace(DIGIT_GROUP_COMMA, '')
		.replace(SILENT, '')
		.replace(SEPARATOR, (mark) => (MEANINGFUL.has(mark) ? mark : ' '))
		.replaceAll(DECIMAL_PLACEHOLDER, '.');
}

function collapseSpaces(text: string): string {
	return text.replace(/\s+/g, ' ').trim().replace(SPACE_BY_CJK, '');
}

/**
 * The comparable form of a typed answer or an accepted form. Two texts that normalise to
 * the same string count as the same answer.
 */
export function normalizeAnswer(text: string): string {
	const flat = collapseSpaces(stripPunctuation(foldForms(text)));
	return flat.replace(LEADING_ARTICLE, '');
}

/** Number of letters, the measure of how long a word must be before a typo is forgiven. */
export function letterCount(text: string): number {
	return text.match(/\p{L}/gu)?.length ?? 0;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1.
 */
export function editDistance(a: string, b: string): number {
	const s = Array.from(a);
	const t = Array.from(b);
	const rows = Array.from({ length: s.length + 1 }, (_, i) =>
		Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	);
	for (let i = 1; i <= s.length; i++) {
		for (let j = 1; j <= t.length; j++) {
			const cost = s[i - 1] === t[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
				best = Math.min(best, rows[i - 2][j - 2] + 1);
			}
			rows[i][j] = best;
		}
	}
	return rows[s.length][t.length];
}

/** Whether two accepted forms say the same thing: equal once normalised, or the same number. */
export function sameAnswer(a: string, b: string): boolean {
	const norm = normalizeAnswer(a);
	return (norm !== '' && norm === normalizeAnswer(b)) || sameReading(numberOf(a), numberOf(b));
}

function numberOf(text: string): NumberReading | null {
	return readNumber(text) ?? readNumber(normalizeAnswer(text));
}

/**
 * The texts by which two options (or two answers) are the same: both languages, with case,
 * width, spacing and punctuation ignored. Distractors drawn from other questions or cards use it
 * so a wrong option never reads as the right one.
 */
export function sameTextKeys(text: LocalizedText): string[] {
	return [text.zh, text.en].map((t) => normalizeAnswer(t) || t.trim());
}
