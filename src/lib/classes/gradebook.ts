/**
 * What a teacher reads of an assignment, from the answers the server graded: each student's
 * state and totals, each question's share right and its most common wrong answers, and the two
 * CSV files (one assignment's results, the class's gradebook). Kept without storage so they are
 * tested on their own; the server's assignment store feeds them its rows.
 */
import { csvText } from '../csv.ts';
import type {
	CommonWrongAnswer,
	ReviewStudentReport,
	StudentReport,
	StudentStatus,
} from './assignment-protocol.ts';

export const STUDENT_STATUSES = [
	'not-started',
	'in-progress',
	'done',
	'late',
] as const satisfies readonly StudentStatus[];

/** What decides a student's state in an assignment. */
export interface StudentProgress {
	/** Answers received (a skipped question counts: it was answered with nothing). */
	answered: number;
	/** The device said the student reached the end. */
	finished: boolean;
	/** At least one answer is late (see `isLate`). */
	late: boolean;
}

/**
 * Late as soon as any answer is late, finished or not (the teacher wants to know either way);
 * else done once finished, in progress once anything is answered.
 */
export function studentStatus(p: StudentProgress): StudentStatus {
	if (p.late) return 'late';
	if (p.finished) return 'done';
	return p.answered > 0 ? 'in-progress' : 'not-started';
}

/** How many students are in each state. */
export function statusCounts(statuses: Iterable<StudentStatus>): Record<StudentStatus, number> {
	const counts = { 'not-started': 0, 'in-progress': 0, done: 0, late: 0 };
	for (const s of statuses) counts[s]++;
	return counts;
}

/** One received answer, as a student's totals count it. */
export interface GradedAnswerFacts {
	score: number;
	timeMs: number;
	receivedAt: number;
}

/** A student's totals: answers, score (partial credit's shares added up), time, first answer. */
export function studentTotals(answers: readonly GradedAnswerFacts[]) {
	let score = 0;
	let timeMs = 0;
	let startedAt: number | null = null;
	for (const a of answers) {
		score += a.score;
		timeMs += a.timeMs;
		if (startedAt === null || a.receivedAt < startedAt) startedAt = a.receivedAt;
	}
	return { answered: answers.length, score: roundScore(score), timeMs, startedAt };
}

/** Scores are shares of a point: two decimals are what a gradebook shows. */
export const roundScore = (score: number): number => Math.round(score * 100) / 100;

/** One question's figures over the answers received: how many, how many right, average time. */
export function questionTotals(answers: readonly { correct: boolean; timeMs: number }[]) {
	const right = answers.filter((a) => a.correct).length;
	const sum = answers.reduce((s, a) => s + a.timeMs, 0);
	return {
		answered: answers.length,
		right,
		averageMs: answers.length === 0 ? 0 : Math.round(sum / answers.length),
	};
}

/** A wrong answer as one student gave it: `key` says which answers are the same one. */
export interface WrongAnswerSeen {
	key: string;
	text: string;
}

export const COMMON_WRONG_SHOWN = 5;

/**
 * The wrong answers most students gave, most first (ties in the order of the text), at most
 * `COMMON_WRONG_SHOWN`. Answers with the same key are one answer, shown as most of them wrote it.
 */
export function commonWrongAnswers(
	seen: readonly WrongAnswerSeen[],
	acceptable: boolean,
): CommonWrongAnswer[] {
	const groups = new Map<string, Map<string, number>>();
	for (const { key, text } of seen) {
		const texts = groups.get(key) ?? groups.set(key, new Map()).get(key)!;
		texts.set(text, (texts.get(text) ?? 0) + 1);
	}
	const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return [...groups.values()]
		.map((texts) => {
			const ranked = [...texts].sort(([a, m], [b, n]) => n - m || byText(a, b));
			const students = ranked.reduce((s, [, n]) => s + n, 0);
			return { text: ranked[0][0], students, acceptable };
		})
		.sort((a, b) => b.students - a.students || byText(a.text, b.text))
		.slice(0, COMMON_WRONG_SHOWN);
}

/** Percent of `outOf`, one decimal: what gradebook imports read. */
export const percentOf = (score: number, outOf: number): number =>
	outOf === 0 ? 0 : Math.round((1000 * score) / outOf) / 10;

/** A time as spreadsheets read it (ISO 8601, UTC), empty when there is none. */
const isoTime = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

export const ASSIGNMENT_CSV_HEADER = [
	'student',
	'status',
	'answered',
	'score',
	'out of',
	'percent',
	'time (s)',
	'started',
	'finished',
];

/** One assignment's results: one row per student, in the report's order. */
export function assignmentCsv(students: readonly StudentReport[], outOf: number): string {
	const rows = students.map((s) => [
		s.name,
		s.status,
		s.answered,
		s.score,
		outOf,
		percentOf(s.score, outOf),
		Math.round(s.timeMs / 1000),
		isoTime(s.startedAt),
		isoTime(s.finishedAt),
	]);
	return csvText([ASSIGNMENT_CSV_HEADER, ...rows]);
}

/** A mastery (0 to 1) in percent, one decimal; a review not reported reads 0. */
export const masteryPercent = (mastery: number | null): number =>
	Math.round((mastery ?? 0) * 1000) / 10;

export const REVIEW_CSV_HEADER = [
	'student',
	'status',
	'mastery (%)',
	'target (%)',
	'reached',
	'late',
	'last report',
];

/**
 * One spaced review's results: one row per student, in the report's order. The mastery is the
 * highest the student's device reported (the server cannot measure it).
 */
export function reviewCsv(students: readonly ReviewStudentReport[], target: number): string {
	const rows = students.map((s) => [
		s.name,
		s.status,
		masteryPercent(s.mastery),
		masteryPercent(target),
		isoTime(s.reachedAt),
		s.status === 'late' ? 'yes' : 'no',
		isoTime(s.reportedAt),
	]);
	return csvText([REVIEW_CSV_HEADER, ...rows]);
}

/**
 * One student's result in one assignment, as the class gradebook lists it. A spaced review's
 * score is the mastery in percent, out of 100.
 */
export interface GradebookRow {
	student: string;
	assignment: string;
	score: number;
	outOf: number;
	/** A live game hosted for the class: 'done' for who played, 'absent' for who did not. */
	status: StudentStatus | 'absent';
}

/**
 * A live game's name in the gradebook: when it was played (UTC, as the file has no time zone)
 * and its join code, which the class saw on the projector.
 */
export function liveGameTitle(code: string, playedAt: number): string {
	const at = new Date(playedAt).toISOString().slice(0, 16).replace('T', ' ');
	return `Live game ${at} UTC (${code})`;
}

export const GRADEBOOK_CSV_HEADER = [
	'student',
	'assignment',
	'score',
	'out of',
	'percent',
	'status',
	'late',
];

/** The class gradebook: one row per student and assignment. */
export function gradebookCsv(rows: readonly GradebookRow[]): string {
	const records = rows.map((r) => [
		r.student,
		r.assignment,
		r.score,
		r.outOf,
		percentOf(r.score, r.outOf),
		r.status,
		r.status === 'late' ? 'yes' : 'no',
	]);
	return csvText([GRADEBOOK_CSV_HEADER, ...records]);
}
