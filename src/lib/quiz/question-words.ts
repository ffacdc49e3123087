/**
 * A right answer inside words the learner repeated from the question: "Japan and the UK signed
 * a reciprocal access agreement" for "Which agreement did Japan and the UK sign?", or
 * "two per cent of GDP" in the blank of "… to {{2%}} of GDP". The words around the right answer
 * may only be the prompt's own words, a blank's sentence right next to it, or little words such
 * as "the", "a", 的, 了, so they add nothing: "not a reciprocal access agreement", "force or
 * coercion or money" and "the UK and France" stay wrong, as does any answer that adds a word
 * of its own.
 */
import {
	ALL_RULES,
	textUnits,
	sameNumeral,
	sameUnit,
	type Numeral,
	type Surroundings,
	type Unit,
} from './answer-units.ts';
import { singularKey, spellingKey, wordStem } from './spelling.ts';

/** What the question showed, read once per check. */
export interface QuestionWords {
	stems: Set<string>;
	/** Each text's units, to find repeated Chinese phrases (Chinese has no spaces to split words). */
	texts: Unit[][];
	numbers: Numeral[];
	/** The question offers alternatives ("… or …", 还是): its words may be guesses, so only little words count. */
	offersChoice: boolean;
}

// English words are compared by their keys (`spelling.ts`), as the typed answer's are.
const keyed = (words: string) => new Set(words.split(' ').map((w) => singularKey(spellingKey(w))));
// Little words that carry no answer of their own.
const FUNCTION_WORDS = keyed(
	'a an the of to in on at by for with from into onto as is are was were be been being am ' +
		'it its this that these those which who whom whose what when where did do does done has ' +
		'have had will would shall should can could may might must they them their he him his she ' +
		'her we our you your i me my there here so then also called named known both and',
);
// Words that turn a right answer into a wrong one, or into a list of guesses, wherever they are.
const NEGATIONS_AND_CHOICES = keyed(
	'not no nor never neither none nothing nobody without except excluding instead rather ' +
		'unless non cannot cant dont doesnt didnt isnt wasnt arent werent wont wouldnt shouldnt ' +
		'couldnt hasnt havent hadnt or either maybe perhaps possibly probably guess unsure whether',
);
// Next to the answer, these make it one item of a list: "Japan and China", "日本和中国".
const COORDINATORS = new Set(['and', 'plus', '&', '+', ...Array.from('和与與及跟同并並')]);
const FUNCTION_CHARS = new Set(
	Array.from('的了是为為在于於与與和及被把对對将將就也都其这這那它该該之即所呢吧啊吗嗎'),
);
const MEASURE_WORDS = new Set(Array.from('个個种種项項次份位场場'));
const NEGATION_CHARS = new Set(Array.from('不没沒无無非未否别別勿莫或'));
const NEGATION_PAIRS = '还是 還是 可能 也许 也許 或许 或許 大概 除了 以外 之外'.split(' ');
// A list typed with separators is a list, whatever its words.
const LIST_SEPARATOR = /(?<!\d)[,，]|[,，](?!\d)|[;；、|｜/]/;

const LATIN = /^\p{Script=Latin}+$/u;
const isLatin = (u: Unit) => u.kind === 'text' && LATIN.test(u.text);

/** Reads the texts the learner was shown (prompt and cloze sentence, both languages). */
export function questionWords(shown: readonly string[]): QuestionWords {
	const texts = shown.map((t) => textUnits(t, ALL_RULES));
	const all = texts.flat();
	return {
		texts,
		stems: new Set(all.filter(isLatin).map((u) => wordStem((u as { text: string }).text))),
		numbers: all.filter((u): u is Numeral => u.kind === 'number'),
		offersChoice: texts.some((units) => hasChoice(units)),
	};
}

