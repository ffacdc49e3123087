/**
 * `npm run bench:simulator`: the retention simulator ("Help me choose a retention") over 365
 * days of a 5,000-card collection: five decks of 1,000 cards, 700 of each studied (stabilities
 * and due days spread as a year of study leaves them) and 300 new, with Kioku's default limits.
 * Prints the median of 5 runs of one retention, and of the whole comparison (0.70–0.99).
 */
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../../src/lib/random/seeded-shuffle.ts';
import {
	compareRetentions,
	DEFAULT_ANSWER_COSTS,
	RETENTIONS,
	simulate,
	type SimulatedCard,
	type SimulationInput,
} from '../../src/lib/stats/retention-simulator.ts';

const DECKS = 5,
	STUDIED = 700,
	NEW = 300,
	RUNS = 5;

function collection(): SimulationInput {
	const random = seededRandom('bench-collection');
	const cards: SimulatedCard[] = [];
	for (let deck = 0; deck < DECKS; deck++)
		for (let i = 0; i < STUDIED; i++) {
			const stability = 0.5 + 200 * random() ** 2;
			const lastDay = -Math.floor(random() * stability);
			const interval = Math.max(1, Math.round(stability));
			cards.push({
				deck,
				stability,
				difficulty: 1 + 9 * random(),
				lastDay,
				dueDay: lastDay + interval,
			});
		}
	const deck = {
		newCards: NEW,
		newPerDay: 20,
		reviewsPerDay: 200,
		maximumInterval: 36500,
		relearningSteps: 1,
	};
	return {
		decks: Array.from({ length: DECKS }, () => ({ ...deck })),
		cards,
		days: 365,
		seed: 'bench',
		costs: DEFAULT_ANSWER_COSTS,
	};
}

function medianMs(fn: () => void): number {
	const samples = Array.from({ length: RUNS }, () => {
		const start = performance.now();
		fn();
		return performance.now() - start;
	}).sort((a, b) => a - b);
	return samples[Math.floor(RUNS / 2)];
}

const input = collection();
const one = simulate(input, 0.9);
const answers = one.answers.reduce((a, b) => a + b, 0);
console.log(
	`Retention simulator: ${DECKS * (STUDIED + NEW)} cards (${DECKS} decks), ${input.days} days, median of ${RUNS} runs`,
);
console.log(
	`  one retention (0.90): ${medianMs(() => simulate(input, 0.9)).toFixed(0)} ms (${answers} answers simulated)`,
);
console.log(
	`  all ${RETENTIONS.length} retentions (0.70–0.99): ${medianMs(() => compareRetentions(input)).toFixed(0)} ms`,
);
