/**
 * Grades a learner's answer to a question. Choice answers are compared by index; typed
 * answers (short, cloze blanks) go through `matchTyped`, which is lenient about form
 * (case, width, punctuation, script, numbers, spelling, plurals, small English typos, the
 * question's own words around the answer) but never about content.
 */
import type { ContentLocale, Question, QuestionOf } from '../bank/schema.ts';
import { clozeBlanks, parseCloze, type ClozeSegment } from '../bank/cloze.ts';
import { assignBlanks } from './assign-blanks.ts';
import { matchTyped, type AcceptReason, type TypedTarget } from './match-typed.ts';
import { sameAnswer, writtenIn } from './normalize.ts';

export type CheckableQuestion = Exclude<Question, { type: 'flashcard' }>;
export type Answer =
	| { type: 'single'; choice: number }
	| { type: 'multi'; choices: number[] }
	| { type: 'truefalse'; value: boolean }
	| { type: 'cloze'; blanks: string[] }
	| { type: 'short'; text: string }
	| { type: 'order'; order: number[] };
type AnswerOf<T extends Answer['type']> = Extract<Answer, { type: T }>;

export interface CheckOptions {
	/** Score multi, order and cloze by the share that is right instead of 0 or 1. */
	partialCredit?: boolean;
	/** Traditional → Simplified converter (see `loadToSimplified`); without it 國防 is wrong. */
	toSimplified?: (text: string) => string;
	/** Answers a typo must never be taken for, e.g. the accepted forms of neighbouring questions. */
	knownWrong?: readonly string[];
}

export interface BlankResult {
	correct: boolean;
	reasons: AcceptReason[];
	expected: string;
}

export interface CheckResult {
	correct: boolean;
	score: number;
	/** Why a typed answer was accepted although it is not letter for letter a listed form. */
	reasons: AcceptReason[];
	blanks?: BlankResult[];
	expected: string[];
	/**
	 * Wrong, but some of it is right (a right option ticked and fewer wrong ones, an item in its
	 * place, a blank filled right): said as "partly right" whether or not the score gives credit.
	 */
	partly?: boolean;
}

type Lang = ContentLocale;
const OTHER: Record<Lang, Lang> = { zh: 'en', en: 'zh' };
const TRUE_FALSE: Record<Lang, [string, string]> = { zh: ['正确', '错误'], en: ['True', 'False'] };

export function checkAnswer(
	q: CheckableQuestion,
	answer: Answer,
	lang: Lang,
	options: CheckOptions = {},
): CheckResult {
	if (answer.type !== q.type) {
		throw new Error(`A "${answer.type}" answer cannot answer "${q.type}" question ${q.id}`);
	}
	// The types agree (checked above); TypeScript cannot relate the two unions by itself.
	switch (q.type) {
		case 'single':
			return checkSingle(q, answer as AnswerOf<'single'>, lang);
		case 'multi':
			return checkMulti(q, answer as AnswerOf<'multi'>, lang, options);
		case 'truefalse': {
			const right = q.answer === (answer as AnswerOf<'truefalse'>).value;
			return graded(right, [TRUE_FALSE[lang][q.answer ? 0 : 1]]);
		}
		case 'order':
			return checkOrder(q, answer as AnswerOf<'order'>, lang, options);
		case 'cloze':
			return checkCloze(q, answer as AnswerOf<'cloze'>, lang, options);
		case 'short':
			return checkShort(q, answer as AnswerOf<'short'>, lang, options);
	}
}

function graded(correct: boolean, expected: string[], score = correct ? 1 : 0): CheckResult {
	return { correct, score, reasons: [], expected };
}

function assertIndex(index: number, length: number, q: CheckableQuestion): void {
	if (!Number.isInteger(index) || index < 0 || index >= length) {
		throw new Error(`Answer index ${index} is out of range for question ${q.id}`);
	}
}

function checkSingle(q: QuestionOf<'single'>, a: AnswerOf<'single'>, lang: Lang): CheckResult {
	assertIndex(a.choice, q.options.length, q);
	const right = q.options.findIndex((o) => o.correct);
	return graded(a.choice === right, [q.options[right][lang]]);
}

function checkMulti(
	q: QuestionOf<'multi'>,
	a: AnswerOf<'multi'>,
	lang: Lang,
	options: CheckOptions,
): CheckResult {
	const picked = new Set(a.choices);
	picked.forEach((i) => assertIndex(i, q.options.length, q));
	const wanted = q.options.filter((o) => o.correct);
	const rightPicks = [...picked].filter((i) => q.options[i].correct).length;
	const wrongPicks = picked.size - rightPicks;
	const correct = rightPicks === wanted.length && wrongPicks === 0;
	const partial = Math.max(0, (rightPicks - wrongPicks) / wanted.length);
	const expected = wanted.map((o) => o[lang]);
	const result = graded(correct, expected, options.partialCredit ? partial : undefined);
	return !correct && partial > 0 ? { ...result, partly: true } : result;
}

function checkOrder(
	q: QuestionOf<'order'>,
	a: AnswerOf<'order'>,
	lang: Lang,
	options: CheckOptions,
): CheckResult {
	const n = q.items.length;
	const isPermutation = a.order.length === n && new Set(a.order).size === n;
	if (!isPermutation) throw new Error(`The order answer must list each of the ${n} items once`);
	a.order.forEach((i) => assertIndex(i, n, q));
	const inPlace = a.order.filter((item, position) => item === position).length;
	const expected = q.items.map((item) => item[lang]);
	const result = graded(inPlace === n, expected, options.partialCredit ? inPlace / n : undefined);
	return inPlace > 0 && inPlace < n ? { ...result, partly: true } : result;
}

