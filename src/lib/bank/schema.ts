/**
 * The one schema of a question bank. Every type the app, the build and the CLI use for
 * bank data is inferred from here, so the validator and the types cannot drift apart.
 * Rules that need more than one field (exactly one correct option, …) live in `rules.ts`.
 */
import * as v from 'valibot';

export const LOCALES = ['zh', 'en'] as const;
export type ContentLocale = (typeof LOCALES)[number];

const Id = v.pipe(
	v.string('must be text'),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and "-"'),
);

const Text = v.pipe(
	v.string('must be text'),
	v.check((s) => s.trim().length > 0, 'is empty'),
);

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

/** Fields every question has, whatever its type. */
const common = {
	id: Id,
	prompt: LocalizedText,
	explanation: LocalizedText,
	source: v.strictObject({
		paragraph: v.pipe(
			v.number('must be a number'),
			v.integer('must be a whole number'),
			v.minValue(1, 'must be 1 or more'),
		),
	}),
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
			v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
		),
		url: v.pipe(v.string('must be text'), v.url('must be a URL')),
	}),
	paragraphs: v.pipe(
		v.number('must be a number'),
		v.integer('must be a whole number'),
		v.minValue(1, 'must be 1 or more'),
	),
});
export type SourceFile = v.InferOutput<typeof SourceFile>;
