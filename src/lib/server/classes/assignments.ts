/**
 * Assignments of a class and their students' answers in the server's database (SQLite or
 * PostgreSQL, the same queries). A teacher's query names the teacher (through the class), so no
 * id a client sends reaches another teacher's rows; a student reaches an assignment only through
 * a seat they hold (its token or linked account) in the assignment's class.
 *
 * Grading is the server's: each answer is graded when it arrives (see assignment-grading.ts)
 * against the questions the assignment's seed gives, and the verdict is stored with it. A
 * question's first answer received is the one kept (the table's key), so a device resending
 * what it sent offline changes nothing.
 *
 * Locks. An answer is graded and stored under a shared lock of its assignment's row (PostgreSQL;
 * SQLite writes one transaction at a time), and accepting a text, or changing the times, takes
 * that row alone first: an answer is graded either before the change (and graded again by it) or
 * after it, never with the old texts or times once the change is made. A student's own requests
 * are stored one after the other (their seat's row is held), so their totals count every answer.
 *
 * A spaced review has no answers: the student's device reports the mastery it measured over the
 * student's own cards, and the store keeps the highest, and when the target was first reached, in
 * the student's `class_attempt` row (under the same seat lock). The figure is the device's: the
 * server has no reviews to measure it from, so it bounds what it accepts and no more.
 */
