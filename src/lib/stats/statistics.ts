/**
 * Everything the Statistics screen shows, for one deck or for all, from the stored cards and
 * logs. Day boundaries are computed once, for the span the history needs.
 */
import type { CardRecord, ReviewLogRecord } from '../srs/records.ts';
import { answerTimes, answerTimesOfAggregates, type AnswerTimeStats } from './answer-time.ts';
import { cardStateCounts, type CardStateCounts } from './card-states.ts';
import { dueForecast, FORECAST_DAYS, type DueForecast } from './due-forecast.ts';
import { mastery, type Mastery } from './mastery.ts';
import { memoryDistribution, type MemoryDistribution } from './memory-distribution.ts';
import {
	HEATMAP_DAYS,
	reviewActivity,
	reviewActivityOfAggregates,
	type ReviewActivity,
} from './review-activity.ts';
import type { ReviewAggregate } from './review-aggregates.ts';
import { SLOT_MS } from './slot.ts';
import type { StatsQuestion } from './stats-question.ts';
import { studyCalendar, type DaySettings } from './study-calendar.ts';
import { trueRetention, trueRetentionOfAggregates, type RetentionRow } from './true-retention.ts';

/**
 * Streaks look this far back at most: each day covered costs one `studyDay` (Intl) call, and a
 * log with a wrong, ancient date should not cost a century of them.
 */
export const MAX_HISTORY_DAYS = 3653;

export interface StatisticsInput {
	cards: readonly CardRecord[];
	/**
	 * The review log, or its per-slot aggregates (review-aggregates.ts), which give the same
	 * figures without reading every review.
	 */
	logs: readonly ReviewLogRecord[] | { aggregates: readonly ReviewAggregate[] };
	/** The questions of every deck in view (see `deckQuestions`). */
	questions: readonly StatsQuestion[];
	now: number;
	settings: DaySettings;
	/** `bank/deck` to show one deck; all decks when absent. */
	deck?: string;
	/** FSRS decay for retrievability (see `decayOf`), one number or one per deck. */
	decay?: number | ((deck: string) => number);
}

export interface Statistics {
	deck: string | null;
	due: DueForecast;
	activity: ReviewActivity;
	retention: RetentionRow[];
	states: CardStateCounts;
	memory: MemoryDistribution;
	answerTime: AnswerTimeStats;
	mastery: Mastery;
}

const DAY_MS = 86_400_000;

/**
 * Mastery is the recall expected a week from now. Recall *now* is 100 % for any card just
 * answered, even one just failed, so the group a learner has just got wrong would look known;
 * a week ahead, a card failed today (low stability) counts as weak and a well-learnt one as known.
 */
export const MASTERY_HORIZON_MS = 7 * DAY_MS;

/** The figures that need the review log only: what the screen can show before the cards are read. */
export type LogStatistics = Pick<Statistics, 'activity' | 'retention' | 'answerTime'>;

/** The study days the log's figures are counted in: back to the first review (within limits). */
function historyCalendar(now: number, settings: DaySettings, earliest: number) {
	// One day more than the elapsed time for a 23-hour DST day and the day-start hour.
	const historyDays = Math.ceil((now - earliest) / DAY_MS) + 1;
	return studyCalendar(now, settings, {
		daysBack: Math.min(MAX_HISTORY_DAYS, Math.max(HEATMAP_DAYS - 1, historyDays)),
		daysAhead: FORECAST_DAYS - 1,
	});
}

/**
 * `statistics`' activity, true retention and answer times from the log's aggregates alone:
 * a few hundred small records, read and counted in milliseconds, while the cards are still
 * being read.
 */
export function logStatistics(input: {
	aggregates: readonly ReviewAggregate[];
	now: number;
	settings: DaySettings;
	deck?: string;
}): LogStatistics {
	const { now, deck } = input;
	const aggregates =
		deck === undefined ? input.aggregates : input.aggregates.filter((a) => a.deck === deck);
	let earliest = now;
	for (const agg of aggregates) if (agg.slot * SLOT_MS < earliest) earliest = agg.slot * SLOT_MS;
	const calendar = historyCalendar(now, input.settings, earliest);
	return {
		activity: reviewActivityOfAggregates(aggregates, calendar),
		retention: trueRetentionOfAggregates(aggregates, calendar),
		answerTime: answerTimesOfAggregates(aggregates),
	};
}

/**
 * Cards count only while their question is in view (a removed question is not studied any
 * more); logs count whatever became of their question, since the answers were given.
 */
export function statistics(input: StatisticsInput): Statistics {
	const { now, deck } = input;
	const inDeck = <T extends { deck: string }>(items: readonly T[]) =>
		deck === undefined ? items : items.filter((item) => item.deck === deck);
	const questions = inDeck(input.questions);
	const questionIds = questions.map((q) => q.id);
	const ids = new Set(questionIds);
	const cards = inDeck(input.cards).filter((card) => ids.has(card.id));
	const aggregates = 'aggregates' in input.logs ? inDeck(input.logs.aggregates) : undefined;
	const logs = 'aggregates' in input.logs ? [] : inDeck(input.logs);

	let earliest = now;
	for (const log of logs) if (log.review < earliest) earliest = log.review;
	for (const agg of aggregates ?? [])
		if (agg.slot * SLOT_MS < earliest) earliest = agg.slot * SLOT_MS;
	const calendar = historyCalendar(now, input.settings, earliest);

	return {
		deck: deck ?? null,
		due: dueForecast(cards, calendar),
		activity: aggregates
			? reviewActivityOfAggregates(aggregates, calendar)
			: reviewActivity(logs, calendar),
		retention: aggregates
			? trueRetentionOfAggregates(aggregates, calendar)
			: trueRetention(logs, calendar),
		states: cardStateCounts(cards, questionIds),
		memory: memoryDistribution(cards),
		answerTime: aggregates ? answerTimesOfAggregates(aggregates) : answerTimes(logs),
		mastery: mastery(questions, cards, now + MASTERY_HORIZON_MS, input.decay),
	};
}
