/**
 * Picks and prepares the questions of a practice test. Everything random comes from the spec's
 * seed, so the same link gives every learner the same test, and a reload gives the same test.
 */
import type { ContentLocale, LocalizedText, Question, QuestionOf } from '../bank/schema.ts';
import { parseCloze } from '../bank/cloze.ts';
import { cardIdOf } from './card-questions.ts';
import { checkAnswer, type Answer, type CheckOptions, type CheckResult } from './check.ts';
import { sameTextKeys } from './normalize.ts';
import { seededShuffle } from '../random/seeded-shuffle.ts';
import type { QuizType, TestSpec } from './test-spec.ts';

export interface DeckQuestions {
	/** Deck key, "bank/deck". */
	deck: string;
	questions: Question[];
}

type TestQuestion = Exclude<Question, { type: 'flashcard' }>;
type ChoiceQuestion = QuestionOf<'single'> | QuestionOf<'multi'>;

export interface TestItem {
	deck: string;
	question: TestQuestion;
	/**
	 * Single/multi: the options in the order shown, as option indices. An index below
	 * `question.options.length` is a real option; `options.length + k` is `extraDistractors[k]`.
	 */
	optionOrder?: number[];
	/** Never correct; shown among the real options (see `optionOrder`). */
	extraDistractors?: LocalizedText[];
}

// Below four options a guess is too easy; one more wrong answer, taken from the same deck so it
// is the same kind of answer (a date among dates, a document among documents), evens it out.
const PAD_OPTIONS_OF = 3;

/**
 * The test's questions: those of the chosen types (and, unless the pool is 'all', among
 * `eligible` (a question made from a card by its card: see card-questions); none when it is missing; and among `spec.only` when given, as "Test" on a weak
 * group in Statistics asks), in bank order or shuffled, at most `spec.count`. Choice options are
 * shuffled either way.
 */
export function buildTest(
	spec: TestSpec,
	decks: DeckQuestions[],
	eligible?: ReadonlySet<string>,
): TestItem[] {
	const types = new Set<string>(spec.types);
	const only = spec.only && new Set(spec.only);
	const candidates = spec.decks.flatMap((key) =>
		decks
			.filter((d) => d.deck === key)
			.flatMap((d) =>
				d.questions
					.filter((q): q is TestQuestion => types.has(q.type as QuizType))
					.filter((q) => spec.pool === 'all' || (eligible?.has(cardIdOf(q.id)) ?? false))
					// Before the count is taken: filtering after it would leave a random few.
					.filter((q) => only === undefined || only.has(q.id))
					.map((question) => ({ deck: d.deck, question, all: d.questions })),
			),
	);
	const pools = new Map<Question[], Candidate[]>();
	const poolOf = (all: Question[]) => pools.get(all) ?? pools.set(all, candidatesOf(all)).get(all)!;
	const ordered = spec.shuffle ? seededShuffle(candidates, `${spec.seed}:questions`) : candidates;
	return ordered.slice(0, spec.count).map(({ deck, question, all }): TestItem => {
		if (question.type !== 'single' && question.type !== 'multi') return { deck, question };
		const extras = extraDistractors(question, poolOf(all), `${spec.seed}:${question.id}:extra`);
		const real = question.options.map((_, i) => i);
		const added = extras.map((_, k) => real.length + k);
		// Options are always shuffled, whatever the question order: the bank's order would tell
		// where the right one is.
		const optionOrder = seededShuffle([...real, ...added], `${spec.seed}:${question.id}`);
		return { deck, question, optionOrder, extraDistractors: extras };
	});
}

interface Candidate {
	text: LocalizedText;
	from: string;
	keys: string[];
}

/** The right answers of a deck's choice questions, each text once, in bank order. */
function candidatesOf(deck: Question[]): Candidate[] {
	const seen = new Set<string>();
	const out: Candidate[] = [];
	for (const q of deck) {
		if (q.type !== 'single' && q.type !== 'multi') continue;
		for (const o of q.options) {
			const text = { zh: o.zh, en: o.en };
			const keys = sameTextKeys(text);
			if (!o.correct || keys.some((k) => seen.has(k))) continue;
			keys.forEach((k) => seen.add(k));
			out.push({ text, from: q.id, keys });
		}
	}
	return out;
}