import type { Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { ContentLocale } from '../../bank/schema.ts';
import {
	gradeAssignmentAnswer,
	isTyped,
	languagesFitting,
	needsSimplified,
	typedKey,
	typedTexts,
	acceptedKey,
	type AnswerVerdict,
} from '../../classes/assignment-grading.ts';
import {
	MAX_ACCEPTED_PER_QUESTION,
	MAX_CLOCK_AHEAD_MS,
	type AssignmentAnswer,
	type AssignmentQuestions,
	type AssignmentReport,
	type AssignmentSummary,
	type QuestionReport,
	type ReviewProgressRequest,
	type ReviewSpec,
	type ReviewStudentReport,
	type ShowAnswers,
	type StudentAssignment,
	type StudentReport,
	type StudentResult,
	type SubmitAnswersRequest,
} from '../../classes/assignment-protocol.ts';
import {
	answersShown,
	assignmentItems,
	countedTime,
	isLate,
	mayCreateAssignment,
	newAssignmentSeed,
} from '../../classes/assignment-rules.ts';
import { reachesTarget, reviewQuestions, reviewStatus } from '../../classes/review-rules.ts';
import { deckQuestions } from '../../stats/stats-question.ts';
import {
	commonWrongAnswers,
	masteryPercent,
	questionTotals,
	statusCounts,
	studentStatus,
	studentTotals,
	liveGameTitle,
	roundScore,
	type GradebookRow,
	type WrongAnswerSeen,
} from '../../classes/gradebook.ts';
import type { SeatCaller } from '../../classes/rules.ts';
import { expectedAnswer, type TestItem } from '../../quiz/build-test.ts';
import type { ToSimplified } from '../../quiz/chinese-variants.ts';
import { describeAnswer } from '../../quiz/describe-answer.ts';
import { err, ok, type Result } from '../../result.ts';
import type { ServerDatabase } from '../db/connection.ts';
import type { ServerSchema } from '../db/schema.ts';
import { secureRandomInt } from '../live/tokens.ts';
import { classGamesOf } from './class-games.ts';
import { AssignmentItemCache, type AssignmentItems, type LoadDeck } from './assignment-items.ts';
import {
	ANSWER_COLUMNS,
	ANSWER_TOTAL_COLUMNS,
	ASSIGNMENT_COLUMNS,
	ATTEMPT_COLUMNS,
	assignmentOf,
	groupBy,
	inShownOrder,
	isMissingParent,
	progressIn,
	progressOf,
	refreshTotals,
	statusFrom,
	storedAnswer,
	summaryOf,
	type AnswerRow,
	type Assignment,
	type Db,
	type Progress,
	type QuestionsAssignment,
	type ReviewAssignment,
} from './assignment-rows.ts';
import { heldSeat, teachersClass as teachersClassOf } from './store.ts';

/** What the teacher sets (the request, its title cleaned and its decks without repeats). */
export type NewAssignment = NewQuestionsAssignment | NewReviewAssignment;

export interface NewQuestionsAssignment {
	kind?: 'questions';
	title: string;
	decks: string[];
	types: AssignmentQuestions['types'];
	count: number;
	shuffle: boolean;
	partialCredit: boolean;
	/** Chosen by hand: these question ids of the decks (every one must be there). */
	only?: string[];
	/** Undefined: open at once. */
	opensAt?: number;
	dueAt: number;
	showAnswers: ShowAnswers;
}

export interface NewReviewAssignment {
	kind: 'review';
	title: string;
	review: ReviewSpec;
	opensAt?: number;
	dueAt: number;
}

export interface AssignmentChange {
	title?: string;
	opensAt?: number;
	dueAt?: number;
	showAnswers?: ShowAnswers;
}

/** An answer of the account's own, as "download my data" lists it. */
export interface ExportedAnswer {
	seatId: string;
	assignmentId: string;
	assignment: string;
	questionId: string;
	answer: AssignmentAnswer | null;
	timeMs: number;
	answeredAt: number;
	receivedAt: number;
	late: boolean;
	/** The verdict, only where the teacher lets the student see it (as the student's page does). */
	verdict: AnswerVerdict | null;
}

/** Everything the store holds about one account (for "download my data"). */
export interface AssignmentUserExport {
	/** The assignments of the classes the account teaches, each with its report. */
	teaching: AssignmentReport[];
	/** The account's own answers, in the seats linked to it. */
	answers: ExportedAnswer[];
	/** The account's spaced reviews, in the seats linked to it: what its devices reported. */
	reviews: ExportedReview[];
}

/** A spaced review as the account's devices reported it. */
export interface ExportedReview {
	seatId: string;
	assignmentId: string;
	assignment: string;
	/** The highest mastery reported, 0 to 1. */
	mastery: number | null;
	reachedAt: number | null;
	late: boolean;
	reportedAt: number | null;
}

type StudentRefusal = 'no-seat' | 'not-found';

export interface AssignmentStore {
	create(
		teacherId: string,
		classId: string,
		input: NewAssignment,
	): Promise<
		Result<AssignmentSummary, 'not-found' | 'no-questions' | 'bad-times' | 'too-many-assignments'>
	>;
	/** The class's assignments, newest deadline first; undefined when it is not this teacher's. */
	list(teacherId: string, classId: string): Promise<AssignmentSummary[] | undefined>;
	/**
	 * The teacher's report. `studentsOnly`: without the per-question figures (the results CSV
	 * needs only the students', and the most common wrong answers are the costly part).
	 */
	report(
		teacherId: string,
		classId: string,
		assignmentId: string,
		studentsOnly?: boolean,
	): Promise<AssignmentReport | undefined>;
	update(
		teacherId: string,
		classId: string,
		assignmentId: string,
		change: AssignmentChange,
	): Promise<Result<AssignmentSummary, 'not-found' | 'bad-times'>>;
	/** Deletes the assignment and its answers; false when it is not this teacher's. */
	delete(teacherId: string, classId: string, assignmentId: string): Promise<boolean>;
	/** Accepts a typed text for everyone (or takes it back) and grades that question again. */
	accept(
		teacherId: string,
		classId: string,
		assignmentId: string,
		question: { questionId: string; text: string; accept: boolean },
	): Promise<Result<AssignmentReport, 'not-found' | 'not-typed' | 'bad-answer' | 'bad-request'>>;
	/** The class's name and every student's result in every assignment, for the gradebook. */
	gradebook(
		teacherId: string,
		classId: string,
	): Promise<{ className: string; rows: GradebookRow[] } | undefined>;
	/** The assignments of the seat's class, as its student sees them. */
	studentList(
		seatId: string,
		caller: SeatCaller,
	): Promise<Result<StudentAssignment[], StudentRefusal>>;
	studentResult(
		seatId: string,
		caller: SeatCaller,
		assignmentId: string,
		lang: ContentLocale,
	): Promise<Result<StudentResult, StudentRefusal>>;
	/**
	 * Keeps a review's mastery as the student's device measured it: the highest, and the first
	 * time it reached the target.
	 */
	reportProgress(
		seatId: string,
		caller: SeatCaller,
		assignmentId: string,
		request: ReviewProgressRequest,
	): Promise<Result<StudentResult, StudentRefusal | 'not-open' | 'bad-answer'>>;
	/** Grades and keeps the answers not received before; `finished` marks the attempt done. */
	submit(
		seatId: string,
		caller: SeatCaller,
		assignmentId: string,
		request: SubmitAnswersRequest,
		lang: ContentLocale,
	): Promise<Result<StudentResult, StudentRefusal | 'not-open' | 'bad-answer'>>;
	/** The assignments of the classes the account teaches, and its linked seats' answers, go. */
	deleteUser(userId: string): Promise<void>;
	exportUser(userId: string): Promise<AssignmentUserExport>;
}

export interface AssignmentStoreOptions {
	/** The built-in banks' decks ($lib/content/decks's `loadDeck`). */
	loadDeck: LoadDeck;
	/** ms since the epoch (default Date.now). */
	now?: () => number;
	/** Traditional → Simplified, loaded when an answer in Chinese is graded (loadToSimplified). */
	toSimplified: () => Promise<ToSimplified>;
	/**
	 * The deck ids of a built-in bank, or undefined for a bank that is not one (a spaced review
	 * covers every deck of its bank). Without it, no review can be set.
	 */
	bankDecks?: (bankId: string) => readonly string[] | undefined;
}

const newId = (): string => randomBytes(12).toString('base64url');

/** A student's state in a review, from what the store keeps of their reports. */
const reviewStatusOf = (p: Progress | undefined) =>
	reviewStatus({
		mastery: p?.mastery ?? null,
		reached: p?.finished ?? false,
		late: p?.late ?? false,
	});

const mean = (list: readonly number[]): number =>
	list.length === 0 ? 0 : list.reduce((sum, x) => sum + x, 0) / list.length;

export function createAssignmentStore(
	database: ServerDatabase,
	options: AssignmentStoreOptions,
): AssignmentStore {
	const db: Db = database.kysely;
	const now = options.now ?? Date.now;
	const cache = new AssignmentItemCache(options.loadDeck);
	const postgres = database.kind === 'postgres';

	const itemsOf = (a: QuestionsAssignment): Promise<AssignmentItems> =>
		cache.items(a.id, a.questions);

	/**
	 * The ids of the built-in bank's questions citing any of the paragraphs, each once; undefined
	 * when the bank is not a built-in one or a paragraph has no question citing it.
	 */
	async function reviewQuestionIds(review: ReviewSpec): Promise<string[] | undefined> {
		const deckIds = options.bankDecks?.(review.bank);
		if (!deckIds || deckIds.length === 0) return undefined;
		const questions = [];
		for (const id of deckIds) {
			const deck = await options.loadDeck(review.bank, id);
			if (!deck) return undefined;
			questions.push(...deckQuestions(deck));
		}
		for (const p of review.paragraphs)
			if (!questions.some((q) => q.source.paragraphs.includes(p))) return undefined;
		return reviewQuestions(questions, review).map((q) => q.id);
	}

	/** The converter when any of the texts is written in Chinese, else none (it loads 100 KB). */
	const simplifierFor = async (texts: readonly string[]) =>
		needsSimplified(texts) ? options.toSimplified() : undefined;

	/** The assignment when it is of this teacher's class. */
	async function teachersAssignment(
		teacherId: string,
		classId: string,
		assignmentId: string,
	): Promise<Assignment | undefined> {
		const row = await db
			.selectFrom('class_assignment')
			.select(ASSIGNMENT_COLUMNS)
			.where('id', '=', assignmentId)
			.where('class_id', 'in', (eb) =>
				eb
					.selectFrom('class')
					.select('id')
					.where('id', '=', classId)
					.where('teacher_id', '=', teacherId),
			)
			.executeTakeFirst();
		return row && assignmentOf(row);
	}

	const teachersClass = (teacherId: string, classId: string) =>
		teachersClassOf(db, teacherId, classId);

	/** The class's seats in join order. */
	const seatsOf = (classId: string) =>
		db
			.selectFrom('class_seat')
			.select(['id', 'name'])
			.where('class_id', '=', classId)
			.orderBy('seq')
			.execute();

	async function summariesOf(
		classId: string,
		assignments: Assignment[],
	): Promise<AssignmentSummary[]> {
		const [seats, { statusOf, progress }] = await Promise.all([
			seatsOf(classId),
			assignments.length === 1
				? progressIn(db, { assignmentId: assignments[0].id })
				: progressIn(db, { classId }),
		]);
		const progressOfSeat = (a: string, seat: string) => progress.get(a)?.get(seat);
		return assignments.map((a) => {
			const counts = statusCounts(seats.map((s) => statusOf(a.id, s.id)));
			if (a.kind === 'questions') return summaryOf(a, counts);
			const masteries = seats.map((s) => progressOfSeat(a.id, s.id)?.mastery ?? 0);
			return summaryOf(a, counts, mean(masteries));
		});
	}

	async function reportOf(a: Assignment, studentsOnly = false): Promise<AssignmentReport> {
		return a.kind === 'review' ? reviewReportOf(a) : questionsReportOf(a, studentsOnly);
	}

	async function reviewReportOf(a: ReviewAssignment): Promise<AssignmentReport> {
		const [seats, { progress }] = await Promise.all([
			seatsOf(a.classId),
			progressIn(db, { assignmentId: a.id }),
		]);
		const students = seats.map((seat): ReviewStudentReport => {
			const p = progress.get(a.id)?.get(seat.id);
			return {
				seatId: seat.id,
				name: seat.name,
				status: reviewStatusOf(p),
				mastery: p?.mastery ?? null,
				reachedAt: p?.finishedAt ?? null,
				reportedAt: p?.reportedAt ?? null,
			};
		});
		const [summary] = await summariesOf(a.classId, [a]);
		if (summary.kind !== 'review') throw new Error('a review read as a practice test');
		return { assignment: summary, students };
	}

	async function questionsReportOf(
		a: QuestionsAssignment,
		studentsOnly: boolean,
	): Promise<AssignmentReport> {
		const answers = (columns: readonly (keyof AnswerRow)[]) =>
			db.selectFrom('class_answer').where('assignment_id', '=', a.id).select(columns);
		// The students' totals need no answer (JSON, the largest column): read only without them.
		const full = studentsOnly ? undefined : answers(ANSWER_COLUMNS).execute();
		const [seats, rows, attempts] = await Promise.all([
			seatsOf(a.classId),
			full ?? answers(ANSWER_TOTAL_COLUMNS).execute(),
			db
				.selectFrom('class_attempt')
				.select(['seat_id', 'finished_at'])
				.where('assignment_id', '=', a.id)
				.where('finished_at', 'is not', null)
				.execute(),
		]);
		const finishedAt = new Map(attempts.map((t) => [t.seat_id, Number(t.finished_at)]));
		const bySeat = groupBy(rows, (r) => r.seat_id);
		const students = seats.map((seat): StudentReport => {
			const own = bySeat.get(seat.id) ?? [];
			const totals = studentTotals(
				own.map((r) => ({ score: r.score, timeMs: r.time_ms, receivedAt: Number(r.received_at) })),
			);
			const status = studentStatus({
				answered: totals.answered,
				late: own.some((r) => r.late === 1),
				finished: finishedAt.has(seat.id),
			});
			return {
				seatId: seat.id,
				name: seat.name,
				status,
				...totals,
				finishedAt: finishedAt.get(seat.id) ?? null,
			};
		});
		const [summary] = await summariesOf(a.classId, [a]);
		if (summary.kind !== 'questions') throw new Error('a practice test read as a review');
		if (studentsOnly) return { assignment: summary, students, questions: [] };
		const [{ byId }, all] = await Promise.all([itemsOf(a), full!]);
		const toSimplified = await simplifierFor(all.flatMap((r) => typedTexts(storedAnswer(r))));
		const byQuestion = groupBy(all, (r) => r.question_id);
		const questions = a.questionIds.flatMap((id): QuestionReport[] => {
			const item = byId.get(id);
			if (!item) return [];
			const answers = byQuestion.get(id) ?? [];
			return [
				{
					questionId: id,
					type: item.question.type,
					prompt: { zh: item.question.prompt.zh, en: item.question.prompt.en },
					paragraphs: [...item.question.source.paragraphs],
					...questionTotals(answers.map((r) => ({ correct: r.correct === 1, timeMs: r.time_ms }))),
					wrong: wrongAnswers(item, answers, toSimplified),
					accepted: a.accepted[id] ?? [],
				},
			];
		});
		return { assignment: summary, students, questions };
	}

	/** The wrong answers given (skips are no answer), most given first, in each language. */
	function wrongAnswers(item: TestItem, rows: AnswerRow[], toSimplified?: ToSimplified) {
		const seen: Record<ContentLocale, WrongAnswerSeen[]> = { zh: [], en: [] };
		for (const r of rows) {
			const answer = storedAnswer(r);
			if (r.correct === 1 || answer === null) continue;
			const typed = typedKey(answer, toSimplified);
			for (const lang of ['zh', 'en'] as const) {
				const text = describeAnswer(item, inShownOrder(answer), lang).trim();
				if (text === '') continue;
				seen[lang].push({ key: typed ?? text, text });
			}
		}
		const acceptable = isTyped(item.question.type);
		return {
			zh: commonWrongAnswers(seen.zh, acceptable),
			en: commonWrongAnswers(seen.en, acceptable),
		};
	}

	/** The assignment of the seat's class, when the caller holds the seat. */
	async function studentsAssignment(
		seatId: string,
		caller: SeatCaller,
		assignmentId: string,
	): Promise<Result<{ seatId: string; assignment: Assignment }, StudentRefusal>> {
		const seat = await heldSeat(db, seatId, caller, false);
		if (!seat.ok) return seat;
		const row = await db
			.selectFrom('class_assignment')
			.select(ASSIGNMENT_COLUMNS)
			.where('id', '=', assignmentId)
			.where('class_id', '=', seat.value.classId)
			.executeTakeFirst();
		return row ? ok({ seatId: seat.value.id, assignment: assignmentOf(row) }) : err('not-found');
	}

	/** The assignment as the student sees it, from their own progress in it. */
	function studentViewOf(
		a: Assignment,
		progress: Progress | undefined,
		at: number,
	): StudentAssignment {
		if (a.kind === 'review')
			return {
				kind: 'review',
				id: a.id,
				title: a.title,
				opensAt: a.opensAt,
				dueAt: a.dueAt,
				review: a.review,
				questionCount: a.questionIds.length,
				status: reviewStatusOf(progress),
				mastery: progress?.mastery ?? null,
				reachedAt: progress?.finishedAt ?? null,
			};
		const shown = answersShown(a.showAnswers, a.dueAt, at);
		return {
			kind: 'questions',
			id: a.id,
			title: a.title,
			opensAt: a.opensAt,
			dueAt: a.dueAt,
			showAnswers: a.showAnswers,
			questions: at >= a.opensAt ? a.questions : null,
			total: a.questionIds.length,
			answered: progress?.answered ?? 0,
			status: statusFrom(progress),
			score: shown ? (progress?.score ?? 0) : null,
		};
	}

	async function studentResultOf(
		a: Assignment,
		seatId: string,
		lang: ContentLocale,
	): Promise<StudentResult> {
		const [rows, attempt] = await Promise.all([
			db
				.selectFrom('class_answer')
				.select(ANSWER_COLUMNS)
				.where('assignment_id', '=', a.id)
				.where('seat_id', '=', seatId)
				.execute(),
			db
				.selectFrom('class_attempt')
				.select(ATTEMPT_COLUMNS)
				.where('assignment_id', '=', a.id)
				.where('seat_id', '=', seatId)
				.executeTakeFirst(),
		]);
		const at = now();
		const assignment = studentViewOf(a, attempt && progressOf(attempt), at);
		if (a.kind === 'review') return { assignment, answers: null };
		if (!answersShown(a.showAnswers, a.dueAt, at)) return { assignment, answers: null };
		const { byId } = await itemsOf(a);
		const byQuestion = new Map(rows.map((r) => [r.question_id, r]));
		const answers = a.questionIds.flatMap((id) => {
			const row = byQuestion.get(id);
			const item = byId.get(id);
			if (!row || !item) return [];
			return [
				{
					questionId: id,
					correct: row.correct === 1,
					score: row.score,
					expected: expectedAnswer(item, lang),
					acceptedByTeacher: row.accepted === 1,
				},
			];
		});
		return { assignment, answers };
	}

	/**
	 * Reads the assignment's row and holds it for the rest of the transaction: shared (students'
	 * answers are stored side by side) or alone (its accepted texts change). SQLite needs neither:
	 * it writes one transaction at a time.
	 */
	async function lockAssignment(
		trx: Transaction<ServerSchema>,
		assignmentId: string,
		mode: 'shared' | 'alone',
	) {
		const query = trx
			.selectFrom('class_assignment')
			.select(ASSIGNMENT_COLUMNS)
			.where('id', '=', assignmentId);
		const locked = mode === 'shared' ? query.forShare() : query.forUpdate();
		const row = await (postgres ? locked : query).executeTakeFirst();
		return row && assignmentOf(row);
	}

	/**
	 * Holds the seat's row until the transaction ends, or says it is gone: two requests of one
	 * student (a phone resending while its first request is still on its way) store their answers
	 * one after the other, so the second's totals count the first's answers.
	 */
	async function lockSeat(trx: Transaction<ServerSchema>, seatId: string): Promise<boolean> {
		const query = trx.selectFrom('class_seat').select('id').where('id', '=', seatId);
		return (await (postgres ? query.forNoKeyUpdate() : query).executeTakeFirst()) !== undefined;
	}

	/** Grades each answer to the question again with the texts accepted now. */
	async function regrade(
		trx: Transaction<ServerSchema>,
		a: QuestionsAssignment,
		item: TestItem,
		accepted: string[],
	): Promise<void> {
		const rows = await trx
			.selectFrom('class_answer')
			.select(['seat_id', 'answer', 'correct', 'score', 'accepted'])
			.where('assignment_id', '=', a.id)
			.where('question_id', '=', item.question.id)
			.where('answer', 'is not', null)
			.execute();
		const toSimplified = await simplifierFor([
			...accepted,
			...rows.flatMap((r) => typedTexts(storedAnswer(r))),
		]);
		const changed: string[] = [];
		for (const r of rows) {
			const graded = gradeAssignmentAnswer(item, storedAnswer(r), {
				partialCredit: a.questions.partialCredit,
				toSimplified,
				accepted,
			});
			// Stored answers were graded once already; one that no longer fits keeps its verdict.
			if (!graded.ok) continue;
			const v = graded.value;
			const same =
				(r.correct === 1) === v.correct &&
				r.score === v.score &&
				(r.accepted === 1) === v.acceptedByTeacher;
			if (same) continue;
			await trx
				.updateTable('class_answer')
				.set({ correct: v.correct ? 1 : 0, score: v.score, accepted: v.acceptedByTeacher ? 1 : 0 })
				.where('assignment_id', '=', a.id)
				.where('seat_id', '=', r.seat_id)
				.where('question_id', '=', item.question.id)
				.execute();
			changed.push(r.seat_id);
		}
		await refreshTotals(trx, a.id, changed);
	}

	/** Marks each answer late or not again, for times the teacher changed. */
	async function relate(trx: Transaction<ServerSchema>, a: Assignment): Promise<void> {
		if (a.kind === 'review') {
			// The target reached: late by the time kept for it (already bounded as isLate does).
			await trx
				.updateTable('class_attempt')
				.set((eb) => ({
					late: eb.case().when('finished_at', '>', a.dueAt).then(1).else(0).end(),
				}))
				.where('assignment_id', '=', a.id)
				.where('finished_at', 'is not', null)
				.execute();
			return;
		}
		const rows = await trx
			.selectFrom('class_answer')
			.select(['seat_id', 'question_id', 'answered_at', 'received_at', 'late'])
			.where('assignment_id', '=', a.id)
			.execute();
		const changed = new Set<string>();
		for (const r of rows) {
			const late = isLate(Number(r.answered_at), Number(r.received_at), a) ? 1 : 0;
			if (late === r.late) continue;
			await trx
				.updateTable('class_answer')
				.set({ late })
				.where('assignment_id', '=', a.id)
				.where('seat_id', '=', r.seat_id)
				.where('question_id', '=', r.question_id)
				.execute();
			changed.add(r.seat_id);
		}
		await refreshTotals(trx, a.id, [...changed]);
	}

	/** A practice test's questions, drawn and built; undefined when they give no question. */
	async function questionsAssignment(
		classId: string,
		input: NewQuestionsAssignment,
		opensAt: number,
	): Promise<{ assignment: QuestionsAssignment; items: TestItem[] } | undefined> {
		const only = input.only && [...new Set(input.only)];
		const questions: AssignmentQuestions = {
			decks: [...new Set(input.decks)],
			types: [...new Set(input.types)],
			count: only ? only.length : input.count,
			seed: newAssignmentSeed(secureRandomInt),
			shuffle: input.shuffle,
			partialCredit: input.partialCredit,
			...(only && { only }),
		};
		const decks = await cache.decks(questions);
		const items = decks ? assignmentItems(questions, decks) : [];
		const questionIds = items.map((i) => i.question.id);
		// Answers are kept per question id: two decks sharing one would mix up their answers.
		if (items.length === 0 || new Set(questionIds).size !== questionIds.length) return undefined;
		// Chosen by hand: each one is a question of the decks and types, or none is set.
		if (only && items.length !== only.length) return undefined;
		const assignment: QuestionsAssignment = {
			kind: 'questions',
			id: newId(),
			classId,
			title: input.title,
			questions,
			questionIds,
			opensAt,
			dueAt: input.dueAt,
			showAnswers: input.showAnswers,
			accepted: {},
			createdAt: now(),
		};
		return { assignment, items };
	}

	/** Stores a new assignment of the teacher's class, counted under the class's lock. */
	async function insertAssignment(teacherId: string, classId: string, assignment: Assignment) {
		return db.transaction().execute(async (trx) => {
			// The class's row, locked until the assignment is made: two at once count in turn.
			const cls = await trx
				.updateTable('class')
				.set((eb) => ({ joining_open: eb.ref('joining_open') }))
				.where('id', '=', classId)
				.where('teacher_id', '=', teacherId)
				.returning('id')
				.executeTakeFirst();
			if (!cls) return err('not-found' as const);
			const { held } = await trx
				.selectFrom('class_assignment')
				.select((eb) => eb.fn.countAll<number | string>().as('held'))
				.where('class_id', '=', classId)
				.executeTakeFirstOrThrow();
			if (!mayCreateAssignment(Number(held))) return err('too-many-assignments' as const);
			const review = assignment.kind === 'review';
			await trx
				.insertInto('class_assignment')
				.values({
					id: assignment.id,
					class_id: classId,
					title: assignment.title,
					kind: assignment.kind,
					questions: JSON.stringify(review ? assignment.review : assignment.questions),
					question_ids: JSON.stringify(assignment.questionIds),
					opens_at: assignment.opensAt,
					due_at: assignment.dueAt,
					// A review shows no answers: it has none.
					show_answers: review ? 'never' : assignment.showAnswers,
					accepted: '{}',
					created_at: assignment.createdAt,
				})
				.execute();
			return ok(true);
		});
	}

	return {
		async create(teacherId, classId, input) {
			const opensAt = input.opensAt ?? now();
			if (input.dueAt <= opensAt) return err('bad-times');
			if (!(await teachersClass(teacherId, classId))) return err('not-found');
			let assignment: Assignment;
			let items: TestItem[] = [];
			if (input.kind === 'review') {
				const review: ReviewSpec = {
					bank: input.review.bank,
					paragraphs: [...new Set(input.review.paragraphs)].sort((x, y) => x - y),
					target: input.review.target,
				};
				const questionIds = await reviewQuestionIds(review);
				if (!questionIds || questionIds.length === 0) return err('no-questions');
				assignment = {
					kind: 'review',
					id: newId(),
					classId,
					title: input.title,
					review,
					questionIds,
					opensAt,
					dueAt: input.dueAt,
					createdAt: now(),
				};
			} else {
				const made = await questionsAssignment(classId, input, opensAt);
				if (!made) return err('no-questions');
				({ assignment, items } = made);
			}
			const stored = await insertAssignment(teacherId, classId, assignment);
			if (!stored.ok) return stored;
			if (assignment.kind === 'questions') cache.keep(assignment.id, items);
			const [summary] = await summariesOf(classId, [assignment]);
			return ok(summary);
		},

		async list(teacherId, classId) {
			if (!(await teachersClass(teacherId, classId))) return undefined;
			const rows = await db
				.selectFrom('class_assignment')
				.select(ASSIGNMENT_COLUMNS)
				.where('class_id', '=', classId)
				.orderBy('due_at', 'desc')
				.orderBy('created_at', 'desc')
				.orderBy('id')
				.execute();
			return summariesOf(classId, rows.map(assignmentOf));
		},

		async report(teacherId, classId, assignmentId, studentsOnly = false) {
			const a = await teachersAssignment(teacherId, classId, assignmentId);
			return a && reportOf(a, studentsOnly);
		},

		async update(teacherId, classId, assignmentId, change) {
			const found = await teachersAssignment(teacherId, classId, assignmentId);
			if (!found) return err('not-found');
			if ((change.dueAt ?? found.dueAt) <= (change.opensAt ?? found.opensAt))
				return err('bad-times');
			const updated = await db.transaction().execute(async (trx) => {
				const row = await trx
					.updateTable('class_assignment')
					.set({
						...(change.title !== undefined && { title: change.title }),
						...(change.opensAt !== undefined && { opens_at: change.opensAt }),
						...(change.dueAt !== undefined && { due_at: change.dueAt }),
						...(change.showAnswers !== undefined &&
							found.kind === 'questions' && { show_answers: change.showAnswers }),
						// Nothing to change still takes the row, as the other changes do.
						class_id: found.classId,
					})
					.where('id', '=', assignmentId)
					.returning(ASSIGNMENT_COLUMNS)
					.executeTakeFirst();
				if (!row) return err('not-found' as const);
				const a = assignmentOf(row);
				if (a.opensAt !== found.opensAt || a.dueAt !== found.dueAt) await relate(trx, a);
				return ok(a);
			});
			if (!updated.ok) return updated;
			const [summary] = await summariesOf(classId, [updated.value]);
			return ok(summary);
		},

		async delete(teacherId, classId, assignmentId) {
			const gone = await db
				.deleteFrom('class_assignment')
				.where('id', '=', assignmentId)
				.where('class_id', 'in', (eb) =>
					eb
						.selectFrom('class')
						.select('id')
						.where('id', '=', classId)
						.where('teacher_id', '=', teacherId),
				)
				.executeTakeFirst();
			cache.forget(assignmentId);
			return gone.numDeletedRows > 0n;
		},

		async accept(teacherId, classId, assignmentId, { questionId, text, accept }) {
			const found = await teachersAssignment(teacherId, classId, assignmentId);
			if (!found) return err('not-found');
			// A review has no answers to accept.
			if (found.kind !== 'questions') return err('bad-answer');
			const { byId } = await itemsOf(found);
			const item = found.questionIds.includes(questionId) ? byId.get(questionId) : undefined;
			if (!item) return err('bad-answer');
			const type = item.question.type;
			if (!isTyped(type)) return err('not-typed');
			const toSimplified = await simplifierFor([text]);
			const key = acceptedKey(type, text, toSimplified);
			if (key === undefined) return err('bad-answer');
			const changed = await db.transaction().execute(async (trx) => {
				const a = await lockAssignment(trx, assignmentId, 'alone');
				if (!a || a.kind !== 'questions') return err('not-found' as const);
				const before = a.accepted[questionId] ?? [];
				const keyOf = async (t: string) => acceptedKey(type, t, await simplifierFor([t]));
				const keys = await Promise.all(before.map(keyOf));
				const others = before.filter((_, i) => keys[i] !== key);
				const after = accept ? [...others, text.trim()] : others;
				if (after.length > MAX_ACCEPTED_PER_QUESTION) return err('bad-request' as const);
				const accepted = { ...a.accepted, [questionId]: after };
				if (after.length === 0) delete accepted[questionId];
				await trx
					.updateTable('class_assignment')
					.set({ accepted: JSON.stringify(accepted) })
					.where('id', '=', assignmentId)
					.execute();
				await regrade(trx, a, item, after);
				return ok({ ...a, accepted });
			});
			if (!changed.ok) return changed;
			return ok(await reportOf(changed.value));
		},

		async gradebook(teacherId, classId) {
			const cls = await teachersClass(teacherId, classId);
			if (!cls) return undefined;
			const [seats, rows, { progress, statusOf }, games] = await Promise.all([
				seatsOf(classId),
				db
					.selectFrom('class_assignment')
					.select(ASSIGNMENT_COLUMNS)
					.where('class_id', '=', classId)
					.orderBy('due_at')
					.orderBy('created_at')
					.orderBy('id')
					.execute(),
				progressIn(db, { classId }),
				classGamesOf(db, classId),
			]);
			type Column = { at: number; rowOf: (seat: { id: string; name: string }) => GradebookRow };
			const homework = rows.map(assignmentOf).map((a): Column => ({
				at: a.dueAt,
				rowOf: (seat) => {
					const p = progress.get(a.id)?.get(seat.id);
					return {
						student: seat.name,
						assignment: a.title,
						// A review: the highest mastery reported, in percent.
						score: a.kind === 'review' ? masteryPercent(p?.mastery ?? null) : (p?.score ?? 0),
						outOf: a.kind === 'review' ? 100 : a.questionIds.length,
						status: statusOf(a.id, seat.id),
					};
				},
			}));
			// A live game hosted for the class: its right answers, apart from its speed points.
			const live = games.map((g): Column => ({
				at: g.playedAt,
				rowOf: (seat) => {
					const played = g.bySeat.get(seat.id);
					return {
						student: seat.name,
						assignment: liveGameTitle(g.code, g.playedAt),
						score: roundScore(played?.right ?? 0),
						outOf: g.questions,
						status: played ? 'done' : 'absent',
					};
				},
			}));
			// One timeline: homework by its deadline, games by when they were played.
			const columns = [...homework, ...live].sort((x, y) => x.at - y.at);
			const gradebook = seats.flatMap((seat) => columns.map((c) => c.rowOf(seat)));
			return { className: cls.name, rows: gradebook };
		},

		async studentList(seatId, caller) {
			const seat = await heldSeat(db, seatId, caller, false);
			if (!seat.ok) return seat;
			const [rows, attempts] = await Promise.all([
				db
					.selectFrom('class_assignment')
					.select(ASSIGNMENT_COLUMNS)
					.where('class_id', '=', seat.value.classId)
					.orderBy('due_at', 'desc')
					.orderBy('created_at', 'desc')
					.orderBy('id')
					.execute(),
				db
					.selectFrom('class_attempt')
					.select(['assignment_id', ...ATTEMPT_COLUMNS])
					.where('seat_id', '=', seat.value.id)
					.execute(),
			]);
			const progress = new Map(attempts.map((r) => [r.assignment_id, progressOf(r)]));
			const at = now();
			return ok(rows.map(assignmentOf).map((a) => studentViewOf(a, progress.get(a.id), at)));
		},

		async studentResult(seatId, caller, assignmentId, lang) {
			const found = await studentsAssignment(seatId, caller, assignmentId);
			if (!found.ok) return found;
			return ok(await studentResultOf(found.value.assignment, found.value.seatId, lang));
		},

		async submit(seatId, caller, assignmentId, request, lang) {
			const found = await studentsAssignment(seatId, caller, assignmentId);
			if (!found.ok) return found;
			const { assignment } = found.value;
			const receivedAt = now();
			if (receivedAt < assignment.opensAt) return err('not-open');
			// A review takes a mastery report, not answers.
			if (assignment.kind !== 'questions') return err('bad-answer');
			const { byId } = await itemsOf(assignment);
			// A question answered twice in one request: the first counts, as across requests.
			const seen = new Set<string>();
			const firsts = request.answers.filter(
				(a) => !seen.has(a.questionId) && seen.add(a.questionId),
			);
			// Every answer is checked before anything is stored: one that cannot answer its
			// question refuses the whole request.
			for (const a of firsts) {
				const item = assignment.questionIds.includes(a.questionId)
					? byId.get(a.questionId)
					: undefined;
				if (!item) return err('bad-answer');
				if (a.answer !== null && languagesFitting(item, a.answer).length === 0)
					return err('bad-answer');
			}
			const toSimplified = await simplifierFor(firsts.flatMap((a) => typedTexts(a.answer)));
			try {
				const stored = await db.transaction().execute(async (trx) => {
					const a = await lockAssignment(trx, assignmentId, 'shared');
					if (!a || a.kind !== 'questions' || !(await lockSeat(trx, found.value.seatId)))
						return err('not-found' as const);
					const rows = [];
					for (const sent of firsts) {
						const graded = gradeAssignmentAnswer(byId.get(sent.questionId)!, sent.answer, {
							partialCredit: a.questions.partialCredit,
							toSimplified,
							accepted: a.accepted[sent.questionId] ?? [],
						});
						if (!graded.ok) return graded;
						rows.push({
							assignment_id: a.id,
							seat_id: found.value.seatId,
							question_id: sent.questionId,
							answer: sent.answer === null ? null : JSON.stringify(sent.answer),
							correct: graded.value.correct ? 1 : 0,
							score: graded.value.score,
							accepted: graded.value.acceptedByTeacher ? 1 : 0,
							time_ms: sent.timeMs,
							answered_at: sent.answeredAt,
							received_at: receivedAt,
							late: isLate(sent.answeredAt, receivedAt, a) ? 1 : 0,
						});
					}
					if (rows.length > 0) {
						await trx
							.insertInto('class_answer')
							.values(rows)
							.onConflict((oc) =>
								oc.columns(['assignment_id', 'seat_id', 'question_id']).doNothing(),
							)
							.execute();
					}
					if (rows.length > 0 || request.finished) {
						const finishedAt = request.finished ? receivedAt : null;
						await refreshTotals(trx, a.id, [found.value.seatId], finishedAt);
					}
					return ok(a);
				});
				if (!stored.ok) return stored;
				return ok(await studentResultOf(stored.value, found.value.seatId, lang));
			} catch (error) {
				// The seat was removed (or the assignment deleted) while the answers were graded.
				if (isMissingParent(error)) return err('not-found');
				throw error;
			}
		},

		async reportProgress(seatId, caller, assignmentId, request) {
			const found = await studentsAssignment(seatId, caller, assignmentId);
			if (!found.ok) return found;
			const { assignment } = found.value;
			const receivedAt = now();
			if (receivedAt < assignment.opensAt) return err('not-open');
			// Answers go to a practice test; a report names the review's questions; a clock a day
			// ahead of the server's is broken, not offline.
			if (
				assignment.kind !== 'review' ||
				request.questions !== assignment.questionIds.length ||
				request.measuredAt > receivedAt + MAX_CLOCK_AHEAD_MS
			)
				return err('bad-answer');
			try {
				const stored = await db.transaction().execute(async (trx) => {
					const a = await lockAssignment(trx, assignmentId, 'shared');
					if (!a || a.kind !== 'review' || !(await lockSeat(trx, found.value.seatId)))
						return err('not-found' as const);
					const before = await trx
						.selectFrom('class_attempt')
						.select(ATTEMPT_COLUMNS)
						.where('assignment_id', '=', a.id)
						.where('seat_id', '=', found.value.seatId)
						.executeTakeFirst();
					const was = before && progressOf(before);
					const best = Math.max(was?.mastery ?? 0, request.mastery);
					// The first time the target is reached counts; a later report does not move it.
					const reachedNow = !was?.finished && reachesTarget(request.mastery, a.review.target);
					const reachedAt = reachedNow
						? countedTime(request.measuredAt, receivedAt, a)
						: (was?.finishedAt ?? null);
					const late = reachedNow ? isLate(request.measuredAt, receivedAt, a) : was?.late;
					const row = {
						answered: best > 0 ? 1 : 0,
						score: 0,
						late: late ? 1 : 0,
						started_at: was?.startedAt ?? receivedAt,
						finished_at: reachedAt,
						mastery: best,
						reported_at: Math.max(was?.reportedAt ?? 0, receivedAt),
					};
					await trx
						.insertInto('class_attempt')
						.values({ assignment_id: a.id, seat_id: found.value.seatId, ...row })
						.onConflict((oc) => oc.columns(['assignment_id', 'seat_id']).doUpdateSet(row))
						.execute();
					return ok(a);
				});
				if (!stored.ok) return stored;
				return ok(await studentResultOf(stored.value, found.value.seatId, 'en'));
			} catch (error) {
				// The seat was removed (or the assignment deleted) meanwhile.
				if (isMissingParent(error)) return err('not-found');
				throw error;
			}
		},

		async deleteUser(userId) {
			await db.transaction().execute(async (trx) => {
				await trx
					.deleteFrom('class_assignment')
					.where('class_id', 'in', (eb) =>
						eb.selectFrom('class').select('id').where('teacher_id', '=', userId),
					)
					.execute();
				for (const table of ['class_answer', 'class_attempt'] as const) {
					await trx
						.deleteFrom(table)
						.where('seat_id', 'in', (eb) =>
							eb.selectFrom('class_seat').select('id').where('user_id', '=', userId),
						)
						.execute();
				}
			});
		},

		async exportUser(userId) {
			const taught = await db
				.selectFrom('class_assignment')
				.select(ASSIGNMENT_COLUMNS)
				.where('class_id', 'in', (eb) =>
					eb.selectFrom('class').select('id').where('teacher_id', '=', userId),
				)
				.orderBy('created_at')
				.orderBy('id')
				.execute();
			const teaching = [];
			for (const row of taught) teaching.push(await reportOf(assignmentOf(row)));
			const own = await db
				.selectFrom('class_answer as x')
				.innerJoin('class_seat as s', 's.id', 'x.seat_id')
				.innerJoin('class_assignment as a', 'a.id', 'x.assignment_id')
				.select([
					'x.seat_id',
					'x.assignment_id',
					'a.title',
					'a.show_answers',
					'a.due_at',
					'x.question_id',
					'x.answer',
					'x.correct',
					'x.score',
					'x.accepted',
					'x.time_ms',
					'x.answered_at',
					'x.received_at',
					'x.late',
				])
				.where('s.user_id', '=', userId)
				.orderBy('x.received_at')
				.orderBy('x.assignment_id')
				.orderBy('x.question_id')
				.execute();
			const at = now();
			const answers = own.map((r): ExportedAnswer => ({
				seatId: r.seat_id,
				assignmentId: r.assignment_id,
				assignment: r.title,
				questionId: r.question_id,
				answer: storedAnswer(r),
				timeMs: r.time_ms,
				answeredAt: Number(r.answered_at),
				receivedAt: Number(r.received_at),
				late: r.late === 1,
				verdict: answersShown(r.show_answers, Number(r.due_at), at)
					? { correct: r.correct === 1, score: r.score, acceptedByTeacher: r.accepted === 1 }
					: null,
			}));
			const reviewed = await db
				.selectFrom('class_attempt as t')
				.innerJoin('class_seat as s', 's.id', 't.seat_id')
				.innerJoin('class_assignment as a', 'a.id', 't.assignment_id')
				.select([
					't.seat_id',
					't.assignment_id',
					'a.title',
					...ATTEMPT_COLUMNS.map((c) => `t.${c}` as const),
				])
				.where('s.user_id', '=', userId)
				.where('a.kind', '=', 'review')
				.orderBy('t.assignment_id')
				.execute();
			const reviews = reviewed.map((r): ExportedReview => {
				const p = progressOf(r);
				return {
					seatId: r.seat_id,
					assignmentId: r.assignment_id,
					assignment: r.title,
					mastery: p.mastery,
					reachedAt: p.finishedAt,
					late: p.late,
					reportedAt: p.reportedAt,
				};
			});
			return { teaching, answers, reviews };
		},
	};
}
