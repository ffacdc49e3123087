/**
 * Every message of a live game that crosses the network, as valibot schemas shared by server and
 * client. Requests come from phones anyone can script, so each is a strict object with capped
 * strings and arrays; events are schemas too, so a client can check what it reads from the stream.
 */
import * as v from 'valibot';

/** A request body above this is refused before it is parsed. */
export const MAX_BODY_BYTES = 4096;
/**
 * Creating a game may carry the host's own decks (imported on the device, so the server has no
 * copy): up to `LIMITS.ownQuestions` questions, each within a bank file's own limits.
 */
// Under adapter-node's own cap on request bodies (BODY_SIZE_LIMIT, 512 kB by default).
export const MAX_CREATE_BYTES = 500_000;

export const LIVE_TYPES = ['single', 'multi', 'truefalse', 'order', 'short'] as const;
export type LiveType = (typeof LIVE_TYPES)[number];
export const SCORINGS = ['speed', 'accuracy', 'none'] as const;
export type Scoring = (typeof SCORINGS)[number];
export const LIVE_LANGS = ['zh', 'en', 'both'] as const;
export type LiveLang = (typeof LIVE_LANGS)[number];
export const HOST_ACTIONS = [
	'start',
	'next',
	'reveal',
	'end',
	'lock',
	'unlock',
	'kick',
	'accept',
	'team',
] as const;

export const LIMITS = {
	decks: 50,
	questionIds: 100,
	count: 50,
	seconds: [5, 120],
	readingSeconds: 10,
	nicknameRaw: 200,
	choices: 10,
	orderItems: 10,
	shortText: 200,
	ownDecks: 10,
	ownQuestions: 1000,
	teams: [2, 6],
} as const;

export const JOIN_CODE = /^\d{6}$/;
/**
 * Chosen by the server. "host" names the host in `reconnectSnapshot`; "__proto__" would be a
 * trap as a key of the records that hold players.
 */
export const PLAYER_ID = /^(?!host$|__proto__$)[A-Za-z0-9_-]{1,64}$/;
const DECK_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const QUESTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CLASS_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A class seat's token as the device keeps it (see classes/http.ts). */
const SEAT_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
/** Seat tokens one join may carry: every class the device holds a seat in (class-seats.ts keeps 50). */
export const MAX_JOIN_SEATS = 50;

const int = (min: number, max: number) =>
	v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const unique = <T>(list: T[]) => new Set(list).size === list.length;
const capped = (max: number, pattern: RegExp, message: string) =>
	v.pipe(v.string(), v.maxLength(max), v.regex(pattern, message));

export const CreateGame = v.pipe(
	v.strictObject({
		decks: v.pipe(
			v.array(capped(200, DECK_KEY, 'not a deck key ("bank/deck")')),
			v.maxLength(LIMITS.decks),
			v.check((l) => unique(l), 'lists a deck twice'),
		),
		questionIds: v.optional(
			v.pipe(
				v.array(capped(100, QUESTION_ID, 'not a question id')),
				v.minLength(1),
				v.maxLength(LIMITS.questionIds),
			),
		),
		types: v.pipe(
			v.array(v.picklist(LIVE_TYPES)),
			v.minLength(1, 'choose at least one question type'),
			v.maxLength(LIVE_TYPES.length),
			v.check((l) => unique(l), 'lists a type twice'),
		),
		count: int(1, LIMITS.count),
		secondsPerQuestion: int(LIMITS.seconds[0], LIMITS.seconds[1]),
		readingSeconds: int(0, LIMITS.readingSeconds),
		scoring: v.picklist(SCORINGS),
		shuffle: v.boolean(),
		lang: v.picklist(LIVE_LANGS),
		/** False: phones show only coloured buttons, the big screen shows the texts. */
		optionsOnPhones: v.boolean(),
		/**
		 * Hosted for one of the host's classes (only its teacher may): students join as their
		 * seats, and the results go to the class's gradebook and mastery when the game ends.
		 */
		classId: v.optional(capped(64, CLASS_ID, 'not a class id')),
		/** Team mode with this many teams (see teams.ts); absent: everyone plays alone. */
		teams: v.optional(int(LIMITS.teams[0], LIMITS.teams[1])),
		/**
		 * The host's own decks, questions and all: checked by the server as a bank file is
		 * (see server/live/own-decks.ts), never kept in the game's settings.
		 */
		own: v.optional(
			v.pipe(
				v.array(
					v.strictObject({
						deck: capped(200, DECK_KEY, 'not a deck key ("bank/deck")'),
						questions: v.pipe(v.array(v.unknown()), v.minLength(1, 'a deck needs a question')),
						/**
						 * False for imported cards: their "paragraphs" are rows of a file, not an
						 * article's, so the projector cites none.
						 */
						cites: v.optional(v.boolean()),
					}),
				),
				v.maxLength(LIMITS.ownDecks, `at most ${LIMITS.ownDecks} decks of your own`),
				v.check(
					(l) => l.reduce((n, d) => n + d.questions.length, 0) <= LIMITS.ownQuestions,
					`at most ${LIMITS.ownQuestions} questions of your own`,
				),
			),
		),
	}),
	v.check(
		(s) => s.decks.length > 0 || s.questionIds !== undefined || (s.own?.length ?? 0) > 0,
		'choose at least one deck or question',
	),
);
export type CreateGame = v.InferOutput<typeof CreateGame>;

