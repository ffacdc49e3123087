/**
 * The settings of a practice test. They live in the URL so that a teacher can hand out the same
 * test (same questions, same order, by the seed) as a link; so the URL is read as hostile input:
 * every value is checked, and a bad link gets a list of clear errors instead of a broken test.
 */
import * as v from 'valibot';
import { LOCALES, type ContentLocale } from '../bank/schema.ts';
import { seededShuffle } from '../random/seeded-shuffle.ts';
import { err, ok, type Result } from '../result.ts';

/** Flashcards are not in tests: there is nothing to grade. */
export const QUIZ_TYPES = ['single', 'multi', 'truefalse', 'cloze', 'short', 'order'] as const;
export type QuizType = (typeof QUIZ_TYPES)[number];
export const POOLS = ['all', 'due', 'weak'] as const;
export type TimeLimit =
	{ mode: 'none' } | { mode: 'question'; seconds: number } | { mode: 'test'; seconds: number };

export interface TestSpec {
	/** Deck keys "bank/deck", at least one. */
	decks: string[];
	count: number;
	types: QuizType[];
	pool: (typeof POOLS)[number];
	timeLimit: TimeLimit;
	feedback: 'immediate' | 'end';
	partialCredit: boolean;
	/** Answers also count as FSRS reviews. */
	feedFsrs: boolean;
	/** Shuffle questions and options. */
	shuffle: boolean;
	lang: ContentLocale;
	seed: string;
	/**
	 * Only these questions of the decks (ids): a group from Statistics, or the ones missed in an
	 * earlier attempt. Without it, any question of the decks.
	 */
	only?: string[];
}

export const LIMITS = { decks: 50, count: 200, seconds: [5, 7200], valueLength: 10_000 } as const;

// A test counts for nothing in the schedule unless the teacher asks for it.
export const DEFAULT_TEST_SPEC: Omit<TestSpec, 'decks' | 'seed' | 'lang'> = {
	count: 20,
	types: [...QUIZ_TYPES],
	pool: 'all',
	timeLimit: { mode: 'none' },
	feedback: 'immediate',
	partialCredit: false,
	feedFsrs: false,
	shuffle: true,
};

const DECK_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A question id, as the bank schema allows it. */
const QUESTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEED = /^[a-z0-9]{4,16}$/;
const [MIN_S, MAX_S] = LIMITS.seconds;

