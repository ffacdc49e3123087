// What the classroom hub's tests build games from: a plain single-choice question and settings
// for a short game with no reading time.
import type { Question } from '../../src/lib/bank/index.ts';

export const singleQuestion = (id: string): Question => ({
	id,
	type: 'single',
	prompt: { zh: '哪个？', en: 'Which?' },
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B' },
		{ zh: '丙', en: 'C' },
	],
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
});

export const GAME_SETTINGS = {
	decks: ['b/d'],
	types: ['single'],
	count: 2,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};
