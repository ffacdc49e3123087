/**
 * Live games hosted for a class: who may host one (the class's teacher), which seat a joining
 * phone is (by the seat tokens it holds, or the account the seat is linked to), and the results
 * each game leaves in the class when it ends (see $lib/classes/live-results), which the teacher's
 * class page, the gradebook and class mastery read.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ClassGameResults } from '../../classes/live-results.ts';
import type { ClassGameSummary } from '../../classes/protocol.ts';
import type { ServerSchema } from '../db/schema.ts';
import { teachersClass } from './store.ts';

type Db = Kysely<ServerSchema>;

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const CHUNK = 1000;

/** The classroom's view of classes (the live hub's `classes` option). */
export interface LiveClasses {
	/** Whether this account teaches the class: only its teacher may host a game for it. */
	teaches(userId: string, classId: string): Promise<boolean>;
	/** The class's seat held by one of these token hashes or linked to this account. */
	seatOf(
		classId: string,
		tokenHashes: readonly string[],
		userId: string | null,
	): Promise<{ id: string; name: string } | undefined>;
	/** The names on the class's roster (a guest may not take one). */
	rosterNames(classId: string): Promise<string[]>;
	/**
	 * Writes a game's results, replacing what was written for it before (a typed answer the host
	 * accepted after the end). Students who left the class meanwhile are not written; nothing is
	 * when the class was deleted.
	 */
	record(results: ClassGameResults): Promise<void>;
}

/** "Download my data": the games of the classes one teaches, and one's own results in others'. */
export interface ClassGameUserExport {
	hosted: (ClassGameSummary & { classId: string })[];
	played: {
		seatId: string;
		gameId: string;
		playedAt: number;
		questions: number;
		answered: number;
		right: number;
		points: number;
		answers: { questionId: string; answer: unknown; correct: boolean; timeMs: number }[];
	}[];
}

export interface ClassGameStore extends LiveClasses {
	/** The class's games, newest first; undefined when it is not this teacher's class. */
	list(teacherId: string, classId: string): Promise<ClassGameSummary[] | undefined>;
	exportUser(userId: string): Promise<ClassGameUserExport>;
	/** The games of the account's classes, and its own results in other teachers' games. */
	deleteUser(userId: string): Promise<void>;
}

