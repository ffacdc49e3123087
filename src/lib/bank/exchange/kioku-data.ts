/**
 * A bank as the plain data of Kioku's single-file form (the source file's fields plus `decks`),
 * kept apart from the YAML writer: sync sends this data as JSON, and every page loads the sync
 * journal, so this module must not pull the YAML library into them.
 */
import type { Question } from '../schema.ts';
import type { Bank, Deck } from '../validate.ts';

export type ExportDeck = Pick<Deck, 'id' | 'title' | 'description' | 'questions'>;
export type ExportBank = Omit<Bank, 'decks'> & { decks: ExportDeck[] };

/** A question's fields in the order authors write them (questions/README.md). */
function orderedQuestion(q: Question): Record<string, unknown> {
	const { id, type, prompt, explanation, source, tags, difficulty } = q;
	const own: Record<string, unknown> = {};
	switch (q.type) {
		case 'flashcard':
			own.back = q.back;
			break;
		case 'single':
		case 'multi':
			own.options = q.options.map(({ zh, en, correct }) =>
				correct === undefined ? { zh, en } : { zh, en, correct },
			);
			break;
		case 'truefalse':
			own.answer = q.answer;
			break;
		case 'cloze':
			own.text = q.text;
			break;
		case 'short':
			own.answers = q.answers;
			break;
		case 'order':
			own.items = q.items;
			break;
	}
	return {
		id,
		type,
		prompt,
		...own,
		explanation,
		// As an author writes it: `{ paragraph: 4 }` for one, `{ paragraphs: [3, 7] }` for several.
		source:
			source.paragraphs.length === 1
				? { paragraph: source.paragraphs[0] }
				: { paragraphs: source.paragraphs },
		tags,
		...(difficulty === undefined ? {} : { difficulty }),
	};
}

const optional = <K extends string, T>(key: K, value: T | undefined) =>
	(value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;

export function sourceFields(bank: ExportBank) {
	return {
		title: bank.title,
		...optional('description', bank.description),
		source: bank.source,
		paragraphs: bank.paragraphs,
		...optional('summaries', bank.summaries),
		...optional('tags', bank.tags),
		...optional('retired', bank.retired),
	};
}

export function deckFields(deck: ExportDeck) {
	return {
		title: deck.title,
		...optional('description', deck.description),
		questions: deck.questions.map(orderedQuestion),
	};
}

/** The single-file form as plain data: the source file's fields plus `decks`. */
export function kiokuBankData(bank: ExportBank): Record<string, unknown> {
	return {
		...sourceFields(bank),
		decks: bank.decks.map((deck) => ({ id: deck.id, ...deckFields(deck) })),
	};
}
