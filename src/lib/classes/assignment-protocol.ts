/**
 * Assignments: homework a teacher sets a class, done by each student on their own device at
 * their own pace (the contract between src/lib/state/assignments-api.ts and the assignment
 * endpoints under src/routes/api/classes/).
 *
 * An assignment is a practice test frozen when it is set: the test builder's choices (decks of
 * the built-in banks, types, count) and a seed the server draws, so every student's device
 * builds exactly the same questions with `buildTest` from the banks it already holds (offline
 * too), and the server builds them again to grade what is sent. The device's own verdict is
 * never trusted for the gradebook: the server grades each answer with `gradeItem`, in either
 * language, and stores its verdict.
 */
import * as v from 'valibot';
import { LIMITS as TEST_LIMITS, QUIZ_TYPES, type QuizType } from '../quiz/test-spec.ts';
import { cleanName } from '../live/nickname.ts';

export const MAX_ASSIGNMENT_TITLE = 80;
/** Far above a term's homework, low enough to bound the class gradebook. */
export const MAX_ASSIGNMENTS_PER_CLASS = 200;
/** The most questions in one assignment (a practice test's limit). */
export const MAX_ASSIGNMENT_QUESTIONS = TEST_LIMITS.count;
/** Answers one request may carry: a whole assignment's, sent at once after a day offline. */
export const MAX_ANSWERS_PER_REQUEST = MAX_ASSIGNMENT_QUESTIONS;
/** Typed answers the teacher accepts for one question. */
export const MAX_ACCEPTED_PER_QUESTION = 20;
/** The longest typed answer kept (a short answer is a phrase; a cloze a few words per gap). */
export const MAX_TYPED_LENGTH = 500;

export const cleanAssignmentTitle = (raw: unknown) => cleanName(raw, MAX_ASSIGNMENT_TITLE);

/** When a student sees which answers were right and what the right answers are. */
export const SHOW_ANSWERS = ['immediately', 'after-due', 'never'] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];

/** The questions of an assignment, as every device builds them (see `assignmentTestSpec`). */
export interface AssignmentQuestions {
	/** Deck keys "bank/deck" of the built-in banks. */
	decks: string[];
	types: QuizType[];
	count: number;
	/** Drawn by the server when the assignment is set; fixes the questions and their options. */
	seed: string;
	shuffle: boolean;
	/** Multiple-answer questions earn part of a point for each right pick. */
	partialCredit: boolean;
}

/** The teacher sets an assignment. Times are ms since the epoch. */
export const CreateAssignmentRequest = v.object({
	title: v.string(),
	decks: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.minLength(1), v.maxLength(50)),
	types: v.pipe(v.array(v.picklist(QUIZ_TYPES)), v.minLength(1), v.maxLength(QUIZ_TYPES.length)),
	count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ASSIGNMENT_QUESTIONS)),
	shuffle: v.boolean(),
	partialCredit: v.boolean(),
	/** Omitted: open at once. */
	opensAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	dueAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
	showAnswers: v.picklist(SHOW_ANSWERS),
});
export type CreateAssignmentRequest = v.InferOutput<typeof CreateAssignmentRequest>;

/** The teacher changes the title, the times or when answers show (never the questions). */
export const UpdateAssignmentRequest = v.object({
	title: v.optional(v.string()),
	opensAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	dueAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	showAnswers: v.optional(v.picklist(SHOW_ANSWERS)),
});

/**
 * An answer as the test page holds it (`Answer` of quiz/check.ts): choice answers in the
 * positions the student saw, which the server maps back through the same `buildTest`.
 */
const index = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50));
const typed = v.pipe(v.string(), v.maxLength(MAX_TYPED_LENGTH));
export const AssignmentAnswer = v.variant('type', [
	v.strictObject({ type: v.literal('single'), choice: index }),
	v.strictObject({ type: v.literal('multi'), choices: v.pipe(v.array(index), v.maxLength(50)) }),
	v.strictObject({ type: v.literal('truefalse'), value: v.boolean() }),
	v.strictObject({ type: v.literal('cloze'), blanks: v.pipe(v.array(typed), v.maxLength(50)) }),
	v.strictObject({ type: v.literal('short'), text: typed }),
	v.strictObject({ type: v.literal('order'), order: v.pipe(v.array(index), v.maxLength(50)) }),
]);
export type AssignmentAnswer = v.InferOutput<typeof AssignmentAnswer>;

/** One question answered (or skipped: `answer` null) on the student's device. */
export const SubmittedAnswer = v.strictObject({
	questionId: v.pipe(v.string(), v.maxLength(100)),
	answer: v.nullable(AssignmentAnswer),
	/** Time on the question, ms. */
	timeMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 3_600_000)),
	/** When the device took the answer, ms since the epoch (see `isLate`). */
	answeredAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type SubmittedAnswer = v.InferOutput<typeof SubmittedAnswer>;

/**
 * A student's answers, sent as they are given, or all at once when the network comes back.
 * Sending one again changes nothing: a question's first answer received is the one that counts.
 * `finished`: the student reached the end (skipped questions included): the assignment is done.
 */
export const SubmitAnswersRequest = v.strictObject({
	answers: v.pipe(v.array(SubmittedAnswer), v.maxLength(MAX_ANSWERS_PER_REQUEST)),
	finished: v.boolean(),
});
export type SubmitAnswersRequest = v.InferOutput<typeof SubmitAnswersRequest>;

/** The teacher accepts a typed answer of one question for everyone, or takes it back. */
export const AcceptAnswerRequest = v.strictObject({
	questionId: v.pipe(v.string(), v.maxLength(100)),
	text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TYPED_LENGTH)),
	accept: v.boolean(),
});

export type StudentStatus = 'not-started' | 'in-progress' | 'done' | 'late';

