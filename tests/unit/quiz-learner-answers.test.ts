// The learner-input set (learner-answers.ts): every answer gets the verdict a careful teacher
// would give, against hand-made questions and the shipped bank's.
import { describe, expect, it } from 'vitest';
import { loadBankTree } from '../../scripts/bank-tree.ts';
import { parseCloze } from '../../src/lib/bank/index.ts';
import { checkAnswer, type Answer, type CheckableQuestion } from '../../src/lib/quiz/index.ts';
import { HANDMADE, LEARNER_ANSWERS, type LearnerAnswer } from './learner-answers.ts';

const bank = new Map(
	loadBankTree('questions').banks.flatMap((b) =>
		b.decks.flatMap((d) => d.questions.map((q) => [q.id, q] as const)),
	),
);

function question(id: string): CheckableQuestion {
	const q = Object.hasOwn(HANDMADE, id) ? HANDMADE[id] : bank.get(id);
	if (!q || q.type === 'flashcard') throw new Error(`No question ${id} to check an answer against`);
	return q;
}

/** The answer as the study screen submits it: other blanks filled with their first form. */
function answerOf(q: CheckableQuestion, a: LearnerAnswer): Answer {
	if (q.type === 'short') return { type: 'short', text: a.typed as string };
	if (q.type !== 'cloze') throw new Error(`${q.id} is not a typed question`);
	if (Array.isArray(a.typed)) return { type: 'cloze', blanks: a.typed };
	const parsed = parseCloze(q.text[a.lang]);
	if (!parsed.ok) throw new Error(parsed.error);
	const blanks = parsed.value.flatMap((s) => (s.kind === 'blank' ? [s.answers[0]] : []));
	blanks[a.blank ?? 0] = a.typed;
	return { type: 'cloze', blanks };
}

function verdict(a: LearnerAnswer): boolean {
	const q = question(a.question);
	const result = checkAnswer(q, answerOf(q, a), a.lang, { knownWrong: a.knownWrong });
	return a.blank === undefined ? result.correct : result.blanks![a.blank].correct;
}

describe('answers typed as learners type them', () => {
	it('has at least 60 answers in both languages, right and wrong', () => {
		expect(LEARNER_ANSWERS.length).toBeGreaterThanOrEqual(60);
		for (const lang of ['zh', 'en']) {
			const inLang = LEARNER_ANSWERS.filter((a) => a.lang === lang);
			expect(inLang.some((a) => a.accept) && inLang.some((a) => !a.accept)).toBe(true);
		}
	});

	it.each(LEARNER_ANSWERS.map((a) => [a.question, a.lang, JSON.stringify(a.typed), a] as const))(
		'%s (%s) %s',
		(_id, _lang, _typed, a) => {
			expect({ verdict: verdict(a), why: a.why }).toEqual({ verdict: a.accept, why: a.why });
		},
	);
});
