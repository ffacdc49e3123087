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
 *
 * A second kind, the spaced review, asks no fixed questions: "study paragraphs 3 and 7 until
 * you reach 80 % mastery by Friday". The student's own FSRS schedule decides what comes up; the
 * device measures its mastery of the paragraphs (stats/mastery.ts, over the student's own cards)
 * and reports it. The server cannot measure it without the student's reviews, so the figure a
 * teacher sees is the device's: the server only bounds what it accepts (see
 * `ReviewProgressRequest`), keeps the highest figure, and when the target was first reached.
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
	/**
	 * Chosen by hand: exactly these questions of the decks (ids), `count` of them; absent, the
	 * test draws `count` of the decks' questions of `types`.
	 */
	only?: string[];
}

/** The kinds of assignment: a frozen practice test, or a spaced review of paragraphs. */
export const ASSIGNMENT_KINDS = ['questions', 'review'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** A spaced review's target mastery: at least half, at most all; 80 % unless the teacher says. */
export const MIN_REVIEW_TARGET = 0.5;
export const MAX_REVIEW_TARGET = 1;
export const DEFAULT_REVIEW_TARGET = 0.8;
/** Paragraphs one review may name (a source text of a few dozen paragraphs). */
export const MAX_REVIEW_PARAGRAPHS = 50;

/** What a spaced review asks: these paragraphs of one built-in bank, to this mastery. */
export interface ReviewSpec {
	bank: string;
	/** Paragraph numbers of the bank's source, ascending, each cited by a question. */
	paragraphs: number[];
	/** 0.5 to 1: the mastery (stats/mastery.ts) over the paragraphs' questions to reach. */
	target: number;
}

export const ReviewSpecRequest = v.strictObject({
	bank: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	paragraphs: v.pipe(
		v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999_999))),
		v.minLength(1),
		v.maxLength(MAX_REVIEW_PARAGRAPHS),
	),
	target: v.pipe(
		v.number(),
		v.finite(),
		v.minValue(MIN_REVIEW_TARGET),
		v.maxValue(MAX_REVIEW_TARGET),
	),
});

/** The teacher sets a practice test (`kind` omitted: what clients before reviews send). */
export const CreateQuestionsAssignmentRequest = v.object({
	kind: v.optional(v.literal('questions')),
	title: v.string(),
	decks: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.minLength(1), v.maxLength(50)),
	types: v.pipe(v.array(v.picklist(QUIZ_TYPES)), v.minLength(1), v.maxLength(QUIZ_TYPES.length)),
	count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ASSIGNMENT_QUESTIONS)),
	shuffle: v.boolean(),
	partialCredit: v.boolean(),
	/** Questions chosen by hand (ids of the decks' questions); `count` is then their number. */
	only: v.optional(
		v.pipe(
			v.array(v.pipe(v.string(), v.maxLength(100))),
			v.minLength(1),
			v.maxLength(MAX_ASSIGNMENT_QUESTIONS),
		),
	),
	/** Omitted: open at once. */
	opensAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	dueAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
	showAnswers: v.picklist(SHOW_ANSWERS),
});

/** The teacher sets a spaced review (answers are not shown: there are none to show). */
export const CreateReviewAssignmentRequest = v.object({
	kind: v.literal('review'),
	title: v.string(),
	review: ReviewSpecRequest,
	/** Omitted: open at once. */
	opensAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	dueAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** The teacher sets an assignment of either kind. Times are ms since the epoch. */
export const CreateAssignmentRequest = v.union([
	CreateQuestionsAssignmentRequest,
	CreateReviewAssignmentRequest,
]);
export type CreateAssignmentRequest = v.InferOutput<typeof CreateAssignmentRequest>;

/**
 * The teacher changes the title, the times or when answers show (never the questions, nor a
 * review's paragraphs or target; `showAnswers` means nothing to a review and is ignored).
 */
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

/**
 * A student's device reports its mastery of a review's paragraphs, measured over the student's
 * own cards (`reviewMastery`). `questions`: how many questions it measured over, which must be
 * the review's (`questionCount`), so a device with other banks is not counted. Sending one again,
 * or an older one, changes nothing: the server keeps the highest mastery, and the first time it
 * reached the target, late or not by `measuredAt` as an answer is by its `answeredAt`.
 */
export const ReviewProgressRequest = v.strictObject({
	mastery: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)),
	questions: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
	measuredAt: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15)),
});
export type ReviewProgressRequest = v.InferOutput<typeof ReviewProgressRequest>;

/** How far ahead of the server's clock a measuring time may be: a clock further off is refused. */
export const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

/** The teacher accepts a typed answer of one question for everyone, or takes it back. */
export const AcceptAnswerRequest = v.strictObject({
	questionId: v.pipe(v.string(), v.maxLength(100)),
	text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TYPED_LENGTH)),
	accept: v.boolean(),
});

export type StudentStatus = 'not-started' | 'in-progress' | 'done' | 'late';

