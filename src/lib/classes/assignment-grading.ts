/**
 * How the server grades an assignment's answer for the gradebook: the device's own verdict is
 * never sent nor trusted. An answer is checked against its question before anything is graded
 * (`gradeItem` throws on a position out of range or a wrong number of blanks, and a student's
 * request must never make the server throw), then graded in both languages, as a live game in
 * both languages does: right in either is right. A typed answer the teacher accepted for
 * everyone is right too, and says so.
 */
import { clozeBlanks, parseCloze } from '../bank/cloze.ts';
import type { ContentLocale } from '../bank/schema.ts';
import { gradeItem, type TestItem } from '../quiz/build-test.ts';
import type { CheckResult } from '../quiz/check.ts';
import type { ToSimplified } from '../quiz/chinese-variants.ts';
import { hasCjk, normalizeAnswer } from '../quiz/normalize.ts';
import { err, ok, type Result } from '../result.ts';
import type { AssignmentAnswer } from './assignment-protocol.ts';

/** The server's verdict on one stored answer. */
export interface AnswerVerdict {
	correct: boolean;
	/** 0 to 1: partial credit's share, else 0 or 1. */
	score: number;
	/** Right only because the teacher accepted this typed answer for everyone. */
	acceptedByTeacher: boolean;
}

/** The question types whose answers are typed: the teacher may accept one for everyone. */
export const TYPED_TYPES = ['short', 'cloze'] as const;
export const isTyped = (type: string): boolean => (TYPED_TYPES as readonly string[]).includes(type);

const LANGS: ContentLocale[] = ['zh', 'en'];
const inRange = (i: number, n: number) => Number.isInteger(i) && i >= 0 && i < n;

/** How many blanks the cloze sentence has in `lang`; 0 when it cannot be read. */
function clozeBlankCount(text: string): number {
	const parsed = parseCloze(text);
	return parsed.ok ? clozeBlanks(parsed.value).length : 0;
}

/**
 * The languages in which `answer` can answer the item: none when it cannot at all (another
 * type, a position out of range, an option picked twice, an order that is not one of the items,
 * a count of blanks the sentence has in neither language).
 */
export function languagesFitting(item: TestItem, answer: AssignmentAnswer): ContentLocale[] {
	const q = item.question;
	if (answer.type !== q.type) return [];
	switch (answer.type) {
		case 'single':
		case 'multi': {
			if (q.type !== 'single' && q.type !== 'multi') return [];
			const shown = item.optionOrder?.length ?? q.options.length;
			const picks = answer.type === 'single' ? [answer.choice] : answer.choices;
			const fits = picks.every((p) => inRange(p, shown)) && new Set(picks).size === picks.length;
			return fits ? LANGS : [];
		}
		case 'order': {
			if (q.type !== 'order') return [];
			const n = q.items.length;
			const fits =
				answer.order.length === n &&
				new Set(answer.order).size === n &&
				answer.order.every((i) => inRange(i, n));
			return fits ? LANGS : [];
		}
		case 'cloze':
			if (q.type !== 'cloze') return [];
			// The two languages' sentences may count their blanks differently.
			return LANGS.filter((l) => clozeBlankCount(q.text[l]) === answer.blanks.length);
		case 'truefalse':
		case 'short':
			return LANGS;
	}
}

/** The typed answer's text or texts (one per blank), or none for a choice answer. */
export function typedTexts(answer: AssignmentAnswer | null): string[] {
	if (answer?.type === 'short') return [answer.text];
	if (answer?.type === 'cloze') return answer.blanks;
	return [];
}

/** Whether any of the texts is written in Chinese (grading then wants `toSimplified`). */
export const needsSimplified = (texts: readonly string[]): boolean => texts.some(hasCjk);

/** A blank's text as compared: the checker's normal form, Traditional read as Simplified. */
const comparable = (text: string, toSimplified?: ToSimplified) =>
	normalizeAnswer(toSimplified && hasCjk(text) ? toSimplified(text) : text);

/** The text of a cloze answer as the teacher reads and accepts it: its blanks in order. */
export const CLOZE_JOINER = ' · ';

/**
 * The key by which a typed answer equals an accepted text, compared as the checker compares
 * typed text (case, width, spacing, punctuation, script). A cloze answer is the whole of its
 * blanks, in order (accepted as the text `describeAnswer` gives it, blanks joined by " · ").
 * Undefined for an answer that is not typed, or one with nothing in it.
 */
export function typedKey(answer: AssignmentAnswer | null, toSimplified?: ToSimplified) {
	if (answer?.type === 'short') return comparable(answer.text, toSimplified) || undefined;
	if (answer?.type === 'cloze') return clozeKey(answer.blanks, toSimplified);
	return undefined;
}

/** The key of a text the teacher accepts for a question of `type` (see `typedKey`). */
export function acceptedKey(type: string, text: string, toSimplified?: ToSimplified) {
	if (type === 'short') return comparable(text, toSimplified) || undefined;
	if (type === 'cloze') return clozeKey(text.split(CLOZE_JOINER.trim()), toSimplified);
	return undefined;
}

function clozeKey(blanks: readonly string[], toSimplified?: ToSimplified): string | undefined {
	const keys = blanks.map((b) => comparable(b, toSimplified));
	return keys.every((k) => k === '') ? undefined : JSON.stringify(keys);
}

export interface GradeAssignmentOptions {
	partialCredit: boolean;
	/** Traditional → Simplified; needed for an answer written in Chinese (`needsSimplified`). */
	toSimplified?: ToSimplified;
	/** The texts the teacher accepted for this question. */
	accepted: readonly string[];
}

/**
 * The server's verdict on an answer (null: skipped, wrong with no score), or `bad-answer` when
 * it cannot answer the item. Right in either language is right; the better score counts.
 */
export function gradeAssignmentAnswer(
	item: TestItem,
	answer: AssignmentAnswer | null,
	options: GradeAssignmentOptions,
): Result<AnswerVerdict, 'bad-answer'> {
	if (answer === null) return ok({ correct: false, score: 0, acceptedByTeacher: false });
	const langs = languagesFitting(item, answer);
	if (langs.length === 0) return err('bad-answer');
	const results: CheckResult[] = [];
	for (const lang of langs) {
		try {
			results.push(
				gradeItem(item, answer, {
					lang,
					partialCredit: options.partialCredit,
					toSimplified: options.toSimplified,
				}),
			);
		} catch {
			// Checked above; a question the checks above did not foresee is refused, not thrown.
			return err('bad-answer');
		}
	}
	const best =
		results.find((r) => r.correct) ?? results.reduce((a, b) => (b.score > a.score ? b : a));
	if (best.correct) return ok({ correct: true, score: best.score, acceptedByTeacher: false });
	const key = typedKey(answer, options.toSimplified);
	const type = item.question.type;
	const accepted =
		key !== undefined &&
		options.accepted.some((text) => acceptedKey(type, text, options.toSimplified) === key);
	return ok(
		accepted
			? { correct: true, score: 1, acceptedByTeacher: true }
			: { correct: false, score: best.score, acceptedByTeacher: false },
	);
}
