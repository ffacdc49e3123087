/** A deck's questions and their stored cards, as the browser's rows (see match.ts). */
import { State } from 'ts-fsrs';
import { answerText, questionText } from '../bank/question-text.ts';
import type { ContentLocale, LocalizedText, Question } from '../bank/schema.ts';
import type { CardRecord } from '../srs/records.ts';
import type { StudyDay } from '../srs/study-day.ts';
import { fold, type CardRow } from './match.ts';

export interface RowDeck {
	bankId: string;
	id: string;
	title: LocalizedText;
	questions: readonly Question[];
}

/**
 * The card's line in the table: its prompt, except a cloze's, which is the same few words on
 * every cloze ("Fill in the blanks"): its sentence with gaps tells the cards apart.
 */
function shownText(q: Question, lang: ContentLocale): string {
	return q.type === 'cloze'
		? (questionText(q, lang).split('\n')[1] ?? q.prompt[lang])
		: q.prompt[lang];
}

/**
 * Rows in deck order. `cards` holds stored cards by question id (a question never answered nor
 * suspended has none, and is new); `today` tells a buried card.
 */
export function deckRows(
	deck: RowDeck,
	cards: ReadonlyMap<string, CardRecord>,
	today: StudyDay,
): CardRow[] {
	const key = `${deck.bankId}/${deck.id}`;
	const deckNames = [deck.bankId, deck.id, deck.title.zh, deck.title.en].map(fold);
	return deck.questions.map((q) => {
		const card = cards.get(q.id);
		const learnt = card !== undefined && card.state !== State.New;
		return {
			id: q.id,
			deck: key,
			deckNames,
			tags: q.tags.map(fold),
			paragraphs: q.source.paragraphs,
			zh: shownText(q, 'zh'),
			en: shownText(q, 'en'),
			// What the learner sees and answers, and the explanation: "find the card about X".
			haystack: fold(
				[
					q.id,
					questionText(q, 'zh'),
					questionText(q, 'en'),
					answerText(q, 'zh'),
					answerText(q, 'en'),
					q.explanation.zh,
					q.explanation.en,
				].join('\n'),
			),
			due: learnt ? card.due : undefined,
			stability: learnt ? card.stability : undefined,
			difficulty: learnt ? card.difficulty : undefined,
			lapses: card?.lapses ?? 0,
			lastAnswer: card?.lastReview,
			suspended: card?.suspended ?? false,
			isNew: !learnt,
			leech: card?.leech ?? false,
			buried: (card?.buriedUntil ?? 0) > today.day,
		};
	});
}
