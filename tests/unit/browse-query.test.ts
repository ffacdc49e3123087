// The card browser's query language: what it reads, what it refuses and where, and what it finds.
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
	filterRows,
	fold,
	matcher,
	sortRows,
	type CardRow,
	type MatchContext,
} from '../../src/lib/browse/match.ts';
import { parseQuery, type Term } from '../../src/lib/browse/query.ts';
import { deckRows } from '../../src/lib/browse/rows.ts';
import type { Question } from '../../src/lib/bank/schema.ts';
import type { CardRecord } from '../../src/lib/srs/records.ts';
import { loadToSimplified } from '../../src/lib/quiz/chinese-variants.ts';

function terms(query: string): Term[] {
	const parsed = parseQuery(query);
	if (!parsed.ok) throw new Error(`${query}: ${parsed.error.code} at ${parsed.error.position}`);
	return parsed.terms;
}

function refusal(query: string) {
	const parsed = parseQuery(query);
	if (parsed.ok) throw new Error(`${query} was read`);
	return parsed.error;
}

describe('parseQuery', () => {
	it('reads nothing from an empty or blank query', () => {
		expect(terms('')).toEqual([]);
		expect(terms('   ')).toEqual([]);
	});

	it('reads every kind of term, each with where it starts', () => {
		expect(
			terms(
				'trade tag:space deck:us-japan-2023/economy-trade para:3 is:due prop:d>0.7 prop:s<5 lapses>2',
			),
		).toEqual([
			{ kind: 'text', text: 'trade', negate: false, start: 0 },
			{ kind: 'tag', pattern: 'space', negate: false, start: 6 },
			{ kind: 'deck', pattern: 'us-japan-2023/economy-trade', negate: false, start: 16 },
			{ kind: 'para', paragraph: 3, negate: false, start: 49 },
			{ kind: 'is', state: 'due', negate: false, start: 56 },
			{ kind: 'compare', field: 'difficulty', op: '>', value: 0.7, negate: false, start: 63 },
			{ kind: 'compare', field: 'stability', op: '<', value: 5, negate: false, start: 74 },
			{ kind: 'compare', field: 'lapses', op: '>', value: 2, negate: false, start: 83 },
		]);
	});

	it('reads every state and every comparison', () => {
		for (const state of ['due', 'new', 'suspended', 'leech', 'buried']) {
			expect(terms(`is:${state}`)).toEqual([{ kind: 'is', state, negate: false, start: 0 }]);
		}
		expect(terms('IS:New')[0]).toMatchObject({ kind: 'is', state: 'new' });
		for (const op of ['<', '<=', '>', '>=', '=', '!=']) {
			expect(terms(`prop:s${op}2.5`)[0]).toMatchObject({ field: 'stability', op, value: 2.5 });
		}
		expect(terms('prop:lapses>=3')[0]).toMatchObject({ field: 'lapses', op: '>=', value: 3 });
		expect(terms('lapses:4')[0]).toMatchObject({ field: 'lapses', op: '=', value: 4 });
		expect(terms('prop:d<.5')[0]).toMatchObject({ field: 'difficulty', op: '<', value: 0.5 });
	});

	it('keeps a quoted phrase whole, spaces and colons included', () => {
		expect(terms('"mutual defence" "is:due"')).toEqual([
			{ kind: 'text', text: 'mutual defence', negate: false, start: 0 },
			{ kind: 'text', text: 'is:due', negate: false, start: 17 },
		]);
		expect(terms('deck:"US Japan*"')[0]).toMatchObject({ kind: 'deck', pattern: 'US Japan*' });
	});

	it('reads what a Chinese input method types: full-width colon and curly quotes', () => {
		expect(terms('tag：space')[0]).toMatchObject({ kind: 'tag', pattern: 'space' });
		expect(terms('“共同 防卫”')[0]).toMatchObject({ kind: 'text', text: '共同 防卫' });
	});

	it('negates the term after a minus', () => {
		expect(terms('-is:new -"a b" -trade x-y')).toEqual([
			{ kind: 'is', state: 'new', negate: true, start: 0 },
			{ kind: 'text', text: 'a b', negate: true, start: 8 },
			{ kind: 'text', text: 'trade', negate: true, start: 15 },
			{ kind: 'text', text: 'x-y', negate: false, start: 22 },
		]);
	});

	it('reads a colon after something other than a filter name (a time) as text', () => {
		expect(terms('12:30')[0]).toMatchObject({ kind: 'text', text: '12:30' });
	});

	it.each([
		['trade "mutual', 'unclosed-quote', 6, '"'],
		['deck:"us', 'unclosed-quote', 5, '"'],
		['trade - x', 'lone-minus', 6, '-'],
		['trade -', 'lone-minus', 6, '-'],
		['x tag:', 'empty-value', 2, 'tag:'],
		['x tag: y', 'empty-value', 2, 'tag:'],
		['flag:red', 'unknown-filter', 0, 'flag:'],
		['a is:soon', 'unknown-state', 5, 'soon'],
		['prop:x>1', 'unknown-property', 5, 'x'],
		['prop:s~1', 'bad-comparison', 6, '~1'],
		['a prop:d>high', 'bad-number', 9, 'high'],
		['lapses>', 'bad-number', 7, ''],
		['lapses:two', 'bad-number', 7, 'two'],
		['para:three', 'bad-paragraph', 5, 'three'],
		['para:0', 'bad-paragraph', 5, '0'],
	])('refuses %j: %s at %i', (query, code, position, found) => {
		expect(refusal(query)).toEqual({
			code,
			position,
			length: Math.max(1, found.length),
			found,
		});
	});
});

