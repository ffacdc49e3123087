/**
 * An answer as a list of units to compare: English words, single Chinese characters, marks
 * such as "%" and numbers, each read wherever it stands ("第5条" and "第五条", "article five"
 * and "Article 5", "two per cent of GDP" and "2% of GDP" have the same units). English words
 * can be keyed by spelling and number (see `spelling.ts`), so "Defence Buildup Programme" and
 * "Defense Buildup Program" have the same units too.
 *
 * Input is a normalised answer (`normalizeAnswer`): lower case, half-width, punctuation gone.
 */
import { isNumberWord, readChinese, readEnglishWords, ordinalSuffix } from './numbers.ts';
import { normalizeAnswer } from './normalize.ts';
import { singularKey, spellingKey } from './spelling.ts';

/**
 * What a number is, which decides whether an ordinal may stand for it: "13th" for the 13 of
 * "13 January" (a day) and "fifth" for the 5 of "Article 5" (a position), never "70th" for the
 * 70 of "70 years" (a count).
 */
export type NumberRole = 'count' | 'day' | 'position';

export interface Numeral {
	kind: 'number';
	value: number;
	percent: boolean;
	/** Written as an ordinal: "13th", "thirteenth", "第十三". */
	ordinal: boolean;
	/** Written with 第, which Chinese needs: "5条" is five articles, not the fifth. */
	di: boolean;
	role: NumberRole;
}
export interface Word {
	kind: 'text';
	text: string;
}
export type Unit = Word | Numeral;

/** Which leniencies apply: numbers in any script, British/American spelling, singular/plural. */
export interface UnitRules {
	numbers: boolean;
	spelling: boolean;
	plural: boolean;
}
export const ALL_RULES: UnitRules = { numbers: true, spelling: true, plural: true };

