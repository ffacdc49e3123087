/**
 * A typed answer against its accepted forms, leniently about form and never about content:
 *
 * 1. letter for letter, then normalised (width, case, spacing, punctuation, invisible
 *    characters, a leading article), then after Traditional → Simplified conversion;
 * 2. the same units (`answer-units.ts`): numbers in any script wherever they stand, an ordinal
 *    for a day or a position, British or American spelling, singular or plural;
 * 3. one typo in an English answer of 6+ letters;
 * 4. the right answer with only the question's own words around it (`question-words.ts`).
 *
 * An answer that reads the same as a known wrong answer under rule 2 is never accepted by 2–4.
 */
import {
	ALL_RULES,
	answerUnits,
	textUnits,
	NUMBER_PLACEHOLDER,
	sameNumeral,
	sameUnits,
	shareRoles,
	unitsAt,
	unitSkeleton,
	type Numeral,
	type Surroundings,
	type Unit,
	type UnitRules,
} from './answer-units.ts';
import { editDistance, letterCount, normalizeAnswer } from './normalize.ts';
import { onlyQuestionWords, questionWords } from './question-words.ts';

/** Why a typed answer was accepted; each but `exact` is shown to the learner (reason_* messages). */
export const ACCEPT_REASONS = [
	'exact',
	'normalized',
	'traditional',
	'number',
	'spelling',
	'plural',
	'typo',
	'question-words',
] as const;
export type AcceptReason = (typeof ACCEPT_REASONS)[number];

export interface TypedTarget {
	/** Accepted forms in the study language; only these can give an exact match. */
	forms: readonly string[];
	/** Accepted forms in the other language, also right (bare numbers left out by the caller). */
	otherForms: readonly string[];
	/** Answers this one must not be taken for (another blank's, a neighbouring question's). */
	knownWrong: readonly string[];
	/**
	 * The prompt the learner was shown (both languages): its words repeated around a right answer
	 * are ignored, as are a blank's neighbouring words (`around`). Without it, extra words make
	 * an answer wrong.
	 */
	shown?: readonly string[];
	/** A cloze blank's neighbouring text, which makes its number a day or a position. */
	around?: Surroundings;
}

const MIN_TYPO_LETTERS = 6;
const TYPOABLE = new RegExp(`^[\\p{Script=Latin} ${NUMBER_PLACEHOLDER}]+$`, 'u');
const RULE_REASONS: [keyof UnitRules, AcceptReason][] = [
	['numbers', 'number'],
	['spelling', 'spelling'],
	['plural', 'plural'],
];

/**
 * Why the typed answer is right ([] for a letter-for-letter match with a form in the study
 * language), or null when it is wrong. Empty answers are always wrong.
 */
export function matchTyped(
	typed: string,
	target: TypedTarget,
	options: { toSimplified?: (text: string) => string } = {},
): AcceptReason[] | null {
	const norm = normalizeAnswer(typed);
	if (norm === '') return null;
	if (target.forms.includes(typed)) return [];
	const accepted = [...target.forms, ...target.otherForms];
	const normalized = new Set(accepted.map(normalizeAnswer).filter((f) => f !== ''));
	if (normalized.has(norm)) return ['normalized'];
	const simplified = options.toSimplified?.(typed);
	const converted = simplified !== undefined && simplified !== typed;
	if (converted && normalized.has(normalizeAnswer(simplified))) return ['traditional'];

	const answer = new Comparison(converted ? simplified : typed, target);
	if (answer.isKnownWrong()) return null;
	const reasons = answer.sameUnits() ?? answer.typo() ?? answer.inQuestionWords();
	if (reasons === null) return null;
	return converted ? ['traditional', ...reasons] : reasons;
}

/** One typed answer against one target, with each side's units worked out once per rule set. */
class Comparison {
	private readonly norm: string;
	private readonly cache = new Map<string, { typed: Unit[]; forms: Unit[][]; wrong: Unit[][] }>();

	constructor(
		private readonly typed: string,
		private readonly target: TypedTarget,
	) {
		this.norm = normalizeAnswer(typed);
	}

