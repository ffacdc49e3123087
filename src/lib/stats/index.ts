export {
	ANSWER_TIME_CAP_MS,
	ANSWER_TIME_EDGES,
	answerTimes,
	type AnswerTimeStats,
} from './answer-time.ts';
export { cardStateCounts, type CardStateCounts } from './card-states.ts';
export { dueForecast, FORECAST_DAYS, type DueForecast } from './due-forecast.ts';
export { continueDeck, deckProgress, type DeckProgress, type DeckToday } from './deck-progress.ts';
export { type Bucket } from './histogram.ts';
export {
	decayOf,
	mastery,
	retrievability,
	type Mastery,
	type MasteryGroup,
	type ParagraphMastery,
	type TagMastery,
} from './mastery.ts';
export {
	DIFFICULTY_EDGES,
	memoryDistribution,
	STABILITY_EDGES,
	type MemoryDistribution,
} from './memory-distribution.ts';
export {
	HEATMAP_DAYS,
	reviewActivity,
	reviewsPerDay,
	type DayCount,
	type ReviewActivity,
} from './review-activity.ts';
export {
	logStatistics,
	MASTERY_HORIZON_MS,
	MAX_HISTORY_DAYS,
	statistics,
	type LogStatistics,
	type Statistics,
	type StatisticsInput,
} from './statistics.ts';
export { deckQuestions, type StatsQuestion } from './stats-question.ts';
export {
	bankOf,
	focusFromParams,
	focusToParams,
	groupOf,
	inFocus,
	inGroup,
	type FocusSpec,
	type StudyGroup,
} from './study-group.ts';
export {
	dayNumberKey,
	studyCalendar,
	type DaySettings,
	type StudyCalendar,
} from './study-calendar.ts';
export {
	MATURE_INTERVAL_DAYS,
	RETENTION_PERIODS,
	trueRetention,
	type PassFail,
	type RetentionPeriod,
	type RetentionRow,
} from './true-retention.ts';
export { SLOT_MS, type ReviewAggregate } from './review-aggregates.ts';
