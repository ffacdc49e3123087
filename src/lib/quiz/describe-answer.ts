/** A learner's answer as text, for the results screen and the stored history. */
import type { ContentLocale } from '../bank/schema.ts';
import { optionText, type TestItem } from './build-test.ts';
import type { Answer } from './check.ts';

const TRUE_FALSE: Record<ContentLocale, [string, string]> = {
	zh: ['对', '错'],
	en: ['True', 'False'],
};

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
			return TRUE_FALSE[lang][answer.value ? 0 : 1];
		case 'short':
			return answer.text;
		case 'cloze':
			return answer.blanks.join(' · ');
		case 'order':
			return q.type === 'order' ? answer.order.map((i) => q.items[i][lang]).join(' → ') : '';
	}
}

/** The right answer as text. */
export function describeRightAnswer(
	item: TestItem,
	lang: ContentLocale,
	expected: string[],
): string {
	const q = item.question;
	if (q.type === 'order') return q.items.map((i) => i[lang]).join(' → ');
	if (q.type === 'truefalse') return TRUE_FALSE[lang][q.answer ? 0 : 1];
	return expected.join(q.type === 'cloze' ? ' · ' : '; ');
}
