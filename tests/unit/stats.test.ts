// The statistics over a small history written by hand; every expected number is worked out
// in the comment next to it, not computed by the code under test.
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { newMemoryState } from '../../src/lib/srs/convert.ts';
import type { CardRecord, Grade, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import {
	answerTimes,
	cardStateCounts,
	decayOf,
	deckQuestions,
	dueForecast,
	MASTERY_HORIZON_MS,
	mastery,
	memoryDistribution,
	retrievability,
	reviewActivity,
	statistics,
	studyCalendar,
	trueRetention,
	type StatsQuestion,
} from '../../src/lib/stats/index.ts';

const DAY = 86_400_000;
/** A Shanghai wall-clock time (UTC+8 all year). */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const SHANGHAI = { dayStartsAt: 4, timeZone: 'Asia/Shanghai' };
const NEW_YORK = { dayStartsAt: 4, timeZone: 'America/New_York' };
// Saturday 15 June 2024, 10:00 in Shanghai: today's study day runs 15 June 04:00 → 16 June 04:00.
const NOW = sh('2024-06-15T10:00');
const TODAY = Date.UTC(2024, 5, 15) / DAY;

function card(id: string, state: State, extra: Partial<CardRecord> = {}): CardRecord {
	return {
		...newMemoryState(NOW),
		id,
		deck: 'b/d',
		state,
		suspended: false,
		buriedUntil: 0,
		leech: false,
		...(state === State.New ? {} : { lastReview: NOW - DAY, stability: 3, difficulty: 5 }),
		...extra,
	};
}

function log(
	review: number,
	state: State,
	rating: Grade,
	scheduledDays: number,
	durationMs: number,
	deck = 'b/d',
): ReviewLogRecord {
	return {
		cardId: 'x',
		deck,
		rating,
		review,
		durationMs,
		config: 'c',
		state,
		due: review,
		stability: 1,
		difficulty: 5,
		elapsedDays: scheduledDays,
		lastElapsedDays: 0,
		scheduledDays,
		learningSteps: 0,
	};
}

// Fifteen answers in Shanghai. Study days in brackets; 11 June has none, which breaks the run.
const { Learning, New, Relearning, Review } = State;
const LOGS: ReviewLogRecord[] = [
	log(sh('2024-06-15T09:00'), Review, 3, 30, 4_000), //  1 [06-15] mature pass
	log(sh('2024-06-15T03:59'), Review, 1, 10, 0), //       2 [06-14] young fail, unmeasured time
	log(sh('2024-06-15T04:00'), Review, 1, 21, 6_000), //   3 [06-15] mature fail (21 days is mature)
	log(sh('2024-06-14T12:00'), Learning, 3, 0, 8_000), //  4 [06-14] learning step: not retention
	log(sh('2024-06-13T12:00'), Review, 2, 20, -5), //      5 [06-13] young pass (Hard passes)
	log(sh('2024-06-12T12:00'), Review, 4, 5, 12_000), //   6 [06-12] young pass
	log(sh('2024-06-10T12:00'), New, 3, 0, 25_000), //      7 [06-10] first answer: not retention
	log(sh('2024-06-09T12:00'), Review, 1, 3, 45_000), //   8 [06-09] young fail, last day of the week
	log(sh('2024-06-08T12:00'), Review, 3, 40, 90_000), //  9 [06-08] mature pass, month only
	log(sh('2024-06-07T12:00'), Relearning, 1, 0, 400_000), // 10 [06-07] relearning: not retention
	log(sh('2024-06-06T12:00'), Review, 3, 2, 3_000), //   11 [06-06] young pass
	log(sh('2024-05-20T12:00'), Review, 3, 25, 7_000), //  12 [05-20] mature pass, 26 days ago
	log(sh('2024-01-01T12:00'), Review, 1, 60, 15_000), // 13 [01-01] mature fail, 166 days ago
	log(sh('2023-01-01T12:00'), Review, 3, 1, 2_000), //   14 [2023-01-01] young pass, all time only
	log(sh('2024-06-16T05:00'), Review, 3, 1, 1_000), //   15 tomorrow (clock skew): in no period
];

const calendar = () => studyCalendar(NOW, SHANGHAI, { daysBack: 364, daysAhead: 29 });

describe('studyCalendar', () => {
	it('places instants on either side of the 04:00 day start', () => {
		const c = calendar();
		expect(c.today.day).toBe(TODAY);
		expect(c.offsetOf(sh('2024-06-15T03:59:59.999'))).toBe(-1);
		expect(c.offsetOf(sh('2024-06-15T04:00'))).toBe(0);
		expect(c.offsetOf(sh('2024-06-16T03:59'))).toBe(0);
		expect(c.offsetOf(sh('2024-06-16T04:00'))).toBe(1);
		expect(c.end(0)).toBe(sh('2024-06-16T04:00'));
		// 364 days back from 15 June 2024 (29 February between) is 17 June 2023.
		expect(c.dateKey(-364)).toBe('2023-06-17');
		expect(c.start(-364)).toBe(sh('2023-06-17T04:00'));
		expect(c.offsetOf(sh('2023-06-17T03:59'))).toBe(-Infinity);
		expect(c.offsetOf(sh('2024-07-15T04:00'))).toBe(Infinity); // 30 days ahead: beyond day 29
		expect(() => c.start(-365)).toThrow(RangeError);
	});
});

// Cards of deck b/d: the forecast, state and memory tests share them.
const CARDS: CardRecord[] = [
	card('a', Review, { due: sh('2024-06-13T10:00'), stability: 0.5, difficulty: 1 }), // overdue → day 0
	card('b', Review, { due: sh('2024-06-16T03:59'), stability: 1, difficulty: 5.5 }), // before 04:00 → day 0
	card('c', Review, { due: sh('2024-06-16T04:00'), stability: 6.99, difficulty: 10 }), // → day 1
	card('d', Learning, { due: sh('2024-06-15T10:10'), stability: 7, difficulty: 2.5 }), // → day 0
	card('e', Review, {
		due: sh('2024-06-20T12:00'),
		suspended: true,
		stability: 100,
		difficulty: 9.5,
	}), // suspended: never due
	card('f', New, { due: sh('2024-06-14T12:00') }), // new: never due
	card('g', Review, {
		due: sh('2024-06-14T12:00'),
		buriedUntil: TODAY + 1,
		stability: 365,
		difficulty: 3,
	}), // overdue but buried until tomorrow → day 1
	card('h', Relearning, { due: sh('2024-07-14T12:00'), stability: 30, difficulty: 3 }), // → day 29
	card('i', Review, { due: sh('2024-07-15T12:00'), stability: 1000, difficulty: 1 }), // day 30: beyond
];

describe('dueForecast', () => {
	it('counts overdue cards today, honours the 04:00 boundary, skips suspended and new cards', () => {
		const f = dueForecast(CARDS, calendar());
		// Day 0: a (overdue), b (03:59 still today), d (learning) = 3. Day 1: c, g (buried) = 2.
		expect(f.dueToday).toBe(3);
		expect(f.dueTomorrow).toBe(2);
		expect(f.days).toHaveLength(30);
		expect(f.days[29]).toBe(1); // h; i falls on day 30
		expect(f.days[5]).toBe(0); // e is suspended
		expect(f.days.reduce((s, n) => s + n, 0)).toBe(6);
	});

	it('refuses a calendar too short for the forecast', () => {
		const short = studyCalendar(NOW, SHANGHAI, { daysBack: 0, daysAhead: 5 });
		expect(() => dueForecast(CARDS, short)).toThrow(RangeError);
	});
});

describe('reviewActivity', () => {
	it('counts reviews per study day, streaks and days studied', () => {
		const a = reviewActivity(LOGS, calendar());
		expect(a.days).toHaveLength(365);
		expect(a.days[0]).toEqual({ day: '2023-06-17', count: 0 });
		// 15 June: logs 1 and 3 (04:00 exactly); 14 June: logs 2 (03:59 on the 15th) and 4.
		expect(a.days[364]).toEqual({ day: '2024-06-15', count: 2 });
		expect(a.days[363]).toEqual({ day: '2024-06-14', count: 2 });
		expect(a.days[360]).toEqual({ day: '2024-06-11', count: 0 });
		expect(a.days[364 - 166]).toEqual({ day: '2024-01-01', count: 1 });
		// Logs 1–13: log 14 is before the heatmap, log 15 after today.
		expect(a.reviews).toBe(13);
		// 12–15 June is the current run; 6–10 June, before the gap on the 11th, the longest.
		expect(a.currentStreak).toBe(4);
		expect(a.longestStreak).toBe(5);
		// 11 days with reviews, measured from 1 January (166 days ago) to today: 167 days.
		expect(a.daysStudied).toBe(11);
		expect(a.periodDays).toBe(167);
		expect(a.daysStudiedRate).toBeCloseTo(11 / 167, 12);
	});

	it('keeps the streak until the end of a day with no review yet, and breaks it after a gap', () => {
		const c = calendar();
		// Reviews yesterday and the day before, none yet today: still a 2-day streak (as Anki).
		const yesterday = [
			log(sh('2024-06-14T20:00'), Review, 3, 1, 1),
			log(sh('2024-06-13T20:00'), Review, 3, 1, 1),
		];
		expect(reviewActivity(yesterday, c).currentStreak).toBe(2);
		// The last review the day before yesterday: the streak is over.
		expect(reviewActivity(yesterday.slice(1), c).currentStreak).toBe(0);
		expect(reviewActivity(yesterday.slice(1), c).longestStreak).toBe(1);
	});

	it('names study days by their local date across New York DST changes', () => {
		// Today is Tuesday 5 November 2024, 12:00 EST.
		const now = Date.parse('2024-11-05T17:00:00Z');
		const c = studyCalendar(now, NEW_YORK, { daysBack: 364, daysAhead: 0 });
		const logs = [
			log(Date.parse('2024-03-10T07:30:00Z'), Review, 3, 1, 1), // 03:30 EDT 10 Mar → 9 Mar
			log(Date.parse('2024-03-10T08:00:00Z'), Review, 3, 1, 1), // 04:00 EDT 10 Mar → 10 Mar
			log(Date.parse('2024-03-10T15:00:00Z'), Review, 3, 1, 1), // 11:00 EDT → 10 Mar
			log(Date.parse('2024-11-03T08:30:00Z'), Review, 3, 1, 1), // 03:30 EST 3 Nov → 2 Nov
			log(Date.parse('2024-11-03T09:00:00Z'), Review, 3, 1, 1), // 04:00 EST 3 Nov → 3 Nov
			log(Date.parse('2024-11-04T17:00:00Z'), Review, 3, 1, 1), // 12:00 EST 4 Nov
		];
		const a = reviewActivity(logs, c);
		const count = (day: string) => a.days.filter((d) => d.day === day);
		expect(count('2024-03-09')).toEqual([{ day: '2024-03-09', count: 1 }]);
		expect(count('2024-03-10')).toEqual([{ day: '2024-03-10', count: 2 }]);
		expect(count('2024-11-02')).toEqual([{ day: '2024-11-02', count: 1 }]);
		expect(count('2024-11-03')).toEqual([{ day: '2024-11-03', count: 1 }]);
		// Every key once: 364 days before 5 November 2024 (29 February between) is 7 November 2023.
		expect(new Set(a.days.map((d) => d.day)).size).toBe(365);
		expect(a.days[0].day).toBe('2023-11-07');
		expect(a.days[364].day).toBe('2024-11-05');
		// 2, 3 and 4 November, nothing yet on the 5th.
		expect(a.currentStreak).toBe(3);
		expect(a.longestStreak).toBe(3);
	});
});

describe('trueRetention', () => {
	const rows = Object.fromEntries(trueRetention(LOGS, calendar()).map((r) => [r.period, r]));
	const pf = (passed: number, failed: number) => ({
		passed,
		failed,
		rate: passed + failed === 0 ? null : passed / (passed + failed),
	});

	it('counts only Review-state answers, by day boundaries at 04:00', () => {
		// Today: 1 (mature pass), 3 (mature fail at 04:00 sharp).
		expect(rows.today).toEqual({
			period: 'today',
			young: pf(0, 0),
			mature: pf(1, 1),
			total: pf(1, 1),
		});
		// Yesterday: 2 (young fail, 03:59 this morning); 4 is a learning step.
		expect(rows.yesterday.young).toEqual({ passed: 0, failed: 1, rate: 0 });
		expect(rows.yesterday.mature.rate).toBeNull();
	});

	it('widens to the week, month, year and all time', () => {
		// Week (9–15 June): young 5, 6 pass; 2, 8 fail. Mature 1 pass, 3 fail.
		expect(rows.week.young).toEqual(pf(2, 2));
		expect(rows.week.mature).toEqual(pf(1, 1));
		// Month adds 9 (mature pass), 11 (young pass), 12 (mature pass, 26 days ago).
		expect(rows.month.young).toEqual(pf(3, 2));
		expect(rows.month.mature).toEqual(pf(3, 1));
		// Year adds 13 (mature fail).
		expect(rows.year.mature).toEqual(pf(3, 2));
		// All time adds 14 (young pass, 2023); 15 is after today and counts nowhere.
		expect(rows.all).toEqual({ period: 'all', young: pf(4, 2), mature: pf(3, 2), total: pf(7, 4) });
		expect(rows.all.total.rate).toBeCloseTo(7 / 11, 12);
	});
});

describe('cardStateCounts', () => {
	it('counts suspended cards apart, unseen questions as new, and ignores removed questions', () => {
		const orphan = card('z', Review); // its question is no longer in the deck
		const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
		// New: f + unseen j, k = 3. Learning: d. Review: a, b, c, g, i. Relearning: h. Suspended: e.
		expect(cardStateCounts([...CARDS, orphan], ids)).toEqual({
			new: 3,
			learning: 1,
			review: 5,
			relearning: 1,
			suspended: 1,
			neverSeen: 2,
			total: 11,
		});
	});
});

describe('memoryDistribution', () => {
	it('buckets stability and difficulty of answered cards only', () => {
		const m = memoryDistribution(CARDS);
		expect(m.cards).toBe(8); // all but f, which is new (e, suspended, counts)
		// a 0.5 | b 1, c 6.99 | d 7 | h 30 | e 100 | g 365, i 1000
		expect(m.stability.map((b) => b.count)).toEqual([1, 2, 1, 1, 1, 2]);
		expect(m.stability[5]).toEqual({ from: 365, to: Infinity, count: 2 });
		// Steps of 0.9 from 1: a, i 1 → 0 | d 2.5 → 1 | g, h 3 → 2 | b 5.5 → 5 | c 10, e 9.5 → 9
		expect(m.difficulty.map((b) => b.count)).toEqual([2, 1, 2, 0, 0, 1, 0, 0, 0, 2]);
		expect(m.difficulty[0].from).toBe(1);
		expect(m.difficulty[9].to).toBe(10);
	});
});

describe('answerTimes', () => {
	it('ignores unmeasured times and caps long ones at 5 minutes', () => {
		const t = answerTimes(LOGS);
		// Logs 2 (0 ms) and 5 (-5 ms) are unmeasured; log 10's 400 s counts as 300 s.
		expect(t.count).toBe(13);
		expect(t.unmeasured).toBe(2);
		// 1+2+3+4+6+7+8+12+15+25+45+90+300 s = 518 s.
		expect(t.totalMs).toBe(518_000);
		expect(t.meanMs).toBeCloseTo(518_000 / 13, 9);
		// Sorted, the 7th of 13 is 8 s.
		expect(t.medianMs).toBe(8_000);
		// <5 s: 1,2,3,4 | 5–10: 6,7,8 | 10–20: 12,15 | 20–30: 25 | 30–60: 45 | 1–2 min: 90 | ≥2 min: 300
		expect(t.buckets.map((b) => b.count)).toEqual([4, 3, 2, 1, 1, 1, 1]);
	});

	it('averages the two middle times of an even count, and has no mean without times', () => {
		const even = [1_000, 4_000, 0].map((ms) => log(NOW, Review, 3, 1, ms));
		expect(answerTimes(even).medianMs).toBe(2_500);
		const none = answerTimes([log(NOW, Review, 3, 1, 0)]);
		expect(none).toMatchObject({ count: 0, unmeasured: 1, meanMs: null, medianMs: null });
	});
});

describe('mastery', () => {
	// At elapsed = stability, R is 0.9 by definition of stability; at elapsed 0, R is 1.
	const q = (id: string, tags: string[], paragraph: number, deck = 'b/d'): StatsQuestion => ({
		id,
		tags,
		source: { paragraphs: [paragraph] },
		deck,
	});
	const questions = [
		q('q1', ['verbs', 'grammar'], 1), // R 0.9
		q('q2', ['verbs'], 1), // R 1
		q('q3', ['grammar'], 2), // no card: 0
		q('q4', ['nouns'], 2), // stored but never answered: 0
		q('q5', ['nouns', 'nouns'], 1, 'c/e'), // R 0.9; another bank's paragraph 1
	];
	const cards = [
		card('q1', Review, { stability: 10, lastReview: NOW - 10 * DAY }),
		card('q2', Review, { stability: 5, lastReview: NOW }),
		card('q4', New, { suspended: true }),
		card('q5', Relearning, { deck: 'c/e', stability: 2, lastReview: NOW - 2 * DAY }),
	];

	it('scores tags and paragraphs weakest first, unseen questions counting 0', () => {
		const m = mastery(questions, cards, NOW);
		// grammar (0.9 + 0) / 2 = 0.45 and nouns (0 + 0.9) / 2 = 0.45 tie: by name. verbs 0.95.
		expect(m.byTag.map((g) => [g.tag, g.questions, g.seen])).toEqual([
			['grammar', 2, 1],
			['nouns', 2, 1],
			['verbs', 2, 2],
		]);
		expect(m.byTag[0].mastery).toBeCloseTo(0.45, 8);
		expect(m.byTag[0].retrievabilitySeen).toBeCloseTo(0.9, 8);
		expect(m.byTag[1].questionIds).toEqual(['q4', 'q5']);
		expect(m.byTag[2].mastery).toBeCloseTo(0.95, 8);
		// b paragraph 2: nothing seen (0); c paragraph 1: 0.9; b paragraph 1: 0.95.
		expect(m.byParagraph.map((g) => [g.bank, g.paragraph, g.questionIds])).toEqual([
			['b', 2, ['q3', 'q4']],
			['c', 1, ['q5']],
			['b', 1, ['q1', 'q2']],
		]);
		expect(m.byParagraph[0]).toMatchObject({ seen: 0, mastery: 0, retrievabilitySeen: null });
	});

	it('counts a question citing several paragraphs in the group of each', () => {
		const several: StatsQuestion = {
			id: 'q6',
			tags: ['verbs'],
			source: { paragraphs: [3, 1] },
			deck: 'b/d',
		};
		const m = mastery([...questions, several], cards, NOW);
		const groups = Object.fromEntries(m.byParagraph.map((g) => [`${g.bank} ${g.paragraph}`, g]));
		expect(groups['b 1'].questionIds).toEqual(['q1', 'q2', 'q6']);
		expect(groups['b 3'].questionIds).toEqual(['q6']);
		// Unseen, it counts 0 in both: b 1 falls from 0.95 to (0.9 + 1 + 0) / 3.
		expect(groups['b 1'].mastery).toBeCloseTo(1.9 / 3, 8);
		expect(groups['b 3']).toMatchObject({ questions: 1, seen: 0, mastery: 0 });
		// In the tag groups it is one question, as before.
		expect(m.byTag.find((g) => g.tag === 'verbs')?.questionIds).toEqual(['q1', 'q2', 'q6']);
	});

	it('uses the decay of the parameters and fractional days', () => {
		// FSRS-5 decay 0.5 (19 weights): factor = 0.9^-2 - 1 = 19/81, so after 81/19 stabilities
		// R = (1 + 1)^-0.5 = 0.70710678.
		expect(decayOf(new Array(19).fill(1))).toBe(0.5);
		const c = card('r', Review, { stability: 19, lastReview: NOW - 81 * DAY });
		expect(retrievability(c, NOW, decayOf(new Array(19).fill(1)))).toBeCloseTo(Math.SQRT1_2, 7);
		// Half a stability after the review R is between 1 and 0.9, not 1 as whole days would give.
		const half = retrievability(
			card('s', Review, { stability: 1, lastReview: NOW - DAY / 2 }),
			NOW,
			0.5,
		);
		expect(half).toBeGreaterThan(0.9);
		expect(half).toBeLessThan(0.99);
	});
});

describe('statistics', () => {
	const questions: StatsQuestion[] = [
		...deckQuestions({
			bankId: 'b',
			id: 'd',
			questions: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].map((id) => ({
				id,
				type: 'truefalse',
				answer: true,
				prompt: { zh: '问', en: 'Q' },
				explanation: { zh: '解', en: 'E' },
				source: { paragraphs: [1] },
				tags: ['t'],
			})),
		}),
		{ id: 'o1', tags: ['t'], source: { paragraphs: [1] }, deck: 'b/other' },
	];
	const other = card('o1', Review, { deck: 'b/other', due: NOW });
	const otherLog = log(sh('2024-06-11T12:00'), Review, 1, 1, 1_000, 'b/other');

	it('filters cards, questions and logs by deck', () => {
		const input = {
			cards: [...CARDS, other],
			logs: [...LOGS, otherLog],
			questions,
			now: NOW,
			settings: SHANGHAI,
		};
		const deck = statistics({ ...input, deck: 'b/d' });
		expect(deck.deck).toBe('b/d');
		expect(deck.due.dueToday).toBe(3);
		expect(deck.states.total).toBe(11);
		expect(deck.activity.longestStreak).toBe(5);
		expect(deck.answerTime.count).toBe(13);
		expect(deck.mastery.byTag[0].questions).toBe(11);
		// Overall, the other deck adds a card due today and fills the gap of 11 June: 6–15 June.
		const all = statistics(input);
		expect(all.deck).toBeNull();
		expect(all.due.dueToday).toBe(4);
		expect(all.states.total).toBe(12);
		expect(all.activity.currentStreak).toBe(10);
		expect(all.retention.find((r) => r.period === 'all')?.total).toEqual({
			passed: 7,
			failed: 5,
			rate: 7 / 12,
		});
	});

	it('measures mastery a week ahead: a card just failed is weak, not 100 % known', () => {
		const two: StatsQuestion[] = [
			{ id: 'failed', tags: ['weak'], source: { paragraphs: [1] }, deck: 'b/d' },
			{ id: 'known', tags: ['strong'], source: { paragraphs: [2] }, deck: 'b/d' },
		];
		const s = statistics({
			cards: [
				// Answered Again a moment ago: recall now would read 100 %.
				card('failed', Relearning, { stability: 0.5, lastReview: NOW }),
				card('known', Review, { stability: 70, lastReview: NOW - 63 * DAY }),
			],
			logs: [],
			questions: two,
			now: NOW,
			settings: SHANGHAI,
		});
		expect(MASTERY_HORIZON_MS).toBe(7 * DAY);
		const [weak, strong] = s.mastery.byTag;
		// Stability is the time at which recall falls to 90 %: 'known' reaches it in exactly a
		// week (63 + 7 = 70 days); 'failed' is 14 stabilities past it.
		expect(strong).toMatchObject({ tag: 'strong' });
		expect(strong.mastery).toBeCloseTo(0.9, 8);
		expect(weak).toMatchObject({ tag: 'weak' });
		// FSRS-6 default decay 0.1542: factor 0.9^(-1/0.1542) - 1 = 0.98035; 7 days / 0.5 = 14
		// stabilities: R = (1 + 0.98035 × 14)^-0.1542 = 0.6605.
		expect(weak.mastery).toBeCloseTo(0.6605, 4);
		expect(weak.mastery).toBeLessThan(strong.mastery);
	});

	it('gives zeros and nulls for an empty history', () => {
		const s = statistics({
			cards: [],
			logs: [],
			questions,
			now: NOW,
			settings: SHANGHAI,
			deck: 'b/d',
		});
		expect(s.due).toEqual({ dueToday: 0, dueTomorrow: 0, days: new Array(30).fill(0) });
		expect(s.activity).toMatchObject({
			reviews: 0,
			currentStreak: 0,
			longestStreak: 0,
			daysStudied: 0,
			periodDays: 0,
			daysStudiedRate: null,
		});
		expect(s.activity.days).toHaveLength(365);
		expect(s.retention.every((r) => r.total.rate === null && r.total.passed === 0)).toBe(true);
		expect(s.states).toMatchObject({ new: 11, neverSeen: 11, total: 11, review: 0 });
		expect(s.memory.cards).toBe(0);
		expect(s.answerTime).toMatchObject({ count: 0, meanMs: null, medianMs: null });
		expect(s.mastery.byTag).toEqual([
			expect.objectContaining({ tag: 't', questions: 11, seen: 0, mastery: 0 }),
		]);
		const nothing = statistics({
			cards: [],
			logs: [],
			questions: [],
			now: NOW,
			settings: SHANGHAI,
		});
		expect(nothing.states.total).toBe(0);
		expect(nothing.mastery).toEqual({ byTag: [], byParagraph: [] });
	});
});
