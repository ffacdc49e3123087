/** UI labels that depend on bank data (question types, difficulty), in the current UI language. */
import type { QuestionType } from '$lib/bank';
import { m } from '$lib/paraglide/messages';

const TYPE_LABELS: Record<QuestionType, () => string> = {
	flashcard: m.type_flashcard,
	single: m.type_single,
	multi: m.type_multi,
	truefalse: m.type_truefalse,
	cloze: m.type_cloze,
	short: m.type_short,
	order: m.type_order,
};

export const typeLabel = (type: QuestionType): string => TYPE_LABELS[type]();

const DIFFICULTY_LABELS = [m.difficulty_1, m.difficulty_2, m.difficulty_3];
export const difficultyLabel = (d: 1 | 2 | 3): string => DIFFICULTY_LABELS[d - 1]();

/** One paragraph: "Paragraph 4" / "第 4 段". */
export const paragraphLabel = (n: number): string => m.paragraph_n({ n });

/** The paragraphs a question cites, in the UI language: "Paragraphs 3, 7" / "第 3、7 段". */
export const paragraphsLabel = (paragraphs: readonly number[]): string =>
	m.question_paragraph(paragraphInputs(paragraphs));

const paragraphInputs = (paragraphs: readonly number[]) => ({
	list: paragraphs.join(m.paragraph_list_separator()),
	count: paragraphs.length,
});