	private units(rules: UnitRules) {
		const key = `${rules.numbers}${rules.spelling}${rules.plural}`;
		let found = this.cache.get(key);
		if (!found) {
			const { forms, otherForms, knownWrong, around } = this.target;
			// The other language's bare numbers (五 for 5 月) may belong to another blank, which
			// the study language's own forms would say in its own words (May).
			const other = otherForms
				.map((f) => textUnits(f, rules))
				.filter((units) => !(units.length === 1 && units[0].kind === 'number'));
			const accepted = shareRoles([
				...forms.map((f) => textUnits(f, rules, around)),
				...other,
			]).filter((units) => units.length > 0);
			// A known wrong answer that reads as an accepted one (the same number in another
			// blank) says nothing against this answer.
			const wrong = knownWrong
				.map((w) => textUnits(w, rules))
				.filter((w) => w.length > 0 && !accepted.some((a) => sameUnits(w, a)));
			found = { typed: answerUnits(this.norm, rules), forms: accepted, wrong };
			this.cache.set(key, found);
		}
		return found;
	}

	/** The answer reads as a known wrong one: no leniency may turn it into a right one. */
	isKnownWrong(): boolean {
		const { typed, wrong } = this.units(ALL_RULES);
		return wrong.some((w) => sameUnits(typed, w));
	}

	/** The rules that `matches` needs, as reasons (each one it fails without). */
	private reasonsFor(matches: (rules: UnitRules) => boolean): AcceptReason[] {
		if (!matches(ALL_RULES)) return [];
		return RULE_REASONS.flatMap(([rule, reason]) =>
			matches({ ...ALL_RULES, [rule]: false }) ? [] : [reason],
		);
	}

	sameUnits(): AcceptReason[] | null {
		const matches = (rules: UnitRules) => {
			const { typed, forms } = this.units(rules);
			return forms.some((f) => sameUnits(typed, f));
		};
		if (!matches(ALL_RULES)) return null;
		const reasons = this.reasonsFor(matches);
		return reasons.length > 0 ? reasons : ['normalized'];
	}

	/** One slip in the letters of an English answer of 6+ letters; numbers must be the same. */
	typo(): AcceptReason[] | null {
		const { typed, forms, wrong } = this.units(ALL_RULES);
		const skeleton = unitSkeleton(typed);
		if (!TYPOABLE.test(skeleton)) return null;
		const near = (other: Unit[]) =>
			sameNumbers(typed, other) && editDistance(skeleton, unitSkeleton(other)) <= 1;
		const close = forms.some(
			(f) =>
				TYPOABLE.test(unitSkeleton(f)) &&
				letterCount(unitSkeleton(f)) >= MIN_TYPO_LETTERS &&
				near(f),
		);
		// A slip as close to a known wrong answer may be that answer instead.
		return close && !wrong.some((w) => editDistance(skeleton, unitSkeleton(w)) <= 1)
			? ['typo']
			: null;
	}

	/** The right answer with only the question's own words around it. */
	inQuestionWords(): AcceptReason[] | null {
		const { shown } = this.target;
		if (!shown || shown.length === 0) return null;
		const { typed, forms, wrong } = this.units(ALL_RULES);
		if (!forms.some((f) => f.length < typed.length && occursIn(typed, f))) return null;
		const question = questionWords(shown);
		// Another blank's answer or a neighbouring question's among the extra words: a guess.
		const guesses = (start: number, end: number) =>
			wrong.some((w) => occursIn(typed.slice(0, start), w) || occursIn(typed.slice(end), w));
		const fits = forms.some((f) =>
			typed.some(
				(_, start) =>
					unitsAt(typed, f, start) &&
					!guesses(start, start + f.length) &&
					onlyQuestionWords(
						this.typed,
						typed,
						start,
						start + f.length,
						question,
						this.target.around,
					),
			),
		);
		if (!fits) return null;
		const windowMatches = (rules: UnitRules) => {
			const u = this.units(rules);
			return u.forms.some((f) => occursIn(u.typed, f));
		};
		return ['question-words', ...this.reasonsFor(windowMatches)];
	}
}

function occursIn(typed: readonly Unit[], part: readonly Unit[]): boolean {
	return typed.some((_, start) => unitsAt(typed, part, start));
}

function sameNumbers(a: readonly Unit[], b: readonly Unit[]): boolean {
	const numbers = (units: readonly Unit[]) =>
		units.filter((u): u is Numeral => u.kind === 'number');
	const [x, y] = [numbers(a), numbers(b)];
	return x.length === y.length && x.every((n, i) => sameNumeral(n, y[i]));
}
