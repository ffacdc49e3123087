/**
 * A question as plain text, for places that show it without the study screen: the import
 * preview, Anki's export, a results list. What is asked (`questionText`) and the right answer in
 * words (`answerText`).
 */
import { seededArrangement } from '../random/seeded-shuffle.ts';
import { clozeWithGaps, parseCloze } from './cloze.ts';
import type { ContentLocale, Question } from './schema.ts';

const TRUE_FALSE: Record<ContentLocale, readonly [yes: string, no: string]> = {
	zh: ['对', '错'],
	en: ['True', 'False'],
};

/** True or False in words: 对 / 错, True / False. */
export function trueFalseText(value: boolean, lang: ContentLocale): string {
	return TRUE_FALSE[lang][value ? 0 : 1];
}

/**
 * What the learner sees before answering, as text: the prompt, and the cloze sentence with
 * gaps, the options of a choice question or the items to order (in the arrangement the study
 * screen starts them in, never the right one).
 */
export function questionText(q: Question, lang: ContentLocale): string {
	const lines = [q.prompt[lang]];
	if (q.type === 'cloze') {
		const parsed = parseCloze(q.text[lang]);
		if (parsed.ok) lines.push(clozeWithGaps(parsed.value));
	} else if (q.type === 'single' || q.type === 'multi') {
		lines.push(...q.options.map((o) => `- ${o[lang]}`));
	} else if (q.type === 'order') {
		lines.push(...seededArrangement(q.items, q.id).map((i) => `- ${i[lang]}`));
	}
	return lines.join('\n');
}

/**
 * A question's right answer as words: the back of a flashcard, the correct options, True /
 * False, the cloze sentence with its blanks filled, the items in order, the accepted forms.
 */
export function answerText(q: Question, lang: ContentLocale): string {
	switch (q.type) {
		case 'flashcard':
			return q.back[lang];
		case 'single':
			return q.options.find((o) => o.correct)?.[lang] ?? '';
		case 'multi':
			return q.options
				.filter((o) => o.correct)
				.map((o) => o[lang])
				.join('; ');
		case 'truefalse':
			return trueFalseText(q.answer, lang);
		case 'cloze': {
			const parsed = parseCloze(q.text[lang]);
			// The schema refuses a text that does not parse: reaching this is a bug.
			if (!parsed.ok) throw new Error(`Question ${q.id} (${lang}): ${parsed.error}`);
			return parsed.value.map((s) => (s.kind === 'text' ? s.text : s.answers[0])).join('');
		}
		case 'short':
			return q.answers[lang].join('; ');
		case 'order':
			return q.items.map((i) => i[lang]).join(' → ');
	}
}
