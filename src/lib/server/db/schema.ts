/**
 * The tables Kioku's own migrations create, as Kysely sees them. Tables owned by the auth
 * library are not listed here: it reads and writes them itself.
 */
import type { ColumnType } from 'kysely';
import type { AuthTables } from '../auth/tables.ts';

/** PostgreSQL's `bigint` comes back as a string from `pg`, SQLite's integer as a number. */
type BigInteger = ColumnType<number | string, number, number>;

/**
 * One row per thing a user has synced: a review (or, once undone, its tombstone), a register
 * (one last-writer-wins value) or a scheduler config. `seq` is the user's change-feed position:
 * every insert or change of a row gives it the user's next `seq`, so a pull after a cursor
 * sees each row's latest state once.
 */
export interface SyncChangeTable {
	user_id: string;
	/**
	 * `log` (reviews and their tombstones share an id), `register`, `config`, `bank` (an imported
	 * bank or its deletion) or `result` (a practice test's result).
	 */
	space: 'log' | 'register' | 'config' | 'bank' | 'result';
	/** The review's or result's id, or the register's, config's or bank's key. */
	key: string;
	type: 'review' | 'tombstone' | 'register' | 'config' | 'bank' | 'result';
	seq: BigInteger;
	/** Tombstones, registers and banks only; compared byte by byte (`COLLATE "C"` on PostgreSQL). */
	hlc: string | null;
	/** The change's JSON; null for a tombstone (the undone review's data is gone). */
	data: string | null;
}

/** Per user: the last `seq` given out and how many rows they hold (the quota counts those). */
export interface SyncUserTable {
	user_id: string;
	last_seq: BigInteger;
	row_count: BigInteger;
}

/**
 * A live game as last saved, without its answers (they have rows of their own). Games are kept
 * while they are played and a few hours after (the hub deletes idle ones).
 */
export interface LiveGameTable {
	code: string;
	/** The game's state as JSON, answers left out. */
	state: string;
	/** When it was saved (ms since the epoch): a restart restores the games saved recently. */
	updated_at: BigInteger;
	/** 1 once the game has ended, else 0. */
	ended: ColumnType<number, number | undefined, number>;
}

/** The hash of a token of a game: its host's, its join key's, or a player's. */
export interface LiveTokenTable {
	code: string;
	hash: string;
	/** `join`: the game's join key (in the projector's link). */
	role: 'host' | 'player' | 'join';
	player_id: string | null;
}

/** A player as they joined (JSON); the game's snapshot has their later scores. */
export interface LivePlayerTable {
	/** Rises with each player saved: a restored game lists its players in this order. */
	seq: ColumnType<number | string, never, never>;
	code: string;
	player_id: string;
	record: string;
}

/** One player's answer to one question (JSON), replaced in place when the host grades it again. */
export interface LiveAnswerTable {
	/** Rises with each answer saved: a restored game lists its answers in this order. */
	seq: ColumnType<number | string, never, never>;
	code: string;
	question: number;
	player_id: string;
	record: string;
}

/** A rate limit's count for one key (a limit, its window and a client address), shared by instances. */
export interface LiveCounterTable {
	key: string;
	count: BigInteger;
	/** When the window ends (ms since the epoch): the row is deleted after. */
	expires_at: BigInteger;
}

/**
 * Which instance runs a live game: a lease with a fencing epoch. Every write for the game checks
 * `owner` and `epoch` in its own transaction; a take-over raises `epoch`, so an instance that
 * lost the game can never write to it again.
 */
export interface LiveLeaseTable {
	code: string;
	/** The instance id (KIOKU_INSTANCE_ID) holding the game; '' for nobody. */
	owner: string;
	/** One higher at each take-over. */
	epoch: BigInteger;
	/** When the lease runs out unless renewed (ms since the epoch). */
	expires_at: BigInteger;
	/** 1 when another instance was asked for the game: its owner lets it go at its next renewal. */
	wanted: ColumnType<number, number | undefined, number>;
}

/** A batch of a live game's events as they were sent (see migration 0006-live-events). */
export interface LiveEventTable {
	code: string;
	/** The batch's last event id (its number). */
	seq: BigInteger;
	/** The batch's first event id. */
	first: BigInteger;
	/** The game's log tag, the first part of every event id. */
	tag: string;
	/** The batch's events as JSON (see event-journal.ts). */
	events: string;
}

/** A teacher of at least one class: their account name as students see it. */
export interface ClassTeacherTable {
	user_id: string;
	name: string;
}

/** A teacher's class (see migration 0007-classes). */
export interface ClassTable {
	id: string;
	/** The teaching account's id. */
	teacher_id: string;
	name: string;
	/** Eight characters of Crockford's base 32, unique, without the dash. */
	code: string;
	/** 1 while students may join, else 0. */
	joining_open: ColumnType<number, number | undefined, number>;
	created_at: BigInteger;
}

