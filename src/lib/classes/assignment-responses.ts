/**
 * The server's answers to the assignment endpoints as schemas: the pages check each answer
 * against them before reading it (a server of another version, a proxy's error page).
 */
import * as v from 'valibot';
import { QUIZ_TYPES } from '../quiz/test-spec.ts';
import {
	SHOW_ANSWERS,
	type AssignmentErrorCode,
	type AssignmentQuestions,
	type AssignmentReport,
	type AssignmentSummary,
	type CommonWrongAnswer,
	type QuestionReport,
	type QuestionsAssignmentSummary,
	type QuestionsStudentAssignment,
	type ReviewAssignmentSummary,
	type ReviewSpec,
	type ReviewStudentAssignment,
	type ReviewStudentReport,
	type StudentAssignment,
	type StudentReport,
	type StudentResult,
} from './assignment-protocol.ts';
import type { ClassErrorCode } from './protocol.ts';

const STATUSES = ['not-started', 'in-progress', 'done', 'late'] as const;

export const AssignmentQuestionsSchema = v.object({
	decks: v.array(v.string()),
	types: v.array(v.picklist(QUIZ_TYPES)),
	count: v.number(),
	seed: v.string(),
	shuffle: v.boolean(),
	partialCredit: v.boolean(),
	only: v.optional(v.array(v.string())),
});

export const ReviewSpecSchema = v.object({
	bank: v.string(),
	paragraphs: v.array(v.number()),
	target: v.number(),
});

const summaryBase = {
	id: v.string(),
	classId: v.string(),
	title: v.string(),
	opensAt: v.number(),
	dueAt: v.number(),
	createdAt: v.number(),
	counts: v.object({
		'not-started': v.number(),
		'in-progress': v.number(),
		done: v.number(),
		late: v.number(),
	}),
};

/**
 * A practice test's `kind` may be missing: a server (or this device's cache) from before spaced
 * reviews sent none, and every assignment then was a practice test.
 */
const questionsKind = v.optional(v.literal('questions'), 'questions');

export const QuestionsAssignmentSummarySchema = v.object({
	...summaryBase,
	kind: questionsKind,
	questions: AssignmentQuestionsSchema,
	questionIds: v.array(v.string()),
	showAnswers: v.picklist(SHOW_ANSWERS),
});

export const ReviewAssignmentSummarySchema = v.object({
	...summaryBase,
	kind: v.literal('review'),
	review: ReviewSpecSchema,
	questionCount: v.number(),
	averageMastery: v.number(),
});

export const AssignmentSummarySchema = v.union([
	QuestionsAssignmentSummarySchema,
	ReviewAssignmentSummarySchema,
]);

export const StudentReportSchema = v.object({
	seatId: v.string(),
	name: v.string(),
	status: v.picklist(STATUSES),
	answered: v.number(),
	score: v.number(),
	timeMs: v.number(),
	startedAt: v.nullable(v.number()),
	finishedAt: v.nullable(v.number()),
});

export const CommonWrongAnswerSchema = v.object({
	text: v.string(),
	students: v.number(),
	acceptable: v.boolean(),
});

export const QuestionReportSchema = v.object({
	questionId: v.string(),
	type: v.picklist(QUIZ_TYPES),
	prompt: v.object({ zh: v.string(), en: v.string() }),
	paragraphs: v.array(v.number()),
	answered: v.number(),
	right: v.number(),
	averageMs: v.number(),
	wrong: v.object({ zh: v.array(CommonWrongAnswerSchema), en: v.array(CommonWrongAnswerSchema) }),
	accepted: v.array(v.string()),
});

export const ReviewStudentReportSchema = v.object({
	seatId: v.string(),
	name: v.string(),
	status: v.picklist(STATUSES),
	mastery: v.nullable(v.number()),
	reachedAt: v.nullable(v.number()),
	reportedAt: v.nullable(v.number()),
});

export const AssignmentReportSchema = v.union([
	v.object({
		assignment: QuestionsAssignmentSummarySchema,
		students: v.array(StudentReportSchema),
		questions: v.array(QuestionReportSchema),
	}),
	v.object({
		assignment: ReviewAssignmentSummarySchema,
		students: v.array(ReviewStudentReportSchema),
	}),
]);

