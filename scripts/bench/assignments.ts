/**
 * `npm run bench:assignments`: the assignment endpoints' own time (printed, never asserted), on
 * SQLite and on PostgreSQL (a fresh, randomly named database on KIOKU_TEST_POSTGRES or the local
 * server, dropped afterwards). Requests go through the endpoint handlers — body read, JSON,
 * checks, grading, one transaction — without HTTP or auth around them.
 *  A. A class of --students (40) submits a --questions (20) question assignment within
 *     --window ms (60,000): each student's phone sends its answers one by one as they are given,
 *     at moments spread at random over the window, then "finished". Then the worst case: every
 *     phone of the class comes back online at the same instant and sends all its answers in one
 *     request. Server time per request: p50 / p99 / max.
 *  B. A teacher's dashboard over --assignments (30) × --class (200) students, every student
 *     having answered every question: the report (GET one assignment), the list, and the
 *     gradebook CSV, --runs (30) times each: p50 / p99 / max.
 * Flags: --students N, --questions N, --window MS, --assignments N, --class N, --runs N,
 * --only sqlite|postgres.
 */
import { performance } from 'node:perf_hooks';
import type { QuestionsAssignmentSummary } from '../../src/lib/classes/assignment-protocol.ts';
import { gradeAssignmentAnswer } from '../../src/lib/classes/assignment-grading.ts';
import { assignmentDecks, assignmentItems } from '../../src/lib/classes/assignment-rules.ts';
import type { TestItem } from '../../src/lib/quiz/build-test.ts';
import { loadToSimplified } from '../../src/lib/quiz/chinese-variants.ts';
import { QUIZ_TYPES } from '../../src/lib/quiz/test-spec.ts';
import { createAssignmentStore } from '../../src/lib/server/classes/assignments.ts';
import { AssignmentEndpoints } from '../../src/lib/server/classes/assignments-http.ts';
import type { ClassRequestEvent } from '../../src/lib/server/classes/http.ts';
import { createClassStore } from '../../src/lib/server/classes/store.ts';
import { openDatabase, type DatabaseKind } from '../../src/lib/server/db/connection.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrations.ts';
import { hashToken, newToken } from '../../src/lib/server/live/tokens.ts';
import {
	DECK,
	rightAnswer,
	shippedDeck,
	wrongAnswer,
} from '../../tests/unit/assignment-fixtures.ts';
import { benchDatabase } from './bench-server.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const STUDENTS = Number(flag('students') ?? 40);
const QUESTIONS = Number(flag('questions') ?? 20);
const ASSIGNMENTS = Number(flag('assignments') ?? 30);
const CLASS = Number(flag('class') ?? 200);
const RUNS = Number(flag('runs') ?? 30);
const WINDOW_MS = Number(flag('window') ?? 60_000);
const ONLY = flag('only') as DatabaseKind | undefined;
const SITE = 'http://kioku.local';
const T0 = Date.UTC(2026, 8, 1, 8);
const DUE = T0 + 7 * 24 * 3_600_000;
const teacher = { id: 'bench-teacher', name: 'Ms Bench' };

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const figures = (times: number[]) => {
	const sorted = [...times].sort((a, b) => a - b);
	return `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1)!)}`;
};

function event(
	method: string,
	path: string,
	params: ClassRequestEvent['params'],
	options: { token?: string; body?: unknown } = {},
): ClassRequestEvent {
	const headers = new Headers();
	if (method !== 'GET') headers.set('origin', SITE);
	if (options.token) headers.set('authorization', `Bearer ${options.token}`);
	if (options.body !== undefined) headers.set('content-type', 'application/json');
	const body = options.body === undefined ? undefined : JSON.stringify(options.body);
	return {
		request: new Request(new URL(path, SITE), { method, headers, body }),
		params,
		locals: { user: method === 'GET' || !options.token ? teacher : null },
		getClientAddress: () => '203.0.113.1',
	};
}

/** The answer a student gives: mostly right, some wrong, a few typed answers mistyped. */
const answerOf = (item: TestItem, student: number, k: number) =>
	(student + k) % 4 === 0 ? wrongAnswer(item, `guess ${student % 7}`) : rightAnswer(item);

