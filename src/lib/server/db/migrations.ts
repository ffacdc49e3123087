/**
 * Versioned migrations, run at start on either database. They are code, not files found at run
 * time, so the built server carries them. Never edit a shipped migration: add the next one.
 * Each must work on SQLite and on PostgreSQL (tests/server/migrations.test.ts runs both).
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { authMigrations } from '../auth/tables.ts';
import type { DatabaseKind } from './connection.ts';

/** Names sort in the order they run. */
export function migrations(kind: DatabaseKind): Record<string, Migration> {
	return {
		...authMigrations,
		'0002-sync-store': syncStore(kind),
		'0003-live-games': liveGames(kind),
		'0004-live-leases': liveLeases(kind),
		'0005-live-counters': liveCounters(kind),
		'0006-live-events': liveEvents(kind),
		'0007-classes': classes(kind),
		'0008-class-assignments': classAssignments(kind),
		'0009-class-games': classGames(kind),
	};
}

/**
 * Live games hosted for a class, as they ended (src/lib/server/classes/class-games.ts):
 * `class_game` the game (its decks and the questions it asked, JSON), `class_game_seat` each
 * student's totals (right answers apart from the game's points), `class_game_answer` each of
 * their answers, which class mastery counts with homework's. Foreign keys remove them with their
 * class or seat, as assignments' are.
 */
function classGames(kind: DatabaseKind): Migration {
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	const double = kind === 'postgres' ? 'double precision' : 'real';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('class_game')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('class_id', 'text', (c) =>
					c.notNull().references('class.id').onDelete('cascade'),
				)
				.addColumn('code', 'text', (c) => c.notNull())
				.addColumn('decks', 'text', (c) => c.notNull())
				.addColumn('question_ids', 'text', (c) => c.notNull())
				.addColumn('played_at', bigint, (c) => c.notNull())
				.addColumn('ended_at', bigint, (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('class_game_by_class')
				.on('class_game')
				.columns(['class_id', 'played_at'])
				.execute();
			await db.schema
				.createTable('class_game_seat')
				.addColumn('game_id', 'text', (c) =>
					c.notNull().references('class_game.id').onDelete('cascade'),
				)
				.addColumn('seat_id', 'text', (c) =>
					c.notNull().references('class_seat.id').onDelete('cascade'),
				)
				.addColumn('answered', 'integer', (c) => c.notNull())
				.addColumn('right_count', double, (c) => c.notNull())
				.addColumn('points', 'integer', (c) => c.notNull())
				.addPrimaryKeyConstraint('class_game_seat_key', ['game_id', 'seat_id'])
				.execute();
			await db.schema
				.createIndex('class_game_seat_by_seat')
				.on('class_game_seat')
				.column('seat_id')
				.execute();
			await db.schema
				.createTable('class_game_answer')
				.addColumn('game_id', 'text', (c) =>
					c.notNull().references('class_game.id').onDelete('cascade'),
				)
				.addColumn('seat_id', 'text', (c) =>
					c.notNull().references('class_seat.id').onDelete('cascade'),
				)
				.addColumn('question_id', 'text', (c) => c.notNull())
				// In the bank's positions (JSON); null when it could not be read back.
				.addColumn('answer', 'text')
				.addColumn('correct', 'integer', (c) => c.notNull())
				.addColumn('score', double, (c) => c.notNull())
				.addColumn('time_ms', 'integer', (c) => c.notNull())
				.addPrimaryKeyConstraint('class_game_answer_key', ['game_id', 'seat_id', 'question_id'])
				.execute();
			await db.schema
				.createIndex('class_game_answer_by_seat')
				.on('class_game_answer')
				.column('seat_id')
				.execute();
		},
	};
}

/**
 * Assignments of a class and their students' answers (src/lib/server/classes/assignments.ts).
 * `class_assignment` freezes the practice test it is (`questions`, JSON, with its seed) and the
 * question ids that test gives, or the spaced review it is (`kind` 'review': `questions` holds
 * the bank, paragraphs and target, `question_ids` the bank's questions citing the paragraphs),
 * and holds the typed texts the teacher accepted per question
 * (`accepted`, JSON). `class_answer` keeps a student's first answer to each question (its key
 * makes a resent answer a no-op) with the server's verdict; `class_attempt` holds each student's
 * totals in the assignment, kept with the answers (the dashboard and the gradebook read 6,000 of
 * these rather than 120,000 answers), and when the student finished; in a review, the highest
 * mastery the student's device reported and when the target was reached. Foreign keys remove the answers with their assignment or seat, and the assignments
 * with their class, whoever deletes them (SQLite enforces them: connection.ts turns them on).
 */
