/**
 * The events the server streams to the host screen and the phones (over SSE). Before a question
 * is revealed nothing here can carry its answer: a public question has texts and counts, never a
 * `correct` flag, the accepted forms of a short answer, or the order items belong in.
 */
import * as v from 'valibot';

const Text = v.strictObject({ zh: v.string(), en: v.string() });
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/**
 * A row of the leaderboard or the podium. `rank` is shared by equal scores (`tied`); `gained` is
 * the points of the round just revealed and `up` the places climbed with them (leaderboard only).
 */
const Standing = v.strictObject({
	nickname: v.string(),
	score: Count,
	rank: v.optional(Count),
	tied: v.optional(v.boolean()),
	gained: v.optional(Count),
	up: v.optional(Count),
});

/** A team's row on the leaderboard and at the end: `score` is its players' average (teams.ts). */
const TeamStanding = v.strictObject({
	team: Count,
	members: Count,
	score: Count,
	rank: Count,
	tied: v.boolean(),
});

/**
 * A player's team (a team number), and with scores its place among the `of` teams that have
 * players and its average score.
 */
const TeamPlace = v.strictObject({
	team: Count,
	rank: v.optional(Count),
	tied: v.optional(v.boolean()),
	of: v.optional(Count),
	score: v.optional(Count),
});

/** `options`/`items` are left out on phones when only coloured buttons are shown there. */
export const PublicQuestion = v.variant('type', [
	v.strictObject({
		type: v.literal('single'),
		prompt: Text,
		count: Count,
		options: v.optional(v.array(Text)),
	}),
	v.strictObject({
		type: v.literal('multi'),
		prompt: Text,
		count: Count,
		options: v.optional(v.array(Text)),
	}),
	v.strictObject({ type: v.literal('truefalse'), prompt: Text }),
	v.strictObject({
		type: v.literal('order'),
		prompt: Text,
		count: Count,
		items: v.optional(v.array(Text)),
	}),
	v.strictObject({ type: v.literal('short'), prompt: Text }),
]);
export type PublicQuestion = v.InferOutput<typeof PublicQuestion>;

/** The right answer in the frame the players saw: shown positions, not bank indices. */
export const PublicCorrect = v.variant('type', [
	v.strictObject({ type: v.literal('single'), position: Count }),
	v.strictObject({ type: v.literal('multi'), positions: v.array(Count) }),
	v.strictObject({ type: v.literal('truefalse'), value: v.boolean() }),
	/** Shown item positions, first to last. */
	v.strictObject({ type: v.literal('order'), order: v.array(Count) }),
	v.strictObject({
		type: v.literal('short'),
		answers: v.strictObject({ zh: v.array(v.string()), en: v.array(v.string()) }),
	}),
]);
export type PublicCorrect = v.InferOutput<typeof PublicCorrect>;

export const LiveEvent = v.variant('type', [
	/** The host gets the players and how many questions the game asks; a phone only the count. */
	v.strictObject({
		type: v.literal('lobby'),
		count: Count,
		locked: v.boolean(),
		players: v.optional(
			v.array(v.strictObject({ id: v.string(), nickname: v.string(), team: v.optional(Count) })),
		),
		questions: v.optional(Count),
		/** Team mode: how many teams (the host's only). */
		teams: v.optional(Count),
	}),
	/** A phone's own player; score and rank as of the last reveal, absent without scoring. */
	v.strictObject({
		type: v.literal('me'),
		id: v.string(),
		nickname: v.string(),
		score: v.optional(Count),
		rank: v.optional(Count),
		/** Team mode: the player's team. */
		team: v.optional(Count),
	}),
	v.strictObject({ type: v.literal('locked'), locked: v.boolean() }),
	/** Sent when reading starts and again when answers open; times are server clock ms. */
	v.strictObject({
		type: v.literal('question'),
		index: Count,
		total: Count,
		now: v.number(),
		opensAt: v.number(),
		closesAt: v.number(),
		/** The language the host chose to show: zh, en or both. */
		lang: v.optional(v.picklist(['zh', 'en', 'both'])),
		question: PublicQuestion,
	}),
	v.strictObject({ type: v.literal('answered'), index: Count }),
	v.strictObject({ type: v.literal('progress'), index: Count, answered: Count, total: Count }),
	/**
	 * `distribution`: picks per shown position (single, multi); `{ true, false }` (truefalse);
	 * `{ right, wrong }` (order, short).
	 */
	v.strictObject({
		type: v.literal('reveal'),
		index: Count,
		id: v.optional(v.string()),
		correct: PublicCorrect,
		distribution: v.union([v.array(Count), v.record(v.string(), Count)]),
		explanation: Text,
		/** The paragraphs the question cites, main one first; none for imported cards. */
		paragraphs: v.array(Count),
	}),
	/**
	 * The host only, at the reveal of a short-answer question and after each acceptance: the
	 * typed answers marked wrong (and those accepted since), grouped as the checker compares
	 * them, most given first; `more` groups are left out.
	 */
	v.strictObject({
		type: v.literal('answers'),
		index: Count,
		groups: v.array(v.strictObject({ text: v.string(), count: Count, accepted: v.boolean() })),
		more: Count,
	}),
	/**
	 * One player's own outcome; points, total and rank are left out without scoring. Sent again
	 * when the host accepts the player's answer (`accepted`), with the new points and rank.
	 */
	v.strictObject({
		type: v.literal('result'),
		index: Count,
		answered: v.boolean(),
		correct: v.boolean(),
		accepted: v.optional(v.boolean()),
		points: v.optional(Count),
		total: v.optional(Count),
		rank: v.optional(Count),
		/** Another player has the same score: "tied for 1st", not "number 1". */
		tied: v.optional(v.boolean()),
		team: v.optional(TeamPlace),
	}),
	/** `teams`: team mode's standings, best first (only teams with players). */
	v.strictObject({
		type: v.literal('leaderboard'),
		top: v.array(Standing),
		teams: v.optional(v.array(TeamStanding)),
	}),
	v.strictObject({
		type: v.literal('end'),
		podium: v.array(Standing),
		teams: v.optional(v.array(TeamStanding)),
		you: v.optional(
			v.strictObject({
				score: v.optional(Count),
				rank: v.optional(Count),
				tied: v.optional(v.boolean()),
				correct: Count,
				questions: Count,
				team: v.optional(TeamPlace),
			}),
		),
	}),
	v.strictObject({ type: v.literal('kicked') }),
]);
export type LiveEvent = v.InferOutput<typeof LiveEvent>;
export type LiveEventOf<T extends LiveEvent['type']> = Extract<LiveEvent, { type: T }>;
