/**
 * Grading and points of a live answer. The answer speaks in shown positions; it is checked
 * against the question first (check.ts throws on a bad index, and a phone must never make the
 * server throw), then mapped to bank indices and graded by the same `checkAnswer` as practice.
 */
import type { ContentLocale } from '../bank/schema.ts';
import { err, ok, type Result } from '../result.ts';
import { checkAnswer, type Answer } from '../quiz/check.ts';
import type { LiveAnswer, LiveLang, Scoring } from './protocol.ts';
import type { GameQuestion } from './question.ts';

/** Right or not and the score, or why the answer cannot answer this question. */
export type Graded = Result<{ correct: boolean; score: number }, string>;

const inRange = (i: number, n: number) => Number.isInteger(i) && i >= 0 && i < n;

/** The answer in bank indices, or why it cannot answer this question. */
export function toBankAnswer(g: GameQuestion, a: LiveAnswer): Answer | string {
	const q = g.question;
	if (a.type !== q.type) return `a ${a.type} answer cannot answer a ${q.type} question`;
	if (a.type === 'single' || a.type === 'multi') {
		const order = g.optionOrder ?? [];
		const picks = a.type === 'single' ? [a.choice] : a.choices;
		if (!picks.every((p) => inRange(p, order.length))) return 'no such option';
		if (new Set(picks).size !== picks.length) return 'an option is picked twice';
		return a.type === 'single'
			? { type: 'single', choice: order[a.choice] }
			: { type: 'multi', choices: a.choices.map((p) => order[p]) };
	}
	if (a.type === 'order') {
		const order = g.itemOrder ?? [];
		const n = order.length;
		const isPermutation =
			a.order.length === n && new Set(a.order).size === n && a.order.every((p) => inRange(p, n));
		if (!isPermutation) return `the order must list each of the ${n} items once`;
		return { type: 'order', order: a.order.map((p) => order[p]) };
	}
	return a;
}

/** With both languages on screen, a short answer is right in either of them. */
export function gradeLive(g: GameQuestion, answer: LiveAnswer, lang: LiveLang): Graded {
	const bank = toBankAnswer(g, answer);
	if (typeof bank === 'string') return err(bank);
	const langs: ContentLocale[] = lang === 'both' ? ['zh', 'en'] : [lang];
	const results = langs.map((l) => checkAnswer(g.question, bank, l));
	const best = results.find((r) => r.correct) ?? results[0];
	return ok({ correct: best.correct, score: best.score });
}

export const POINTS = { base: 500, speed: 500, streakStep: 100, streakSteps: 5, flat: 1000 };

/**
 * Speed: half the points for being right, half for how fast, and a bonus from the second right
 * answer in a row. Accuracy (and 'none', which records but never shows them) ignores the clock.
 */
export function pointsFor(
	scoring: Scoring,
	correct: boolean,
	elapsedMs: number,
	durationMs: number,
	streakBefore: number,
): number {
	if (!correct) return 0;
	if (scoring !== 'speed') return POINTS.flat;
	const share = Math.min(1, Math.max(0, elapsedMs / durationMs));
	const bonus = Math.min(streakBefore, POINTS.streakSteps) * POINTS.streakStep;
	return POINTS.base + Math.round(POINTS.speed * (1 - share)) + bonus;
}

const TRUE_FALSE: Record<ContentLocale, [string, string]> = {
	zh: ['正确', '错误'],
	en: ['True', 'False'],
};

/** An answer as the teacher reads it in the results: the texts the player picked. */
export function renderAnswer(g: GameQuestion, a: LiveAnswer, lang: ContentLocale): string {
	const q = g.question;
	switch (a.type) {
		case 'single':
		case 'multi': {
			if (q.type !== 'single' && q.type !== 'multi') return '';
			const picks = a.type === 'single' ? [a.choice] : [...a.choices].sort((x, y) => x - y);
			return picks.map((p) => q.options[g.optionOrder?.[p] ?? p]?.[lang] ?? '?').join('; ');
		}
		case 'truefalse':
			return TRUE_FALSE[lang][a.value ? 0 : 1];
		case 'order':
			if (q.type !== 'order') return '';
			return a.order.map((p) => q.items[g.itemOrder?.[p] ?? p]?.[lang] ?? '?').join(' → ');
		case 'short':
			return a.text.trim();
	}
}