const NOW = Date.UTC(2024, 5, 1, 10);
const DAY = 86_400_000;
const context: MatchContext = { dueBefore: NOW + DAY };

function row(over: Partial<CardRow> & { id: string }): CardRow {
	return {
		deck: 'bank/deck',
		deckNames: ['bank', 'deck', '条约', 'treaties'],
		tags: ['space'],
		paragraphs: [1],
		zh: '',
		en: '',
		haystack: '',
		lapses: 0,
		suspended: false,
		isNew: true,
		leech: false,
		buried: false,
		...over,
	};
}

const learnt = (over: Partial<CardRow> & { id: string }) =>
	row({ isNew: false, due: NOW, stability: 10, difficulty: 5.5, lastAnswer: NOW - DAY, ...over });

const ROWS: CardRow[] = [
	row({
		id: 'new-defence',
		haystack: fold('共同防卫\nMutual defence'),
		tags: ['space', 'defence'],
	}),
	learnt({
		id: 'due-trade',
		deck: 'bank/trade',
		deckNames: ['bank', 'trade', '贸易', 'trade'],
		haystack: fold('贸易协定\nTrade agreement'),
		tags: ['economy'],
		paragraphs: [3, 7],
		lapses: 3,
		difficulty: 9.1,
		stability: 2,
	}),
	learnt({
		id: 'later-shinzo',
		haystack: fold('安倍晋三\nShinzō Abe'),
		due: NOW + 5 * DAY,
		difficulty: 2,
		stability: 40,
		paragraphs: [3],
	}),
	learnt({
		id: 'suspended-leech',
		haystack: fold('台湾海峡\nTaiwan Strait'),
		suspended: true,
		leech: true,
		lapses: 8,
	}),
	learnt({ id: 'buried', haystack: fold('同盟\nAlliance'), buried: true }),
];

const found = (query: string, ctx: MatchContext = context) =>
	filterRows(ROWS, terms(query), ctx).map((r) => r.id);