function classAssignments(kind: DatabaseKind): Migration {
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	const double = kind === 'postgres' ? 'double precision' : 'real';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('class_assignment')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('class_id', 'text', (c) =>
					c.notNull().references('class.id').onDelete('cascade'),
				)
				.addColumn('title', 'text', (c) => c.notNull())
				.addColumn('kind', 'text', (c) => c.notNull().defaultTo('questions'))
				.addColumn('questions', 'text', (c) => c.notNull())
				.addColumn('question_ids', 'text', (c) => c.notNull())
				.addColumn('opens_at', bigint, (c) => c.notNull())
				.addColumn('due_at', bigint, (c) => c.notNull())
				.addColumn('show_answers', 'text', (c) => c.notNull())
				.addColumn('accepted', 'text', (c) => c.notNull().defaultTo('{}'))
				.addColumn('created_at', bigint, (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('class_assignment_by_class')
				.on('class_assignment')
				.columns(['class_id', 'due_at'])
				.execute();
			await db.schema
				.createTable('class_answer')
				.addColumn('assignment_id', 'text', (c) =>
					c.notNull().references('class_assignment.id').onDelete('cascade'),
				)
				.addColumn('seat_id', 'text', (c) =>
					c.notNull().references('class_seat.id').onDelete('cascade'),
				)
				.addColumn('question_id', 'text', (c) => c.notNull())
				// The answer as sent (JSON), null when the student skipped the question.
				.addColumn('answer', 'text')
				.addColumn('correct', 'integer', (c) => c.notNull())
				.addColumn('score', double, (c) => c.notNull())
				.addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('time_ms', 'integer', (c) => c.notNull())
				.addColumn('answered_at', bigint, (c) => c.notNull())
				.addColumn('received_at', bigint, (c) => c.notNull())
				.addColumn('late', 'integer', (c) => c.notNull())
				// Also the index an assignment's answers, and a student's in it, are read by.
				.addPrimaryKeyConstraint('class_answer_key', ['assignment_id', 'seat_id', 'question_id'])
				.execute();
			// A seat's answers are found (and, with it, deleted) by this one.
			await db.schema
				.createIndex('class_answer_by_seat')
				.on('class_answer')
				.column('seat_id')
				.execute();
			await db.schema
				.createTable('class_attempt')
				.addColumn('assignment_id', 'text', (c) =>
					c.notNull().references('class_assignment.id').onDelete('cascade'),
				)
				.addColumn('seat_id', 'text', (c) =>
					c.notNull().references('class_seat.id').onDelete('cascade'),
				)
				.addColumn('answered', 'integer', (c) => c.notNull())
				.addColumn('score', double, (c) => c.notNull())
				.addColumn('late', 'integer', (c) => c.notNull())
				// The first answer received; null when the student finished without answering.
				.addColumn('started_at', bigint)
				.addColumn('finished_at', bigint)
				// A spaced review's: the highest mastery reported (0 to 1), the latest report.
				.addColumn('mastery', double)
				.addColumn('reported_at', bigint)
				.addPrimaryKeyConstraint('class_attempt_key', ['assignment_id', 'seat_id'])
				.execute();
			await db.schema
				.createIndex('class_attempt_by_seat')
				.on('class_attempt')
				.column('seat_id')
				.execute();
		},
	};
}

/**
 * Teachers' classes (src/lib/server/classes/store.ts): each class with its code, and each
 * student's seat in it with the SHA-256 hash of the seat's token (never the token). `class_teacher`
 * holds a teacher's account name, which students see beside the class's; creating a class locks
 * its row, so the teacher's count of classes is exact. A seat's `seq` is its place in the class's
 * join order, given under the class's lock.
 */
