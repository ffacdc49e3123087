/**
 * "Help me choose a retention": what a desired retention costs over the next year, simulated on
 * the learner's own collection, as Anki's "Help me decide" and fsrs4anki's simulator do. No
 * JavaScript package ships an FSRS simulator, so this is one, pure and seeded.
 *
 * The model, day by day for `days` days:
 * - Memory is ts-fsrs's own (`FSRSAlgorithm.next_state`, `next_interval`, `forgetting_curve`)
 *   with the deck's weights, and intervals follow ts-fsrs's scheduler without fuzz: Hard is at
 *   most Good, Good at least Hard + 1 day, Easy at least Good + 1 day, capped at the deck's
 *   maximum interval as Kioku caps them.
 * - Scheduling is by whole days, like fsrs-rs's simulator: a new card's same-day learning steps
 *   and a lapse's relearning steps are not separate reviews. Their memory effect is left out
 *   (the first interval comes from the first rating's stability) and their time is counted in
 *   the answer costs. A replay through ts-fsrs with no learning steps gives the same intervals.
 * - Each deck keeps its daily limits as Kioku's queue does: due reviews most overdue first, up
 *   to the review limit; new cards up to the new-card limit and what reviews leave of the review
 *   limit. Reviews beyond the limit wait for the next day.
 * - A review is recalled with probability R (the card's retrievability that day). Ratings are
 *   drawn from fixed distributions, fsrs-rs's simulator defaults (below).
 * - "Cards known" at the end is the sum of every card's retrievability on the day after the
 *   last: the number of cards the learner would expect to recall if asked all of them then.
 */
import { FSRSAlgorithm, forgetting_curve, generatorParameters, State } from 'ts-fsrs';
import type { ReviewLogRecord } from '../srs/records.ts';
import { ANSWER_TIME_CAP_MS } from './answer-time.ts';

/** First answer of a new card: Again, Hard, Good, Easy (fsrs-rs `DEFAULT_FIRST_RATING_PROB`). */
export const FIRST_RATING_PROBABILITIES = [0.24, 0.094, 0.495, 0.171] as const;
/** A recalled review: Hard, Good, Easy (fsrs-rs `DEFAULT_REVIEW_RATING_PROB`); Again when forgotten. */
export const RECALL_RATING_PROBABILITIES = [0.224, 0.631, 0.145] as const;

/** Seconds per answer, by rating (index 0 = Again). */
export interface AnswerCosts {
	/** A new card's first day: its first answer and its learning steps, by first rating. */
	learn: readonly [number, number, number, number];
	/** A review, by rating; Again includes the relearning steps that follow it. */
	review: readonly [number, number, number, number];
}

/** fsrs-rs's default costs (`DEFAULT_LEARN_COSTS`, `DEFAULT_REVIEW_COSTS`), when a learner has too few timed answers. */
export const DEFAULT_ANSWER_COSTS: AnswerCosts = {
	learn: [33.79, 24.3, 13.68, 6.5],
	review: [23.0, 11.68, 7.33, 5.6],
};

type Grade = 1 | 2 | 3 | 4;

const byRating = (f: (i: number) => number): [number, number, number, number] => [
	f(0),
	f(1),
	f(2),
	f(3),
];

/** Fewer timed answers than this for a rating, and its default cost is used. */
export const MIN_TIMED_ANSWERS = 10;

/**
 * The learner's own costs from their review log (answer times capped as in answer-time.ts;
 * untimed answers skipped). A new card's learning-step answers are spread over its first day,
 * whatever its first rating; relearning-step answers are added to Again. A rating with fewer
 * than MIN_TIMED_ANSWERS answers keeps fsrs-rs's default.
 */
