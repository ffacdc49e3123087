/**
 * The one schema of a question bank. Every type the app, the build and the CLI use for
 * bank data is inferred from here, so the validator and the types cannot drift apart.
 * Rules that need more than one field (exactly one correct option, …) live in `rules.ts`.
 */
import * as v from 'valibot';

export const LOCALES = ['zh', 'en'] as const;
export type ContentLocale = (typeof LOCALES)[number];

/*
 * The patterns and checks below are exported so that `issue-problem.ts` can tell which rule an
 * issue broke (a valibot issue carries its requirement) and say so in the learner's language.
 */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const PARAGRAPH_KEY_PATTERN = /^[1-9]\d*$/;

export const isFilled = (s: string) => s.trim().length > 0;
export const hasNoRepeats = <T>(list: T[]) => new Set(list).size === list.length;
type Citing = { paragraph?: number; paragraphs?: number[] };
export const citesAParagraph = (s: Citing) =>
	s.paragraph !== undefined || s.paragraphs !== undefined;
export const citesOneWay = (s: Citing) => s.paragraph === undefined || s.paragraphs === undefined;

export const Id = v.pipe(
	v.string('must be text'),
	v.regex(ID_PATTERN, 'must be lower-case letters, digits and "-"'),
);

const Text = v.pipe(v.string('must be text'), v.check(isFilled, 'is empty'));

/** A text in both languages; a missing or blank translation is an error. */
export const LocalizedText = v.strictObject({ zh: Text, en: Text });
export type LocalizedText = v.InferOutput<typeof LocalizedText>;

const Option = v.strictObject({
	zh: Text,
	en: Text,
	correct: v.optional(v.boolean('must be true or false')),
});
export type Option = v.InferOutput<typeof Option>;

const NonEmptyTextList = v.pipe(
	v.array(Text, 'must be a list of texts'),
	v.minLength(1, 'needs at least one accepted form'),
);

const ParagraphNumber = v.pipe(
	v.number('must be a number'),
	v.integer('must be a whole number'),
	v.minValue(1, 'must be 1 or more'),
);

/**
 * The paragraphs of the source a question tests. An author writes `{ paragraph: 4 }` for one
 * paragraph or `{ paragraphs: [3, 7] }` for several, the main one first; the code always reads
 * `paragraphs` (one shape, never empty, no paragraph twice). Whether each is within the source
 * is checked by the validator, which knows the source's length.
 */
const Source = v.pipe(
	v.strictObject({
		paragraph: v.optional(ParagraphNumber),
		paragraphs: v.optional(
			v.pipe(
				v.array(ParagraphNumber, 'must be a list of paragraph numbers, e.g. [3, 7]'),
				v.minLength(1, 'needs at least one paragraph'),
				v.check(hasNoRepeats, (issue) => {
					const list = issue.input as number[];
					const twice = list.find((n, i) => list.indexOf(n) < i);
					return `lists paragraph ${twice} twice`;
				}),
			),
		),
	}),
	v.check(citesAParagraph, 'needs `paragraph: N`, or `paragraphs: [N, M]` to cite several'),
	v.check(
		citesOneWay,
		'gives both `paragraph` and `paragraphs`: keep one (`paragraphs: [N, M]` cites several)',
	),
	v.transform((s): { paragraphs: number[] } => ({
		paragraphs: s.paragraphs ?? [s.paragraph as number],
	})),
);
export type CitedSource = v.InferOutput<typeof Source>;

/**
 * The paragraphs a stored question cites. A question saved before questions could cite several
 * paragraphs holds `{ paragraph: 4 }`: a live game kept in SQLite across the upgrade still does
 * (IndexedDB's copies are rewritten by a migration, which uses this too).
 */
export function storedParagraphs(source: CitedSource | { paragraph: number }): number[] {
	return 'paragraphs' in source ? source.paragraphs : [source.paragraph];
}