describe('matching rows', () => {
	it('finds every card for an empty query', () => {
		expect(found('')).toHaveLength(ROWS.length);
	});

	it('finds words in either language, whatever their case, width and accents', () => {
		expect(found('defence')).toEqual(['new-defence']);
		expect(found('DEFENCE')).toEqual(['new-defence']);
		expect(found('防卫')).toEqual(['new-defence']);
		expect(found('ｔｒａｄｅ')).toEqual(['due-trade']);
		expect(found('shinzo')).toEqual(['later-shinzo']);
		expect(found('Shinzō')).toEqual(['later-shinzo']);
	});

	it('finds a quoted phrase only as written together', () => {
		expect(found('"trade agreement"')).toEqual(['due-trade']);
		expect(found('"agreement trade"')).toEqual([]);
		expect(found('agreement trade')).toEqual(['due-trade']);
	});

	it('ANDs the terms, and a minus excludes', () => {
		expect(found('tag:space -defence')).toEqual(['later-shinzo', 'suspended-leech', 'buried']);
		expect(found('para:3 shinzo')).toEqual(['later-shinzo']);
		expect(found('-is:new -is:suspended -is:buried')).toEqual(['due-trade', 'later-shinzo']);
	});

	it('filters by tag and deck, whole or with a wildcard', () => {
		expect(found('tag:defence')).toEqual(['new-defence']);
		expect(found('tag:def')).toEqual([]);
		expect(found('tag:def*')).toEqual(['new-defence']);
		expect(found('deck:bank/trade')).toEqual(['due-trade']);
		expect(found('deck:trade')).toEqual(['due-trade']);
		expect(found('deck:贸易')).toEqual(['due-trade']);
		expect(found('deck:bank')).toHaveLength(ROWS.length);
		expect(found('deck:tr*')).toEqual([
			'new-defence',
			'due-trade',
			'later-shinzo',
			'suspended-leech',
			'buried',
		]);
		expect(found('deck:"b*/trade"')).toEqual(['due-trade']);
	});

	it('filters by a paragraph among those a card cites', () => {
		expect(found('para:7')).toEqual(['due-trade']);
		expect(found('para:3')).toEqual(['due-trade', 'later-shinzo']);
	});

	it('filters by state: due as the study queue counts it, new, suspended, leech, buried', () => {
		expect(found('is:due')).toEqual(['due-trade']);
		expect(found('is:due', { dueBefore: NOW + 6 * DAY })).toEqual(['due-trade', 'later-shinzo']);
		expect(found('is:new')).toEqual(['new-defence']);
		expect(found('is:suspended')).toEqual(['suspended-leech']);
		expect(found('is:leech')).toEqual(['suspended-leech']);
		expect(found('is:buried')).toEqual(['buried']);
	});

	it('compares difficulty on 0–1, stability in days and lapses; a new card has no difficulty', () => {
		// FSRS difficulty 9.1 is (9.1 − 1) / 9 = 0.9 on Anki's scale; 5.5 is 0.5; 2 is 0.11.
		expect(found('prop:d>0.7')).toEqual(['due-trade']);
		expect(found('prop:d<0.2')).toEqual(['later-shinzo']);
		expect(found('-prop:d>0.7')).toEqual([
			'new-defence',
			'later-shinzo',
			'suspended-leech',
			'buried',
		]);
		expect(found('prop:s<5')).toEqual(['due-trade']);
		expect(found('prop:s>=40')).toEqual(['later-shinzo']);
		expect(found('lapses>2')).toEqual(['due-trade', 'suspended-leech']);
		expect(found('lapses:3')).toEqual(['due-trade']);
		expect(found('lapses!=0')).toEqual(['due-trade', 'suspended-leech']);
	});

	it('finds Simplified text from Traditional words once the converter is given', async () => {
		const toSimplified = await loadToSimplified();
		expect(found('貿易')).toEqual([]);
		expect(found('貿易', { ...context, toSimplified })).toEqual(['due-trade']);
		expect(found('臺灣', { ...context, toSimplified })).toEqual(['suspended-leech']);
		expect(found('贸易', { ...context, toSimplified })).toEqual(['due-trade']);
	});

	it('a single matcher tests one row', () => {
		const isLeech = matcher(terms('is:leech'), context);
		expect(ROWS.map(isLeech)).toEqual([false, false, false, true, false]);
	});
});