/** A value from the URL as it may appear in a message: quoted, short, no control characters. */
function show(value: unknown): string {
	const text = String(value).replace(/\p{Cc}/gu, '?');
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function showList(values: readonly string[]): string {
	const shown = values.slice(0, 3).map(show).join(', ');
	return values.length > 3 ? `${shown} and ${values.length - 3} more` : shown;
}

const split = v.transform((s: string) => (s === '' ? [] : s.split(',')));
const flag = v.pipe(
	v.picklist(['0', '1'], (i) => `must be 0 or 1, got ${show(i.input)}`),
	v.transform((s) => s === '1'),
);

function schemas(knownDecks: ReadonlySet<string>) {
	const twice = (list: string[]) => [...new Set(list.filter((x, i) => list.indexOf(x) !== i))];
	return {
		d: v.pipe(
			v.string(),
			split,
			v.minLength(1, 'choose at least one deck'),
			v.maxLength(LIMITS.decks, (i) => `at most ${LIMITS.decks} decks, got ${i.input.length}`),
			v.check(
				(l) => l.every((k) => DECK_KEY.test(k)),
				(i) =>
					`not a deck key ("bank/deck"): ${showList(i.input.filter((k) => !DECK_KEY.test(k)))}`,
			),
			v.check(
				(l) => twice(l).length === 0,
				(i) => `lists a deck twice: ${showList(twice(i.input))}`,
			),
			v.check(
				(l) => l.every((k) => knownDecks.has(k)),
				(i) => `${UNKNOWN_DECK} ${showList(i.input.filter((k) => !knownDecks.has(k)))}`,
			),
		),
		n: v.pipe(
			v.string(),
			v.regex(
				/^\d{1,4}$/,
				(i) => `must be a whole number from 1 to ${LIMITS.count}, got ${show(i.input)}`,
			),
			v.transform(Number),
			v.minValue(1, `must be a whole number from 1 to ${LIMITS.count}, got 0`),
			v.maxValue(
				LIMITS.count,
				(i) => `must be a whole number from 1 to ${LIMITS.count}, got ${i.input}`,
			),
		),
		t: v.pipe(
			v.string(),
			split,
			v.minLength(1, 'choose at least one question type'),
			v.check(
				(l) => l.every((t) => (QUIZ_TYPES as readonly string[]).includes(t)),
				(i) =>
					`unknown type ${showList(i.input.filter((t) => !(QUIZ_TYPES as readonly string[]).includes(t)))} (known: ${QUIZ_TYPES.join(', ')})`,
			),
			v.check(
				(l) => twice(l).length === 0,
				(i) => `lists a type twice: ${showList(twice(i.input))}`,
			),
			v.array(v.picklist(QUIZ_TYPES)),
		),
		p: v.picklist(POOLS, (i) => `must be ${POOLS.join(', ')}, got ${show(i.input)}`),
		tl: v.pipe(
			v.string(),
			v.regex(
				/^(?:none|[qt]\d{1,5})$/,
				(i) => `must be none, q<seconds> or t<seconds>, got ${show(i.input)}`,
			),
			v.transform((s): TimeLimit => {
				if (s === 'none') return { mode: 'none' };
				return { mode: s[0] === 'q' ? 'question' : 'test', seconds: Number(s.slice(1)) };
			}),
			v.check(
				(tl) => tl.mode === 'none' || (tl.seconds >= MIN_S && tl.seconds <= MAX_S),
				`seconds must be from ${MIN_S} to ${MAX_S}`,
			),
		),
		fb: v.pipe(
			v.picklist(
				['i', 'e'],
				(i) => `must be i (immediate) or e (at the end), got ${show(i.input)}`,
			),
			v.transform((s) => (s === 'i' ? 'immediate' : 'end')),
		),
		pc: flag,
		fs: flag,
		sh: flag,
		l: v.picklist(LOCALES, (i) => `must be ${LOCALES.join(' or ')}, got ${show(i.input)}`),
		s: v.pipe(
			v.string(),
			v.regex(SEED, (i) => `must be 4 to 16 lower-case letters or digits, got ${show(i.input)}`),
		),
		only: v.pipe(
			v.string(),
			split,
			v.minLength(1, 'list at least one question'),
			v.maxLength(LIMITS.count, (i) => `at most ${LIMITS.count} questions, got ${i.input.length}`),
			v.check(
				(l) => l.every((id) => QUESTION_ID.test(id)),
				(i) => `not a question id: ${showList(i.input.filter((id) => !QUESTION_ID.test(id)))}`,
			),
			v.check(
				(l) => twice(l).length === 0,
				(i) => `lists a question twice: ${showList(twice(i.input))}`,
			),
		),
	};
}

type Schemas = ReturnType<typeof schemas>;
type Key = keyof Schemas;
/** A setting of a test link, by its name in the URL. */
export type LinkParam = Key;

const UNKNOWN_DECK = 'unknown deck';

/** What is wrong with a setting, for a message in the learner's language. */
export type LinkProblem = 'missing' | 'repeated' | 'too-long' | 'invalid' | 'unknown-deck';

export interface LinkError {
	param: LinkParam;
	problem: LinkProblem;
	/** The whole story in English, e.g. `Question count (n): must be a whole number from 1 to 200, got "x"`. */
	message: string;
}
const LABELS: Record<Key, string> = {
	d: 'Decks',
	n: 'Question count',
	t: 'Question types',
	p: 'Question pool',
	tl: 'Time limit',
	fb: 'Feedback',
	pc: 'Partial credit',
	fs: 'Count as reviews',
	sh: 'Shuffle',
	l: 'Language',
	s: 'Seed',
	only: 'Questions',
};
const KEYS = Object.keys(LABELS) as Key[];

export function specToParams(spec: TestSpec): URLSearchParams {
	const tl = spec.timeLimit;
	const bit = (b: boolean) => (b ? '1' : '0');
	// Every setting is written, even a default, so a link keeps its meaning if defaults change.
	const params = new URLSearchParams([
		['d', spec.decks.join(',')],
		['n', String(spec.count)],
		['t', spec.types.join(',')],
		['p', spec.pool],
		['tl', tl.mode === 'none' ? 'none' : `${tl.mode === 'question' ? 'q' : 't'}${tl.seconds}`],
		['fb', spec.feedback === 'immediate' ? 'i' : 'e'],
		['pc', bit(spec.partialCredit)],
		['fs', bit(spec.feedFsrs)],
		['sh', bit(spec.shuffle)],
		['l', spec.lang],
		['s', spec.seed],
	]);
	if (spec.only) params.set('only', spec.only.join(','));
	return params;
}

/**
 * Reads a test from the URL; never throws. Missing settings take their defaults, except the
 * decks and the seed; a missing language takes `uiLang`, and without it is an error too.
 */
export function specFromParams(
	params: URLSearchParams,
	knownDecks: ReadonlySet<string>,
	uiLang?: ContentLocale,
): Result<TestSpec, LinkError[]> {
	const parsers = schemas(knownDecks);
	const errors: LinkError[] = [];
	const report = (param: Key, problem: LinkProblem, message: string) =>
		errors.push({ param, problem, message: `${LABELS[param]} (${param}): ${message}` });
	const read: { [K in Key]?: v.InferOutput<Schemas[K]> } = {};
	for (const key of KEYS) {
		const values = params.getAll(key);
		if (values.length === 0) continue;
		if (values.length > 1) report(key, 'repeated', `is given ${values.length} times; give it once`);
		else if (values[0].length > LIMITS.valueLength)
			report(key, 'too-long', `is too long (${values[0].length} characters)`);
		else {
			const result = v.safeParse(parsers[key], values[0], { abortPipeEarly: true });
			// `result` belongs to `parsers[key]`; TypeScript cannot follow `key` through the loop.
			if (result.success) (read as Record<Key, unknown>)[key] = result.output;
			else {
				const { message } = result.issues[0];
				report(key, message.startsWith(UNKNOWN_DECK) ? 'unknown-deck' : 'invalid', message);
			}
		}
	}
	if (!params.has('d')) report('d', 'missing', 'missing; choose at least one deck');
	if (!params.has('s')) report('s', 'missing', 'missing');
	if (!params.has('l') && uiLang === undefined) report('l', 'missing', 'missing');
	if (errors.length > 0) return err(errors);
	const d = DEFAULT_TEST_SPEC;
	const spec: TestSpec = {
		decks: read.d!,
		count: read.n ?? d.count,
		types: read.t ?? [...d.types],
		pool: read.p ?? d.pool,
		timeLimit: read.tl ?? { ...d.timeLimit },
		feedback: read.fb ?? d.feedback,
		partialCredit: read.pc ?? d.partialCredit,
		feedFsrs: read.fs ?? d.feedFsrs,
		shuffle: read.sh ?? d.shuffle,
		lang: read.l ?? uiLang!,
		seed: read.s!,
		...(read.only ? { only: read.only } : {}),
	};
	return ok(spec);
}

/**
 * A test of exactly these questions (a mastery group in Statistics), answers counted as reviews.
 * A test holds at most LIMITS.count questions: a larger group gives that many, drawn by the seed.
 * `deckOf` gives a question's deck key; questions without one are left out.
 */
export function groupTestSpec(
	questionIds: readonly string[],
	deckOf: (id: string) => string | undefined,
	lang: ContentLocale,
	seed: string,
): TestSpec {
	const known = questionIds.filter((id) => deckOf(id) !== undefined);
	const ids =
		known.length > LIMITS.count ? seededShuffle(known, seed).slice(0, LIMITS.count) : known;
	return {
		...DEFAULT_TEST_SPEC,
		decks: [...new Set(ids.map((id) => deckOf(id)!))],
		count: ids.length,
		types: [...QUIZ_TYPES],
		feedFsrs: true,
		lang,
		seed,
		only: ids,
	};
}

/** "Retry the ones I missed": the same test, of those questions only; none missed, no retry. */
export function retrySpec(spec: TestSpec, missedIds: readonly string[]): TestSpec | undefined {
	return missedIds.length > 0 ? { ...spec, only: [...missedIds] } : undefined;
}

const SEED_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh seed, 8 characters: ~2.8 × 10¹² tests, so two classes rarely share one by chance. */
export function newSeed(random: () => number = Math.random): string {
	let seed = '';
	for (let i = 0; i < 8; i++) {
		// Clamped: a random source that returns 1 (or NaN) must not step outside the alphabet.
		const k = Math.floor(random() * SEED_ALPHABET.length) || 0;
		seed += SEED_ALPHABET[Math.min(SEED_ALPHABET.length - 1, Math.max(0, k))];
	}
	return seed;
}