async function timed(call: () => Promise<Response>, times: number[]): Promise<Response> {
	const t0 = performance.now();
	const response = await call();
	await response.arrayBuffer();
	times.push(performance.now() - t0);
	if (response.status !== 200) throw new Error(`status ${response.status}`);
	return response;
}

async function bench(kind: DatabaseKind): Promise<void> {
	const made = await benchDatabase(kind);
	const db = openDatabase(made.location);
	try {
		await migrateToLatest(db.kysely, kind);
		let clock = T0;
		const now = () => clock;
		const classes = createClassStore(db, { now });
		const store = createAssignmentStore(db, {
			loadDeck: shippedDeck,
			now,
			toSimplified: loadToSimplified,
		});
		const endpoints = new AssignmentEndpoints(store);
		const set = async (classId: string, title: string): Promise<QuestionsAssignmentSummary> => {
			const made = await store.create(teacher.id, classId, {
				title,
				decks: [DECK],
				types: [...QUIZ_TYPES],
				count: QUESTIONS,
				shuffle: true,
				partialCredit: false,
				dueAt: DUE,
				showAnswers: 'after-due',
			});
			if (!made.ok) throw new Error(made.error);
			if (made.value.kind !== 'questions') throw new Error('not a practice test');
			return made.value;
		};
		const seated = async (code: string, n: number) => {
			const seats = [];
			for (let i = 0; i < n; i++) {
				const token = newToken();
				const joined = await classes.join(code, `Student ${i + 1}`, hashToken(token));
				if (!joined.ok) throw new Error(joined.error);
				seats.push({ token, seatId: joined.value.seatId });
			}
			return seats;
		};
		console.log(`${kind}:`);

		// A. A class submits.
		const small = await classes.createClass(teacher, 'Class A');
		if (!small.ok) throw new Error(small.error);
		const students = await seated(small.value.code, STUDENTS);
		// The same moments on every run: a seeded generator (a linear congruential one).
		let state = 12345;
		const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (const whole of [false, true]) {
			const a = await set(small.value.id, whole ? 'All at once' : 'One by one');
			const items = assignmentItems(a.questions, await assignmentDecks(a.questions, shippedDeck));
			const times: number[] = [];
			clock = T0 + 3_600_000;
			const t0 = performance.now();
			await Promise.all(
				students.map(async (s, i) => {
					const path = `/api/classes/seats/${s.seatId}/assignments/${a.id}/answers`;
					const params = { seat: s.seatId, assignment: a.id };
					const answers = items.map((item, k) => ({
						questionId: item.question.id,
						answer: answerOf(item, i, k),
						timeMs: 4000 + ((i * 7 + k * 13) % 20) * 500,
						answeredAt: clock,
					}));
					const submit = (batch: typeof answers, finished: boolean) =>
						timed(
							() =>
								endpoints.submit(
									event('POST', path, params, {
										token: s.token,
										body: { answers: batch, finished },
									}),
								),
							times,
						);
					if (whole) return submit(answers, true);
					// The student's moments of answering, in order, within the window.
					const moments = answers.map(() => random() * WINDOW_MS).sort((x, y) => x - y);
					for (const [k, one] of answers.entries()) {
						const wait = t0 + moments[k] - performance.now();
						if (wait > 0) await new Promise((done) => setTimeout(done, wait));
						await submit([one], k === answers.length - 1);
					}
				}),
			);
			const wall = performance.now() - t0;
			console.log(
				whole
					? `  A ${STUDENTS} phones back online at once, each sending its ${items.length} answers in one request: ${figures(times)}; all answered in ${(wall / 1000).toFixed(2)} s`
					: `  A ${STUDENTS} students × ${items.length} questions within ${WINDOW_MS / 1000} s, one request per answer (the last with "finished"): ${times.length} requests, ${figures(times)}`,
			);
		}

		// B. The dashboard of a large class, its answers written directly (graded as the store does).
		const big = await classes.createClass(teacher, 'Class B');
		if (!big.ok) throw new Error(big.error);
		const seats = await seated(big.value.code, CLASS);
		const assignments: QuestionsAssignmentSummary[] = [];
		for (let k = 0; k < ASSIGNMENTS; k++)
			assignments.push(await set(big.value.id, `Week ${k + 1}`));
		const seedStart = performance.now();
		// The bench's students give a few distinct answers: each is graded once.
		const verdicts = new Map<string, ReturnType<typeof gradeAssignmentAnswer>>();
		const grade = (item: TestItem, answer: ReturnType<typeof answerOf>) => {
			const key = `${item.question.id}:${JSON.stringify(answer)}`;
			if (!verdicts.has(key))
				verdicts.set(
					key,
					gradeAssignmentAnswer(item, answer, { partialCredit: false, accepted: [] }),
				);
			return verdicts.get(key)!;
		};
		for (const a of assignments) {
			const items = assignmentItems(a.questions, await assignmentDecks(a.questions, shippedDeck));
			const rows = seats.flatMap((s, i) =>
				items.map((item, k) => {
					const answer = answerOf(item, i, k);
					const graded = grade(item, answer);
					if (!graded.ok) throw new Error('an answer of the bench does not fit');
					return {
						assignment_id: a.id,
						seat_id: s.seatId,
						question_id: item.question.id,
						answer: JSON.stringify(answer),
						correct: graded.value.correct ? 1 : 0,
						score: graded.value.score,
						accepted: 0,
						time_ms: 5000,
						answered_at: T0 + i * 1000,
						received_at: T0 + i * 1000,
						late: i % 10 === 0 ? 1 : 0,
					};
				}),
			);
			for (let from = 0; from < rows.length; from += 500)
				await db.kysely
					.insertInto('class_answer')
					.values(rows.slice(from, from + 500))
					.execute();
			// The totals the store keeps with the answers; four in five students finished.
			const totals = seats.map((s, i) => {
				const own = rows.filter((r) => r.seat_id === s.seatId);
				return {
					assignment_id: a.id,
					seat_id: s.seatId,
					answered: own.length,
					score: own.reduce((sum, r) => sum + r.score, 0),
					late: Math.max(...own.map((r) => r.late)),
					started_at: own[0].received_at,
					finished_at: i % 5 === 0 ? null : T0,
				};
			});
			await db.kysely.insertInto('class_attempt').values(totals).execute();
		}
		console.log(
			`  B seeded ${ASSIGNMENTS} assignments × ${CLASS} students × ${QUESTIONS} answers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
		);
		const id = big.value.id;
		const report: number[] = [];
		const list: number[] = [];
		const csv: number[] = [];
		const results: number[] = [];
		let bytes = 0;
		for (let run = 0; run < RUNS; run++) {
			const a = assignments[run % assignments.length];
			const one = { id, assignment: a.id };
			await timed(
				() => endpoints.report(event('GET', `/api/classes/${id}/assignments/${a.id}`, one)),
				report,
			);
			await timed(
				() => endpoints.list(event('GET', `/api/classes/${id}/assignments`, { id })),
				list,
			);
			await timed(
				() =>
					endpoints.resultsCsv(
						event('GET', `/api/classes/${id}/assignments/${a.id}/results.csv`, one),
					),
				results,
			);
			const t0 = performance.now();
			const book = await endpoints.gradebookCsv(
				event('GET', `/api/classes/${id}/gradebook.csv`, { id }),
			);
			bytes = (await book.arrayBuffer()).byteLength;
			csv.push(performance.now() - t0);
		}
		console.log(`  B report (GET one assignment, ${CLASS} students): ${figures(report)}`);
		console.log(`  B list (GET the class's ${ASSIGNMENTS} assignments): ${figures(list)}`);
		console.log(`  B results.csv (one assignment): ${figures(results)}`);
		console.log(
			`  B gradebook.csv (${CLASS * ASSIGNMENTS} rows, ${(bytes / 1024).toFixed(0)} KB): ${figures(csv)}`,
		);
	} finally {
		await db.close();
		await made.drop();
	}
}

for (const kind of ['sqlite', 'postgres'] as const) {
	if (ONLY && ONLY !== kind) continue;
	await bench(kind);
}
