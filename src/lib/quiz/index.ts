export {
	checkAnswer,
	type Answer,
	type BlankResult,
	type CheckableQuestion,
	type CheckOptions,
	type CheckResult,
} from './check.ts';
export { proposeRating, expectedSeconds, type ProposedRating } from './propose-rating.ts';
export { loadToSimplified, type ToSimplified } from './chinese-variants.ts';
export { normalizeAnswer, editDistance } from './normalize.ts';
export { matchTyped, ACCEPT_REASONS, type AcceptReason, type TypedTarget } from './match-typed.ts';
export {
	readNumber,
	readOrdinal,
	sameNumber,
	type NumberReading,
	type NumberUnit,
} from './numbers.ts';
export { presentQuestion, toBankAnswer, showingSeed, type Presentation } from './presentation.ts';
export { canOverrule, overrule, withdrawOverrule, type GradedResult } from './overrule.ts';