function classes(kind: DatabaseKind): Migration {
	// Milliseconds since the epoch pass 2^31.
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('class_teacher')
				.addColumn('user_id', 'text', (c) => c.primaryKey())
				.addColumn('name', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('class')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('teacher_id', 'text', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('code', 'text', (c) => c.notNull().unique())
				.addColumn('joining_open', 'integer', (c) => c.notNull().defaultTo(1))
				.addColumn('created_at', bigint, (c) => c.notNull())
				.execute();
			await db.schema.createIndex('class_by_teacher').on('class').column('teacher_id').execute();
			await db.schema
				.createTable('class_seat')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('class_id', 'text', (c) => c.notNull())
				.addColumn('seq', 'integer', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('token_hash', 'text', (c) => c.notNull().unique())
				.addColumn('user_id', 'text')
				.addColumn('joined_at', bigint, (c) => c.notNull())
				// Also the index a class's seats are found by (its first column), in join order.
				.addUniqueConstraint('class_seat_order', ['class_id', 'seq'])
				.execute();
			await db.schema
				.createIndex('class_seat_by_user')
				.on('class_seat')
				.column('user_id')
				.execute();
		},
	};
}

/**
 * Each live game's event log (src/lib/server/live/event-log.ts), written before its events are
 * sent, so a screen resumes exactly on whichever instance runs the game next. One row per batch
 * of events sent together (a class's results are one row, not 2,000): `seq` is the batch's last
 * event, `first` its first, `events` the batch as JSON. Old rows go as the log forgets them.
 */
function liveEvents(kind: DatabaseKind): Migration {
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('live_event')
				.addColumn('code', 'text', (c) => c.notNull())
				.addColumn('seq', bigint, (c) => c.notNull())
				.addColumn('first', bigint, (c) => c.notNull())
				.addColumn('tag', 'text', (c) => c.notNull())
				.addColumn('events', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('live_event_pk', ['code', 'seq'])
				.execute();
		},
	};
}

/**
 * The live classroom's rate limits, counted across instances (src/lib/server/live/shared-counters.ts):
 * one row per limit, window and client address, gone when the window has ended.
 */
function liveCounters(kind: DatabaseKind): Migration {
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('live_counter')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('count', bigint, (c) => c.notNull())
				.addColumn('expires_at', bigint, (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('live_counter_expiry')
				.on('live_counter')
				.column('expires_at')
				.execute();
		},
	};
}

/** The per-user change feed of sync (src/lib/server/sync/store.ts) and its per-user counters. */
function syncStore(kind: DatabaseKind): Migration {
	// Sequence numbers pass 2^31 only after years of a busy account, but cost nothing to widen now.
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	// HLCs compare as plain strings; PostgreSQL's default collation would not compare them byte
	// by byte (it ignores punctuation at first), so the column says how.
	const hlc = kind === 'postgres' ? sql`text collate "C"` : sql`text`;
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('sync_user')
				.addColumn('user_id', 'text', (c) => c.primaryKey())
				.addColumn('last_seq', bigint, (c) => c.notNull())
				.addColumn('row_count', bigint, (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('sync_change')
				.addColumn('user_id', 'text', (c) => c.notNull())
				.addColumn('space', 'text', (c) => c.notNull())
				.addColumn('key', 'text', (c) => c.notNull())
				.addColumn('type', 'text', (c) => c.notNull())
				.addColumn('seq', bigint, (c) => c.notNull())
				.addColumn('hlc', hlc)
				.addColumn('data', 'text')
				.addPrimaryKeyConstraint('sync_change_pk', ['user_id', 'space', 'key'])
				.addUniqueConstraint('sync_change_seq', ['user_id', 'seq'])
				.execute();
		},
	};
}

/**
 * The live classroom's games (src/lib/server/live/store.ts): each game's snapshot, the hashes of
 * its tokens, its players as they joined and its answers, one row each. `seq` keeps the order
 * players and answers were saved in, which a restored game lists them by.
 */
function liveGames(kind: DatabaseKind): Migration {
	// Milliseconds since the epoch pass 2^31; so would the order of every answer ever saved.
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	// SQLite's `integer primary key` is the rowid: it rises with each insert, as bigserial does.
	const ordered = kind === 'postgres' ? 'bigserial' : 'integer';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('live_game')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('state', 'text', (c) => c.notNull())
				.addColumn('updated_at', bigint, (c) => c.notNull())
				.addColumn('ended', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
			await db.schema
				.createTable('live_token')
				.addColumn('code', 'text', (c) => c.notNull())
				.addColumn('hash', 'text', (c) => c.notNull())
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('player_id', 'text')
				.addPrimaryKeyConstraint('live_token_pk', ['code', 'hash'])
				.execute();
			await db.schema
				.createTable('live_player')
				.addColumn('seq', ordered, (c) => c.primaryKey())
				.addColumn('code', 'text', (c) => c.notNull())
				.addColumn('player_id', 'text', (c) => c.notNull())
				.addColumn('record', 'text', (c) => c.notNull())
				.addUniqueConstraint('live_player_once', ['code', 'player_id'])
				.execute();
			await db.schema
				.createTable('live_answer')
				.addColumn('seq', ordered, (c) => c.primaryKey())
				.addColumn('code', 'text', (c) => c.notNull())
				.addColumn('question', 'integer', (c) => c.notNull())
				.addColumn('player_id', 'text', (c) => c.notNull())
				.addColumn('record', 'text', (c) => c.notNull())
				.addUniqueConstraint('live_answer_once', ['code', 'question', 'player_id'])
				.execute();
			if (kind === 'sqlite') await adoptOldLiveTables(db);
		},
	};
}

