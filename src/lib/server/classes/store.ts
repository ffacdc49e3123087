/**
 * Teachers' classes and their students' seats in the server's database (SQLite or PostgreSQL,
 * the same queries). Every query of a teacher's names the teacher, so no class or seat id a
 * client sends reaches another teacher's rows; a student's seat is reached through its token's
 * hash or the account it is linked to (the rules are in $lib/classes/rules).
 *
 * Locks. Creating a class first writes its teacher's row, and a join or a student's rename
 * first makes a no-op update of the class's row: on PostgreSQL that locks the row until the
 * transaction ends, on SQLite it takes the write lock. So two creations by one teacher count
 * the teacher's classes one after the other, and two joins to one class see each other's names
 * and seats: the limits are exact and two students never get the same name. Deleting takes the
 * same rows first (the teacher's, the class's), so a class made or joined meanwhile is deleted
 * too rather than left without its teacher or its class.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
	newClassCode,
	type ClassRoster,
	type ClassSummary,
	type SeatSummary,
	type SeatView,
} from '../../classes/protocol.ts';
import {
	holdsSeat,
	joinRefusal,
	mayCreateClass,
	seatRefusal,
	studentNameAmong,
	type SeatCaller,
} from '../../classes/rules.ts';
import { err, ok, type Result } from '../../result.ts';
import type { ServerDatabase } from '../db/connection.ts';
import type { ServerSchema } from '../db/schema.ts';
import { secureRandomInt } from '../live/tokens.ts';

export interface Teacher {
	id: string;
	/** The account's name, shown to the class's students. */
	name: string;
}

/** What changes a class: either or both. */
export interface ClassChange {
	name?: string;
	joiningOpen?: boolean;
}

/** Everything the store holds about one account (for "download my data"). */
export interface ClassUserExport {
	/** The classes the account teaches, each with its code and its students. */
	teaching: ClassRoster[];
	/** The seats linked to the account, in classes of any teacher. */
	seats: SeatView[];
}

export interface ClassStore {
	createClass(teacher: Teacher, name: string): Promise<Result<ClassSummary, 'too-many-classes'>>;
	/** The teacher's classes, in the order they were made. */
	listClasses(teacherId: string): Promise<ClassSummary[]>;
	/** The class with its students in join order; undefined when it is not this teacher's. */
	roster(teacherId: string, classId: string): Promise<ClassRoster | undefined>;
	updateClass(
		teacherId: string,
		classId: string,
		change: ClassChange,
	): Promise<ClassSummary | undefined>;
	/** Deletes the class and its seats; false when it is not this teacher's. */
	deleteClass(teacherId: string, classId: string): Promise<boolean>;
	/** Renames a student (numbered when another student's name looks the same). */
	renameSeat(
		teacherId: string,
		classId: string,
		seatId: string,
		name: string,
	): Promise<SeatSummary | undefined>;
	removeSeat(teacherId: string, classId: string, seatId: string): Promise<boolean>;
	/** A new seat in the class of `code`, holding the token hashed as `tokenHash`. */
	join(
		code: string,
		name: string,
		tokenHash: string,
	): Promise<Result<SeatView, 'not-found' | 'joining-closed' | 'class-full'>>;
	/** The seats of these token hashes, and those linked to the account when there is one. */
	seatsOf(tokenHashes: readonly string[], userId: string | null): Promise<SeatView[]>;
	/** Deletes the seat (the student leaves), when the caller holds it. */
	leave(seatId: string, caller: SeatCaller): Promise<Result<true, 'no-seat' | 'not-found'>>;
	/** Links the seat to the caller's account; needs the seat's own token. */
	link(
		seatId: string,
		caller: { tokenHash: string | null; userId: string },
	): Promise<Result<SeatView, 'no-seat' | 'not-found'>>;
	/** The classes the account teaches (and their seats) and the seats linked to it go. */
	deleteUser(userId: string): Promise<void>;
	exportUser(userId: string): Promise<ClassUserExport>;
}

export interface ClassStoreOptions {
	/** ms since the epoch (default Date.now). */
	now?: () => number;
}

type Db = Kysely<ServerSchema>;

/** 96 random bits: ids go in URLs, and are never the only thing that lets anyone in. */
const newId = (): string => randomBytes(12).toString('base64url');