function hasChoice(units: readonly Unit[]): boolean {
	const joined = units.map((u) => (u.kind === 'text' ? u.text : ' ')).join('');
	return (
		units.some((u) => u.kind === 'text' && (u.text === 'or' || u.text === 'either')) ||
		/还是|還是|或/.test(joined)
	);
}

/**
 * Whether the typed units around `typed[start, end)` (the right answer) are only the question's
 * words, so the whole answer says what the right answer says. `raw` is what the learner typed.
 */
export function onlyQuestionWords(
	raw: string,
	typed: readonly Unit[],
	start: number,
	end: number,
	question: QuestionWords,
	around?: Surroundings,
): boolean {
	const left = typed.slice(0, start);
	const right = typed.slice(end);
	if (left.length + right.length === 0 || LIST_SEPARATOR.test(raw.trim())) return false;
	if (isCoordinator(left.at(-1)) || isCoordinator(right[0])) return false;
	if (hasNegationOrChoice(left) || hasNegationOrChoice(right)) return false;
	// In a blank, the words the sentence has right before or after it ("5年" before "年内").
	const before = around ? textUnits(around.before, ALL_RULES) : [];
	const after = around ? textUnits(around.after, ALL_RULES) : [];
	const ownLeft = left.slice(0, left.length - sharedEnd(left, before));
	const ownRight = right.slice(sharedStart(right, after));
	return covered(ownLeft, question) && covered(ownRight, question);
}

/** How many units at the start of `a` the start of `b` repeats. */
function sharedStart(a: readonly Unit[], b: readonly Unit[]): number {
	let n = 0;
	while (n < a.length && n < b.length && sameUnit(a[n], b[n])) n++;
	return n;
}

/** How many units at the end of `a` the end of `b` repeats. */
function sharedEnd(a: readonly Unit[], b: readonly Unit[]): number {
	return sharedStart([...a].reverse(), [...b].reverse());
}

function isCoordinator(u: Unit | undefined): boolean {
	return u?.kind === 'text' && COORDINATORS.has(u.text);
}

function hasNegationOrChoice(units: readonly Unit[]): boolean {
	const chars = units.map((u) => (u.kind === 'text' && !isLatin(u) ? u.text : ' ')).join('');
	return (
		units.some(
			(u) => u.kind === 'text' && (NEGATIONS_AND_CHOICES.has(u.text) || NEGATION_CHARS.has(u.text)),
		) || NEGATION_PAIRS.some((pair) => chars.includes(pair))
	);
}

/** Whether every unit is a little word, a word of the question, or part of a phrase of it. */
function covered(units: readonly Unit[], question: QuestionWords): boolean {
	let i = 0;
	while (i < units.length) {
		const u = units[i];
		const next = units[i + 1];
		if (u.kind === 'text' && FUNCTION_WORDS.has(u.text)) i++;
		else if (u.kind === 'text' && FUNCTION_CHARS.has(u.text)) i++;
		// 一个, 一项: "one" as Chinese counts a single thing, a little word too.
		else if (
			u.kind === 'number' &&
			u.value === 1 &&
			!u.ordinal &&
			next?.kind === 'text' &&
			MEASURE_WORDS.has(next.text)
		)
			i += 2;
		else if (question.offersChoice) return false;
		else if (isLatin(u) && question.stems.has(wordStem((u as { text: string }).text))) i++;
		else if (u.kind === 'number' && question.numbers.some((n) => sameNumeral(u, n))) i++;
		else {
			const run = longestQuestionPhrase(units, i, question);
			if (run < 2) return false;
			i += run;
		}
	}
	return true;
}

/** The length of the longest run of units from `units[i]` that the question has too (Chinese). */
function longestQuestionPhrase(units: readonly Unit[], i: number, question: QuestionWords): number {
	let best = 0;
	for (const text of question.texts) {
		for (let s = 0; s < text.length; s++) {
			let n = 0;
			while (i + n < units.length && s + n < text.length && sameUnit(units[i + n], text[s + n]))
				n++;
			best = Math.max(best, n);
		}
	}
	return best;
}