/** A JSON list of strings as stored; anything else reads as none. */
export const stringList = (json: string): string[] => {
	try {
		const list: unknown = JSON.parse(json);
		return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
};

/** A class's games, oldest first, each with its students' totals by seat (gradebook and page). */
export async function classGamesOf(db: Db, classId: string) {
	const [games, seats] = await Promise.all([
		db
			.selectFrom('class_game')
			.select(['id', 'code', 'decks', 'question_ids', 'played_at', 'ended_at'])
			.where('class_id', '=', classId)
			.orderBy('played_at')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('class_game_seat')
			.innerJoin('class_game', 'class_game.id', 'class_game_seat.game_id')
			.select([
				'class_game_seat.game_id as gameId',
				'class_game_seat.seat_id as seatId',
				'class_game_seat.answered as answered',
				'class_game_seat.right_count as right',
				'class_game_seat.points as points',
			])
			.where('class_game.class_id', '=', classId)
			.execute(),
	]);
	return games.map((g) => ({
		id: g.id,
		code: g.code,
		decks: stringList(g.decks),
		questions: stringList(g.question_ids).length,
		playedAt: Number(g.played_at),
		endedAt: Number(g.ended_at),
		bySeat: new Map(
			seats
				.filter((s) => s.gameId === g.id)
				.map((s) => [
					s.seatId,
					{ answered: Number(s.answered), right: Number(s.right), points: Number(s.points) },
				]),
		),
	}));
}

export function createClassGameStore(db: Db): ClassGameStore {
	return {
		async teaches(userId, classId) {
			return (await teachersClass(db, userId, classId)) !== undefined;
		},

		async seatOf(classId, tokenHashes, userId) {
			if (tokenHashes.length === 0 && userId === null) return undefined;
			const row = await db
				.selectFrom('class_seat')
				.select(['id', 'name'])
				.where('class_id', '=', classId)
				.where((eb) => {
					const held = [];
					if (tokenHashes.length > 0) held.push(eb('token_hash', 'in', [...tokenHashes]));
					if (userId !== null) held.push(eb('user_id', '=', userId));
					return eb.or(held);
				})
				.orderBy('seq')
				.limit(1)
				.executeTakeFirst();
			return row;
		},

		async rosterNames(classId) {
			const rows = await db
				.selectFrom('class_seat')
				.select('name')
				.where('class_id', '=', classId)
				.execute();
			return rows.map((r) => r.name);
		},

		async record(results) {
			await db.transaction().execute(async (trx) => {
				const cls = await trx
					.selectFrom('class')
					.select('id')
					.where('id', '=', results.classId)
					.executeTakeFirst();
				if (!cls) return;
				// Written again (an accept after the end): it still ended when it first did.
				const before = await trx
					.selectFrom('class_game')
					.select('ended_at')
					.where('id', '=', results.id)
					.executeTakeFirst();
				// Its answers and totals go with it (foreign keys), and are written again below.
				await trx.deleteFrom('class_game').where('id', '=', results.id).execute();
				await trx
					.insertInto('class_game')
					.values({
						id: results.id,
						class_id: results.classId,
						code: results.code,
						decks: JSON.stringify(results.decks),
						question_ids: JSON.stringify(results.questionIds),
						played_at: results.playedAt,
						ended_at: before ? Number(before.ended_at) : results.endedAt,
					})
					.execute();
				const wanted = [...new Set(results.seats.map((s) => s.seatId))];
				const present = new Set<string>();
				for (let i = 0; i < wanted.length; i += CHUNK) {
					const rows = await trx
						.selectFrom('class_seat')
						.select('id')
						.where('class_id', '=', results.classId)
						.where('id', 'in', wanted.slice(i, i + CHUNK))
						.execute();
					for (const r of rows) present.add(r.id);
				}
				const seats = results.seats.filter((s) => present.has(s.seatId));
				for (let i = 0; i < seats.length; i += CHUNK) {
					await trx
						.insertInto('class_game_seat')
						.values(
							seats.slice(i, i + CHUNK).map((s) => ({
								game_id: results.id,
								seat_id: s.seatId,
								answered: s.answered,
								right_count: s.right,
								points: s.points,
							})),
						)
						.execute();
				}
				const answers = results.answers.filter((a) => present.has(a.seatId));
				for (let i = 0; i < answers.length; i += CHUNK) {
					await trx
						.insertInto('class_game_answer')
						.values(
							answers.slice(i, i + CHUNK).map((a) => ({
								game_id: results.id,
								seat_id: a.seatId,
								question_id: a.questionId,
								answer: a.answer === null ? null : JSON.stringify(a.answer),
								correct: a.correct ? 1 : 0,
								score: a.score,
								time_ms: a.timeMs,
							})),
						)
						.execute();
				}
			});
		},

		async list(teacherId, classId) {
			if (!(await this.teaches(teacherId, classId))) return undefined;
			return summaries(classId);
		},

		async exportUser(userId) {
			const classes = await db
				.selectFrom('class')
				.select('id')
				.where('teacher_id', '=', userId)
				.orderBy('created_at')
				.orderBy('id')
				.execute();
			const hosted = [];
			for (const { id } of classes)
				for (const game of await summaries(id)) hosted.push({ ...game, classId: id });
			const seats = await db
				.selectFrom('class_game_seat as t')
				.innerJoin('class_seat as s', 's.id', 't.seat_id')
				.innerJoin('class_game as g', 'g.id', 't.game_id')
				.select([
					't.seat_id',
					't.game_id',
					'g.played_at',
					'g.question_ids',
					't.answered',
					't.right_count',
					't.points',
				])
				.where('s.user_id', '=', userId)
				.orderBy('g.played_at')
				.orderBy('t.game_id')
				.execute();
			const answers = await db
				.selectFrom('class_game_answer as x')
				.innerJoin('class_seat as s', 's.id', 'x.seat_id')
				.select(['x.seat_id', 'x.game_id', 'x.question_id', 'x.answer', 'x.correct', 'x.time_ms'])
				.where('s.user_id', '=', userId)
				.execute();
			const played = seats.map((t) => ({
				seatId: t.seat_id,
				gameId: t.game_id,
				playedAt: Number(t.played_at),
				questions: stringList(t.question_ids).length,
				answered: Number(t.answered),
				right: Number(t.right_count),
				points: Number(t.points),
				answers: answers
					.filter((x) => x.seat_id === t.seat_id && x.game_id === t.game_id)
					.map((x) => ({
						questionId: x.question_id,
						answer: x.answer === null ? null : (JSON.parse(x.answer) as unknown),
						correct: x.correct === 1,
						timeMs: Number(x.time_ms),
					})),
			}));
			return { hosted, played };
		},

		async deleteUser(userId) {
			await db.transaction().execute(async (trx) => {
				const own = (
					eb: ExpressionBuilder<ServerSchema, 'class_game_seat' | 'class_game_answer'>,
				) => eb.selectFrom('class_seat').select('id').where('user_id', '=', userId);
				await trx.deleteFrom('class_game_answer').where('seat_id', 'in', own).execute();
				await trx.deleteFrom('class_game_seat').where('seat_id', 'in', own).execute();
				// A taught class's games (their rows go with them).
				await trx
					.deleteFrom('class_game')
					.where('class_id', 'in', (eb) =>
						eb.selectFrom('class').select('id').where('teacher_id', '=', userId),
					)
					.execute();
			});
		},
	};

	/** The class's games for its teacher, newest first. */
	async function summaries(classId: string): Promise<ClassGameSummary[]> {
		const [games, seats] = await Promise.all([
			classGamesOf(db, classId),
			db
				.selectFrom('class_seat')
				.select(['id', 'name', 'joined_at'])
				.where('class_id', '=', classId)
				.orderBy('seq')
				.execute(),
		]);
		return games.reverse().map((g) => ({
			id: g.id,
			code: g.code,
			decks: g.decks,
			questions: g.questions,
			playedAt: g.playedAt,
			endedAt: g.endedAt,
			students: seats
				.filter((s) => g.bySeat.has(s.id))
				.map((s) => ({ seatId: s.id, name: s.name, ...g.bySeat.get(s.id)! }))
				.sort((a, b) => b.right - a.right || b.points - a.points),
			// Those in the class when the game ended; a student who joined later was not absent.
			absent: seats
				.filter((s) => !g.bySeat.has(s.id) && Number(s.joined_at) <= g.endedAt)
				.map((s) => s.name),
		}));
	}
}