/** A code taken by another class is drawn again; with 2⁴⁰ codes, more than once is rare. */
const CODE_ATTEMPTS = 20;

interface ClassRow {
	id: string;
	name: string;
	code: string;
	joining_open: number;
	created_at: number | string;
}

const summaryOf = (row: ClassRow, students: number): ClassSummary => ({
	id: row.id,
	name: row.name,
	code: row.code,
	joiningOpen: row.joining_open === 1,
	students,
	createdAt: Number(row.created_at),
});

interface SeatRow {
	id: string;
	name: string;
	joined_at: number | string;
	user_id: string | null;
}

const seatSummaryOf = (row: SeatRow): SeatSummary => ({
	id: row.id,
	name: row.name,
	joinedAt: Number(row.joined_at),
	linked: row.user_id !== null,
});

const CLASS_COLUMNS = ['id', 'name', 'code', 'joining_open', 'created_at'] as const;

/** A seat as its student sees it: with its class's name and its teacher's. */
function seatViews(db: Db) {
	return db
		.selectFrom('class_seat as s')
		.innerJoin('class as c', 'c.id', 's.class_id')
		.innerJoin('class_teacher as t', 't.user_id', 'c.teacher_id')
		.select([
			's.id as seatId',
			'c.id as classId',
			'c.name as className',
			't.name as teacherName',
			's.name as name',
			's.joined_at as joinedAt',
			's.user_id as userId',
		]);
}

type SeatViewRow = {
	seatId: string;
	classId: string;
	className: string;
	teacherName: string;
	name: string;
	joinedAt: number | string;
	userId: string | null;
};

const seatViewOf = ({ userId, joinedAt, ...row }: SeatViewRow): SeatView => ({
	...row,
	joinedAt: Number(joinedAt),
	linked: userId !== null,
});

/**
 * The class's row, found by its code (a join) or by its id and teacher, locked until the
 * transaction ends (see the module's comment).
 */
function lockClass(
	trx: Transaction<ServerSchema>,
	which: { code: string } | { id: string; teacherId: string },
) {
	let query = trx.updateTable('class').set((eb) => ({ joining_open: eb.ref('joining_open') }));
	query =
		'code' in which
			? query.where('code', '=', which.code)
			: query.where('id', '=', which.id).where('teacher_id', '=', which.teacherId);
	return query.returning(CLASS_COLUMNS).executeTakeFirst();
}

/**
 * The seat when the caller holds it, else the refusal: `not-found` for a caller who holds some
 * other seat, as for a seat that does not exist (see seatRefusal). The assignment store finds a
 * student's seat by it too.
 */
export async function heldSeat(
	db: Db,
	seatId: string,
	caller: SeatCaller,
	withToken: boolean,
): Promise<Result<{ id: string; classId: string }, 'no-seat' | 'not-found'>> {
	const seat = await db
		.selectFrom('class_seat')
		.select(['id', 'class_id', 'token_hash', 'user_id'])
		.where('id', '=', seatId)
		.executeTakeFirst();
	if (seat && holdsSeat({ tokenHash: seat.token_hash, userId: seat.user_id }, caller, withToken))
		return ok({ id: seat.id, classId: seat.class_id });
	const tokenHash = caller.tokenHash;
	const userId = withToken ? null : caller.userId;
	if (tokenHash === null && userId === null) return err('no-seat');
	const any = await db
		.selectFrom('class_seat')
		.select('id')
		.where((eb) => {
			const held = [];
			if (tokenHash !== null) held.push(eb('token_hash', '=', tokenHash));
			if (userId !== null) held.push(eb('user_id', '=', userId));
			return eb.or(held);
		})
		.limit(1)
		.executeTakeFirst();
	return err(seatRefusal(any !== undefined));
}

/** The class when it is this teacher's (its id and name), else undefined: the teacher's every read asks. */
export function teachersClass(db: Db, teacherId: string, classId: string) {
	return db
		.selectFrom('class')
		.select(['id', 'name'])
		.where('id', '=', classId)
		.where('teacher_id', '=', teacherId)
		.executeTakeFirst();
}

