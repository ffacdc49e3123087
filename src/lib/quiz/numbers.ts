/**
 * Reads a whole answer as a number, so "70", "七十" and "seventy" (or "2%", "百分之二" and
 * "two percent") are the same answer. Only the whole text counts: "2% of GDP" is not a number
 * (numbers inside a text are `answer-units.ts`'s job). Ordinals ("13th", "第十三") are read by
 * `readOrdinal`, apart: whether "13th" may stand for 13 depends on what the number is.
 */

export type NumberUnit = 'plain' | 'percent';
export interface NumberReading {
	value: number;
	unit: NumberUnit;
}

// Maps, not object literals: a typed "constructor" must not be found in a lookup table.
const CN_DIGITS = new Map<string, number>([
	...Array.from('〇一二三四五六七八九', (c, i): [string, number] => [c, i]),
	// The "capital" numerals of cheques and contracts (大写), simplified and traditional.
	...Array.from('零壹贰叁肆伍陆柒捌玖', (c, i): [string, number] => [c, i]),
	...Array.from('貳參陸', (c): [string, number] => [c, { 貳: 2, 參: 3, 陸: 6 }[c]!]),
	['两', 2],
	['兩', 2],
]);
const CN_UNITS = new Map<string, number>(
	Object.entries({
		十: 10,
		拾: 10,
		百: 100,
		佰: 100,
		千: 1000,
		仟: 1000,
		万: 1e4,
		萬: 1e4,
		亿: 1e8,
		億: 1e8,
	}),
);

const PERCENT_SUFFIX = /\s*(?:%|per\s*cent|percent)$/;
const PERCENT_PREFIX = /^百分之\s*/;
const DIGITS = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DIGITS_THEN_CN_UNIT = /^(\d+(?:\.\d+)?)\s*([十百千万萬亿億])$/;

/** The number the whole text stands for, or null when it is not (only) a number. */
export function readNumber(text: string): NumberReading | null {
	let body = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
	let unit: NumberUnit = 'plain';
	if (PERCENT_SUFFIX.test(body) || PERCENT_PREFIX.test(body)) {
		body = body.replace(PERCENT_SUFFIX, '').replace(PERCENT_PREFIX, '');
		unit = 'percent';
	}
	const value = readDigits(body) ?? readChinese(body) ?? readEnglish(body);
	return value === null ? null : { value, unit };
}

/** Whether both texts read as the same number with the same unit. */
export function sameNumber(a: string, b: string): boolean {
	return sameReading(readNumber(a), readNumber(b));
}

export function sameReading(a: NumberReading | null, b: NumberReading | null): boolean {
	return a !== null && b !== null && a.unit === b.unit && Math.abs(a.value - b.value) < 1e-9;
}

function readDigits(body: string): number | null {
	if (DIGITS.test(body)) return Number(body.replaceAll(',', ''));
	const mixed = DIGITS_THEN_CN_UNIT.exec(body);
	return mixed ? Number(mixed[1]) * (CN_UNITS.get(mixed[2]) ?? NaN) : null;
}

/** Chinese numerals: 七十, 一百零五, 两千五 (= 2500), 一亿五千万; 二〇二三 digit by digit. */
export function readChinese(body: string): number | null {
	const chars = Array.from(body);
	if (chars.length === 0 || !chars.every((c) => CN_DIGITS.has(c) || CN_UNITS.has(c))) return null;
	if (chars.every((c) => CN_DIGITS.has(c))) return readChineseDigits(chars);
	let total = 0;
	let section = 0;
	let digit: number | null = null;
	let lastSmall = Infinity;
	let lastBig = Infinity;
	let previousUnit = 0;
	for (const c of chars) {
		const value = CN_DIGITS.get(c);
		if (value !== undefined) {
			// Only 零 may stand before another digit, as in 一百零五.
			if (digit !== null && digit !== 0) return null;
			digit = value;
			if (digit === 0) previousUnit = 0;
			continue;
		}
		const unit = CN_UNITS.get(c) ?? NaN;
		if (unit < 1e4) {
			if (unit >= lastSmall) return null;
			section += (digit || 1) * unit; // 零十 as in 一千零十 still means ten
			lastSmall = unit;
		} else {
			section += digit ?? 0;
			if ((section === 0 && total === 0) || unit === lastBig) return null;
			total = unit > lastBig ? (total + section) * unit : total + section * unit;
			[section, lastSmall, lastBig] = [0, Infinity, unit];
		}
		digit = null;
		previousUnit = unit;
	}
	// In 两千五 the unit of the last digit is left unsaid: it is the one below the unit before it.
	const tail = digit === null ? 0 : previousUnit > 0 ? (digit * previousUnit) / 10 : digit;
	return total + section + tail;
}

/** 二〇二三 read digit by digit, as years are; 两 is never used that way. */
function readChineseDigits(chars: string[]): number | null {
	if (chars.length > 1 && chars.some((c) => c === '两' || c === '兩')) return null;
	return Number(chars.map((c) => CN_DIGITS.get(c)).join(''));
}

type WordKind = 'start' | 'unit' | 'teen' | 'tens' | 'hundred';
type NumberWord = [kind: 'unit' | 'teen' | 'tens', value: number];

