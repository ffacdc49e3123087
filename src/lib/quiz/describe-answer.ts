/** A learner's answer as text, for the results screen and the stored history. */
import { answerText, trueFalseText } from '../bank/question-text.ts';
import type { ContentLocale } from '../bank/schema.ts';
import { optionText, type TestItem } from './build-test.ts';
import type { Answer } from './check.ts';

export function describeAnswer(item: TestItem, answer: Answer | null, lang: ContentLocale): string {
	if (!answer) return '';
	const q = item.question;
	const shown = (i: number) => optionText(item, item.optionOrder?.[i] ?? i, lang);
	switch (answer.type) {
		case 'single':
			return shown(answer.choice);
		case 'multi':
			return answer.choices.map(shown).join('; ');
		case 'truefalse':
			return trueFalseText(answer.value, lang);
		case 'short':
			return answer.text;
		case 'cloze':
			return answer.blanks.join(' · ');
		case 'order':
			return q.type === 'order' ? answer.order.map((i) => q.items[i][lang]).join(' → ') : '';
	}
}

/**
 * The right answer as text. Order and true/false read the same whatever was answered; the
 * others list what the check expected (a cloze's blanks in the boxes the learner filled).
 */
export function describeRightAnswer(
	item: TestItem,
	lang: ContentLocale,
	expected: string[],
): string {
	const q = item.question;
	if (q.type === 'order' || q.type === 'truefalse') return answerText(q, lang);
	return expected.join(q.type === 'cloze' ? ' · ' : '; ');
}