export function createClassStore(
	database: ServerDatabase,
	options: ClassStoreOptions = {},
): ClassStore {
	const db: Db = database.kysely;
	const now = options.now ?? Date.now;

	/** How many students each class has. */
	async function studentCounts(classIds: string[]): Promise<Map<string, number>> {
		if (classIds.length === 0) return new Map();
		const rows = await db
			.selectFrom('class_seat')
			.select((eb) => ['class_id', eb.fn.countAll<number | string>().as('students')])
			.where('class_id', 'in', classIds)
			.groupBy('class_id')
			.execute();
		return new Map(rows.map((r) => [r.class_id, Number(r.students)]));
	}

	async function rosterOf(row: ClassRow): Promise<ClassRoster> {
		const seats = await db
			.selectFrom('class_seat')
			.select(['id', 'name', 'joined_at', 'user_id'])
			.where('class_id', '=', row.id)
			.orderBy('seq')
			.execute();
		return { ...summaryOf(row, seats.length), seats: seats.map(seatSummaryOf) };
	}

	async function seatView(seatId: string): Promise<SeatView | undefined> {
		const row = await seatViews(db).where('s.id', '=', seatId).executeTakeFirst();
		return row && seatViewOf(row);
	}

	async function seatsOf(
		tokenHashes: readonly string[],
		userId: string | null,
	): Promise<SeatView[]> {
		if (tokenHashes.length === 0 && userId === null) return [];
		const rows = await seatViews(db)
			.where((eb) => {
				const held = [];
				if (tokenHashes.length > 0) held.push(eb('s.token_hash', 'in', tokenHashes));
				if (userId !== null) held.push(eb('s.user_id', '=', userId));
				return eb.or(held);
			})
			.orderBy('s.joined_at')
			.orderBy('s.id')
			.execute();
		return rows.map(seatViewOf);
	}

	return {
		async createClass(teacher, name) {
			return db.transaction().execute(async (trx) => {
				// The teacher's row, its name brought up to date, locked until the class is made.
				await trx
					.insertInto('class_teacher')
					.values({ user_id: teacher.id, name: teacher.name })
					.onConflict((oc) => oc.column('user_id').doUpdateSet({ name: teacher.name }))
					.execute();
				const { held } = await trx
					.selectFrom('class')
					.select((eb) => eb.fn.countAll<number | string>().as('held'))
					.where('teacher_id', '=', teacher.id)
					.executeTakeFirstOrThrow();
				if (!mayCreateClass(Number(held))) return err('too-many-classes' as const);
				for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
					const row = {
						id: newId(),
						teacher_id: teacher.id,
						name,
						code: newClassCode(secureRandomInt),
						joining_open: 1,
						created_at: now(),
					};
					const added = await trx
						.insertInto('class')
						.values(row)
						.onConflict((oc) => oc.column('code').doNothing())
						.returning('id')
						.executeTakeFirst();
					if (added) return ok(summaryOf(row, 0));
				}
				throw new Error(`No free class code in ${CODE_ATTEMPTS} draws`);
			});
		},

		async listClasses(teacherId) {
			const rows = await db
				.selectFrom('class')
				.select(CLASS_COLUMNS)
				.where('teacher_id', '=', teacherId)
				.orderBy('created_at')
				.orderBy('id')
				.execute();
			const counts = await studentCounts(rows.map((r) => r.id));
			return rows.map((row) => summaryOf(row, counts.get(row.id) ?? 0));
		},

		async roster(teacherId, classId) {
			const row = await db
				.selectFrom('class')
				.select(CLASS_COLUMNS)
				.where('id', '=', classId)
				.where('teacher_id', '=', teacherId)
				.executeTakeFirst();
			return row && rosterOf(row);
		},

		async updateClass(teacherId, classId, change) {
			const set: { name?: string; joining_open?: number } = {};
			if (change.name !== undefined) set.name = change.name;
			if (change.joiningOpen !== undefined) set.joining_open = change.joiningOpen ? 1 : 0;
			const row = await db
				.updateTable('class')
				.set((eb) => ({ joining_open: eb.ref('joining_open'), ...set }))
				.where('id', '=', classId)
				.where('teacher_id', '=', teacherId)
				.returning(CLASS_COLUMNS)
				.executeTakeFirst();
			if (!row) return undefined;
			return summaryOf(row, (await studentCounts([row.id])).get(row.id) ?? 0);
		},

		async deleteClass(teacherId, classId) {
			return db.transaction().execute(async (trx) => {
				const gone = await trx
					.deleteFrom('class')
					.where('id', '=', classId)
					.where('teacher_id', '=', teacherId)
					.returning('id')
					.executeTakeFirst();
				if (!gone) return false;
				await trx.deleteFrom('class_seat').where('class_id', '=', classId).execute();
				return true;
			});
		},

		async renameSeat(teacherId, classId, seatId, name) {
			return db.transaction().execute(async (trx) => {
				const cls = await lockClass(trx, { id: classId, teacherId });
				if (!cls) return undefined;
				const seats = await trx
					.selectFrom('class_seat')
					.select(['id', 'name'])
					.where('class_id', '=', classId)
					.execute();
				if (!seats.some((s) => s.id === seatId)) return undefined;
				const others = seats.filter((s) => s.id !== seatId).map((s) => s.name);
				const row = await trx
					.updateTable('class_seat')
					.set({ name: studentNameAmong(name, others) })
					.where('id', '=', seatId)
					.returning(['id', 'name', 'joined_at', 'user_id'])
					.executeTakeFirstOrThrow();
				return seatSummaryOf(row);
			});
		},

		async removeSeat(teacherId, classId, seatId) {
			const gone = await db
				.deleteFrom('class_seat')
				.where('id', '=', seatId)
				.where('class_id', 'in', (eb) =>
					eb
						.selectFrom('class')
						.select('id')
						.where('id', '=', classId)
						.where('teacher_id', '=', teacherId),
				)
				.executeTakeFirst();
			return gone.numDeletedRows > 0n;
		},

		async join(code, name, tokenHash) {
			const seatId = newId();
			const joined = await db.transaction().execute(async (trx) => {
				const cls = await lockClass(trx, { code });
				if (!cls) return err('not-found' as const);
				const seats = await trx
					.selectFrom('class_seat')
					.select(['name', 'seq'])
					.where('class_id', '=', cls.id)
					.execute();
				const refused = joinRefusal(cls.joining_open === 1, seats.length);
				if (refused) return err(refused);
				await trx
					.insertInto('class_seat')
					.values({
						id: seatId,
						class_id: cls.id,
						seq: Math.max(0, ...seats.map((s) => s.seq)) + 1,
						name: studentNameAmong(
							name,
							seats.map((s) => s.name),
						),
						token_hash: tokenHash,
						user_id: null,
						joined_at: now(),
					})
					.execute();
				return ok(true);
			});
			if (!joined.ok) return joined;
			const view = await seatView(seatId);
			// Left only if the teacher deleted the class in the moment between.
			return view ? ok(view) : err('not-found');
		},

		seatsOf,

		async leave(seatId, caller) {
			const seat = await heldSeat(db, seatId, caller, false);
			if (!seat.ok) return seat;
			await db.deleteFrom('class_seat').where('id', '=', seatId).execute();
			return ok(true);
		},

		async link(seatId, caller) {
			const seat = await heldSeat(db, seatId, caller, true);
			if (!seat.ok) return seat;
			await db
				.updateTable('class_seat')
				.set({ user_id: caller.userId })
				.where('id', '=', seatId)
				.execute();
			const view = await seatView(seatId);
			return view ? ok(view) : err('not-found');
		},

		async deleteUser(userId) {
			await db.transaction().execute(async (trx) => {
				// The teacher's row first: a class being made at this moment is made before, and goes.
				await trx.deleteFrom('class_teacher').where('user_id', '=', userId).execute();
				const classes = await trx
					.deleteFrom('class')
					.where('teacher_id', '=', userId)
					.returning('id')
					.execute();
				if (classes.length > 0) {
					await trx
						.deleteFrom('class_seat')
						.where(
							'class_id',
							'in',
							classes.map((c) => c.id),
						)
						.execute();
				}
				await trx.deleteFrom('class_seat').where('user_id', '=', userId).execute();
			});
		},

		async exportUser(userId) {
			const classes = await db
				.selectFrom('class')
				.select(CLASS_COLUMNS)
				.where('teacher_id', '=', userId)
				.orderBy('created_at')
				.orderBy('id')
				.execute();
			const teaching = await Promise.all(classes.map(rosterOf));
			return { teaching, seats: await seatsOf([], userId) };
		},
	};
}