/** A student's seat in a class. */
export interface ClassSeatTable {
	id: string;
	class_id: string;
	/** Its place in the class's join order (1, 2, …; a number left by a removed seat may return). */
	seq: number;
	name: string;
	/** SHA-256 of the seat's token (base64url); the token itself is never stored. */
	token_hash: string;
	/** The student account the seat is linked to, or null. */
	user_id: string | null;
	joined_at: BigInteger;
}

/** An assignment set to a class (see migration 0008-class-assignments). */
export interface ClassAssignmentTable {
	id: string;
	class_id: string;
	title: string;
	/** 'questions' (a practice test) or 'review' (a spaced review). */
	kind: ColumnType<'questions' | 'review', 'questions' | 'review' | undefined, never>;
	/**
	 * What it asks, as JSON: the practice test (`AssignmentQuestions`, with its seed), or the
	 * review (`ReviewSpec`).
	 */
	questions: string;
	/**
	 * The question ids that test gives, in the order asked; a review's: the bank's questions
	 * citing its paragraphs (JSON list).
	 */
	question_ids: string;
	opens_at: BigInteger;
	due_at: BigInteger;
	show_answers: 'immediately' | 'after-due' | 'never';
	/** The typed texts the teacher accepted, per question id (JSON object of lists). */
	accepted: ColumnType<string, string | undefined, string>;
	created_at: BigInteger;
}

/** A student's first answer to one question of an assignment, with the server's verdict. */
export interface ClassAnswerTable {
	assignment_id: string;
	seat_id: string;
	question_id: string;
	/** The answer as sent (JSON); null when skipped. */
	answer: string | null;
	/** 1 when the server graded it right (the teacher's accepted texts included), else 0. */
	correct: number;
	/** 0 to 1. */
	score: number;
	/** 1 when right only by a text the teacher accepted for everyone. */
	accepted: ColumnType<number, number | undefined, number>;
	time_ms: number;
	/** When the device says it took the answer. */
	answered_at: BigInteger;
	/** When the server received it (its own clock). */
	received_at: BigInteger;
	/** 1 when late by `isLate` for the assignment's times (updated when they change). */
	late: number;
}

/**
 * A student's totals in an assignment, kept with their answers (see `refreshTotals` in
 * classes/assignments.ts), and when they finished (the first time their device said so).
 * In a spaced review: `mastery` is the highest the device reported, `answered` 1 once it is
 * above 0, `score` 0, `started_at` and `reported_at` when the first and latest reports came,
 * `finished_at` when the target was first reached (bounded as `isLate` does), `late` whether
 * that was after the deadline.
 */
export interface ClassAttemptTable {
	assignment_id: string;
	seat_id: string;
	answered: number;
	score: number;
	/** 1 when any answer is late (a review: the target reached late). */
	late: number;
	started_at: BigInteger | null;
	finished_at: BigInteger | null;
	mastery: ColumnType<number | null, number | null | undefined, number | null>;
	reported_at: ColumnType<number | string | null, number | null | undefined, number | null>;
}

/** A live game hosted for a class, recorded when it ended (migration 0009). */
export interface ClassGameTable {
	/** classGameId: the join code and when the game was made. */
	id: string;
	class_id: string;
	code: string;
	/** Deck keys, JSON. */
	decks: string;
	/** The questions asked and revealed, in order, JSON. */
	question_ids: string;
	played_at: BigInteger;
	ended_at: BigInteger;
}

export interface ClassGameSeatTable {
	game_id: string;
	seat_id: string;
	answered: number;
	/** Right answers (the host's accepted ones included). */
	right_count: number;
	/** The game's points: speed and streaks. */
	points: number;
}

export interface ClassGameAnswerTable {
	game_id: string;
	seat_id: string;
	question_id: string;
	/** In the bank's positions (JSON), as class_answer keeps homework's. */
	answer: string | null;
	correct: number;
	score: number;
	time_ms: number;
}

export interface ServerSchema extends AuthTables {
	sync_change: SyncChangeTable;
	sync_user: SyncUserTable;
	live_game: LiveGameTable;
	live_token: LiveTokenTable;
	live_player: LivePlayerTable;
	live_answer: LiveAnswerTable;
	live_counter: LiveCounterTable;
	live_lease: LiveLeaseTable;
	live_event: LiveEventTable;
	class_teacher: ClassTeacherTable;
	class: ClassTable;
	class_seat: ClassSeatTable;
	class_assignment: ClassAssignmentTable;
	class_answer: ClassAnswerTable;
	class_attempt: ClassAttemptTable;
	class_game: ClassGameTable;
	class_game_seat: ClassGameSeatTable;
	class_game_answer: ClassGameAnswerTable;
}
