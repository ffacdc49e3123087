/**
 * A made-up learner whose memory follows known FSRS parameters, for testing the optimizer: the
 * cards are scheduled by Kioku's own scheduler (scheduler.ts, default deck options unless given),
 * and each answer is recalled with the probability the TRUE parameters give (ts-fsrs's
 * forgetting curve at the study days elapsed, at the hours elapsed within a day), the memory
 * state moving by ts-fsrs's `next_state` under the true parameters. The logs are the app's own
 * `ReviewLogRecord`s. A seeded PRNG makes a history reproducible.
 */
import { FSRSAlgorithm, forgetting_curve, generatorParameters, type FSRSState } from 'ts-fsrs';
import { DEFAULT_DECK_OPTIONS } from './options.ts';
import type { Grade, MemoryState, ReviewLogRecord } from './records.ts';
import { createScheduler, schedulerConfig, type SchedulerConfig } from './scheduler.ts';
import { StudyDays, type DayBoundary } from './study-day.ts';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface SyntheticLearner {
	/** The learner's true memory parameters (21, FSRS-6; 19 or 17 are migrated by ts-fsrs). */
	parameters: readonly number[];
	cards: number;
	/** Length of the history in days from `start`. */
	days: number;
	seed: number;
	/** New cards started per study day (default 20). */
	newPerDay?: number;
	/** First day's start (ms); default 2024-01-01 00:00 UTC. */
	start?: number;
	dayStartsAt?: number;
	timeZone?: string;
	/** How the cards were scheduled; default: Kioku's default deck options (default weights). */
	scheduler?: SchedulerConfig;
	/**
	 * The days the scheduler counted; default: the learner's study days. (UTC calendar dates,
	 * `{ dayStartsAt: 0, timeZone: 'UTC' }`, give the histories Kioku wrote before it counted
	 * study days.)
	 */
	schedulerDays?: DayBoundary;
	/** Probabilities of Again, Hard, Good, Easy on a card's first answer. */
	firstRatings?: readonly [number, number, number, number];
	/** Probabilities of Hard, Good, Easy when a card is recalled. */
	recallRatings?: readonly [number, number, number];
	/** Chance a review due on a later day is done 1 to `maxDaysLate` days late. */
	lateChance?: number;
	maxDaysLate?: number;
}

export interface SyntheticHistory {
	logs: ReviewLogRecord[];
	cardIds: string[];
	/** What the card states are after the last review (by card id). */
	states: Map<string, MemoryState>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function pick(random: () => number, probabilities: readonly number[]): number {
	let u = random() * probabilities.reduce((a, b) => a + b, 0);
	for (let i = 0; i < probabilities.length; i++) {
		u -= probabilities[i];
		if (u < 0) return i;
	}
	return probabilities.length - 1;
}

export function syntheticHistory(learner: SyntheticLearner): SyntheticHistory {
	const random = seededRandom(learner.seed);
	const start = learner.start ?? Date.UTC(2024, 0, 1);
	const end = start + learner.days * DAY;
	const dayStartsAt = learner.dayStartsAt ?? 4;
	const timeZone = learner.timeZone ?? 'UTC';
	const newPerDay = learner.newPerDay ?? 20;
	const firstRatings = learner.firstRatings ?? [0.2, 0.1, 0.6, 0.1];
	const recallRatings = learner.recallRatings ?? [0.15, 0.75, 0.1];
	const lateChance = learner.lateChance ?? 0.3;
	const maxDaysLate = learner.maxDaysLate ?? 4;
	const days = new StudyDays({ dayStartsAt, timeZone });
	const scheduler = createScheduler(
		learner.scheduler ?? schedulerConfig(DEFAULT_DECK_OPTIONS),
		learner.schedulerDays ? new StudyDays(learner.schedulerDays) : days,
	);
	const truth = new FSRSAlgorithm(
		generatorParameters({ w: [...learner.parameters], enable_short_term: true }),
	);
	const w = truth.parameters.w;
	const dayOf = (t: number) => days.of(t);
	/** A time within the study session of the study day `t` falls in (from 5 to 17 h after its start). */
	const sessionTime = (t: number) => dayOf(t).start + 5 * HOUR + random() * 12 * HOUR;

	const logs: ReviewLogRecord[] = [];
	const cardIds: string[] = [];
	const states = new Map<string, MemoryState>();
	const width = String(learner.cards).length;
	for (let c = 0; c < learner.cards; c++) {
		const cardId = `syn-${String(c).padStart(width, '0')}`;
		cardIds.push(cardId);
		let now = sessionTime(start + Math.floor(c / newPerDay) * DAY);
		let state: MemoryState | undefined;
		let memory: FSRSState | null = null;
		let last: { time: number; day: number } | undefined;
		while (now < end) {
			const today = dayOf(now).day;
			let rating: Grade;
			let deltaT = 0;
			if (!last || !memory) rating = (pick(random, firstRatings) + 1) as Grade;
			else {
				deltaT = today - last.day;
				const elapsed = deltaT > 0 ? deltaT : (now - last.time) / DAY;
				const recalled = random() < forgetting_curve(w, elapsed, memory.stability);
				rating = recalled ? ((pick(random, recallRatings) + 2) as Grade) : 1;
			}
			memory = truth.next_state(memory, deltaT, rating);
			const result = scheduler.rate(state, now, rating, {
				cardId,
				deck: 'synthetic/deck',
				durationMs: Math.round(2000 + random() * 8000),
			});
			logs.push(result.log);
			state = result.state;
			last = { time: now, day: today };
			const due = state.due;
			if (dayOf(due).day === today) now = due + random() * 5 * 60_000;
			else {
				const late = random() < lateChance ? 1 + Math.floor(random() * maxDaysLate) : 0;
				now = Math.max(due, sessionTime(due + late * DAY));
			}
		}
		if (state) states.set(cardId, state);
	}
	logs.sort((a, b) => a.review - b.review);
	return { logs, cardIds, states };
}
