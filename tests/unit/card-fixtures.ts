import type { QuestionOf } from '../../src/lib/bank/schema';

/** A card as the importer makes one from a list: the same text for both languages. */
export function card(n: number, front: string, back: string): QuestionOf<'flashcard'> {
	return {
		id: `words-${n}`,
		type: 'flashcard',
		prompt: { zh: front, en: front },
		back: { zh: back, en: back },
		explanation: { zh: `line ${n}`, en: `line ${n}` },
		source: { paragraphs: [n] },
		tags: ['imported'],
	};
}

/** Five words: enough different backs for multiple choice. */
export const WORDS = [
	card(1, '天空', 'sky'),
	card(2, '海', 'sea'),
	card(3, '山', 'mountain'),
	card(4, '河', 'river'),
	card(5, '树', 'tree'),
];
