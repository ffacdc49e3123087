export {
	parseCloze,
	clozeBlanks,
	clozeWithGaps,
	type ClozeBlank,
	type ClozeSegment,
} from './cloze.ts';
export { formatBankError, type BankError } from './errors.ts';
export {
	LOCALES,
	QUESTION_TYPES,
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
export {
	bankLabel,
	deckKey,
	summarizeBanks,
	summarizeDeck,
	type BankSummary,
	type DeckSummary,
} from './catalog.ts';
