export {
	parseCloze,
	clozeBlanks,
	clozeWithGaps,
	type ClozeBlank,
	type ClozeSegment,
} from './cloze.ts';
export {
	formatBankError,
	formatBankWarning,
	type BankError,
	type ImportProblem,
	type Problem,
} from './errors.ts';
export { type BankProblem, type Place, type ValueShape } from './problems.ts';
export { lintBanks, LINT_LIMITS, type BankWarning } from './lint.ts';
export {
	LOCALES,
	QUESTION_TYPES,
	storedParagraphs,
	type CitedSource,
	type ContentLocale,
	type LocalizedText,
	type Option,
	type Question,
	type QuestionOf,
	type QuestionType,
} from './schema.ts';
export {
	validateBankTree,
	type Bank,
	type BankFile,
	type BankTree,
	type Deck,
} from './validate.ts';
export { hasArticle } from './imported-source.ts';
export { answerText, questionText, trueFalseText } from './question-text.ts';
export {
	IMPORTED_SOURCE_URL,
	bankLabel,
	deckKey,
	summarizeBanks,
	summarizeDeck,
	tagTitle,
	type BankSummary,
	type DeckSummary,
} from './catalog.ts';
