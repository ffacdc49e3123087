/**
 * The assignment store's rows as the rest of the server reads them (its JSON parsed, PostgreSQL's
 * big integers as numbers), and each student's totals in an assignment: kept in `class_attempt`
 * with the answers, so the class's list and gradebook read one row per student and assignment.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
	AssignmentAnswer,
	AssignmentQuestions,
	AssignmentSummary,
	ReviewSpec,
	ShowAnswers,
	StudentStatus,
} from '../../classes/assignment-protocol.ts';
import { roundScore, studentStatus } from '../../classes/gradebook.ts';
import type { ServerSchema } from '../db/schema.ts';

export type Db = Kysely<ServerSchema>;

export const ASSIGNMENT_COLUMNS = [
	'id',
	'class_id',
	'title',
	'kind',
	'questions',
	'question_ids',
	'opens_at',
	'due_at',
	'show_answers',
	'accepted',
	'created_at',
] as const;

export interface AssignmentRow {
	id: string;
	class_id: string;
	title: string;
	kind: 'questions' | 'review';
	questions: string;
	question_ids: string;
	opens_at: number | string;
	due_at: number | string;
	show_answers: ShowAnswers;
	accepted: string;
	created_at: number | string;
}

interface AssignmentBase {
	id: string;
	classId: string;
	title: string;
	/** The test's question ids in the order asked; a review's: the questions it covers. */
	questionIds: string[];
	opensAt: number;
	dueAt: number;
	createdAt: number;
}

/** A stored practice test, its JSON read. */
export interface QuestionsAssignment extends AssignmentBase {
	kind: 'questions';
	questions: AssignmentQuestions;
	showAnswers: ShowAnswers;
	/** Typed texts accepted, per question id. */
	accepted: Record<string, string[]>;
}

/** A stored spaced review. */
export interface ReviewAssignment extends AssignmentBase {
	kind: 'review';
	review: ReviewSpec;
}

export type Assignment = QuestionsAssignment | ReviewAssignment;

export function assignmentOf(row: AssignmentRow): Assignment {
	const base = {
		id: row.id,
		classId: row.class_id,
		title: row.title,
		questionIds: JSON.parse(row.question_ids) as string[],
		opensAt: Number(row.opens_at),
		dueAt: Number(row.due_at),
		createdAt: Number(row.created_at),
	};
	if (row.kind === 'review')
		return { ...base, kind: 'review', review: JSON.parse(row.questions) as ReviewSpec };
	return {
		...base,
		kind: 'questions',
		questions: JSON.parse(row.questions) as AssignmentQuestions,
		showAnswers: row.show_answers,
		accepted: JSON.parse(row.accepted) as Record<string, string[]>,
	};
}

export function summaryOf(
	a: Assignment,
	counts: Record<StudentStatus, number>,
	averageMastery = 0,
): AssignmentSummary {
	const base = {
		id: a.id,
		classId: a.classId,
		title: a.title,
		opensAt: a.opensAt,
		dueAt: a.dueAt,
		createdAt: a.createdAt,
		counts,
	};
	if (a.kind === 'review')
		return {
			...base,
			kind: 'review',
			review: a.review,
			questionCount: a.questionIds.length,
			averageMastery,
		};
	return {
		...base,
		kind: 'questions',
		questions: a.questions,
		questionIds: a.questionIds,
		showAnswers: a.showAnswers,
	};
}

export interface AnswerRow {
	seat_id: string;
	question_id: string;
	answer: string | null;
	correct: number;
	score: number;
	accepted: number;
	time_ms: number;
	answered_at: number | string;
	received_at: number | string;
	late: number;
}

/** What a student's totals are counted from: every column of an answer but the answer itself. */
export const ANSWER_TOTAL_COLUMNS = [
	'seat_id',
	'question_id',
	'correct',
	'score',
	'accepted',
	'time_ms',
	'answered_at',
	'received_at',
	'late',
] as const;

export const ANSWER_COLUMNS = [...ANSWER_TOTAL_COLUMNS, 'answer'] as const;

/** A student's totals in one assignment. */
export interface Progress {
	answered: number;
	score: number;
	late: boolean;
	finished: boolean;
	/** A review's: the highest mastery reported (null before any), when reached, latest report. */
	mastery: number | null;
	finishedAt: number | null;
	startedAt: number | null;
	reportedAt: number | null;
}

export const ATTEMPT_COLUMNS = [
	'answered',
	'score',
	'late',
	'started_at',
	'finished_at',
	'mastery',
	'reported_at',
] as const;

const numberOrNull = (n: number | string | null) => (n === null ? null : Number(n));

