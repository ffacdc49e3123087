/**
 * Exports questions as an Anki "Notes in Plain Text" file: one Basic note (front, back, tags)
 * per question, the front what is asked and the back the answer in words.
 */
import { answerText, questionText } from '../question-text.ts';
import type { ContentLocale, Question } from '../schema.ts';

export type AnkiLanguage = ContentLocale | 'both';

/**
 * A field of Anki's tab-separated text: quoted (`"` doubled) when it holds a tab, a line break
 * or a quote, or starts with `#` (Anki would take the line for a comment).
 */
export function ankiField(text: string): string {
	const plain = text.replace(/\r\n?/g, '\n');
	return /[\t\n"]/.test(plain) || plain.startsWith('#')
		? `"${plain.replaceAll('"', '""')}"`
		: plain;
}

function bothOrOne(lang: AnkiLanguage, text: (l: ContentLocale) => string): string {
	return lang === 'both' ? `${text('zh')}\n${text('en')}` : text(lang);
}

/** One Anki note: front = what is asked, back = the answer in words, a blank line, the explanation. */
export function ankiNote(
	q: Question,
	lang: AnkiLanguage,
): [front: string, back: string, tags: string] {
	const front = bothOrOne(lang, (l) => questionText(q, l));
	const back = `${bothOrOne(lang, (l) => answerText(q, l))}\n\n${bothOrOne(lang, (l) => q.explanation[l])}`;
	return [front, back, q.tags.join(' ')];
}

export const ANKI_HEADER = [
	'#separator:tab',
	'#html:false',
	'#columns:Front\tBack\tTags',
	'#tags column:3',
];

/**
 * Anki "Notes in Plain Text": import it with File → Import into a Basic note type. Fields are
 * plain text (`#html:false`: Anki shows `<b>` as typed); the third column is the tags.
 */
export function exportAnkiText(questions: readonly Question[], lang: AnkiLanguage): string {
	const notes = questions.map((q) => ankiNote(q, lang).map(ankiField).join('\t'));
	return [...ANKI_HEADER, ...notes].join('\n') + '\n';
}