function extraDistractors(q: ChoiceQuestion, pool: Candidate[], seed: string): LocalizedText[] {
	if (q.options.length !== PAD_OPTIONS_OF) return [];
	const taken = new Set(q.options.flatMap(sameTextKeys));
	const fit = pool.filter((c) => c.from !== q.id && !c.keys.some((k) => taken.has(k)));
	return fit.length === 0 ? [] : [seededShuffle(fit, seed)[0].text];
}

/** Text of an option by its option index (an entry of `optionOrder`), extra distractors included. */
export function optionText(item: TestItem, index: number, lang: ContentLocale): string {
	return allOptions(item)[index][lang];
}

export function isCorrectOption(item: TestItem, index: number): boolean {
	return allOptions(item)[index].correct === true;
}

function allOptions(item: TestItem): { zh: string; en: string; correct?: boolean }[] {
	const q = item.question;
	if (q.type !== 'single' && q.type !== 'multi') {
		throw new Error(`Question ${q.id} is a ${q.type} question and has no options`);
	}
	const extras = (item.extraDistractors ?? []).map((e) => ({ ...e, correct: false }));
	const options = [...q.options, ...extras];
	return options;
}

export interface GradeOptions extends Omit<CheckOptions, 'partialCredit'> {
	lang: ContentLocale;
	partialCredit: boolean;
}

/**
 * Grades an item; a TestSpec will do as `options`. For single/multi with an `optionOrder`, the
 * answer's indices are positions in `optionOrder` (what the learner saw), and a picked extra
 * distractor is a wrong pick like any other.
 */
export function gradeItem(item: TestItem, answer: Answer, options: GradeOptions): CheckResult {
	const { lang, ...checkOptions } = options;
	const q = item.question;
	const order = item.optionOrder;
	if ((q.type !== 'single' && q.type !== 'multi') || order === undefined) {
		return checkAnswer(q, answer, lang, checkOptions);
	}
	const toIndex = (position: number) => {
		if (!Number.isInteger(position) || position < 0 || position >= order.length) {
			throw new Error(`Answer position ${position} is out of range for question ${q.id}`);
		}
		return order[position];
	};
	// The distractors join the options as wrong ones, so check.ts grades them like the rest.
	const padded = { ...q, options: allOptions(item) } as ChoiceQuestion;
	const mapped: Answer =
		answer.type === 'single'
			? { type: 'single', choice: toIndex(answer.choice) }
			: answer.type === 'multi'
				? { type: 'multi', choices: answer.choices.map(toIndex) }
				: answer;
	return checkAnswer(padded, mapped, lang, checkOptions);
}

/**
 * The right answer as `gradeItem` shows it, for a question left unanswered (time ran out,
 * skipped); grading a made-up empty answer instead would throw on an index or a blank count.
 */
export function expectedAnswer(item: TestItem, lang: ContentLocale): string[] {
	return checkAnswer(item.question, anyAnswer(item.question, lang), lang).expected;
}

/** A well-formed answer of the question's type; which one does not matter for `expected`. */
function anyAnswer(q: TestQuestion, lang: ContentLocale): Answer {
	switch (q.type) {
		case 'single':
			return { type: 'single', choice: 0 };
		case 'multi':
			return { type: 'multi', choices: [] };
		case 'truefalse':
			return { type: 'truefalse', value: q.answer };
		case 'cloze': {
			const parsed = parseCloze(q.text[lang]);
			const blanks = parsed.ok ? parsed.value.filter((s) => s.kind === 'blank') : [];
			return { type: 'cloze', blanks: blanks.map(() => '') };
		}
		case 'short':
			return { type: 'short', text: '' };
		case 'order':
			return { type: 'order', order: q.items.map((_, i) => i) };
	}
}

/** "Retry the ones I missed": the same items, options in the same order, in the same sequence. */
export function retryItems(items: TestItem[], missedIds: ReadonlySet<string>): TestItem[] {
	return items.filter((item) => missedIds.has(item.question.id));
}