/**
 * Which instance runs each live game (src/lib/server/live/leases.ts): its owner, the fencing
 * epoch (one higher at each take-over; every write for the game checks it in its own
 * transaction) and when the lease runs out (ms). A table of its own rather than columns on
 * `live_game`: the renewal rewrites every lease an instance holds every few seconds, which on
 * PostgreSQL would copy each game's snapshot row each time; a narrow row is cheap to rewrite and
 * to lock. Games saved before this version get an expired lease nobody holds, so the first
 * instance asked for one takes it.
 */
function liveLeases(kind: DatabaseKind): Migration {
	const bigint = kind === 'postgres' ? 'bigint' : 'integer';
	return {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		up: async (db: Kysely<any>) => {
			await db.schema
				.createTable('live_lease')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('owner', 'text', (c) => c.notNull())
				.addColumn('epoch', bigint, (c) => c.notNull())
				.addColumn('expires_at', bigint, (c) => c.notNull())
				// 1: another instance was asked for the game; its owner hands it over (hub.ts).
				.addColumn('wanted', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
			// The renewal finds an instance's leases by owner.
			await db.schema.createIndex('live_lease_owner').on('live_lease').column('owner').execute();
			await sql`
				insert into live_lease (code, owner, epoch, expires_at)
				select code, '', 0, 0 from live_game
			`.execute(db);
		},
	};
}

/**
 * Before 0003, the live classroom kept its games in tables of its own in the same SQLite file
 * (`games`, `tokens`, `players`, `answers`, created on first use). A teacher who upgrades in the
 * middle of a game keeps it: its rows move to the new tables, players and answers in the order
 * they were saved (their rowid), and the old tables go. PostgreSQL never had them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the old tables are not in the schema
async function adoptOldLiveTables(db: Kysely<any>) {
	const { rows } = await sql<{ name: string }>`
		select name from sqlite_master
		where type = 'table' and name in ('games', 'tokens', 'players', 'answers')
	`.execute(db);
	const old = new Set(rows.map((r) => r.name));
	if (old.has('games')) {
		await sql`
			insert into live_game (code, state, updated_at, ended)
			select code, state, updated_at, ended from games
		`.execute(db);
	}
	if (old.has('tokens')) {
		await sql`
			insert into live_token (code, hash, role, player_id)
			select code, hash, role, player_id from tokens
		`.execute(db);
	}
	if (old.has('players')) {
		await sql`
			insert into live_player (code, player_id, record)
			select code, player_id, record from players order by rowid
		`.execute(db);
	}
	if (old.has('answers')) {
		await sql`
			insert into live_answer (code, question, player_id, record)
			select code, question, player_id, record from answers order by rowid
		`.execute(db);
	}
	for (const table of old) await db.schema.dropTable(table).execute();
}

export class MigrationError extends Error {
	constructor(
		readonly migration: string | undefined,
		cause: unknown,
	) {
		super(`database migration ${migration ?? '(unknown)'} failed: ${String(cause)}`, { cause });
		this.name = 'MigrationError';
	}
}

/**
 * Brings the database up to date. Kysely runs the pending migrations in one transaction, so when
 * one fails none of this start's migrations stay: the error names the one that failed.
 */
export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
	db: Kysely<any>,
	kind: DatabaseKind,
	list: Record<string, Migration> = migrations(kind),
): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => list },
		// Kysely's own bookkeeping tables, named so they do not clash with anything else.
		migrationTableName: 'kioku_migration',
		migrationLockTableName: 'kioku_migration_lock',
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		throw new MigrationError(failed?.migrationName, result.error);
	}
	return result;
}
