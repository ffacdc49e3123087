/**
 * What the classroom's endpoints answer, as valibot schemas shared by server and client: the
 * server's types are inferred from them, and a client checks each answer it reads. Objects are
 * not strict here, unlike requests: a client may meet a newer server's extra fields.
 */
import * as v from 'valibot';
import type { BankProblem } from '../bank/problems.ts';

export const PHASES = ['lobby', 'reading', 'open', 'revealed', 'leaderboard', 'ended'] as const;

/** The host token and the join key are shown nowhere else; the server keeps only their hashes. */
export const GameCreated = v.object({
	code: v.string(),
	hostToken: v.string(),
	joinKey: v.string(),
});
export type GameCreated = v.InferOutput<typeof GameCreated>;

/** The nickname as the game knows it (made unique: "Ann 2"). */
export const Joined = v.object({ playerId: v.string(), token: v.string(), nickname: v.string() });
export type Joined = v.InferOutput<typeof Joined>;

export const HostActed = v.object({ phase: v.picklist(PHASES) });
export type HostActed = v.InferOutput<typeof HostActed>;

export const AnswerTaken = v.object({ accepted: v.literal(true) });
export type AnswerTaken = v.InferOutput<typeof AnswerTaken>;

/** What is wrong with one question of a host's own deck, for the host's screen to word. */
export interface OwnDeckProblem {
	/** The deck's key, as the request named it (`bank/deck`). */
	deck: string;
	/** 1-based, in the deck as sent. */
	question: number;
	id?: string;
	/** A field or rule as the bank validator tells it, or an id another question has. */
	problem: BankProblem | { kind: 'id-taken'; id: string };
}

/**
 * The kind is checked, not each kind's fields: the answer comes from Kioku's own server, and a
 * screen that meets a kind it cannot word says so in general terms.
 */
const OwnDeckProblemSchema = v.object({
	deck: v.string(),
	question: v.number(),
	id: v.optional(v.string()),
	problem: v.custom<OwnDeckProblem['problem']>(
		(x) =>
			typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string',
	),
});

/**
 * The body of every refusal (4xx, 503): its text is for logs and tools; screens say their own,
 * from `ownDeck` when the host's own deck was refused.
 */
export const Refused = v.object({ error: v.string(), ownDeck: v.optional(OwnDeckProblemSchema) });

export const PlayerAnswerResult = v.object({
	index: v.number(),
	answered: v.boolean(),
	correct: v.boolean(),
	/** Marked wrong, then accepted by the host ("Accept for everyone"). */
	accepted: v.boolean(),
	elapsedMs: v.nullable(v.number()),
	points: v.number(),
	/** As the teacher reads it: the texts picked, or what was typed. */
	answer: v.string(),
});
export type PlayerAnswerResult = v.InferOutput<typeof PlayerAnswerResult>;

export const PlayerResult = v.object({
	id: v.string(),
	nickname: v.string(),
	rank: v.number(),
	score: v.number(),
	correct: v.number(),
	/** Team mode: the player's team number. */
	team: v.optional(v.number()),
	questions: v.array(PlayerAnswerResult),
});
export type PlayerResult = v.InferOutput<typeof PlayerResult>;

export const QuestionResult = v.object({
	index: v.number(),
	id: v.string(),
	type: v.string(),
	prompt: v.string(),
	answered: v.number(),
	correct: v.number(),
	/** Of the players in the game, answered or not; 0 to 100, rounded. */
	correctPercent: v.number(),
	averageMs: v.nullable(v.number()),
	/** The wrong answer given most often (the first of equals), null when none was wrong. */
	commonWrong: v.nullable(v.string()),
});
export type QuestionResult = v.InferOutput<typeof QuestionResult>;

/** The host's results: by player (best first) and by question; only revealed questions count. */
export const GameResults = v.object({
	players: v.array(PlayerResult),
	questions: v.array(QuestionResult),
	/** Team mode: the teams with players, best average first (see live/teams.ts). */
	teams: v.optional(
		v.array(
			v.object({
				team: v.number(),
				members: v.number(),
				score: v.number(),
				rank: v.number(),
				tied: v.boolean(),
			}),
		),
	),
});
export type GameResults = v.InferOutput<typeof GameResults>;