/** Fields every question has, whatever its type. */
const common = {
	id: Id,
	prompt: LocalizedText,
	explanation: LocalizedText,
	source: Source,
	tags: v.pipe(v.array(Id, 'must be a list of tags'), v.minLength(1, 'needs at least one tag')),
	difficulty: v.optional(v.picklist([1, 2, 3], 'must be 1 (easy), 2 (medium) or 3 (hard)')),
};

export const QUESTION_TYPES = [
	'flashcard',
	'single',
	'multi',
	'truefalse',
	'cloze',
	'short',
	'order',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const Question = v.variant(
	'type',
	[
		v.strictObject({ ...common, type: v.literal('flashcard'), back: LocalizedText }),
		v.strictObject({
			...common,
			type: v.literal('single'),
			options: v.pipe(
				v.array(Option, 'must be a list of options'),
				v.minLength(3, 'needs 3 to 5 options'),
				v.maxLength(5, 'needs 3 to 5 options'),
			),
		}),
		v.strictObject({
			...common,
			type: v.literal('multi'),
			options: v.pipe(
				v.array(Option, 'must be a list of options'),
				v.minLength(3, 'needs 3 to 6 options'),
				v.maxLength(6, 'needs 3 to 6 options'),
			),
		}),
		v.strictObject({
			...common,
			type: v.literal('truefalse'),
			answer: v.boolean('must be true or false'),
		}),
		v.strictObject({ ...common, type: v.literal('cloze'), text: LocalizedText }),
		v.strictObject({
			...common,
			type: v.literal('short'),
			answers: v.strictObject({ zh: NonEmptyTextList, en: NonEmptyTextList }),
		}),
		v.strictObject({
			...common,
			type: v.literal('order'),
			items: v.pipe(
				v.array(LocalizedText, 'must be a list of items'),
				v.minLength(3, 'needs 3 to 6 items'),
				v.maxLength(6, 'needs 3 to 6 items'),
			),
		}),
	],
	`must be one of: ${QUESTION_TYPES.join(', ')}`,
);
export type Question = v.InferOutput<typeof Question>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const DeckFile = v.strictObject({
	title: LocalizedText,
	description: v.optional(LocalizedText),
	questions: v.pipe(
		v.array(v.unknown(), 'must be a list of questions'),
		v.minLength(1, 'a deck needs at least one question'),
	),
});

export const SourceFile = v.strictObject({
	title: LocalizedText,
	description: v.optional(LocalizedText),
	source: v.strictObject({
		title: Text,
		author: Text,
		publisher: Text,
		date: v.pipe(
			v.string('must be text, e.g. "2023-01"'),
			v.regex(DATE_PATTERN, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
		),
		url: v.pipe(v.string('must be text'), v.url('must be a URL')),
	}),
	paragraphs: ParagraphNumber,
	/**
	 * What each paragraph is about, in the author's own words, keyed by its number: a learner who
	 * taps "Paragraph 4" reads it. Every paragraph a question cites needs one (`validate.ts`).
	 */
	summaries: v.optional(
		v.record(
			v.pipe(v.string(), v.regex(PARAGRAPH_KEY_PATTERN, 'is not a paragraph number')),
			LocalizedText,
			'must map paragraph numbers to texts, e.g. `4: { zh: "…", en: "…" }`',
		),
	),
	/** A title for each tag the questions use, shown instead of the tag's id. */
	tags: v.optional(
		v.record(Id, LocalizedText, 'must map tags to titles, e.g. `nss: { zh: "…", en: "…" }`'),
	),
	/**
	 * Ids of questions removed from the bank. A learner's progress is stored under a question's
	 * id, so an id is never used again: a question with one of these ids is an error.
	 */
	retired: v.optional(
		v.pipe(
			v.array(Id, 'must be a list of question ids'),
			v.check(hasNoRepeats, (issue) => {
				const list = issue.input as string[];
				return `lists "${list.find((id, i) => list.indexOf(id) < i)}" twice`;
			}),
		),
	),
});
export type SourceFile = v.InferOutput<typeof SourceFile>;