export const QuestionsStudentAssignmentSchema = v.object({
	kind: questionsKind,
	id: v.string(),
	title: v.string(),
	opensAt: v.number(),
	dueAt: v.number(),
	showAnswers: v.picklist(SHOW_ANSWERS),
	questions: v.nullable(AssignmentQuestionsSchema),
	total: v.number(),
	answered: v.number(),
	status: v.picklist(STATUSES),
	score: v.nullable(v.number()),
});

export const ReviewStudentAssignmentSchema = v.object({
	kind: v.literal('review'),
	id: v.string(),
	title: v.string(),
	opensAt: v.number(),
	dueAt: v.number(),
	review: ReviewSpecSchema,
	questionCount: v.number(),
	status: v.picklist(STATUSES),
	mastery: v.nullable(v.number()),
	reachedAt: v.nullable(v.number()),
});

export const StudentAssignmentSchema = v.union([
	QuestionsStudentAssignmentSchema,
	ReviewStudentAssignmentSchema,
]);

export const StudentResultSchema = v.object({
	assignment: StudentAssignmentSchema,
	answers: v.nullable(
		v.array(
			v.object({
				questionId: v.string(),
				correct: v.boolean(),
				score: v.number(),
				expected: v.array(v.string()),
				acceptedByTeacher: v.boolean(),
			}),
		),
	),
});

export const AssignmentList = v.object({ assignments: v.array(AssignmentSummarySchema) });
export const OneAssignment = v.object({ assignment: AssignmentSummarySchema });
export const OneReport = v.object({ report: AssignmentReportSchema });
export const StudentAssignmentList = v.object({ assignments: v.array(StudentAssignmentSchema) });
export const OneResult = v.object({ result: StudentResultSchema });

const CODES = [
	'signed-out',
	'no-seat',
	'bad-origin',
	'bad-request',
	'name-empty',
	'not-found',
	'joining-closed',
	'class-full',
	'too-many-classes',
	'too-many-attempts',
	'no-questions',
	'bad-times',
	'too-many-assignments',
	'not-open',
	'bad-answer',
	'not-typed',
] as const satisfies readonly (ClassErrorCode | AssignmentErrorCode)[];
/** Every refusal an assignment endpoint may answer (the class endpoints' codes and its own). */
export const AssignmentRefusal = v.object({ error: v.picklist(CODES) });

// The schemas describe exactly the protocol's types: a change to one that the other lacks fails
// the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const schemasMatchProtocol: [
	Same<v.InferOutput<typeof AssignmentQuestionsSchema>, AssignmentQuestions>,
	Same<v.InferOutput<typeof ReviewSpecSchema>, ReviewSpec>,
	Same<v.InferOutput<typeof QuestionsAssignmentSummarySchema>, QuestionsAssignmentSummary>,
	Same<v.InferOutput<typeof ReviewAssignmentSummarySchema>, ReviewAssignmentSummary>,
	Same<v.InferOutput<typeof AssignmentSummarySchema>, AssignmentSummary>,
	Same<v.InferOutput<typeof StudentReportSchema>, StudentReport>,
	Same<v.InferOutput<typeof ReviewStudentReportSchema>, ReviewStudentReport>,
	Same<v.InferOutput<typeof CommonWrongAnswerSchema>, CommonWrongAnswer>,
	Same<v.InferOutput<typeof QuestionReportSchema>, QuestionReport>,
	Same<v.InferOutput<typeof AssignmentReportSchema>, AssignmentReport>,
	Same<v.InferOutput<typeof QuestionsStudentAssignmentSchema>, QuestionsStudentAssignment>,
	Same<v.InferOutput<typeof ReviewStudentAssignmentSchema>, ReviewStudentAssignment>,
	Same<v.InferOutput<typeof StudentAssignmentSchema>, StudentAssignment>,
	Same<v.InferOutput<typeof StudentResultSchema>, StudentResult>,
	Same<(typeof CODES)[number], ClassErrorCode | AssignmentErrorCode>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