export function answerCosts(logs: readonly ReviewLogRecord[]): AnswerCosts {
	const first = [0, 0, 0, 0].map(() => ({ n: 0, ms: 0 }));
	const review = [0, 0, 0, 0].map(() => ({ n: 0, ms: 0 }));
	let learningMs = 0,
		relearningMs = 0;
	for (const log of logs) {
		if (!(log.durationMs > 0)) continue;
		const ms = Math.min(log.durationMs, ANSWER_TIME_CAP_MS);
		if (log.state === State.New) {
			first[log.rating - 1].n++;
			first[log.rating - 1].ms += ms;
		} else if (log.state === State.Review) {
			review[log.rating - 1].n++;
			review[log.rating - 1].ms += ms;
		} else if (log.state === State.Learning) learningMs += ms;
		else relearningMs += ms;
	}
	const firsts = first.reduce((n, f) => n + f.n, 0);
	const stepsPerNew = firsts ? learningMs / firsts : 0;
	const stepsPerLapse = review[0].n ? relearningMs / review[0].n : 0;
	const cost = ({ n, ms }: { n: number; ms: number }, extraMs: number, fallback: number): number =>
		n >= MIN_TIMED_ANSWERS ? (ms / n + extraMs) / 1000 : fallback;
	const d = DEFAULT_ANSWER_COSTS;
	return {
		learn: byRating((i) => cost(first[i], stepsPerNew, d.learn[i])),
		review: byRating((i) => cost(review[i], i === 0 ? stepsPerLapse : 0, d.review[i])),
	};
}

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.99;
/** The retentions compared: 0.70 to 0.99 by 0.01. */
export const RETENTIONS: readonly number[] = Array.from({ length: 30 }, (_, i) => (70 + i) / 100);

export interface SimulatedDeck {
	/** Cards never studied (questions without a review, not suspended). */
	newCards: number;
	newPerDay: number;
	reviewsPerDay: number;
	maximumInterval: number;
	/** The deck's FSRS weights; ts-fsrs's defaults when absent. */
	weights?: readonly number[];
	/** How many relearning steps the deck has: ts-fsrs bounds two weights by it. */
	relearningSteps: number;
}

/** A studied card, its days counted from today (day 0). */
export interface SimulatedCard {
	/** Index into `SimulationInput.decks`. */
	deck: number;
	stability: number;
	difficulty: number;
	/** Study day of its last review (0 today, −3 three days ago). */
	lastDay: number;
	/** Study day it is due (0 or less: due today). */
	dueDay: number;
	/** Still in its (re)learning steps: ts-fsrs does not order its intervals by rating. */
	learning?: boolean;
}

export interface SimulationInput {
	decks: readonly SimulatedDeck[];
	cards: readonly SimulatedCard[];
	days: number;
	seed: string;
	costs: AnswerCosts;
}

export interface SimulatedReview {
	day: number;
	/** Index of the card: the input's cards, then new cards in the order they are introduced. */
	card: number;
	rating: Grade;
	/** Days until it is due again. */
	interval: number;
	/** Its stability after the answer. */
	stability: number;
}

export interface Simulation {
	desiredRetention: number;
	/** Answers per day, new cards' first answers included. */
	answers: number[];
	/** Of which new cards. */
	introduced: number[];
	seconds: number[];
	/** Sum of retrievability of every card on day `days`. */
	cardsKnown: number;
}

/** One row of the comparison. */
export interface RetentionRow {
	retention: number;
	reviewsPerDay: number;
	minutesPerDay: number;
	cardsKnown: number;
	/** Cards known at the end per minute of study over the period (0 when no time is spent). */
	knownPerMinute: number;
}

export class SimulationInputError extends RangeError {}

function check(input: SimulationInput, desiredRetention: number): void {
	if (!(desiredRetention >= RETENTION_MIN && desiredRetention <= RETENTION_MAX))
		throw new SimulationInputError(
			`desired retention must be ${RETENTION_MIN} to ${RETENTION_MAX}, not ${desiredRetention}`,
		);
	if (!Number.isInteger(input.days) || input.days < 1 || input.days > 3650)
		throw new SimulationInputError(`days must be a whole number from 1 to 3650`);
	for (const deck of input.decks)
		for (const n of [deck.newCards, deck.newPerDay, deck.reviewsPerDay])
			if (!Number.isInteger(n) || n < 0)
				throw new SimulationInputError('deck counts and limits must be whole numbers, 0 or more');
	for (const card of input.cards)
		if (!input.decks[card.deck] || !(card.stability > 0) || !(card.difficulty >= 1))
			throw new SimulationInputError('a card needs a deck, a stability above 0 and a difficulty');
}

