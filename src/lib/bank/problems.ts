/**
 * What is wrong with a Kioku bank, as data. The validator words each mistake in English for
 * authors and the CLI (`BankError.message`); the app words this in the learner's language
 * (`$lib/i18n/bank-problems.ts`), and an editor can put it next to the field it names.
 *
 * `path` is the field as the English message names it: from the question when the error has a
 * question id, else from the file's root (`options`, `text.zh`, `decks[2].id`). It is a
 * technical path, shown as written, never translated.
 */
import type { ContentLocale } from './schema.ts';
import type { FieldPath } from './rules.ts';

/** What a value is, as a mistake names it: `prompt` should be a mapping, not text. */
export type ValueShape = 'text' | 'number' | 'true-or-false' | 'list' | 'mapping' | 'nothing';

/** Where something else is written: the first use of an id, the list a retired id is in. */
export interface Place {
	file: string;
	line: number;
	column: number;
}

type At = { path: FieldPath };

export type BankProblem =
	// The shape of a field (schema.ts).
	| ({ kind: 'unknown-field' } & At)
	| ({ kind: 'missing-field' } & At)
	| ({ kind: 'wrong-type'; expected: ValueShape; received: ValueShape } & At)
	| ({ kind: 'not-one-of'; allowed: string[] } & At)
	| ({ kind: 'empty-text' } & At)
	| ({ kind: 'bad-id' } & At)
	| ({ kind: 'bad-date' } & At)
	| ({ kind: 'not-url' } & At)
	| ({ kind: 'not-web-address' } & At)
	| ({ kind: 'not-paragraph-key' } & At)
	| ({ kind: 'not-whole-number' } & At)
	| ({ kind: 'too-small'; min: number } & At)
	| ({ kind: 'too-big'; max: number } & At)
	| ({ kind: 'too-few'; min: number; count: number } & At)
	| ({ kind: 'too-many'; max: number; count: number } & At)
	| ({ kind: 'listed-twice'; value: string } & At)
	| ({ kind: 'no-paragraph-cited' } & At)
	| ({ kind: 'paragraph-and-paragraphs' } & At)
	/** A schema issue no other kind describes: the field is named, the rest is in English. */
	| ({ kind: 'invalid-value' } & At)
	// Rules across the fields of one question (rules.ts, cloze.ts).
	| ({ kind: 'single-needs-one-correct'; found: number } & At)
	| ({ kind: 'multi-needs-two-correct'; found: number } & At)
	| ({ kind: 'multi-needs-a-wrong-option' } & At)
	/** `position` repeats `first` (both 1-based) in one language. */
	| ({
			kind: 'repeated-item';
			what: 'option' | 'item';
			position: number;
			first: number;
			lang: ContentLocale;
			text: string;
	  } & At)
	| ({ kind: 'answer-twice'; lang: ContentLocale; answer: string } & At)
	| ({ kind: 'cloze-empty-answer'; lang: ContentLocale; blank: number; written: string } & At)
	| ({ kind: 'cloze-tilde-inside'; lang: ContentLocale; blank: number; written: string } & At)
	| ({ kind: 'cloze-unbalanced'; lang: ContentLocale } & At)
	| ({ kind: 'cloze-no-blank'; lang: ContentLocale } & At)
	| ({ kind: 'blank-group-of-one'; lang: ContentLocale } & At)
	| ({ kind: 'blank-groups-differ'; zh: number; en: number } & At)
	// Rules across questions and files (validate.ts).
	| ({ kind: 'duplicate-id'; id: string; first: Place } & At)
	| ({ kind: 'retired-id'; id: string; listedAt: Place } & At)
	| ({ kind: 'paragraph-outside'; paragraph: number; paragraphs: number } & At)
	| ({ kind: 'summary-outside'; paragraph: number; paragraphs: number } & At)
	| ({ kind: 'tag-without-title'; tag: string } & At)
	| ({ kind: 'paragraph-without-summary'; paragraph: number } & At)
	// The layout of a `questions/` folder (the CLI's; an upload is cut into a valid one).
	| { kind: 'yml-extension' }
	| { kind: 'misplaced-file'; root: string }
	| { kind: 'bad-file-name' }
	| { kind: 'no-source-file'; bank: string }
	| { kind: 'no-deck-file'; bank: string }
	// YAML, and a bank in one uploaded file (exchange/import-kioku.ts).
	/** `code`: the `yaml` package's error code (`BAD_INDENT`, `DUPLICATE_KEY`, …), when it gave one. */
	| { kind: 'yaml-syntax'; code?: string }
	| { kind: 'too-deep'; limit: number }
	| { kind: 'too-many-aliases'; count: number; limit: number }
	| { kind: 'aliases-explode' }
	| { kind: 'not-a-bank' }
	| { kind: 'deck-file-alone' }
	| { kind: 'too-many-questions'; count: number; limit: number }
	| ({ kind: 'text-too-long'; length: number; limit: number } & At)
	| ({ kind: 'reserved-deck-id'; id: string } & At)
	| ({ kind: 'duplicate-deck-id'; id: string; first: Place } & At);

export type BankProblemKind = BankProblem['kind'];

/** A place as the CLI's messages name it: `questions/b/deck.yaml:15:9`. */
export function formatPlace(p: Place): string {
	return `${p.file}:${p.line}:${p.column}`;
}