function checkShort(
	q: QuestionOf<'short'>,
	a: AnswerOf<'short'>,
	lang: Lang,
	options: CheckOptions,
): CheckResult {
	const target: TypedTarget = {
		forms: q.answers[lang],
		otherForms: inOtherScript(q.answers[OTHER[lang]], lang),
		knownWrong: options.knownWrong ?? [],
		shown: [q.prompt.zh, q.prompt.en],
	};
	const reasons = matchTyped(a.text, target, options);
	return { ...graded(reasons !== null, q.answers[lang]), reasons: reasons ?? [] };
}

function checkCloze(
	q: QuestionOf<'cloze'>,
	a: AnswerOf<'cloze'>,
	lang: Lang,
	options: CheckOptions,
): CheckResult {
	const { targets, anyOrder } = clozeTargets(q, lang, options.knownWrong ?? []);
	if (a.blanks.length !== targets.length) {
		throw new Error(`Question ${q.id} has ${targets.length} blanks, got ${a.blanks.length}`);
	}
	const verdicts = new Map<string, AcceptReason[] | null>();
	const verdict = (box: number, blank: number) => {
		const key = `${box}:${blank}`;
		if (!verdicts.has(key)) verdicts.set(key, matchTyped(a.blanks[box], targets[blank], options));
		return verdicts.get(key)!;
	};
	const assigned = assignBlanks(
		targets.length,
		anyOrder,
		(box, blank) => verdict(box, blank) !== null,
	);
	const blanks = assigned.map((blank, box): BlankResult => {
		const reasons = verdict(box, blank);
		return { correct: reasons !== null, reasons: reasons ?? [], expected: targets[blank].forms[0] };
	});
	const right = blanks.filter((b) => b.correct).length;
	const correct = right === blanks.length;
	const score = options.partialCredit ? right / blanks.length : correct ? 1 : 0;
	const reasons = [...new Set(blanks.flatMap((b) => b.reasons))];
	const result = { correct, score, reasons, blanks, expected: blanks.map((b) => b.expected) };
	return right > 0 && !correct ? { ...result, partly: true } : result;
}

/**
 * The other language's forms that are written in its script: "国防" for an English learner,
 * but not a bare "5" from the Chinese list, which may stand for something else (5 月 is May).
 */
function inOtherScript(forms: readonly string[], lang: Lang): string[] {
	return forms.filter((f) => writtenIn(f, OTHER[lang]));
}

function parsedText(q: QuestionOf<'cloze'>, lang: Lang): ClozeSegment[] {
	const parsed = parseCloze(q.text[lang]);
	if (!parsed.ok) throw new Error(`Question ${q.id} (${lang}): ${parsed.error}`);
	return parsed.value;
}

/**
 * The blanks of the two languages need not come in the same order (Chinese puts "13 January
 * 2023" as 2023 年 1 月 13 日), so a blank is paired with the other language's blank that
 * shares a form or a number with it, or with the only one left over; otherwise it gets none.
 */
function pairBlanks(own: string[][], other: string[][]): (number | undefined)[] {
	const pairs = own.map(() => undefined as number | undefined);
	const free = new Set(other.keys());
	own.forEach((forms, i) => {
		const j = [...free].find((k) => forms.some((f) => other[k].some((g) => sameAnswer(f, g))));
		if (j === undefined) return;
		pairs[i] = j;
		free.delete(j);
	});
	const unpaired = pairs.flatMap((j, i) => (j === undefined ? [i] : []));
	if (unpaired.length === 1 && free.size === 1) pairs[unpaired[0]] = [...free][0];
	return pairs;
}

/** The text next to a blank: the end of the text before it and the start of the text after. */
function surroundings(segments: ClozeSegment[], blank: number) {
	const at = segments.findIndex((s) => s.kind === 'blank' && s.index === blank);
	const textAt = (i: number) =>
		segments[i]?.kind === 'text' ? (segments[i] as { text: string }).text : '';
	return { before: textAt(at - 1), after: textAt(at + 1) };
}

/**
 * Each blank's target. Another blank's answers are known wrong: a typo never turns one blank's
 * answer into another's.
 */
function clozeTargets(q: QuestionOf<'cloze'>, lang: Lang, knownWrong: readonly string[]) {
	const ownText = parsedText(q, lang);
	const otherText = parsedText(q, OTHER[lang]);
	const ownBlanks = clozeBlanks(ownText);
	const own = ownBlanks.map((b) => b.answers);
	const other = clozeBlanks(otherText).map((b) => b.answers);
	const pairs = pairBlanks(own, other);
	// The sentence's words count only right next to their blank (`around`): elsewhere they may
	// be another blank's answer in other words (岸田访问五个… typed into the 5 月 blank).
	const shown = [q.prompt.zh, q.prompt.en];
	const targets = own.map((forms, i): TypedTarget => {
		const partner = pairs[i];
		const elsewhere = [
			...own.filter((_, k) => k !== i),
			...other.filter((_, k) => k !== partner),
		].flat();
		const otherForms = partner === undefined ? [] : inOtherScript(other[partner], lang);
		return {
			forms,
			otherForms,
			knownWrong: [...knownWrong, ...elsewhere],
			shown,
			around: surroundings(ownText, i),
		};
	});
	const anyOrder = ownBlanks.filter((b) => b.anyOrder).map((b) => b.index);
	return { targets, anyOrder };
}