interface SummaryBase {
	id: string;
	classId: string;
	title: string;
	opensAt: number;
	dueAt: number;
	createdAt: number;
	/** Students (seats of the class now) in each state. */
	counts: Record<StudentStatus, number>;
}

/** A practice test in the teacher's list, with how far the class has got. */
export interface QuestionsAssignmentSummary extends SummaryBase {
	kind: 'questions';
	questions: AssignmentQuestions;
	/** The question ids the seed gives, in the order asked. */
	questionIds: string[];
	showAnswers: ShowAnswers;
}

/** A spaced review in the teacher's list. */
export interface ReviewAssignmentSummary extends SummaryBase {
	kind: 'review';
	review: ReviewSpec;
	/** Questions of the bank citing any of the paragraphs, each counted once. */
	questionCount: number;
	/** The mean of the students' highest reported mastery (none reported: 0), 0 to 1. */
	averageMastery: number;
}

/** An assignment in the teacher's list: `kind` tells which. */
export type AssignmentSummary = QuestionsAssignmentSummary | ReviewAssignmentSummary;

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

/**
 * One student's row in a spaced review's report. Status: not started (never reported, or
 * nothing known yet), in progress, done (the target reached by the deadline), late (after it).
 */
export interface ReviewStudentReport {
	seatId: string;
	name: string;
	status: StudentStatus;
	/** The highest mastery the student's device reported, 0 to 1; null before any report. */
	mastery: number | null;
	/** When the target was first reached (the device's time, bounded as `isLate` does); null before. */
	reachedAt: number | null;
	/** When the server received the latest report; null before any. */
	reportedAt: number | null;
}

/** The teacher's view of one practice test. */
export interface QuestionsAssignmentReport {
	assignment: QuestionsAssignmentSummary;
	students: StudentReport[];
	questions: QuestionReport[];
}

/** The teacher's view of one spaced review. */
export interface ReviewAssignmentReport {
	assignment: ReviewAssignmentSummary;
	students: ReviewStudentReport[];
}

export type AssignmentReport = QuestionsAssignmentReport | ReviewAssignmentReport;

/** A practice test as a student sees it in their class. */
export interface QuestionsStudentAssignment {
	kind: 'questions';
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

/** A spaced review as a student sees it in their class. */
export interface ReviewStudentAssignment {
	kind: 'review';
	id: string;
	title: string;
	opensAt: number;
	dueAt: number;
	review: ReviewSpec;
	/** Questions of the bank citing any of the paragraphs (what a report's `questions` must be). */
	questionCount: number;
	status: StudentStatus;
	/** The highest mastery this student's device reported; null before any. */
	mastery: number | null;
	/** When the target was first reached; null before. */
	reachedAt: number | null;
}

export type StudentAssignment = QuestionsStudentAssignment | ReviewStudentAssignment;

/** A student's own graded answers, once the teacher's choice allows it. */
export interface StudentResult {
	assignment: StudentAssignment;
	/**
	 * Null while answers are not shown yet (after-due before the deadline, or never), and always
	 * for a spaced review.
	 */
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
	/**
	 * 400: the decks, types and count give no question (or a deck is not a built-in one); a
	 * review's bank is not a built-in one, or a paragraph has no question citing it.
	 */
	| 'no-questions'
	/** 400: the deadline is not after the opening time. */
	| 'bad-times'
	/** 400: the title has nothing a reader could see. */
	| 'name-empty'
	/** 409: the class has MAX_ASSIGNMENTS_PER_CLASS assignments. */
	| 'too-many-assignments'
	/** 423: the assignment does not open yet. */
	| 'not-open'
	/**
	 * 400: an answer names a question not in the assignment, or cannot answer it; answers sent to
	 * a review, or a mastery report sent to a practice test, or one whose `questions` are not the
	 * review's, or measured more than MAX_CLOCK_AHEAD_MS after the server received it.
	 */
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
 *          (a review's: student, status, mastery (%), target (%), reached, late, last report)
 *   GET    /api/classes/:id/gradebook.csv                → text/csv, one row per student and
 *          assignment: student, assignment, score, out of, percent, status, late (a review's
 *          score and percent are the highest mastery reported, in %, out of 100)
 *
 * Student (the seat's token, or the account it is linked to):
 *   GET    /api/classes/seats/:seat/assignments          → { assignments: StudentAssignment[] }
 *   GET    /api/classes/seats/:seat/assignments/:a       → { result: StudentResult }
 *   POST   /api/classes/seats/:seat/assignments/:a/answers SubmitAnswers
 *                                                        → { result: StudentResult }
 *   POST   /api/classes/seats/:seat/assignments/:a/progress ReviewProgress
 *                                                        → { result: StudentResult }
 *          a spaced review's mastery as the device measured it (`not-open` before it opens)
 *   Both take `?lang=zh|en` (default en): the language of the right answers (`expected`).
 *   A result's `answers` are those received (a skip too), in the assignment's order.
 */
