/**
 * The learner's collection as the retention simulator takes it: each deck's unstudied cards,
 * limits and weights, and each studied card's memory state with its days counted from today.
 */
import { State } from 'ts-fsrs';
import type { DeckOptions } from '../srs/options.ts';
import type { CardRecord } from '../srs/records.ts';
import type { StudyDays } from '../srs/study-day.ts';
import type {
	AnswerCosts,
	SimulatedCard,
	SimulatedDeck,
	SimulationInput,
} from './retention-simulator.ts';

export interface DeckToSimulate {
	key: string;
	/** Questions in the deck, studied or not. */
	questionCount: number;
	options: DeckOptions;
}

export function collectionToSimulate(input: {
	decks: readonly DeckToSimulate[];
	/** Stored cards; those of other decks are ignored. */
	cards: readonly CardRecord[];
	now: number;
	studyDays: StudyDays;
	costs: AnswerCosts;
	days: number;
	seed: string;
}): SimulationInput {
	const indexOf = new Map(input.decks.map((d, i) => [d.key, i]));
	const today = input.studyDays.of(input.now).day;
	const dayOf = (instant: number) => input.studyDays.of(instant).day - today;
	// Questions with a stored record that is not a new card waiting: studied, or suspended.
	const taken = input.decks.map(() => 0);
	const cards: SimulatedCard[] = [];
	for (const card of input.cards) {
		const deck = indexOf.get(card.deck);
		if (deck === undefined) continue;
		// A card never answered (buried or unsuspended before study) is still a new card.
		const studied = card.state !== State.New && card.stability > 0 && card.difficulty >= 1;
		if (card.suspended || studied) taken[deck]++;
		if (card.suspended || !studied) continue;
		cards.push({
			deck,
			stability: card.stability,
			difficulty: card.difficulty,
			lastDay: Math.min(0, dayOf(card.lastReview ?? card.due)),
			dueDay: dayOf(card.due),
			learning: card.state === State.Learning || card.state === State.Relearning,
		});
	}
	const decks: SimulatedDeck[] = input.decks.map((d, i) => ({
		newCards: Math.max(0, d.questionCount - taken[i]),
		newPerDay: d.options.newPerDay,
		reviewsPerDay: d.options.reviewsPerDay,
		maximumInterval: d.options.maximumInterval,
		relearningSteps: d.options.relearningSteps.length,
		...(d.options.weights ? { weights: d.options.weights } : {}),
	}));
	return { decks, cards, days: input.days, seed: input.seed, costs: input.costs };
}
