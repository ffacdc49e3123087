/**
 * Proposes an FSRS rating from the result and how long the answer took; the learner can
 * still change it. Speed is judged against an estimate of how long the question takes to read
 * and answer, so a long order question is not "Hard" just because it has more to read.
 */
import type { ContentLocale, Question } from '../bank/schema.ts';
import type { AcceptReason } from './match-typed.ts';

/** 1 Again, 2 Hard, 3 Good, 4 Easy (the FSRS grades). */
export type ProposedRating = 1 | 2 | 3 | 4;

// Reading speed of a learner: ~400 Chinese characters a minute, ~1200 English letters
// (~240 words) a minute.
const SECONDS_PER_CHAR: Record<ContentLocale, number> = { zh: 0.15, en: 0.05 };

// Time to decide and enter the answer, beyond reading it: clicking is quicker than typing.
const ANSWER_SECONDS = {
	flashcard: 3,
	truefalse: 2,
	single: 3,
	multi: 6,
	short: 8,
	perBlank: 6,
	perItem: 3,
} as const;

const EASY_BELOW = 0.5;
const HARD_ABOVE = 2;
const BLANK = /\{\{.*?\}\}/g;

/** What the learner reads: the prompt and whatever the question shows below it. */
function readingText(q: Question, lang: ContentLocale): string {
	switch (q.type) {
		case 'flashcard':
			return q.prompt[lang] + q.back[lang];
		case 'single':
		case 'multi':
			return q.prompt[lang] + q.options.map((o) => o[lang]).join('');
		case 'order':
			return q.prompt[lang] + q.items.map((i) => i[lang]).join('');
		case 'cloze':
			return q.prompt[lang] + q.text[lang].replace(BLANK, '');
		default:
			return q.prompt[lang];
	}
}

function answeringSeconds(q: Question, lang: ContentLocale): number {
	switch (q.type) {
		case 'cloze':
			return ANSWER_SECONDS.perBlank * (q.text[lang].match(BLANK)?.length ?? 1);
		case 'order':
			return ANSWER_SECONDS.perItem * q.items.length;
		default:
			return ANSWER_SECONDS[q.type];
	}
}

/**
 * Seconds a learner who knows the answer needs for the question in `lang`; without a
 * language, the mean of both.
 */
export function expectedSeconds(q: Question, lang?: ContentLocale): number {
	if (lang === undefined) return (expectedSeconds(q, 'zh') + expectedSeconds(q, 'en')) / 2;
	const reading = Array.from(readingText(q, lang).replace(/\s+/g, '')).length;
	return reading * SECONDS_PER_CHAR[lang] + answeringSeconds(q, lang);
}

/**
 * A question a guess answers half the time (true/false): a quick right answer there is not
 * knowledge, so speed never makes it Easy (it proposed Easy, 10 days, for a new card).
 */
export function isCoinFlip(q: Pick<Question, 'type'>): boolean {
	return q.type === 'truefalse';
}

export function proposeRating(
	result: { correct: boolean; reasons?: readonly AcceptReason[] },
	elapsedMs: number,
	q: Question,
	lang?: ContentLocale,
): ProposedRating {
	if (!result.correct) return 1;
	// A clock that went wrong (or was never started) says nothing about speed.
	if (!(elapsedMs >= 0)) return 3;
	// Whole milliseconds, so that 0.05 × 76 does not move a boundary by a rounding error.
	const expectedMs = Math.round(expectedSeconds(q, lang) * 1000);
	if (elapsedMs > HARD_ABOVE * expectedMs) return 2;
	// A typo means the answer was not quite mastered, however quick.
	const typo = result.reasons?.includes('typo') ?? false;
	if (elapsedMs < EASY_BELOW * expectedMs && !typo && !isCoinFlip(q)) return 4;
	return 3;
}