/** An assignment in the teacher's list, with how far the class has got. */
export interface AssignmentSummary {
	id: string;
	classId: string;
	title: string;
	questions: AssignmentQuestions;
	/** The question ids the seed gives, in the order asked. */
	questionIds: string[];
	opensAt: number;
	dueAt: number;
	showAnswers: ShowAnswers;
	createdAt: number;
	/** Students (seats of the class now) in each state. */
	counts: Record<StudentStatus, number>;
}

/** One student's row in an assignment's report. */
export interface StudentReport {
	seatId: string;
	name: string;
	status: StudentStatus;
	answered: number;
	/** Right answers (partial credit counts its share), as the server graded them. */
	score: number;
	/** Sum of the answers' times, ms. */
	timeMs: number;
	/** The first answer received, ms since the epoch; null before any. */
	startedAt: number | null;
	/** When the student finished (their device sent `finished`, the first time); null before. */
	finishedAt: number | null;
}

/** A wrong answer given by several students, as the teacher reads it. */
export interface CommonWrongAnswer {
	/** The answer in words (option texts, the typed text trimmed), in the question's language. */
	text: string;
	students: number;
	/** A typed answer (short, cloze): the teacher may accept it for everyone. */
	acceptable: boolean;
}

/** One question's row in an assignment's report. */
export interface QuestionReport {
	questionId: string;
	type: QuizType;
	/** The prompt in both languages, so the report reads in either. */
	prompt: { zh: string; en: string };
	paragraphs: number[];
	answered: number;
	right: number;
	/** Average time of the answers, ms; 0 before any. */
	averageMs: number;
	/** Most given first, at most five; in English and in Chinese. */
	wrong: { zh: CommonWrongAnswer[]; en: CommonWrongAnswer[] };
	/** The typed answers the teacher accepted. */
	accepted: string[];
}

/** The teacher's view of one assignment. */
export interface AssignmentReport {
	assignment: AssignmentSummary;
	students: StudentReport[];
	questions: QuestionReport[];
}

/** An assignment as a student sees it in their class. */
export interface StudentAssignment {
	id: string;
	title: string;
	opensAt: number;
	dueAt: number;
	showAnswers: ShowAnswers;
	/** Null until it opens: the questions are not told before. */
	questions: AssignmentQuestions | null;
	total: number;
	answered: number;
	status: StudentStatus;
	/** The server's score, only once answers may be shown (see `answersShown`); else null. */
	score: number | null;
}

/** A student's own graded answers, once the teacher's choice allows it. */
export interface StudentResult {
	assignment: StudentAssignment;
	/** Null while answers are not shown yet (after-due before the deadline, or never). */
	answers:
		| {
				questionId: string;
				correct: boolean;
				score: number;
				/** The right answer(s) in words, in the language asked for. */
				expected: string[];
				/** True when the teacher accepted this answer for everyone afterwards. */
				acceptedByTeacher: boolean;
		  }[]
		| null;
}

export type AssignmentErrorCode =
	/** 400: the decks, types and count give no question (or a deck is not a built-in one). */
	| 'no-questions'
	/** 400: the deadline is not after the opening time. */
	| 'bad-times'
	/** 400: the title has nothing a reader could see. */
	| 'name-empty'
	/** 409: the class has MAX_ASSIGNMENTS_PER_CLASS assignments. */
	| 'too-many-assignments'
	/** 423: the assignment does not open yet. */
	| 'not-open'
	/** 400: an answer names a question not in the assignment, or cannot answer it. */
	| 'bad-answer'
	/** 400: accepting a text for a question that takes no typed answer. */
	| 'not-typed';

/*
 * Endpoints (JSON unless said; changing requests must carry this site's Origin; refusals are
 * `{ error: ClassErrorCode | AssignmentErrorCode }`, a class or assignment not the caller's
 * answers `not-found`):
 *
 * Teacher (signed in, the class's teacher):
 *   GET    /api/classes/:id/assignments                  → { assignments: AssignmentSummary[] }
 *                                                            (newest deadline first)
 *   POST   /api/classes/:id/assignments      CreateAssignment → { assignment: AssignmentSummary }
 *   GET    /api/classes/:id/assignments/:a               → { report: AssignmentReport }
 *   PATCH  /api/classes/:id/assignments/:a   UpdateAssignment → { assignment: AssignmentSummary }
 *   DELETE /api/classes/:id/assignments/:a               → { ok: true } (its answers go with it)
 *   POST   /api/classes/:id/assignments/:a/accept AcceptAnswer → { report: AssignmentReport }
 *          every answer to that question equal to the text (as the checker compares typed
 *          answers) is graded again, and the students' results show it. Short and cloze
 *          questions (a cloze answer is all its blanks, as the report's text joins them with
 *          " · "); another type is `not-typed`, a question not in the assignment `bad-answer`,
 *          more than MAX_ACCEPTED_PER_QUESTION texts `bad-request`
 *   GET    /api/classes/:id/assignments/:a/results.csv   → text/csv, one row per student
 *   GET    /api/classes/:id/gradebook.csv                → text/csv, one row per student and
 *          assignment: student, assignment, score, out of, percent, status, late
 *
 * Student (the seat's token, or the account it is linked to):
 *   GET    /api/classes/seats/:seat/assignments          → { assignments: StudentAssignment[] }
 *   GET    /api/classes/seats/:seat/assignments/:a       → { result: StudentResult }
 *   POST   /api/classes/seats/:seat/assignments/:a/answers SubmitAnswers
 *                                                        → { result: StudentResult }
 *   Both take `?lang=zh|en` (default en): the language of the right answers (`expected`).
 *   A result's `answers` are those received (a skip too), in the assignment's order.
 */