describe('sortRows', () => {
	const ids = (rows: CardRow[]) => rows.map((r) => r.id);

	it('sorts by each column both ways, cards without a value last', () => {
		expect(ids(sortRows(ROWS.slice(), { key: 'stability', direction: 'ascending' }))).toEqual([
			'due-trade',
			'suspended-leech',
			'buried',
			'later-shinzo',
			'new-defence',
		]);
		expect(ids(sortRows(ROWS.slice(), { key: 'stability', direction: 'descending' }))).toEqual([
			'later-shinzo',
			'suspended-leech',
			'buried',
			'due-trade',
			'new-defence',
		]);
		expect(ids(sortRows(ROWS.slice(), { key: 'lapses', direction: 'descending' }))).toEqual([
			'suspended-leech',
			'due-trade',
			'new-defence',
			'later-shinzo',
			'buried',
		]);
		expect(ids(sortRows(ROWS.slice(), { key: 'due', direction: 'descending' }))[0]).toBe(
			'later-shinzo',
		);
		expect(ids(sortRows(ROWS.slice(), { key: 'difficulty', direction: 'ascending' }))[0]).toBe(
			'later-shinzo',
		);
		expect(ids(sortRows(ROWS.slice(), { key: 'lastAnswer', direction: 'ascending' })).at(-1)).toBe(
			'new-defence',
		);
	});

	it('keeps deck order without a sort', () => {
		expect(ids(sortRows(ROWS.slice(), undefined))).toEqual(ids(ROWS));
	});
});

describe('deckRows', () => {
	const question = {
		id: 'q1',
		type: 'flashcard',
		prompt: { zh: '什么是“四方”？', en: 'What is the Quad?' },
		back: { zh: '美日印澳', en: 'US, Japan, India, Australia' },
		explanation: { zh: '安全对话', en: 'A security dialogue' },
		source: { paragraphs: [4, 2] },
		tags: ['Space'],
	} as unknown as Question;
	const deck = {
		bankId: 'b',
		id: 'd',
		title: { zh: '安全', en: 'Security' },
		questions: [question],
	};
	const today = { day: 19875, start: NOW - DAY / 2, end: NOW + DAY / 2 };

	it('a question never answered is a new card with no memory numbers', () => {
		const [r] = deckRows(deck, new Map(), today);
		expect(r).toMatchObject({
			id: 'q1',
			deck: 'b/d',
			tags: ['space'],
			paragraphs: [4, 2],
			zh: '什么是“四方”？',
			en: 'What is the Quad?',
			isNew: true,
			suspended: false,
			buried: false,
			lapses: 0,
		});
		expect(r.due).toBeUndefined();
		expect(r.haystack).toContain('india');
		expect(r.haystack).toContain('美日印澳');
		expect(r.haystack).toContain('security dialogue');
		expect(r.deckNames).toEqual(['b', 'd', '安全', 'security']);
	});

	it('shows a cloze by its sentence with gaps, not its prompt shared by every cloze', () => {
		const cloze = {
			...question,
			id: 'c1',
			type: 'cloze',
			prompt: { zh: '填空。', en: 'Fill in the blanks.' },
			text: { zh: '岸田于{{2023}}年一月访美。', en: 'Kishida visited Washington in {{January}}.' },
		} as unknown as Question;
		const [r] = deckRows({ ...deck, questions: [cloze] }, new Map(), today);
		expect(r.en).toContain('Kishida visited Washington in');
		expect(r.en).not.toContain('January');
		expect(r.zh).toContain('年一月访美');
		expect(r.zh).not.toContain('2023');
		// The answer is still searched.
		expect(r.haystack).toContain('january');
	});

	it('a stored card gives its memory state and flags', () => {
		const card: CardRecord = {
			id: 'q1',
			deck: 'b/d',
			due: NOW,
			stability: 3.2,
			difficulty: 6,
			elapsedDays: 1,
			scheduledDays: 3,
			learningSteps: 0,
			reps: 4,
			lapses: 1,
			state: State.Review,
			lastReview: NOW - DAY,
			suspended: true,
			buriedUntil: today.day + 1,
			leech: true,
		};
		const [r] = deckRows(deck, new Map([['q1', card]]), today);
		expect(r).toMatchObject({
			isNew: false,
			due: NOW,
			stability: 3.2,
			difficulty: 6,
			lapses: 1,
			lastAnswer: NOW - DAY,
			suspended: true,
			buried: true,
			leech: true,
		});
		const [suspendedNew] = deckRows(
			deck,
			new Map([['q1', { ...card, state: State.New, buriedUntil: today.day }]]),
			today,
		);
		expect(suspendedNew).toMatchObject({ isNew: true, suspended: true, buried: false });
		expect(suspendedNew.stability).toBeUndefined();
	});
});
