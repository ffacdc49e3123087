import { createEmptyCard, fsrs, State, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { ReviewLogRecord } from '../../src/lib/srs/records.ts';
import {
	answerCosts,
	compareRetentions,
	DEFAULT_ANSWER_COSTS,
	mostKnowledgePerMinute,
	simulate,
	SimulationInputError,
	type SimulatedDeck,
	type SimulatedReview,
	type SimulationInput,
} from '../../src/lib/stats/retention-simulator.ts';

const DAY_MS = 86_400_000;
const START = Date.UTC(2030, 0, 7, 12);
/** Noon of simulated day `day`: ts-fsrs counts days by UTC date, so one day is one date. */
const at = (day: number) => new Date(START + day * DAY_MS);

const deck = (over: Partial<SimulatedDeck> = {}): SimulatedDeck => ({
	newCards: 0,
	newPerDay: 20,
	reviewsPerDay: 9999,
	maximumInterval: 36500,
	relearningSteps: 1,
	...over,
});

/** A small deck: 40 new cards at 5 a day, and four studied cards (one overdue, one learning). */
const smallDeck = (): SimulationInput => ({
	decks: [deck({ newCards: 40, newPerDay: 5 })],
	cards: [
		{ deck: 0, stability: 3.2, difficulty: 5.1, lastDay: -2, dueDay: 1 },
		{ deck: 0, stability: 12, difficulty: 7.4, lastDay: -20, dueDay: -8 },
		{ deck: 0, stability: 40.5, difficulty: 3, lastDay: -10, dueDay: 30 },
		{ deck: 0, stability: 1.1, difficulty: 8, lastDay: 0, dueDay: 0, learning: true },
	],
	days: 180,
	seed: 'small',
	costs: DEFAULT_ANSWER_COSTS,
});

describe('the retention simulator', () => {
	it('gives the same year for the same seed, and another for another seed', () => {
		const input = smallDeck();
		const first = simulate(input, 0.9);
		expect(simulate(input, 0.9)).toEqual(first);
		expect(simulate({ ...input, seed: 'other' }, 0.9)).not.toEqual(first);
	});

	it('costs more reviews and minutes, and keeps more cards known, the higher the retention', () => {
		const input: SimulationInput = {
			...smallDeck(),
			decks: [deck({ newCards: 400, newPerDay: 10 })],
			days: 365,
		};
		const rows = compareRetentions(input, [0.7, 0.8, 0.9, 0.95, 0.99]);
		for (let i = 1; i < rows.length; i++) {
			expect(rows[i].reviewsPerDay).toBeGreaterThan(rows[i - 1].reviewsPerDay);
			expect(rows[i].minutesPerDay).toBeGreaterThan(rows[i - 1].minutesPerDay);
			expect(rows[i].cardsKnown).toBeGreaterThan(rows[i - 1].cardsKnown);
		}
		// At 0.99 the reviews grow faster than what is known: the best ratio is not at the top.
		const best = mostKnowledgePerMinute(compareRetentions(input))!;
		expect(best.retention).toBeLessThan(0.99);
		expect(best.knownPerMinute).toBe(
			Math.max(...compareRetentions(input).map((r) => r.knownPerMinute)),
		);
	});

	it('schedules each answer as ts-fsrs does, so its daily counts equal a replay through ts-fsrs', () => {
		const input = smallDeck();
		const reviews: SimulatedReview[] = [];
		const run = simulate(input, 0.85, (r) => reviews.push(r));
		// Kioku's scheduler with the steps the simulator collapses into the day, and no fuzz.
		const scheduler = fsrs({
			request_retention: 0.85,
			enable_fuzz: false,
			enable_short_term: true,
			learning_steps: [],
			relearning_steps: [],
		});
		const cards = new Map<number, Card>(
			input.cards.map((c, i) => [
				i,
				{
					...createEmptyCard(at(c.lastDay)),
					state: c.learning ? State.Learning : State.Review,
					stability: c.stability,
					difficulty: c.difficulty,
					reps: 1,
					last_review: at(c.lastDay),
					due: at(c.dueDay),
					scheduled_days: c.dueDay - c.lastDay,
				},
			]),
		);
		const replayed = new Array(input.days).fill(0);
		for (const r of reviews) {
			const card = cards.get(r.card);
			if (card) {
				// Nothing limits this deck: each answer comes on the day ts-fsrs said it was due.
				const dueDay = Math.max(0, Math.round((card.due.getTime() - START) / DAY_MS));
				expect(r.day, `card ${r.card}`).toBe(dueDay);
			} else expect(r.card).toBeGreaterThanOrEqual(input.cards.length);
			const next = scheduler.next(card ?? createEmptyCard(at(r.day)), at(r.day), r.rating).card;
			expect(next.scheduled_days, `card ${r.card} on day ${r.day}`).toBe(r.interval);
			expect(next.stability).toBe(r.stability);
			cards.set(r.card, next);
			replayed[r.day]++;
		}
		expect(replayed).toEqual(run.answers);
		// And no card the replay says is due in the period was left out.
		for (const card of cards.values())
			expect(card.due.getTime()).toBeGreaterThanOrEqual(at(input.days).getTime() - DAY_MS / 2);
		expect(run.introduced.reduce((a, b) => a + b, 0)).toBe(40);
		expect(reviews.some((r) => r.rating === 1) && reviews.some((r) => r.rating === 4)).toBe(true);
	});

	it('keeps each deck within its daily limits; new cards get what reviews leave', () => {
		const input: SimulationInput = {
			...smallDeck(),
			decks: [deck({ newCards: 300, newPerDay: 15, reviewsPerDay: 25 })],
			cards: Array.from({ length: 60 }, (_, i) => ({
				deck: 0,
				stability: 2 + i,
				difficulty: 5,
				lastDay: -30,
				dueDay: -i,
			})),
		};
		const run = simulate(input, 0.95);
		for (let day = 0; day < input.days; day++) {
			expect(run.answers[day]).toBeLessThanOrEqual(25);
			expect(run.introduced[day]).toBeLessThanOrEqual(15);
		}
		// 60 cards due at once: the first two days are all reviews, and no new card.
		expect(run.answers.slice(0, 2)).toEqual([25, 25]);
		expect(run.introduced.slice(0, 2)).toEqual([0, 0]);
		expect(run.introduced.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
	});

	it('counts cards known as the sum of their retrievability at the end', () => {
		const input: SimulationInput = {
			...smallDeck(),
			decks: [deck()],
			cards: [{ deck: 0, stability: 1000, difficulty: 5, lastDay: 0, dueDay: 400 }],
			days: 30,
		};
		const run = simulate(input, 0.9);
		expect(run.answers.every((n) => n === 0)).toBe(true);
		// FSRS-6 default decay: R(30 days, S = 1000) is just under 0.9's curve at S.
		expect(run.cardsKnown).toBeGreaterThan(0.99);
		expect(run.cardsKnown).toBeLessThan(1);
	});

	it('simulates nothing for an empty collection, and suggests no retention', () => {
		const input: SimulationInput = { ...smallDeck(), decks: [], cards: [] };
		const run = simulate(input, 0.9);
		expect(run.answers).toEqual(new Array(input.days).fill(0));
		expect(run.cardsKnown).toBe(0);
		expect(mostKnowledgePerMinute(compareRetentions(input))).toBeUndefined();
	});

	it('refuses a retention outside 0.70–0.99 and a bad period or deck', () => {
		const input = smallDeck();
		for (const retention of [0.69, 0.995, 1, Number.NaN])
			expect(() => simulate(input, retention)).toThrow(SimulationInputError);
		expect(() => simulate({ ...input, days: 0 }, 0.9)).toThrow(SimulationInputError);
		expect(() => simulate({ ...input, days: 1.5 }, 0.9)).toThrow(SimulationInputError);
		expect(() => simulate({ ...input, decks: [deck({ newPerDay: -1 })] }, 0.9)).toThrow(
			SimulationInputError,
		);
		expect(() => simulate({ ...input, cards: [{ ...input.cards[0], deck: 3 }] }, 0.9)).toThrow(
			SimulationInputError,
		);
	});
});

describe('answer costs from the learner’s reviews', () => {
	const log = (state: State, rating: 1 | 2 | 3 | 4, seconds: number): ReviewLogRecord => ({
		cardId: 'c',
		deck: 'b/d',
		rating,
		review: 0,
		durationMs: seconds * 1000,
		config: 'c0',
		state,
		due: 0,
		stability: 0,
		difficulty: 0,
		elapsedDays: 0,
		lastElapsedDays: 0,
		scheduledDays: 0,
		learningSteps: 0,
	});
	const times = (n: number, state: State, rating: 1 | 2 | 3 | 4, seconds: number) =>
		Array.from({ length: n }, () => log(state, rating, seconds));

	it('uses the learner’s own times where there are enough, the defaults elsewhere', () => {
		const costs = answerCosts([
			...times(10, State.New, 3, 8),
			...times(10, State.Learning, 3, 4), // steps: 40 s over 10 new cards
			...times(10, State.Review, 3, 6),
			...times(10, State.Review, 1, 20),
			...times(5, State.Relearning, 1, 10), // 50 s over 10 lapses
			...times(9, State.Review, 4, 2), // too few: default
			...times(50, State.Review, 2, 0), // untimed: skipped
		]);
		expect(costs.learn).toEqual([33.79, 24.3, 12, 6.5]);
		expect(costs.review).toEqual([25, 11.68, 6, 5.6]);
	});

	it('caps a card left open at the answer-time cap', () => {
		const costs = answerCosts(times(10, State.Review, 3, 3600));
		expect(costs.review[2]).toBe(300);
	});
});