/** ts-fsrs's memory model and interval for a deck, without fuzz or steps (see the header). */
function deckAlgorithm(deck: SimulatedDeck, desiredRetention: number): FSRSAlgorithm {
	return new FSRSAlgorithm(
		generatorParameters({
			request_retention: desiredRetention,
			maximum_interval: deck.maximumInterval,
			enable_fuzz: false,
			enable_short_term: true,
			learning_steps: [],
			relearning_steps: Array.from({ length: deck.relearningSteps }, () => '10m' as const),
			...(deck.weights ? { w: [...deck.weights] } : {}),
		}),
	);
}

/**
 * Each card draws from its own stream (mulberry32, seeded from the seed and the card), and
 * every review draws twice, so a card's k-th review meets the same numbers at every retention:
 * the comparison shows the retention's effect rather than the luck of the draw.
 */
class CardRandom {
	readonly #state: Uint32Array;

	constructor(seed: string, cards: number) {
		let h = 2166136261;
		for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
		this.#state = new Uint32Array(cards);
		for (let i = 0; i < cards; i++) this.#state[i] = h ^ Math.imul(i + 1, 0x9e3779b9);
	}

	/** The card's next number in [0, 1). */
	next(card: number): number {
		const state = (this.#state[card] + 0x6d2b79f5) | 0;
		this.#state[card] = state;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
}

/** Draws index i with probability p[i] (the p sum to 1). */
function pick(p: readonly number[], u: number): number {
	let sum = 0;
	for (let i = 0; i < p.length - 1; i++) {
		sum += p[i];
		if (u < sum) return i;
	}
	return p.length - 1;
}

/** Simulates `input` at one desired retention. `onReview` sees every answer, for tests. */
export function simulate(
	input: SimulationInput,
	desiredRetention: number,
	onReview?: (review: SimulatedReview) => void,
): Simulation {
	check(input, desiredRetention);
	const { days, decks, costs } = input;
	const algorithms = decks.map((d) => deckAlgorithm(d, desiredRetention));
	const total = input.cards.length + decks.reduce((n, d) => n + d.newCards, 0);
	const stability = new Float64Array(total);
	const difficulty = new Float64Array(total);
	const lastDay = new Int32Array(total);
	const deckOf = new Int32Array(total);
	const learning = new Uint8Array(total);
	const random = new CardRandom(input.seed, total);
	// Cards due on each day of each deck, in the order they fall due.
	const due: number[][][] = decks.map(() => Array.from({ length: days }, () => []));
	const backlog: number[][] = decks.map(() => []);

	// Overdue cards first, most overdue first (Kioku's queue order).
	const order = input.cards.map((_, i) => i);
	order.sort((a, b) => input.cards[a].dueDay - input.cards[b].dueDay);
	for (const i of order) {
		const c = input.cards[i];
		stability[i] = c.stability;
		difficulty[i] = c.difficulty;
		lastDay[i] = c.lastDay;
		deckOf[i] = c.deck;
		learning[i] = c.learning ? 1 : 0;
		if (c.dueDay < days) due[c.deck][Math.max(0, c.dueDay)].push(i);
	}
	let next = input.cards.length;
	const newLeft = decks.map((d) => d.newCards);

	const answers: number[] = new Array(days).fill(0);
	const introduced: number[] = new Array(days).fill(0);
	const seconds: number[] = new Array(days).fill(0);

	const schedule = (card: number, day: number, rating: Grade, interval: number, deck: number) => {
		lastDay[card] = day;
		if (day + interval < days) due[deck][day + interval].push(card);
		onReview?.({ day, card, rating, interval, stability: stability[card] });
	};

	for (let day = 0; day < days; day++) {
		for (let k = 0; k < decks.length; k++) {
			const deck = decks[k];
			const fsrs = algorithms[k];
			const queue = backlog[k].length ? backlog[k].concat(due[k][day]) : due[k][day];
			due[k][day] = [];
			const reviews = Math.min(queue.length, deck.reviewsPerDay);
			backlog[k] = queue.length > reviews ? queue.slice(reviews) : [];

			for (let q = 0; q < reviews; q++) {
				const card = queue[q];
				const s = stability[card];
				const d = difficulty[card];
				const elapsed = day - lastDay[card];
				const r = fsrs.forgetting_curve(elapsed, s);
				const memory = { stability: s, difficulty: d };
				const recalled = random.next(card) < r;
				const passRating = (pick(RECALL_RATING_PROBABILITIES, random.next(card)) + 2) as Grade;
				const grade: Grade = recalled ? passRating : 1;
				const after = fsrs.next_state(memory, elapsed, grade, r);
				let interval: number = fsrs.next_interval(after.stability, elapsed);
				// ts-fsrs orders a review card's intervals (BasicScheduler.next_interval); a card
				// still in its learning steps is scheduled from its own stability alone.
				if (grade > 1 && !learning[card]) {
					const raw = (g: Grade) =>
						g === grade
							? interval
							: fsrs.next_interval(fsrs.next_state(memory, elapsed, g, r).stability, elapsed);
					const hard = Math.min(raw(2), raw(3));
					const good = Math.max(raw(3), hard + 1);
					interval = grade === 2 ? hard : grade === 3 ? good : Math.max(interval, good + 1);
				}
				learning[card] = 0;
				stability[card] = after.stability;
				difficulty[card] = after.difficulty;
				seconds[day] += costs.review[grade - 1];
				schedule(card, day, grade, Math.min(interval, deck.maximumInterval), k);
			}
			answers[day] += reviews;

			// New cards take what the reviews leave of the review limit (Kioku's queue).
			const fresh = Math.min(deck.newPerDay, deck.reviewsPerDay - reviews, newLeft[k]);
			for (let n = 0; n < fresh; n++) {
				const card = next++;
				deckOf[card] = k;
				const grade = (pick(FIRST_RATING_PROBABILITIES, random.next(card)) + 1) as Grade;
				const first = fsrs.next_state(null, 0, grade);
				stability[card] = first.stability;
				difficulty[card] = first.difficulty;
				seconds[day] += costs.learn[grade - 1];
				schedule(card, day, grade, fsrs.next_interval(first.stability, 0), k);
			}
			newLeft[k] -= fresh;
			answers[day] += fresh;
			introduced[day] += fresh;
		}
	}

	let cardsKnown = 0;
	for (let card = 0; card < next; card++) {
		const w = algorithms[deckOf[card]].parameters.w;
		cardsKnown += forgetting_curve(w, days - lastDay[card], stability[card]);
	}
	return { desiredRetention, answers, introduced, seconds, cardsKnown };
}

const mean = (values: readonly number[]) =>
	values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** The comparison table: each retention simulated with the same seed, so only it differs. */
export function compareRetentions(
	input: SimulationInput,
	retentions: readonly number[] = RETENTIONS,
): RetentionRow[] {
	return retentions.map((retention) => {
		const run = simulate(input, retention);
		const minutes = run.seconds.reduce((a, b) => a + b, 0) / 60;
		return {
			retention,
			reviewsPerDay: mean(run.answers),
			minutesPerDay: minutes / input.days,
			cardsKnown: run.cardsKnown,
			knownPerMinute: minutes > 0 ? run.cardsKnown / minutes : 0,
		};
	});
}

/** The retention with the most cards known per minute studied; none when nothing is studied. */
export function mostKnowledgePerMinute(rows: readonly RetentionRow[]): RetentionRow | undefined {
	let best: RetentionRow | undefined;
	for (const row of rows)
		if (row.knownPerMinute > 0 && (!best || row.knownPerMinute > best.knownPerMinute)) best = row;
	return best;
}