/** The text just before and after a cloze blank, which can make its number a day or a position. */
export interface Surroundings {
	before: string;
	after: string;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CN_NUMERAL = '〇一二三四五六七八九零壹贰叁肆伍陆柒捌玖貳參陸两兩十拾百佰千仟万萬亿億';
const CN_BIG_UNIT: Record<string, number> = {
	十: 10,
	百: 100,
	千: 1000,
	万: 1e4,
	萬: 1e4,
	亿: 1e8,
	億: 1e8,
};
const DIGITS = '\\d+(?:\\.\\d+)?';
// One piece per match; alternatives are tried in this order at each position.
const PIECES = new RegExp(
	[
		`(?<cnPercent>百分之(?:${DIGITS}|[${CN_NUMERAL}]+))`,
		`(?<cnOrdinal>第(?:\\d+|[${CN_NUMERAL}]+))`,
		`(?<digits>${DIGITS})(?<bigUnit>[十百千万萬亿億])?(?:(?<suffix>st|nd|rd|th)(?!\\p{L}))?`,
		`(?<cnRun>[${CN_NUMERAL}]+)`,
		`(?<cjk>[${CJK}])`,
		`(?<word>(?:(?![${CJK}])[\\p{L}\\p{M}])+)`,
		`(?<mark>\\S)`,
	].join('|'),
	'gu',
);
const PLAIN_PIECES = new RegExp(
	`(?<cjk>[${CJK}])|(?<word>(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}.])+)|(?<mark>\\S)`,
	'gu',
);

const MONTHS = new Set(
	(
		'january february march april may june july august september october november december ' +
		'jan feb mar apr jun jul aug sep sept oct nov dec'
	).split(' '),
);
// Words that number a position: "Article 5", "the fifth article", "round 3", "3rd place".
const POSITION_LABELS = new Set(
	(
		'article chapter section paragraph clause amendment part item round stage phase step page ' +
		'rule point place no number pillar principle line'
	).split(' '),
);
const DAY_MARKS = new Set(['日', '号', '號']);

const text = (t: string): Word => ({ kind: 'text', text: t });
const isWord = (u: Unit | undefined, words: ReadonlySet<string>) =>
	u?.kind === 'text' && words.has(u.text);

// Accepted forms and question texts are read again for every answer (a class of 2,000 answers
// one question 2,000 times), so their units are kept; the oldest go first past the limit.
const MEMO_LIMIT = 4000;
const memo = new Map<string, Unit[]>();

/**
 * The units of a text (normalised first) under `rules`, remembered: callers must not change
 * the array they get.
 */
export function textUnits(text: string, rules: UnitRules, around?: Surroundings): Unit[] {
	const key = `${+rules.numbers}${+rules.spelling}${+rules.plural}\u0002${around?.before ?? ''}\u0002${around?.after ?? ''}\u0002${text}`;
	let units = memo.get(key);
	if (units === undefined) {
		units = answerUnits(normalizeAnswer(text), rules, around);
		if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
		memo.set(key, units);
	}
	return units;
}

/** The units of a normalised answer under `rules`, numbers given their role by `around`. */
export function answerUnits(norm: string, rules: UnitRules, around?: Surroundings): Unit[] {
	let units = rules.numbers ? numberUnits(norm) : plainUnits(norm);
	if (rules.numbers) {
		const before = around ? numberUnits(normalizeAnswer(around.before)) : [];
		const after = around ? numberUnits(normalizeAnswer(around.after)) : [];
		units = giveRoles(units, before.at(-1), after[0], after[1]);
	}
	if (rules.spelling || rules.plural) units = units.map((u) => keyWord(u, rules));
	return units;
}

function plainUnits(norm: string): Unit[] {
	return Array.from(norm.matchAll(PLAIN_PIECES), (m) => text(m[0]));
}

function number(value: number, extra: Partial<Numeral> = {}): Numeral {
	return {
		kind: 'number',
		value,
		percent: false,
		ordinal: false,
		di: false,
		role: 'count',
		...extra,
	};
}

/** Pieces of the text, numbers read in digits, Chinese numerals and English words. */
function numberUnits(norm: string): Unit[] {
	const units: Unit[] = [];
	for (const m of norm.matchAll(PIECES)) {
		const g = m.groups!;
		if (g.cnPercent !== undefined) {
			const body = g.cnPercent.slice(3);
			const value = /\d/.test(body) ? Number(body) : readChinese(body);
			units.push(value === null ? text(g.cnPercent) : number(value, { percent: true }));
		} else if (g.cnOrdinal !== undefined) {
			const body = g.cnOrdinal.slice(1);
			const value = /\d/.test(body) ? Number(body) : readChinese(body);
			if (value === null) units.push(...Array.from(g.cnOrdinal, text));
			else units.push(number(value, { ordinal: true, di: true, role: 'position' }));
		} else if (g.digits !== undefined) {
			const value = Number(g.digits) * (g.bigUnit ? CN_BIG_UNIT[g.bigUnit] : 1);
			// "13rd" is not an ordinal: it stays a number followed by letters that match nothing.
			const ordinal = g.suffix !== undefined && ordinalSuffix(value) === g.suffix;
			units.push(number(value, { ordinal }));
			if (g.suffix !== undefined && !ordinal) units.push(text(g.suffix));
		} else if (g.cnRun !== undefined) {
			const value = readChinese(g.cnRun);
			units.push(...(value === null ? Array.from(g.cnRun, text) : [number(value)]));
		} else {
			units.push(text(m[0]));
		}
	}
	return readPercentSigns(readEnglishNumbers(units));
}

/** Runs of English number words become one number: "twenty five", "one hundred and fifth". */
function readEnglishNumbers(units: Unit[]): Unit[] {
	const out: Unit[] = [];
	let i = 0;
	while (i < units.length) {
		let end = i;
		while (end < units.length && units[end].kind === 'text' && isNumberWord(wordOf(units[end]))) {
			end++;
		}
		// The longest run from i that reads as one number ("one one" is two numbers).
		let taken = 0;
		for (let j = end; j > i && taken === 0; j--) {
			const read = readEnglishWords(units.slice(i, j).map(wordOf));
			if (read) {
				out.push(number(read.value, { ordinal: read.ordinal }));
				taken = j - i;
			}
		}
		if (taken === 0) out.push(units[i]);
		i += Math.max(taken, 1);
	}
	return out;
}

const wordOf = (u: Unit) => (u.kind === 'text' ? u.text : '');

/** "2 %", "2 percent" and "two per cent" are one percentage. */
function readPercentSigns(units: Unit[]): Unit[] {
	const out: Unit[] = [];
	for (let i = 0; i < units.length; i++) {
		const u = units[i];
		if (u.kind !== 'number' || u.percent || u.ordinal) {
			out.push(u);
			continue;
		}
		const next = wordOf(units[i + 1] ?? text(''));
		const width =
			next === '%' || next === 'percent'
				? 1
				: next === 'per' && wordOf(units[i + 2] ?? text('')) === 'cent'
					? 2
					: 0;
		out.push(width > 0 ? { ...u, percent: true } : u);
		i += width;
	}
	return out;
}

/**
 * Marks each number as a day, a position or a count from the words next to it (the blank's
 * surroundings count for the first and last unit), and puts dates and positions in one word
 * order: "January 13" and "13th of January" as "13 January", "the fifth article" as "article 5".
 */
function giveRoles(units: Unit[], before?: Unit, after?: Unit, afterNext?: Unit): Unit[] {
	const at = (i: number) =>
		i < 0 ? before : i < units.length ? units[i] : i === units.length ? after : afterNext;
	const roled = units.map((u, i): Unit => {
		if (u.kind !== 'number' || u.percent || u.role === 'position') return u;
		const [prev, next, nextNext] = [at(i - 1), at(i + 1), at(i + 2)];
		// A day is 1 to 31: the 2023 of "January 2023" is a year.
		const day =
			Number.isInteger(u.value) &&
			u.value >= 1 &&
			u.value <= 31 &&
			(isWord(prev, MONTHS) ||
				isWord(next, MONTHS) ||
				(wordOf(next ?? text('')) === 'of' && isWord(nextNext, MONTHS)) ||
				isWord(next, DAY_MARKS));
		const position =
			isWord(prev, POSITION_LABELS) ||
			(u.ordinal && isWord(next, POSITION_LABELS)) ||
			wordOf(prev ?? text('')) === '第';
		return day ? { ...u, role: 'day' } : position ? { ...u, role: 'position' } : u;
	});
	return reorder(roled);
}

function reorder(units: Unit[]): Unit[] {
	const out = [...units];
	for (let i = 0; i < out.length; i++) {
		const u = out[i];
		if (u.kind !== 'number') continue;
		if (u.role === 'day' && i > 0 && isWord(out[i - 1], MONTHS)) {
			// "january 13" → "13 january"
			[out[i - 1], out[i]] = [out[i], out[i - 1]];
		} else if (
			u.role === 'day' &&
			wordOf(out[i + 1] ?? text('')) === 'of' &&
			isWord(out[i + 2], MONTHS)
		) {
			out.splice(i + 1, 1); // "13th of january" → "13th january"
		} else if (u.role === 'position' && u.ordinal && !u.di && isWord(out[i + 1], POSITION_LABELS)) {
			[out[i], out[i + 1]] = [out[i + 1], out[i]]; // "fifth article" → "article fifth"
		}
	}
	return out;
}

function keyWord(u: Unit, rules: UnitRules): Unit {
	if (u.kind !== 'text' || !/^\p{Script=Latin}+$/u.test(u.text)) return u;
	const spelled = rules.spelling ? spellingKey(u.text) : u.text;
	return text(rules.plural ? singularKey(spelled) : spelled);
}

/**
 * Whether a typed number stands for an accepted one: the same value and unit, and the same
 * kind (ordinal or not) unless the accepted number is a day or a position; a number written
 * with 第 needs its 第.
 */
export function sameNumeral(typed: Numeral, accepted: Numeral): boolean {
	if (Math.abs(typed.value - accepted.value) >= 1e-9 || typed.percent !== accepted.percent) {
		return false;
	}
	return typed.ordinal === accepted.ordinal || (accepted.role !== 'count' && !accepted.di);
}

export function sameUnit(typed: Unit, accepted: Unit): boolean {
	if (typed.kind === 'text') return accepted.kind === 'text' && typed.text === accepted.text;
	return accepted.kind === 'number' && sameNumeral(typed, accepted);
}

/** Whether `accepted` occurs in `typed` at `start`. */
export function unitsAt(typed: readonly Unit[], accepted: readonly Unit[], start: number): boolean {
	return (
		start + accepted.length <= typed.length &&
		accepted.every((u, k) => sameUnit(typed[start + k], u))
	);
}

export function sameUnits(typed: readonly Unit[], accepted: readonly Unit[]): boolean {
	return typed.length === accepted.length && unitsAt(typed, accepted, 0);
}

/** The units as text with each number as one placeholder character, for measuring typos. */
export function unitSkeleton(units: readonly Unit[]): string {
	return units.map((u) => (u.kind === 'text' ? u.text : NUMBER_PLACEHOLDER)).join(' ');
}
export const NUMBER_PLACEHOLDER = '\u0001';

/**
 * A bare number (the whole form is one number) that another accepted form shows is a day or
 * a position gets that role: "5" listed beside "Article 5" or "第5条" is a position.
 */
export function shareRoles(forms: Unit[][]): Unit[][] {
	const roles = new Map<number, NumberRole>();
	for (const units of forms) {
		for (const u of units)
			if (u.kind === 'number' && u.role !== 'count') roles.set(u.value, u.role);
	}
	return forms.map((units) => {
		const only = units.length === 1 ? units[0] : undefined;
		if (only?.kind !== 'number' || only.role !== 'count' || only.percent) return units;
		const role = roles.get(only.value);
		return role ? [{ ...only, role }] : units;
	});
}