export const progressOf = (r: {
	answered: number;
	score: number;
	late: number;
	started_at: number | string | null;
	finished_at: number | string | null;
	mastery: number | null;
	reported_at: number | string | null;
}): Progress => ({
	answered: r.answered,
	score: roundScore(r.score),
	late: r.late === 1,
	finished: r.finished_at !== null,
	mastery: r.mastery,
	finishedAt: numberOrNull(r.finished_at),
	startedAt: numberOrNull(r.started_at),
	reportedAt: numberOrNull(r.reported_at),
});

/** A student's state, from their totals (none: nothing answered nor finished). */
export const statusFrom = (p: Progress | undefined): StudentStatus =>
	studentStatus({
		answered: p?.answered ?? 0,
		late: p?.late ?? false,
		finished: p?.finished ?? false,
	});

/** The answer as sent, or null when skipped. */
export const storedAnswer = (row: { answer: string | null }): AssignmentAnswer | null =>
	row.answer === null ? null : (JSON.parse(row.answer) as AssignmentAnswer);

/** A multiple answer's picks in the order shown, so the same picks read the same. */
export const inShownOrder = (a: AssignmentAnswer): AssignmentAnswer =>
	a.type === 'multi' ? { ...a, choices: [...a.choices].sort((x, y) => x - y) } : a;

export function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of list) {
		const k = key(item);
		const group = groups.get(k);
		if (group) group.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

/** The error a database gives for a row whose seat or assignment went meanwhile. */
export function isMissingParent(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Each student's totals in each assignment of the class (or one assignment), from the totals
 * kept with the answers: keyed by assignment id, then seat id.
 */
export async function progressIn(db: Db, where: { classId: string } | { assignmentId: string }) {
	let query = db
		.selectFrom('class_attempt as t')
		.select([
			't.assignment_id',
			't.seat_id',
			't.answered',
			't.score',
			't.late',
			't.started_at',
			't.finished_at',
			't.mastery',
			't.reported_at',
		]);
	query =
		'classId' in where
			? query
					.innerJoin('class_assignment as a', 'a.id', 't.assignment_id')
					.where('a.class_id', '=', where.classId)
			: query.where('t.assignment_id', '=', where.assignmentId);
	const progress = new Map<string, Map<string, Progress>>();
	for (const r of await query.execute()) {
		const of =
			progress.get(r.assignment_id) ??
			progress.set(r.assignment_id, new Map()).get(r.assignment_id)!;
		of.set(r.seat_id, progressOf(r));
	}
	const statusOf = (assignmentId: string, seatId: string): StudentStatus =>
		statusFrom(progress.get(assignmentId)?.get(seatId));
	return { progress, statusOf };
}

/**
 * Brings the students' totals in the assignment up to date with their answers (all of its
 * students' when `seatIds` is undefined); `finishedAt` marks them finished, unless they were
 * before. Run in the transaction that changed the answers.
 */
export async function refreshTotals(
	trx: Transaction<ServerSchema>,
	assignmentId: string,
	seatIds: readonly string[] | undefined,
	finishedAt: number | null = null,
): Promise<void> {
	if (seatIds?.length === 0) return;
	let query = trx
		.selectFrom('class_answer')
		.select((eb) => [
			'seat_id',
			eb.fn.countAll<number | string>().as('answered'),
			eb.fn.sum<number | string>('score').as('score'),
			eb.fn.max('late').as('late'),
			eb.fn.min('received_at').as('started_at'),
		])
		.where('assignment_id', '=', assignmentId)
		.groupBy('seat_id');
	if (seatIds) query = query.where('seat_id', 'in', seatIds);
	const sums = new Map((await query.execute()).map((r) => [r.seat_id, r]));
	const rows = (seatIds ?? [...sums.keys()]).map((seatId) => {
		const r = sums.get(seatId);
		return {
			assignment_id: assignmentId,
			seat_id: seatId,
			answered: Number(r?.answered ?? 0),
			score: Number(r?.score ?? 0),
			late: Number(r?.late ?? 0),
			started_at: r?.started_at == null ? null : Number(r.started_at),
			finished_at: finishedAt,
		};
	});
	if (rows.length === 0) return;
	await trx
		.insertInto('class_attempt')
		.values(rows)
		.onConflict((oc) =>
			oc.columns(['assignment_id', 'seat_id']).doUpdateSet((eb) => ({
				answered: eb.ref('excluded.answered'),
				score: eb.ref('excluded.score'),
				late: eb.ref('excluded.late'),
				started_at: eb.ref('excluded.started_at'),
				// The first "finished" counts.
				finished_at: eb.fn.coalesce('class_attempt.finished_at', 'excluded.finished_at'),
			})),
		)
		.execute();
}