export const PlayerId = capped(64, PLAYER_ID, 'not a player id');

/** The projector's link and QR code carry the game's join key; a typed code has none. */
export const JOIN_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export const Join = v.strictObject({
	code: capped(6, JOIN_CODE, 'the code has 6 digits'),
	nickname: v.pipe(v.string(), v.maxLength(LIMITS.nicknameRaw)),
	key: v.optional(capped(64, JOIN_KEY, 'not a join key')),
	/**
	 * The class seats this device holds: in a game hosted for a class, the one of that class
	 * makes the player that student (named as on the roster, results kept in the class).
	 */
	seats: v.optional(
		v.pipe(v.array(capped(128, SEAT_TOKEN, 'not a seat token')), v.maxLength(MAX_JOIN_SEATS)),
	),
});
export type Join = v.InferOutput<typeof Join>;

/** The quiz's `Answer` without cloze; positions are those shown, not the bank's. */
export const LiveAnswer = v.variant('type', [
	v.strictObject({ type: v.literal('single'), choice: int(0, LIMITS.choices - 1) }),
	v.strictObject({
		type: v.literal('multi'),
		choices: v.pipe(v.array(int(0, LIMITS.choices - 1)), v.maxLength(LIMITS.choices)),
	}),
	v.strictObject({ type: v.literal('truefalse'), value: v.boolean() }),
	v.strictObject({
		type: v.literal('order'),
		order: v.pipe(v.array(int(0, LIMITS.orderItems - 1)), v.maxLength(LIMITS.orderItems)),
	}),
	v.strictObject({
		type: v.literal('short'),
		text: v.pipe(v.string(), v.maxLength(LIMITS.shortText)),
	}),
]);
export type LiveAnswer = v.InferOutput<typeof LiveAnswer>;

export const AnswerRequest = v.strictObject({
	questionIndex: int(0, LIMITS.count - 1),
	answer: LiveAnswer,
});
export type AnswerRequest = v.InferOutput<typeof AnswerRequest>;

export const HostAction = v.pipe(
	v.strictObject({
		action: v.picklist(HOST_ACTIONS),
		playerId: v.optional(PlayerId),
		/** accept: the question, and a typed answer as it was given (any of its equal forms). */
		questionIndex: v.optional(int(0, LIMITS.count - 1)),
		text: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.shortText))),
		/** team: the team the player moves to (a team number, 0 for the first). */
		team: v.optional(int(0, LIMITS.teams[1] - 1)),
	}),
	v.check((a) => a.action !== 'kick' || a.playerId !== undefined, 'kick needs a playerId'),
	v.check(
		(a) => a.action !== 'accept' || (a.questionIndex !== undefined && a.text !== undefined),
		'accept needs a questionIndex and a text',
	),
	v.check(
		(a) => a.action !== 'team' || (a.playerId !== undefined && a.team !== undefined),
		'team needs a playerId and a team',
	),
);
export type HostAction = v.InferOutput<typeof HostAction>;

export { LiveEvent, PublicCorrect, PublicQuestion, type LiveEventOf } from './events-schema.ts';
export {
	AnswerTaken,
	GameCreated,
	GameResults,
	HostActed,
	Joined,
	PHASES,
	PlayerAnswerResult,
	PlayerResult,
	QuestionResult,
	Refused,
	type OwnDeckProblem,
} from './responses-schema.ts';