function numberWords(kind: NumberWord[0], words: string, from: number, step: number) {
	return words.split(' ').map((w, i): [string, NumberWord] => [w, [kind, from + i * step]]);
}

const NUMBER_WORDS = new Map<string, NumberWord>([
	...numberWords('unit', 'zero one two three four five six seven eight nine', 0, 1),
	...numberWords('teen', 'ten eleven twelve thirteen fourteen fifteen sixteen', 10, 1),
	...numberWords('teen', 'seventeen eighteen nineteen', 17, 1),
	...numberWords('tens', 'twenty thirty forty fifty sixty seventy eighty ninety', 20, 10),
]);
const SCALES = new Map(Object.entries({ thousand: 1e3, million: 1e6, billion: 1e9 }));

// Which words may come after which: "twenty-five" but not "five twenty" or "twenty fifteen".
const MAY_FOLLOW: Record<NumberWord[0], WordKind[]> = {
	unit: ['start', 'tens', 'hundred'],
	teen: ['start', 'hundred'],
	tens: ['start', 'hundred'],
};

/** English number words: "seventy", "twenty-five", "one hundred and fifty", "a thousand". */
export function readEnglish(body: string): number | null {
	const words = body.split(/[\s-]+/).filter((w) => w !== 'and' && w !== '');
	if (words.length > 1 && words[0] === 'a') words[0] = 'one';
	if (words.length === 0) return null;
	let [total, group, lastScale] = [0, 0, Infinity];
	let last: WordKind = 'start';
	for (const word of words) {
		const numberWord = NUMBER_WORDS.get(word);
		const scale = SCALES.get(word);
		if (numberWord) {
			const [kind, value] = numberWord;
			if (!MAY_FOLLOW[kind].includes(last)) return null;
			group += value;
			last = kind;
		} else if (word === 'hundred') {
			if ((last !== 'unit' && last !== 'teen') || group >= 100) return null;
			group *= 100;
			last = 'hundred';
		} else if (scale !== undefined && last !== 'start' && scale < lastScale) {
			total += group * scale;
			[group, lastScale, last] = [0, scale, 'start'];
		} else {
			return null;
		}
	}
	return last === 'start' && total === 0 ? null : total + group;
}

// The ordinals whose cardinal is not simply the word without its "th".
const IRREGULAR_ORDINALS = new Map<string, string>(
	Object.entries({
		first: 'one',
		second: 'two',
		third: 'three',
		fifth: 'five',
		eighth: 'eight',
		ninth: 'nine',
		twelfth: 'twelve',
	}),
);

/** "thirteenth" → "thirteen", "twentieth" → "twenty", "first" → "one"; null for other words. */
export function cardinalOfOrdinalWord(word: string): string | null {
	const irregular = IRREGULAR_ORDINALS.get(word);
	if (irregular !== undefined) return irregular;
	const cardinal = word.endsWith('ieth') ? word.slice(0, -4) + 'y' : word.replace(/th$/, '');
	if (cardinal === word) return null;
	return NUMBER_WORDS.has(cardinal) || cardinal === 'hundred' || SCALES.has(cardinal)
		? cardinal
		: null;
}

/** Whether an English word can be part of a written-out number ("and" only inside one). */
export function isNumberWord(word: string): boolean {
	return (
		NUMBER_WORDS.has(word) ||
		word === 'hundred' ||
		word === 'and' ||
		SCALES.has(word) ||
		cardinalOfOrdinalWord(word) !== null
	);
}

/**
 * English number words, the last of which may be an ordinal: "twenty five" is 25, "twenty
 * first" is the 21st. Null when the words are not one number.
 */
export function readEnglishWords(
	words: readonly string[],
): { value: number; ordinal: boolean } | null {
	if (words.length === 0 || words[0] === 'and' || words.at(-1) === 'and') return null;
	const last = cardinalOfOrdinalWord(words.at(-1)!);
	const cardinals = last === null ? words : [...words.slice(0, -1), last];
	const value = readEnglish(cardinals.join(' '));
	return value === null ? null : { value, ordinal: last !== null };
}

const DIGIT_ORDINAL = /^(\d+)(st|nd|rd|th)$/;

/** The suffix English gives an ordinal in digits: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinalSuffix(n: number): string {
	const lastTwo = n % 100;
	if (lastTwo >= 11 && lastTwo <= 13) return 'th';
	return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/**
 * An ordinal written out as a whole text: "13th", "thirteenth", "twenty-first", "第十三", "第13".
 * A wrong suffix ("13rd") is not an ordinal.
 */
export function readOrdinal(text: string): number | null {
	const body = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
	const digits = DIGIT_ORDINAL.exec(body);
	if (digits) {
		const n = Number(digits[1]);
		return ordinalSuffix(n) === digits[2] ? n : null;
	}
	if (body.startsWith('第')) {
		const rest = body.slice(1).trim();
		return /^\d+$/.test(rest) ? Number(rest) : readChinese(rest);
	}
	const english = readEnglishWords(body.split(/[\s-]+/));
	return english?.ordinal ? english.value : null;
}
