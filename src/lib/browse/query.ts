/**
 * The card browser's query language, after Anki's browser: words and "quoted phrases" match a
 * card's text in either language; `tag:`, `deck:`, `para:`, `is:`, `prop:d`/`prop:s` and
 * `lapses` filter; `-` negates the term it precedes; every term must hold (AND).
 *
 * A query that cannot be read is refused with the position (UTF-16 index into the query, as
 * an <input>'s selection counts) and a code: the page words the code in the learner's language,
 * so nothing here is prose.
 */

export type CardState = 'due' | 'new' | 'suspended' | 'leech' | 'buried';
export const CARD_STATES: readonly CardState[] = ['due', 'new', 'suspended', 'leech', 'buried'];

export type Comparison = '<' | '<=' | '>' | '>=' | '=' | '!=';
/** The numbers a card can be compared by: difficulty (0–1, as Anki's `prop:d`), stability (days), lapses. */
export type NumericField = 'difficulty' | 'stability' | 'lapses';

export type Term = { negate: boolean; start: number } & (
	| { kind: 'text'; text: string }
	| { kind: 'tag'; pattern: string }
	| { kind: 'deck'; pattern: string }
	| { kind: 'para'; paragraph: number }
	| { kind: 'is'; state: CardState }
	| { kind: 'compare'; field: NumericField; op: Comparison; value: number }
);

export type QueryErrorCode =
	| 'unclosed-quote'
	| 'lone-minus'
	| 'empty-value'
	| 'unknown-filter'
	| 'unknown-state'
	| 'unknown-property'
	| 'bad-comparison'
	| 'bad-number'
	| 'bad-paragraph';

export interface QueryError {
	code: QueryErrorCode;
	/** Where the problem starts in the query (UTF-16 index). */
	position: number;
	/** How many characters are wrong (at least 1, to underline). */
	length: number;
	/** The word in question, shown back to the learner ("is:soon"). */
	found: string;
}

export type ParseResult = { ok: true; terms: Term[] } | { ok: false; error: QueryError };

// A Chinese input method types full-width colons (see the name pattern) and curly quotes: they
// read as their ASCII forms.
const QUOTES = new Set(['"', '“', '”']);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

const PROPERTIES: Record<string, NumericField> = {
	d: 'difficulty',
	s: 'stability',
	lapses: 'lapses',
};
const COMPARISON = /^(<=|>=|!=|<|>|=)/;

class Refusal extends Error {
	constructor(readonly detail: QueryError) {
		super(detail.code);
	}
}

function refuse(code: QueryErrorCode, position: number, found: string): never {
	throw new Refusal({ code, position, length: Math.max(1, found.length), found });
}

export function parseQuery(query: string): ParseResult {
	try {
		return { ok: true, terms: readTerms(query) };
	} catch (e) {
		if (e instanceof Refusal) return { ok: false, error: e.detail };
		throw e;
	}
}

function readTerms(query: string): Term[] {
	const terms: Term[] = [];
	let i = 0;
	while (i < query.length) {
		if (isSpace(query[i])) {
			i++;
			continue;
		}
		const start = i;
		const negate = query[i] === '-';
		if (negate) {
			i++;
			if (i >= query.length || isSpace(query[i])) refuse('lone-minus', start, '-');
		}
		const read = readTerm(query, i);
		terms.push({ ...read.term, negate, start } as Term);
		i = read.end;
	}
	return terms;
}

/** A quoted phrase from the quote at `i` to its closing quote. */
function readQuoted(query: string, i: number): { text: string; end: number } {
	let j = i + 1;
	while (j < query.length && !QUOTES.has(query[j])) j++;
	if (j >= query.length) refuse('unclosed-quote', i, query[i]);
	return { text: query.slice(i + 1, j), end: j + 1 };
}

/** A bare word: up to the next space. */
function readWord(query: string, i: number): { text: string; end: number } {
	let j = i;
	while (j < query.length && !isSpace(query[j])) j++;
	return { text: query.slice(i, j), end: j };
}

type TermBody = Term extends infer T
	? T extends Term
		? Omit<T, 'negate' | 'start'>
		: never
	: never;

function readTerm(query: string, i: number): { term: TermBody; end: number } {
	if (QUOTES.has(query[i])) {
		const { text, end } = readQuoted(query, i);
		return { term: { kind: 'text', text }, end };
	}
	// `lapses>2` has no colon: the one filter written as a comparison.
	const lapses = /^lapses(?=[<>=!])/i.exec(query.slice(i));
	if (lapses) {
		const { text, end } = readWord(query, i);
		return { term: comparison('lapses', text.slice(6), i + 6), end };
	}
	const name = /^([a-z]+)[:：]/i.exec(query.slice(i));
	if (!name) {
		const { text, end } = readWord(query, i);
		return { term: { kind: 'text', text }, end };
	}
	const key = name[1].toLowerCase();
	const valueAt = i + name[0].length;
	const value = QUOTES.has(query[valueAt]) ? readQuoted(query, valueAt) : readWord(query, valueAt);
	if (value.text === '') refuse('empty-value', i, name[0]);
	const found = query.slice(valueAt, value.end);
	switch (key) {
		case 'tag':
			return { term: { kind: 'tag', pattern: value.text }, end: value.end };
		case 'deck':
			return { term: { kind: 'deck', pattern: value.text }, end: value.end };
		case 'para': {
			if (!/^\d+$/.test(value.text) || Number(value.text) < 1) {
				refuse('bad-paragraph', valueAt, found);
			}
			return { term: { kind: 'para', paragraph: Number(value.text) }, end: value.end };
		}
		case 'is': {
			const state = value.text.toLowerCase() as CardState;
			if (!CARD_STATES.includes(state)) refuse('unknown-state', valueAt, found);
			return { term: { kind: 'is', state }, end: value.end };
		}
		case 'prop': {
			const prop = /^[a-z]+/i.exec(value.text)?.[0] ?? '';
			const field = PROPERTIES[prop.toLowerCase()];
			if (!field) refuse('unknown-property', valueAt, prop || found);
			return {
				term: comparison(field, value.text.slice(prop.length), valueAt + prop.length),
				end: value.end,
			};
		}
		case 'lapses':
			// `lapses:3` reads as `lapses=3`.
			return { term: comparison('lapses', `=${value.text}`, valueAt - 1), end: value.end };
		default:
			return refuse('unknown-filter', i, name[0]);
	}
}

/** `>0.7` after a field: the operator and the number. `at` is where `rest` starts in the query. */
function comparison(field: NumericField, rest: string, at: number): TermBody {
	const op = COMPARISON.exec(rest)?.[0] as Comparison | undefined;
	if (!op) refuse('bad-comparison', at, rest);
	const number = rest.slice(op.length);
	if (!/^\d+(\.\d+)?$|^\.\d+$/.test(number)) refuse('bad-number', at + op.length, number);
	return { kind: 'compare', field, op, value: Number(number) };
}
