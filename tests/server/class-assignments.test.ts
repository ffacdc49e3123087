// The assignment endpoints' handlers, called with real Requests as the routes pass them (a faked
// signed-in teacher: auth fills `locals.user` in hooks), on a real database of each kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
	MAX_ASSIGNMENTS_PER_CLASS,
	type QuestionsAssignmentReport as AssignmentReport,
	type QuestionsAssignmentSummary as AssignmentSummary,
	type QuestionsStudentAssignment as StudentAssignment,
	type ReviewAssignmentReport,
	type ReviewAssignmentSummary,
	type ReviewStudentReport,
	type StudentResult,
} from '$lib/classes/assignment-protocol';
import { assignmentDecks, assignmentItems } from '$lib/classes/assignment-rules';
import {
	OneReport,
	OneResult,
	StudentAssignmentList,
	AssignmentList,
	OneAssignment,
} from '$lib/classes/assignment-responses';
import type { ClassSummary, SeatView } from '$lib/classes/protocol';
import { loadToSimplified } from '$lib/quiz/chinese-variants';
import { expectedAnswer, type TestItem } from '$lib/quiz/build-test';
import { QUIZ_TYPES } from '$lib/quiz/test-spec';
import type { UserDataPart } from '$lib/server/auth/user-data';
import {
	createAssignmentStore,
	type AssignmentStore,
	type AssignmentUserExport,
} from '$lib/server/classes/assignments';
import { AssignmentEndpoints } from '$lib/server/classes/assignments-http';
import { ClassEndpoints, type ClassRequestEvent } from '$lib/server/classes/http';
import { createClassStore, type ClassStore } from '$lib/server/classes/store';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { ServerSchema } from '$lib/server/db/schema';
import * as v from 'valibot';
import {
	DECK,
	rightAnswer,
	shippedBankDecks,
	shippedDeck,
	shippedParagraphQuestions,
	wrongAnswer,
} from '../unit/assignment-fixtures';
import { authRig, Browser, type AuthRig } from './auth-helpers';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const SITE = 'https://kioku.example';
const T0 = Date.UTC(2026, 8, 1, 8);
const HOUR = 3_600_000;
const DUE = T0 + 48 * HOUR;

interface User {
	id: string;
	name: string;
}

type Handler = (event: ClassRequestEvent) => Promise<Response>;
type Routes = [method: string, path: RegExp, handler: Handler][];

/** The routes under src/routes/api/classes/, static segments first as SvelteKit matches them. */
function routesOf(classes: ClassEndpoints, assignments: AssignmentEndpoints): Routes {
	const seat = '\\/api\\/classes\\/seats\\/(?<seat>[^/]+)';
	const cls = '\\/api\\/classes\\/(?<id>[^/]+)';
	const one = `${cls}\\/assignments\\/(?<assignment>[^/]+)`;
	const r = (s: string) => new RegExp(`^${s}$`);
	return [
		['POST', /^\/api\/classes$/, (e) => classes.create(e)],
		['POST', /^\/api\/classes\/join$/, (e) => classes.join(e)],
		['DELETE', r(seat), (e) => classes.leave(e)],
		['POST', r(`${seat}\\/link`), (e) => classes.link(e)],
		['GET', r(`${seat}\\/assignments`), (e) => assignments.studentList(e)],
		['GET', r(`${seat}\\/assignments\\/(?<assignment>[^/]+)`), (e) => assignments.studentResult(e)],
		[
			'POST',
			r(`${seat}\\/assignments\\/(?<assignment>[^/]+)\\/answers`),
			(e) => assignments.submit(e),
		],
		[
			'POST',
			r(`${seat}\\/assignments\\/(?<assignment>[^/]+)\\/progress`),
			(e) => assignments.progress(e),
		],
		['DELETE', r(cls), (e) => classes.delete(e)],
		['DELETE', r(`${cls}\\/seats\\/(?<seat>[^/]+)`), (e) => classes.removeSeat(e)],
		['GET', r(`${cls}\\/assignments`), (e) => assignments.list(e)],
		['POST', r(`${cls}\\/assignments`), (e) => assignments.create(e)],
		['GET', r(`${cls}\\/gradebook\\.csv`), (e) => assignments.gradebookCsv(e)],
		['GET', r(one), (e) => assignments.report(e)],
		['PATCH', r(one), (e) => assignments.update(e)],
		['DELETE', r(one), (e) => assignments.delete(e)],
		['POST', r(`${one}\\/accept`), (e) => assignments.accept(e)],
		['GET', r(`${one}\\/results\\.csv`), (e) => assignments.resultsCsv(e)],
	];
}

interface CallOptions {
	user?: User | null;
	token?: string;
	origin?: string | null;
	body?: unknown;
	address?: string;
}

interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape it expects
	body: any;
	text: string;
	headers: Headers;
}

function clientOf(routes: Routes) {
	return async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
		const url = new URL(path, SITE);
		const route = routes.find(([m, pattern]) => m === method && pattern.test(url.pathname));
		if (!route) throw new Error(`no route for ${method} ${path}`);
		const params = Object.fromEntries(
			Object.entries(route[1].exec(url.pathname)!.groups ?? {}).map(([k, val]) => [
				k,
				decodeURIComponent(val),
			]),
		);
		const headers = new Headers();
		const origin = options.origin === undefined ? (method === 'GET' ? null : SITE) : options.origin;
		if (origin !== null) headers.set('origin', origin);
		const body = options.body === undefined ? undefined : JSON.stringify(options.body);
		if (body !== undefined) headers.set('content-type', 'application/json');
		if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
		const request = new Request(url, { method, headers, body });
		const response = await route[2]({
			request,
			params,
			locals: { user: options.user ?? null },
			getClientAddress: () => options.address ?? '203.0.113.5',
		});
		// `text()` drops a byte-order mark: read the bytes as they are.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
		const json = response.headers.get('content-type')?.startsWith('application/json');
		return {
			status: response.status,
			body: json ? JSON.parse(text) : undefined,
			text,
			headers: response.headers,
		};
	};
}

/** Every assignment row in the database, whoever holds it, read past the store. */
async function allRows(db: Kysely<ServerSchema>) {
	return {
		assignments: await db.selectFrom('class_assignment').selectAll().orderBy('id').execute(),
		answers: await db
			.selectFrom('class_answer')
			.selectAll()
			.orderBy('assignment_id')
			.orderBy('seat_id')
			.orderBy('question_id')
			.execute(),
		attempts: await db.selectFrom('class_attempt').selectAll().orderBy('seat_id').execute(),
	};
}

let people = 0;
const someone = (name: string): User => ({ id: `user-${++people}-${name.toLowerCase()}`, name });

/** The items every device builds for the assignment (the test's own `buildTest`). */
async function itemsOf(a: AssignmentSummary): Promise<TestItem[]> {
	return assignmentItems(a.questions, await assignmentDecks(a.questions, shippedDeck));
}

const SET = {
	title: 'Week 1: security',
	decks: [DECK],
	types: [...QUIZ_TYPES],
	count: 12,
	shuffle: true,
	partialCredit: false,
	dueAt: DUE,
	showAnswers: 'immediately',
};

function rig(kind: 'sqlite' | 'postgres', clock: { now: number }) {
	let test: TestDatabase;
	const made = {} as {
		test: TestDatabase;
		classes: ClassStore;
		assignments: AssignmentStore;
		api: ReturnType<typeof clientOf>;
	};
	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		const now = () => clock.now;
		const classes = createClassStore(test.db, { now });
		const assignments = createAssignmentStore(test.db, {
			loadDeck: shippedDeck,
			bankDecks: shippedBankDecks,
			now,
			toSimplified: loadToSimplified,
		});
		Object.assign(made, {
			test,
			classes,
			assignments,
			api: clientOf(
				routesOf(new ClassEndpoints(classes, { now }), new AssignmentEndpoints(assignments)),
			),
		});
	});
	afterAll(() => test.drop());
	return made;
}

describe.each(DATABASE_KINDS)('class assignments on %s', (kind) => {
	const clock = { now: T0 };
	const r = rig(kind, clock);
	let addresses = 0;

	async function classOf(teacher: User, name = 'Politics'): Promise<ClassSummary> {
		const made = await r.api('POST', '/api/classes', { user: teacher, body: { name } });
		expect(made.status).toBe(200);
		return made.body.class;
	}

	async function joined(code: string, name: string): Promise<{ token: string; seat: SeatView }> {
		const reply = await r.api('POST', '/api/classes/join', {
			body: { code, name },
			address: `198.51.100.${++addresses}`,
		});
		expect(reply.status).toBe(200);
		return reply.body;
	}

	async function assign(teacher: User, cls: ClassSummary, over: object = {}) {
		const made = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
			user: teacher,
			body: { ...SET, ...over },
		});
		expect(made.status).toBe(200);
		expect(v.is(OneAssignment, made.body)).toBe(true);
		const assignment: AssignmentSummary = made.body.assignment;
		return { assignment, items: await itemsOf(assignment) };
	}

	/** A class of Alice's with students, and an assignment set to it. */
	async function classroom(names: string[], over: object = {}) {
		const alice = someone('Alice');
		const cls = await classOf(alice);
		const students = [];
		for (const name of names) students.push(await joined(cls.code, name));
		const { assignment, items } = await assign(alice, cls, over);
		return { alice, cls, students, assignment, items };
	}

	const answersPath = (s: { seat: SeatView }, a: AssignmentSummary, lang = 'en') =>
		`/api/classes/seats/${s.seat.seatId}/assignments/${a.id}/answers?lang=${lang}`;

	function send(
		s: { token: string; seat: SeatView },
		a: AssignmentSummary,
		answers: object[],
		finished = false,
	) {
		return r.api('POST', answersPath(s, a), { token: s.token, body: { answers, finished } });
	}

	const sent = (item: TestItem, answer: unknown, answeredAt = clock.now, timeMs = 5000) => ({
		questionId: item.question.id,
		answer,
		timeMs,
		answeredAt,
	});

	const report = async (teacher: User, cls: ClassSummary, a: AssignmentSummary) => {
		const got = await r.api('GET', `/api/classes/${cls.id}/assignments/${a.id}`, { user: teacher });
		expect(got.status).toBe(200);
		expect(v.is(OneReport, got.body)).toBe(true);
		return got.body.report as AssignmentReport;
	};

	it('a teacher sets an assignment; its questions are the ones every device builds from its seed', async () => {
		clock.now = T0;
		const alice = someone('Alice');
		const cls = await classOf(alice);
		const made = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
			user: alice,
			body: { ...SET, title: '  Week 1:\u202E security ' },
		});
		expect(made.status).toBe(200);
		expect(made.headers.get('cache-control')).toBe('no-store');
		const a: AssignmentSummary = made.body.assignment;
		expect(a).toEqual({
			kind: 'questions',
			id: expect.any(String),
			classId: cls.id,
			title: 'Week 1: security',
			questions: {
				decks: [DECK],
				types: SET.types,
				count: 12,
				seed: expect.stringMatching(/^[a-z0-9]{4,16}$/),
				shuffle: true,
				partialCredit: false,
			},
			questionIds: expect.any(Array),
			opensAt: T0,
			dueAt: DUE,
			showAnswers: 'immediately',
			createdAt: T0,
			counts: { 'not-started': 0, 'in-progress': 0, done: 0, late: 0 },
		} satisfies AssignmentSummary);
		expect(a.questionIds).toEqual((await itemsOf(a)).map((i) => i.question.id));
		expect(a.questionIds).toHaveLength(12);
		// Each assignment draws its own seed.
		const second = (await assign(alice, cls, { dueAt: DUE + HOUR })).assignment;
		expect(second.questions.seed).not.toBe(a.questions.seed);
		const list = await r.api('GET', `/api/classes/${cls.id}/assignments`, { user: alice });
		expect(v.is(AssignmentList, list.body)).toBe(true);
		expect(list.body.assignments.map((x: AssignmentSummary) => x.id)).toEqual([second.id, a.id]);

		// Refused: nothing readable in the title, a deadline not after the opening, decks that are
		// not built-in or give no question.
		const refusals: [object, number, string][] = [
			[{ title: ' \u200B ' }, 400, 'name-empty'],
			[{ dueAt: T0 }, 400, 'bad-times'],
			[{ opensAt: DUE, dueAt: DUE }, 400, 'bad-times'],
			[{ decks: ['my-import/words'] }, 400, 'no-questions'],
			[{ decks: [DECK, 'us-japan-2023/nope'] }, 400, 'no-questions'],
			[{ decks: ['us-japan-2023'] }, 400, 'no-questions'],
			[{ count: 0 }, 400, 'bad-request'],
			[{ types: ['flashcard'] }, 400, 'bad-request'],
		];
		for (const [over, status, error] of refusals) {
			const refused = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
				user: alice,
				body: { ...SET, ...over },
			});
			expect(refused, JSON.stringify(over)).toMatchObject({ status, body: { error } });
		}
		expect(
			(await r.api('GET', `/api/classes/${cls.id}/assignments`, { user: alice })).body.assignments,
		).toHaveLength(2);

		// The title, times and showing change; the questions never do.
		const patched = await r.api('PATCH', `/api/classes/${cls.id}/assignments/${a.id}`, {
			user: alice,
			body: { title: 'Week 1 (redo)', showAnswers: 'never', questionIds: [] },
		});
		expect(patched.body.assignment).toEqual({ ...a, title: 'Week 1 (redo)', showAnswers: 'never' });
		const badTimes = await r.api('PATCH', `/api/classes/${cls.id}/assignments/${a.id}`, {
			user: alice,
			body: { opensAt: DUE + HOUR },
		});
		expect(badTimes).toMatchObject({ status: 400, body: { error: 'bad-times' } });
		const deleted = await r.api('DELETE', `/api/classes/${cls.id}/assignments/${a.id}`, {
			user: alice,
		});
		expect(deleted).toMatchObject({ status: 200, body: { ok: true } });
		expect(
			(await r.api('GET', `/api/classes/${cls.id}/assignments/${a.id}`, { user: alice })).status,
		).toBe(404);
	});

	it('questions chosen by hand: exactly those are asked, the student’s device builds the same, and one outside the decks or types is refused', async () => {
		clock.now = T0;
		const alice = someone('Alice');
		const cls = await classOf(alice);
		const ann = await joined(cls.code, 'Ann');
		const deck = (await shippedDeck(...(DECK.split('/') as [string, string])))!;
		const ofType = (type: string) => deck.questions.filter((q) => q.type === type);
		const picked = [ofType('truefalse')[1].id, ofType('single')[0].id, ofType('short')[0].id];
		const { assignment: a, items } = await assign(alice, cls, {
			count: 12,
			only: [...picked, picked[0]],
		});
		expect(a.questions).toMatchObject({ count: 3, only: picked });
		expect([...a.questionIds].sort()).toEqual([...picked].sort());
		expect(items.map((i) => i.question.id)).toEqual(a.questionIds);
		// The student's device reads the same choice and builds the same questions in the same order.
		const own = await r.api('GET', `/api/classes/seats/${ann.seat.seatId}/assignments`, {
			token: ann.token,
		});
		const theirs: AssignmentSummary = own.body.assignments[0];
		expect(theirs.questions).toEqual(a.questions);
		expect((await itemsOf(theirs)).map((i) => i.question.id)).toEqual(a.questionIds);

		for (const body of [
			// A question of another deck, and one of a type not chosen.
			{ only: [picked[0], 'usj23-dip-001'] },
			{ types: ['single'], only: picked },
		]) {
			const refused = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
				user: alice,
				body: { ...SET, ...body },
			});
			expect(refused.body).toEqual({ error: 'no-questions' });
		}
		const listed = await r.api('GET', `/api/classes/${cls.id}/assignments`, { user: alice });
		expect(listed.body.assignments).toHaveLength(1);
	});

	it('students answer on time, late, and offline; the server grades, the first answer counts, the report tells each case', async () => {
		clock.now = T0 + HOUR;
		const {
			alice,
			cls,
			students,
			assignment: a,
			items,
		} = await classroom(['Ann', 'Bo', '小明', 'Dan']);
		const [ann, bo, ming] = students;
		// Ann answers everything right on time, one at a time, and finishes.
		clock.now = T0 + 2 * HOUR;
		for (const item of items) {
			const reply = await send(ann, a, [sent(item, rightAnswer(item))]);
			expect(reply.status).toBe(200);
			expect(reply.headers.get('cache-control')).toBe('no-store');
		}
		const finished = await send(ann, a, [], true);
		expect(v.is(OneResult, finished.body)).toBe(true);
		expect(finished.body.result.assignment).toMatchObject({
			status: 'done',
			answered: items.length,
			total: items.length,
			score: items.length,
		});
		// Bo starts on time with wrong answers and a skip, and finishes after the deadline.
		await send(bo, a, [sent(items[0], wrongAnswer(items[0])), sent(items[1], null)]);
		clock.now = DUE + HOUR;
		await send(
			bo,
			a,
			items.slice(2).map((i) => sent(i, rightAnswer(i))),
			true,
		);
		// 小明 did all of it offline the day before the deadline; the phone sends it after.
		const offline = DUE - 24 * HOUR;
		clock.now = DUE + 2 * HOUR;
		const mingReply = await send(
			ming,
			a,
			items.map((i) => sent(i, rightAnswer(i, 'zh'), offline)),
			true,
		);
		expect(mingReply.body.result.assignment).toMatchObject({ status: 'done', score: items.length });

		// The phone sends it all again (it never saw the answer): nothing changes.
		const before = await allRows(r.test.db.kysely);
		clock.now = DUE + 3 * HOUR;
		const again = await send(
			ming,
			a,
			items.map((i) => sent(i, wrongAnswer(i), clock.now)),
			true,
		);
		expect(again.status).toBe(200);
		expect(again.body.result.assignment).toMatchObject({ status: 'done', score: items.length });
		expect(await allRows(r.test.db.kysely)).toEqual(before);

		const got = await report(alice, cls, a);
		expect(got.assignment.counts).toEqual({ 'not-started': 1, 'in-progress': 0, done: 2, late: 1 });
		const n = items.length;
		expect(got.students).toEqual([
			{
				seatId: ann.seat.seatId,
				name: 'Ann',
				status: 'done',
				answered: n,
				score: n,
				timeMs: 5000 * n,
				startedAt: T0 + 2 * HOUR,
				finishedAt: T0 + 2 * HOUR,
			},
			{
				seatId: bo.seat.seatId,
				name: 'Bo',
				status: 'late',
				answered: n,
				score: n - 2,
				timeMs: 5000 * n,
				startedAt: T0 + 2 * HOUR,
				finishedAt: DUE + HOUR,
			},
			{
				seatId: ming.seat.seatId,
				name: '小明',
				status: 'done',
				answered: n,
				score: n,
				timeMs: 5000 * n,
				startedAt: DUE + 2 * HOUR,
				finishedAt: DUE + 2 * HOUR,
			},
			{
				seatId: students[3].seat.seatId,
				name: 'Dan',
				status: 'not-started',
				answered: 0,
				score: 0,
				timeMs: 0,
				startedAt: null,
				finishedAt: null,
			},
		] satisfies AssignmentReport['students']);
		const first = got.questions[0];
		expect(first).toMatchObject({
			questionId: items[0].question.id,
			type: items[0].question.type,
			prompt: items[0].question.prompt,
			paragraphs: items[0].question.source.paragraphs,
			answered: 3,
			right: 2,
			averageMs: 5000,
			accepted: [],
		});
		expect(first.wrong.en).toHaveLength(1);
		expect(first.wrong.en[0]).toMatchObject({ students: 1 });
		// The skip is answered, wrong, and no wrong answer to show.
		expect(got.questions[1]).toMatchObject({ answered: 3, right: 2, wrong: { zh: [], en: [] } });
	});

	it('one student’s requests sent at once all count, each answer once', async () => {
		clock.now = T0 + HOUR;
		const { alice, cls, students, assignment: a, items } = await classroom(['Ann']);
		const [ann] = students;
		const replies = await Promise.all(
			items.map((item, k) => send(ann, a, [sent(item, rightAnswer(item))], k === items.length - 1)),
		);
		expect(replies.map((x) => x.status)).toEqual(items.map(() => 200));
		const [row] = (await report(alice, cls, a)).students;
		expect(row).toMatchObject({ answered: items.length, score: items.length, status: 'done' });
		const list = await r.api('GET', `/api/classes/${cls.id}/assignments`, { user: alice });
		expect(list.body.assignments[0].counts).toMatchObject({ done: 1 });
		const own = await r.api('GET', `/api/classes/seats/${ann.seat.seatId}/assignments`, {
			token: ann.token,
		});
		expect(own.body.assignments[0]).toMatchObject({ answered: items.length, score: items.length });
	});

	it('never takes the device’s verdict, and refuses a request with any answer that cannot be, storing none of it', async () => {
		clock.now = T0 + HOUR;
		// Every question of the deck: each type is there.
		const { students, assignment: a, items } = await classroom(['Ann'], { count: 40 });
		const [ann] = students;
		const before = await allRows(r.test.db.kysely);
		const single = items.find((i) => i.question.type === 'single')!;
		const order = items.find((i) => i.question.type === 'order')!;
		// Sent with each bad one: a request is taken whole or not at all.
		const other = items.find((i) => i !== single && i !== order)!;
		const good = sent(other, rightAnswer(other));
		const bad: [object, number, string][] = [
			// A verdict the device adds is not part of an answer.
			[{ ...sent(single, wrongAnswer(single)), correct: true }, 400, 'bad-request'],
			[sent(single, { ...wrongAnswer(single), correct: true }), 400, 'bad-request'],
			[sent(single, { type: 'single', choice: single.optionOrder!.length }), 400, 'bad-answer'],
			[sent(single, { type: 'short', text: 'Tokyo' }), 400, 'bad-answer'],
			[sent(order, { type: 'order', order: [0, 0, 1] }), 400, 'bad-answer'],
			[{ ...good, questionId: 'usj23-sec-999' }, 400, 'bad-answer'],
			[{ ...good, questionId: 'usj23-dip-001' }, 400, 'bad-answer'],
			[{ ...good, timeMs: -1 }, 400, 'bad-request'],
		];
		for (const [answer, status, error] of bad) {
			const refused = await send(ann, a, [good, answer], true);
			expect(refused, JSON.stringify(answer)).toMatchObject({ status, body: { error } });
		}
		expect(await allRows(r.test.db.kysely)).toEqual(before);
		// A wrong answer stays wrong whatever the device thought of it.
		const graded = await send(ann, a, [sent(single, wrongAnswer(single))]);
		expect(graded.body.result.answers).toEqual([
			{
				questionId: single.question.id,
				correct: false,
				score: 0,
				expected: expect.any(Array),
				acceptedByTeacher: false,
			},
		]);
	});

	it('shows verdicts, right answers and the score only when the teacher lets it', async () => {
		clock.now = T0 + HOUR;
		const { alice, cls, students, items } = await classroom(['Ann']);
		const [ann] = students;
		const shown = { immediately: '', 'after-due': '', never: '' };
		for (const showAnswers of Object.keys(shown) as (keyof typeof shown)[]) {
			const { assignment } = await assign(alice, cls, { showAnswers });
			shown[showAnswers] = assignment.id;
			const own = await itemsOf(assignment);
			await send(ann, assignment, [
				sent(own[0], rightAnswer(own[0])),
				sent(own[1], wrongAnswer(own[1])),
			]);
		}
		const result = async (id: string, lang = 'en') => {
			const got = await r.api(
				'GET',
				`/api/classes/seats/${ann.seat.seatId}/assignments/${id}?lang=${lang}`,
				{
					token: ann.token,
				},
			);
			expect(got.status).toBe(200);
			expect(v.is(OneResult, got.body)).toBe(true);
			return got.body.result as StudentResult;
		};
		const list = async () => {
			const got = await r.api('GET', `/api/classes/seats/${ann.seat.seatId}/assignments`, {
				token: ann.token,
			});
			expect(v.is(StudentAssignmentList, got.body)).toBe(true);
			return new Map((got.body.assignments as StudentAssignment[]).map((x) => [x.id, x]));
		};

		clock.now = DUE - 1;
		const now = await result(shown.immediately);
		expect(now.assignment).toMatchObject({ score: 1, answered: 2, status: 'in-progress' });
		const own = await itemsOf(
			(
				await r.api('GET', `/api/classes/${cls.id}/assignments/${shown.immediately}`, {
					user: alice,
				})
			).body.report.assignment,
		);
		expect(now.answers).toEqual([
			{
				questionId: own[0].question.id,
				correct: true,
				score: 1,
				expected: expect.any(Array),
				acceptedByTeacher: false,
			},
			{
				questionId: own[1].question.id,
				correct: false,
				score: 0,
				expected: expect.any(Array),
				acceptedByTeacher: false,
			},
		]);
		// The right answers in the language asked for.
		const zh = await result(shown.immediately, 'zh');
		expect(zh.answers!.map((x) => x.expected)).toEqual(
			own.slice(0, 2).map((i) => expectedAnswer(i, 'zh')),
		);
		expect(now.answers!.map((x) => x.expected)).toEqual(
			own.slice(0, 2).map((i) => expectedAnswer(i, 'en')),
		);
		for (const id of [shown['after-due'], shown.never]) {
			const hidden = await result(id);
			expect(hidden).toMatchObject({ answers: null, assignment: { score: null, answered: 2 } });
			expect((await list()).get(id)).toMatchObject({ score: null });
		}
		expect((await list()).get(shown.immediately)).toMatchObject({ score: 1 });

		clock.now = DUE;
		expect((await result(shown['after-due'])).answers).toHaveLength(2);
		expect((await result(shown['after-due'])).assignment).toMatchObject({ score: 1 });
		expect(await result(shown.never)).toMatchObject({ answers: null, assignment: { score: null } });
		expect((await list()).get(shown['after-due'])).toMatchObject({ score: 1 });
		void items;
	});

	it('tells nothing of an assignment before it opens, and refuses its answers', async () => {
		clock.now = T0;
		const {
			alice,
			cls,
			students,
			assignment: a,
			items,
		} = await classroom(['Ann'], {
			opensAt: T0 + 24 * HOUR,
		});
		const [ann] = students;
		const listed = await r.api('GET', `/api/classes/seats/${ann.seat.seatId}/assignments`, {
			token: ann.token,
		});
		expect(listed.body.assignments).toEqual([
			{
				kind: 'questions',
				id: a.id,
				title: a.title,
				opensAt: T0 + 24 * HOUR,
				dueAt: DUE,
				showAnswers: 'immediately',
				questions: null,
				total: items.length,
				answered: 0,
				status: 'not-started',
				score: 0,
			},
		] satisfies StudentAssignment[]);
		const early = await send(ann, a, [sent(items[0], rightAnswer(items[0]))]);
		expect(early).toMatchObject({ status: 423, body: { error: 'not-open' } });
		expect(
			(await allRows(r.test.db.kysely)).answers.filter((x) => x.assignment_id === a.id),
		).toEqual([]);
		clock.now = T0 + 24 * HOUR;
		expect((await send(ann, a, [sent(items[0], rightAnswer(items[0]))])).status).toBe(200);
		const open = await r.api('GET', `/api/classes/seats/${ann.seat.seatId}/assignments`, {
			token: ann.token,
		});
		expect(open.body.assignments[0].questions).toEqual(a.questions);
		void alice;
		void cls;
	});

	it('a seat of another class, another student, another teacher: each answers not-found and changes nothing', async () => {
		clock.now = T0 + HOUR;
		const one = await classroom(['Ann', 'Bo']);
		const other = await classroom(['Cy']);
		const [ann, bo] = one.students;
		const [cy] = other.students;
		const a = one.assignment;
		await send(ann, a, [sent(one.items[0], rightAnswer(one.items[0]))]);
		const before = await allRows(r.test.db.kysely);
		const bobTeacher = someone('Bob');
		const path = `/api/classes/${one.cls.id}/assignments/${a.id}`;
		// Cy's seat is in another class: her token reads and answers nothing of this one.
		for (const [method, p, body] of [
			['GET', `/api/classes/seats/${cy.seat.seatId}/assignments/${a.id}`, undefined],
			[
				'POST',
				`/api/classes/seats/${cy.seat.seatId}/assignments/${a.id}/answers`,
				{ answers: [], finished: true },
			],
			// Bo's token on Ann's seat.
			['GET', `/api/classes/seats/${ann.seat.seatId}/assignments/${a.id}`, undefined],
			['GET', `/api/classes/seats/${ann.seat.seatId}/assignments`, undefined],
		] as const) {
			const token = p.includes(cy.seat.seatId) ? cy.token : bo.token;
			const refused = await r.api(method, p, { token, body });
			expect(refused, p).toMatchObject({ status: 404, body: { error: 'not-found' } });
		}
		// No token at all.
		expect(await r.api('GET', `/api/classes/seats/${ann.seat.seatId}/assignments`)).toMatchObject({
			status: 401,
			body: { error: 'no-seat' },
		});
		// Another teacher, and the right teacher through another class's id.
		for (const [user, p] of [
			[bobTeacher, path],
			[other.alice, path],
			[one.alice, `/api/classes/${other.cls.id}/assignments/${a.id}`],
		] as const) {
			for (const [method, suffix, body] of [
				['GET', '', undefined],
				['PATCH', '', { title: 'Mine' }],
				['DELETE', '', undefined],
				['POST', '/accept', { questionId: one.items[0].question.id, text: 'x', accept: true }],
				['GET', '/results.csv', undefined],
			] as const) {
				const refused = await r.api(method, p + suffix, { user, body });
				expect(refused, `${method} ${p}${suffix}`).toMatchObject({
					status: 404,
					body: { error: 'not-found' },
				});
			}
		}
		for (const p of [
			`/api/classes/${one.cls.id}/assignments`,
			`/api/classes/${one.cls.id}/gradebook.csv`,
		]) {
			expect((await r.api('GET', p, { user: bobTeacher })).status).toBe(404);
		}
		// A seat's token is no teacher, and a changing request from another site is refused.
		expect((await r.api('GET', path, { token: ann.token })).status).toBe(401);
		expect(
			await r.api('POST', `/api/classes/seats/${ann.seat.seatId}/assignments/${a.id}/answers`, {
				token: ann.token,
				origin: 'https://evil.example',
				body: { answers: [], finished: true },
			}),
		).toMatchObject({ status: 403, body: { error: 'bad-origin' } });
		expect(await allRows(r.test.db.kysely)).toEqual(before);
	});

	it('accepting a typed answer for everyone re-grades it, the student sees so, and taking it back undoes it', async () => {
		clock.now = T0 + HOUR;
		const {
			alice,
			cls,
			students,
			assignment: a,
			items,
		} = await classroom(['Ann', 'Bo', 'Cy'], {
			types: ['short', 'single'],
		});
		const [ann, bo, cy] = students;
		const short = items.find((i) => i.question.type === 'short')!;
		const single = items.find((i) => i.question.type === 'single')!;
		await send(ann, a, [sent(short, { type: 'short', text: 'Offshore wind farms' })]);
		await send(bo, a, [sent(short, { type: 'short', text: ' offshore-wind  FARMS ' })]);
		await send(cy, a, [sent(short, { type: 'short', text: 'something else' })]);
		const before = await report(alice, cls, a);
		const q = before.questions.find((x) => x.questionId === short.question.id)!;
		expect(q.right).toBe(0);
		expect(q.wrong.en[0]).toEqual({
			text: 'Offshore wind farms',
			students: 2,
			acceptable: true,
		});
		expect(q.wrong.zh[0]).toEqual(q.wrong.en[0]);

		const accept = (text: string, yes: boolean, questionId = short.question.id) =>
			r.api('POST', `/api/classes/${cls.id}/assignments/${a.id}/accept`, {
				user: alice,
				body: { questionId, text, accept: yes },
			});
		const accepted = await accept(q.wrong.en[0].text, true);
		expect(accepted.status).toBe(200);
		expect(v.is(OneReport, accepted.body)).toBe(true);
		const after = accepted.body.report as AssignmentReport;
		expect(after.questions.find((x) => x.questionId === short.question.id)).toMatchObject({
			right: 2,
			accepted: ['Offshore wind farms'],
			wrong: { en: [{ text: 'something else', students: 1 }] },
		});
		expect(after.students.map((s) => s.score)).toEqual([1, 1, 0]);
		const annResult = await r.api(
			'GET',
			`/api/classes/seats/${ann.seat.seatId}/assignments/${a.id}`,
			{
				token: ann.token,
			},
		);
		expect(annResult.body.result.assignment.score).toBe(1);
		expect(annResult.body.result.answers).toEqual([
			expect.objectContaining({
				questionId: short.question.id,
				correct: true,
				score: 1,
				acceptedByTeacher: true,
			}),
		]);
		// A student answering it afterwards is graded with it.
		const dan = await joined(cls.code, 'Dan');
		const late = await send(dan, a, [sent(short, { type: 'short', text: 'OFFSHORE wind farms.' })]);
		expect(late.body.result.answers[0]).toMatchObject({ correct: true, acceptedByTeacher: true });

		// Refused: a choice question, a question not in the assignment.
		expect(await accept('Tokyo', true, single.question.id)).toMatchObject({
			status: 400,
			body: { error: 'not-typed' },
		});
		expect(await accept('x', true, 'usj23-sec-999')).toMatchObject({
			status: 400,
			body: { error: 'bad-answer' },
		});

		// Taken back (written another way), everyone's answer is wrong again.
		const back = await accept('offshore wind-farms', false);
		expect(
			back.body.report.questions.find(
				(x: { questionId: string }) => x.questionId === short.question.id,
			),
		).toMatchObject({
			right: 0,
			accepted: [],
		});
		expect(back.body.report.students.map((s: { score: number }) => s.score)).toEqual([0, 0, 0, 0]);
		const annAgain = await r.api(
			'GET',
			`/api/classes/seats/${ann.seat.seatId}/assignments/${a.id}`,
			{
				token: ann.token,
			},
		);
		expect(annAgain.body.result.answers[0]).toMatchObject({
			correct: false,
			acceptedByTeacher: false,
		});
	});

	it('exports an assignment’s results and the class gradebook as CSV that Excel reads, formulas defused', async () => {
		clock.now = T0 + HOUR;
		const { alice, cls, students, assignment: a, items } = await classroom(['小明', '=cmd|calc']);
		const second = await assign(alice, cls, { title: '@Week 2', dueAt: DUE + 24 * HOUR });
		const [ming] = students;
		await send(
			ming,
			a,
			items.map((i, k) => sent(i, k === 0 ? wrongAnswer(i) : rightAnswer(i))),
			true,
		);
		clock.now = DUE + 24 * HOUR + 1;
		await send(ming, second.assignment, [sent(second.items[0], rightAnswer(second.items[0]))]);

		const csv = await r.api('GET', `/api/classes/${cls.id}/assignments/${a.id}/results.csv`, {
			user: alice,
		});
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('cache-control')).toBe('no-store');
		expect(csv.headers.get('content-disposition')).toBe(
			`attachment; filename="assignment-results.csv"; filename*=UTF-8''Week%201%3A%20security.csv`,
		);
		expect(csv.text.startsWith('\uFEFF')).toBe(true);
		const n = items.length;
		const pct = Math.round((1000 * (n - 1)) / n) / 10;
		expect(csv.text.slice(1).split('\r\n')).toEqual([
			'"student","status","answered","score","out of","percent","time (s)","started","finished"',
			`"小明","done","${n}","${n - 1}","${n}","${pct}","${5 * n}","${new Date(T0 + HOUR).toISOString()}","${new Date(T0 + HOUR).toISOString()}"`,
			`"'=cmd|calc","not-started","0","0","${n}","0","0","",""`,
			'',
		]);

		const book = await r.api('GET', `/api/classes/${cls.id}/gradebook.csv`, { user: alice });
		expect(book.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(book.headers.get('content-disposition')).toContain(
			`filename*=UTF-8''Politics%20gradebook.csv`,
		);
		expect(book.text.slice(1).split('\r\n')).toEqual([
			'"student","assignment","score","out of","percent","status","late"',
			`"小明","Week 1: security","${n - 1}","${n}","${pct}","done","no"`,
			`"小明","'@Week 2","1","${n}","${Math.round(1000 / n) / 10}","late","yes"`,
			`"'=cmd|calc","Week 1: security","0","${n}","0","not-started","no"`,
			`"'=cmd|calc","'@Week 2","0","${n}","0","not-started","no"`,
			'',
		]);
	});

	it('moving the deadline marks answers late or on time again', async () => {
		clock.now = T0 + HOUR;
		const { alice, cls, students, assignment: a, items } = await classroom(['Ann']);
		clock.now = DUE + HOUR;
		await send(students[0], a, [sent(items[0], rightAnswer(items[0]))], true);
		expect((await report(alice, cls, a)).students[0].status).toBe('late');
		const moved = await r.api('PATCH', `/api/classes/${cls.id}/assignments/${a.id}`, {
			user: alice,
			body: { dueAt: DUE + 2 * HOUR },
		});
		expect(moved.body.assignment.counts).toMatchObject({ done: 1, late: 0 });
		expect((await report(alice, cls, a)).students[0].status).toBe('done');
	});

	it('a student leaving, a removed student, a deleted assignment or class: their answers go', async () => {
		clock.now = T0 + HOUR;
		const { alice, cls, students, assignment: a, items } = await classroom(['Ann', 'Bo', 'Cy']);
		const [ann, bo, cy] = students;
		for (const s of students) await send(s, a, [sent(items[0], rightAnswer(items[0]))], true);
		const seatsWithRows = async () => {
			const rows = await allRows(r.test.db.kysely);
			return {
				answers: new Set(
					rows.answers.filter((x) => x.assignment_id === a.id).map((x) => x.seat_id),
				),
				attempts: new Set(
					rows.attempts.filter((x) => x.assignment_id === a.id).map((x) => x.seat_id),
				),
			};
		};
		expect((await seatsWithRows()).answers.size).toBe(3);
		expect(
			(await r.api('DELETE', `/api/classes/seats/${ann.seat.seatId}`, { token: ann.token })).status,
		).toBe(200);
		expect(
			(await r.api('DELETE', `/api/classes/${cls.id}/seats/${bo.seat.seatId}`, { user: alice }))
				.status,
		).toBe(200);
		expect(await seatsWithRows()).toEqual({
			answers: new Set([cy.seat.seatId]),
			attempts: new Set([cy.seat.seatId]),
		});
		expect((await report(alice, cls, a)).students.map((s) => s.name)).toEqual(['Cy']);

		const second = await assign(alice, cls, { dueAt: DUE + HOUR });
		await send(cy, second.assignment, [sent(second.items[0], null)], true);
		await r.api('DELETE', `/api/classes/${cls.id}/assignments/${a.id}`, { user: alice });
		let rows = await allRows(r.test.db.kysely);
		expect(rows.answers.filter((x) => x.assignment_id === a.id)).toEqual([]);
		expect(rows.attempts.filter((x) => x.assignment_id === a.id)).toEqual([]);
		expect(rows.answers.filter((x) => x.assignment_id === second.assignment.id)).toHaveLength(1);

		await r.api('DELETE', `/api/classes/${cls.id}`, { user: alice });
		rows = await allRows(r.test.db.kysely);
		expect(rows.assignments.filter((x) => x.class_id === cls.id)).toEqual([]);
		expect(rows.answers.filter((x) => x.assignment_id === second.assignment.id)).toEqual([]);
		expect(rows.attempts.filter((x) => x.assignment_id === second.assignment.id)).toEqual([]);
	});

	it(`holds a class to ${MAX_ASSIGNMENTS_PER_CLASS} assignments, even when asked at once`, async () => {
		clock.now = T0;
		const alice = someone('Alice');
		const cls = await classOf(alice);
		const db = r.test.db.kysely;
		// Most are written past the store (200 requests would only slow the test).
		const template = (await assign(alice, cls)).assignment;
		const stored = await db
			.selectFrom('class_assignment')
			.selectAll()
			.where('id', '=', template.id)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('class_assignment')
			.values(
				Array.from({ length: MAX_ASSIGNMENTS_PER_CLASS - 3 }, (_, i) => ({
					...stored,
					opens_at: Number(stored.opens_at),
					due_at: Number(stored.due_at),
					created_at: Number(stored.created_at),
					id: `${template.id}-${i}`,
				})),
			)
			.execute();
		const racing = await Promise.all(
			Array.from({ length: 4 }, () =>
				r.api('POST', `/api/classes/${cls.id}/assignments`, { user: alice, body: SET }),
			),
		);
		expect(racing.map((x) => x.status).sort()).toEqual([200, 200, 409, 409]);
		expect(racing.find((x) => x.status === 409)!.body).toEqual({ error: 'too-many-assignments' });
		const { held } = await db
			.selectFrom('class_assignment')
			.select((eb) => eb.fn.countAll<number | string>().as('held'))
			.where('class_id', '=', cls.id)
			.executeTakeFirstOrThrow();
		expect(Number(held)).toBe(MAX_ASSIGNMENTS_PER_CLASS);
	});

	describe('spaced reviews', () => {
		const BANK = 'us-japan-2023';
		const REVIEW = { bank: BANK, paragraphs: [7, 3], target: 0.8 };
		const COVERED = shippedParagraphQuestions(BANK, [3, 7]).length;

		async function reviewRoom(names: string[], over: object = {}) {
			const alice = someone('Alice');
			const cls = await classOf(alice);
			const students = [];
			for (const name of names) students.push(await joined(cls.code, name));
			const made = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
				user: alice,
				body: { kind: 'review', title: 'Review 3 and 7', review: REVIEW, dueAt: DUE, ...over },
			});
			expect(made.status, JSON.stringify(made.body)).toBe(200);
			expect(v.is(OneAssignment, made.body)).toBe(true);
			return { alice, cls, students, review: made.body.assignment as ReviewAssignmentSummary };
		}

		const progress = (
			s: { token: string; seat: SeatView },
			a: { id: string },
			body: object,
			token = s.token,
		) =>
			r.api('POST', `/api/classes/seats/${s.seat.seatId}/assignments/${a.id}/progress`, {
				token,
				body,
			});
		const measured = (mastery: number, measuredAt = clock.now, questions = COVERED) => ({
			mastery,
			questions,
			measuredAt,
		});
		const reviewReport = async (teacher: User, cls: ClassSummary, a: { id: string }) => {
			const got = await r.api('GET', `/api/classes/${cls.id}/assignments/${a.id}`, {
				user: teacher,
			});
			expect(got.status).toBe(200);
			expect(v.is(OneReport, got.body)).toBe(true);
			return got.body.report as ReviewAssignmentReport;
		};

		it('a teacher sets a review of paragraphs; it covers the bank’s questions citing them', async () => {
			clock.now = T0;
			const { cls, review } = await reviewRoom(['Ann']);
			expect(COVERED).toBeGreaterThan(30);
			expect(review).toEqual({
				kind: 'review',
				id: expect.any(String),
				classId: cls.id,
				title: 'Review 3 and 7',
				review: { bank: BANK, paragraphs: [3, 7], target: 0.8 },
				questionCount: COVERED,
				averageMastery: 0,
				opensAt: T0,
				dueAt: DUE,
				createdAt: T0,
				counts: { 'not-started': 1, 'in-progress': 0, done: 0, late: 0 },
			} satisfies ReviewAssignmentSummary);
		});

		it('keeps the highest mastery reported and the first time the target was reached, on time or late', async () => {
			clock.now = T0 + HOUR;
			const { alice, cls, students, review } = await reviewRoom(['Ann', 'Bo', 'Cy', 'Di']);
			const [ann, bo, cy] = students;
			// Ann: a start, then the target, then a lower figure (forgetting) and an old one resent.
			expect((await progress(ann, review, measured(0.3))).body.result.assignment).toMatchObject({
				kind: 'review',
				status: 'in-progress',
				mastery: 0.3,
				reachedAt: null,
			});
			clock.now = T0 + 2 * HOUR;
			const reached = await progress(ann, review, measured(0.85));
			expect(reached.status).toBe(200);
			expect(v.is(OneResult, reached.body)).toBe(true);
			expect(reached.body.result).toEqual({
				assignment: expect.objectContaining({
					status: 'done',
					mastery: 0.85,
					reachedAt: T0 + 2 * HOUR,
					questionCount: COVERED,
				}),
				answers: null,
			});
			clock.now = T0 + 3 * HOUR;
			await progress(ann, review, measured(0.7));
			await progress(ann, review, measured(0.3, T0 + HOUR));
			// Bo reached it offline before the deadline, and the phone sent it after: on time.
			clock.now = DUE + 5 * HOUR;
			await progress(bo, review, measured(0.9, DUE - HOUR));
			// Cy reached it after the deadline: late.
			await progress(cy, review, measured(0.95));
			const got = await reviewReport(alice, cls, review);
			expect(got.students).toEqual([
				{
					seatId: ann.seat.seatId,
					name: 'Ann',
					status: 'done',
					mastery: 0.85,
					reachedAt: T0 + 2 * HOUR,
					reportedAt: T0 + 3 * HOUR,
				},
				{
					seatId: bo.seat.seatId,
					name: 'Bo',
					status: 'done',
					mastery: 0.9,
					reachedAt: DUE - HOUR,
					reportedAt: DUE + 5 * HOUR,
				},
				{
					seatId: cy.seat.seatId,
					name: 'Cy',
					status: 'late',
					mastery: 0.95,
					reachedAt: DUE + 5 * HOUR,
					reportedAt: DUE + 5 * HOUR,
				},
				{
					seatId: students[3].seat.seatId,
					name: 'Di',
					status: 'not-started',
					mastery: null,
					reachedAt: null,
					reportedAt: null,
				},
			] satisfies ReviewStudentReport[]);
			expect(got.assignment.counts).toEqual({
				'not-started': 1,
				'in-progress': 0,
				done: 2,
				late: 1,
			});
			expect(got.assignment.averageMastery).toBeCloseTo((0.85 + 0.9 + 0.95) / 4, 9);
			// The list says the same; the student sees their own figure only.
			const list = await r.api('GET', `/api/classes/${cls.id}/assignments`, { user: alice });
			expect(v.is(AssignmentList, list.body)).toBe(true);
			expect(list.body.assignments[0]).toMatchObject({
				kind: 'review',
				counts: got.assignment.counts,
			});
			const mine = await r.api('GET', `/api/classes/seats/${bo.seat.seatId}/assignments`, {
				token: bo.token,
			});
			expect(v.is(StudentAssignmentList, mine.body)).toBe(true);
			expect(mine.body.assignments[0]).toMatchObject({ status: 'done', mastery: 0.9 });

			// Moving the deadline before Bo reached it makes Bo late, and back on time again.
			const move = (dueAt: number) =>
				r.api('PATCH', `/api/classes/${cls.id}/assignments/${review.id}`, {
					user: alice,
					body: { dueAt },
				});
			expect((await move(DUE - 2 * HOUR)).body.assignment.counts).toMatchObject({
				done: 1,
				late: 2,
			});
			expect((await move(DUE + 10 * HOUR)).body.assignment.counts).toMatchObject({
				done: 3,
				late: 0,
			});
			await move(DUE);

			// The CSVs give the mastery in percent and whether it was reached late.
			const csv = await r.api(
				'GET',
				`/api/classes/${cls.id}/assignments/${review.id}/results.csv`,
				{
					user: alice,
				},
			);
			expect(csv.status).toBe(200);
			const lines = csv.text
				.replace(/^\uFEFF/, '')
				.trim()
				.replaceAll('"', '')
				.split('\r\n');
			expect(lines[0]).toBe('student,status,mastery (%),target (%),reached,late,last report');
			expect(lines[1]).toBe(
				`Ann,done,85,80,${new Date(T0 + 2 * HOUR).toISOString()},no,${new Date(T0 + 3 * HOUR).toISOString()}`,
			);
			expect(lines[3]).toMatch(/^Cy,late,95,80,.*,yes,/);
			expect(lines[4]).toBe('Di,not-started,0,80,,no,');
			const book = await r.api('GET', `/api/classes/${cls.id}/gradebook.csv`, { user: alice });
			const rows = book.text
				.replace(/^\uFEFF/, '')
				.trim()
				.replaceAll('"', '')
				.split('\r\n');
			expect(rows).toContain('Ann,Review 3 and 7,85,100,85,done,no');
			expect(rows).toContain('Cy,Review 3 and 7,95,100,95,late,yes');
			expect(rows).toContain('Di,Review 3 and 7,0,100,0,not-started,no');
		});

		it('refuses a bad review or report with 400, storing nothing; answers and reports go to their own kind', async () => {
			clock.now = T0 + HOUR;
			const { alice, cls, students, review } = await reviewRoom(['Ann']);
			const [ann] = students;
			const before = await allRows(r.test.db.kysely);
			for (const body of [
				{ mastery: 1.2, questions: COVERED, measuredAt: clock.now },
				{ mastery: -0.1, questions: COVERED, measuredAt: clock.now },
				{ mastery: 'high', questions: COVERED, measuredAt: clock.now },
				{ mastery: 0.5, questions: COVERED - 1, measuredAt: clock.now },
				{ mastery: 0.5, questions: COVERED + 1, measuredAt: clock.now },
				{ mastery: 0.5, questions: COVERED, measuredAt: clock.now + 2 * 24 * HOUR },
				{ mastery: 0.5, questions: COVERED, measuredAt: -1 },
				{ mastery: 0.5, questions: COVERED, measuredAt: clock.now, extra: 1 },
			]) {
				const refused = await progress(ann, review, body);
				expect(refused.status, JSON.stringify(body)).toBe(400);
			}
			// Answers to a review, a report to a practice test.
			expect((await send(ann, review as never, [], true)).body).toEqual({ error: 'bad-answer' });
			const test = await assign(alice, cls);
			expect((await progress(ann, test.assignment, measured(0.5))).body).toEqual({
				error: 'bad-answer',
			});
			for (const bad of [
				{ ...REVIEW, target: 0.4 },
				{ ...REVIEW, target: 1.01 },
				{ ...REVIEW, paragraphs: [] },
				{ ...REVIEW, paragraphs: [0] },
				{ ...REVIEW, paragraphs: [1.5] },
			]) {
				const refused = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
					user: alice,
					body: { kind: 'review', title: 'Bad', review: bad, dueAt: DUE },
				});
				expect(refused, JSON.stringify(bad)).toMatchObject({
					status: 400,
					body: { error: 'bad-request' },
				});
			}
			for (const bad of [
				{ ...REVIEW, bank: 'no-such-bank' },
				{ ...REVIEW, paragraphs: [3, 999] },
			]) {
				const refused = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
					user: alice,
					body: { kind: 'review', title: 'Bad', review: bad, dueAt: DUE },
				});
				expect(refused, JSON.stringify(bad)).toMatchObject({
					status: 400,
					body: { error: 'no-questions' },
				});
			}
			const after = await allRows(r.test.db.kysely);
			expect(after.attempts).toEqual(before.attempts);
			expect(after.assignments.filter((x) => x.kind === 'review')).toEqual(
				before.assignments.filter((x) => x.kind === 'review'),
			);
			// Before it opens: not-open, nothing kept.
			const later = await r.api('POST', `/api/classes/${cls.id}/assignments`, {
				user: alice,
				body: {
					kind: 'review',
					title: 'Later',
					review: REVIEW,
					opensAt: T0 + 10 * HOUR,
					dueAt: DUE,
				},
			});
			expect((await progress(ann, later.body.assignment, measured(0.9))).status).toBe(423);
			expect((await allRows(r.test.db.kysely)).attempts).toEqual(before.attempts);
		});

		it('another class’s seat, another student, another teacher: not-found, nothing changed; its rows go with seat and class', async () => {
			clock.now = T0 + HOUR;
			const one = await reviewRoom(['Ann', 'Bo']);
			const other = await reviewRoom(['Cy']);
			const [ann, bo] = one.students;
			const [cy] = other.students;
			await progress(ann, one.review, measured(0.4));
			const before = await allRows(r.test.db.kysely);
			// Cy's seat is in another class; Bo's token on Ann's seat.
			expect(await progress(cy, one.review, measured(0.9))).toMatchObject({
				status: 404,
				body: { error: 'not-found' },
			});
			expect(await progress(ann, one.review, measured(0.9), bo.token)).toMatchObject({
				status: 404,
				body: { error: 'not-found' },
			});
			for (const [user, classId] of [
				[someone('Bob'), one.cls.id],
				[other.alice, one.cls.id],
				[one.alice, other.cls.id],
			] as const) {
				const got = await r.api('GET', `/api/classes/${classId}/assignments/${one.review.id}`, {
					user,
				});
				expect(got).toMatchObject({ status: 404, body: { error: 'not-found' } });
			}
			expect(await allRows(r.test.db.kysely)).toEqual(before);
			const attemptsOf = async (id: string) =>
				(await allRows(r.test.db.kysely)).attempts.filter((x) => x.assignment_id === id);
			expect(await attemptsOf(one.review.id)).toHaveLength(1);
			await r.api('DELETE', `/api/classes/${one.cls.id}/seats/${ann.seat.seatId}`, {
				user: one.alice,
			});
			expect(await attemptsOf(one.review.id)).toEqual([]);
			await progress(bo, one.review, measured(0.5));
			expect(await attemptsOf(one.review.id)).toHaveLength(1);
			await r.api('DELETE', `/api/classes/${one.cls.id}`, { user: one.alice });
			expect(await attemptsOf(one.review.id)).toEqual([]);
			const rows = await allRows(r.test.db.kysely);
			expect(rows.assignments.filter((x) => x.id === one.review.id)).toEqual([]);
		});
	});
});

describe.each(DATABASE_KINDS)('an account’s assignments on %s', (kind) => {
	// scrypt (32 MiB per hash) on a shared two-core machine: give the sign-ups room.
	const SLOW = 120_000;
	let auth: AuthRig | undefined;
	afterAll(() => auth?.test.drop());

	it(
		'deleting the account removes the assignments it set and its own answers; its data download holds both, verdicts only where shown',
		async () => {
			// As src/lib/server/auth/instance.ts registers them, on the accounts' database.
			const opened: { classes?: ClassStore; assignments?: AssignmentStore } = {};
			const parts: UserDataPart[] = [
				{
					name: 'assignments',
					exportUser: (id) => opened.assignments!.exportUser(id),
					deleteUser: (id) => opened.assignments!.deleteUser(id),
				},
				{
					name: 'classes',
					exportUser: (id) => opened.classes!.exportUser(id),
					deleteUser: (id) => opened.classes!.deleteUser(id),
				},
			];
			auth = await authRig(kind, { parts });
			const now = () => T0 + HOUR;
			opened.classes = createClassStore(auth.test.db, { now });
			opened.assignments = createAssignmentStore(auth.test.db, {
				loadDeck: shippedDeck,
				bankDecks: shippedBankDecks,
				now,
				toSimplified: loadToSimplified,
			});
			const api = clientOf(
				routesOf(
					new ClassEndpoints(opened.classes, { now }),
					new AssignmentEndpoints(opened.assignments),
				),
			);
			const browser = new Browser(auth.accounts);
			const password = 'correct horse battery';
			const alice = (await browser.call('signUp', { username: 'Alice', password })).body
				.user as User;
			const bob = { id: 'bob-account', name: 'Bob' };
			const make = async (teacher: User, name: string, showAnswers: string) => {
				const cls = (await api('POST', '/api/classes', { user: teacher, body: { name } })).body
					.class as ClassSummary;
				const a = (
					await api('POST', `/api/classes/${cls.id}/assignments`, {
						user: teacher,
						body: { ...SET, showAnswers },
					})
				).body.assignment as AssignmentSummary;
				return { cls, a, items: await itemsOf(a) };
			};
			const politics = await make(alice, 'Politics', 'immediately');
			const chemistry = await make(bob, 'Chemistry', 'never');
			const chemistry2 = (
				await api('POST', `/api/classes/${chemistry.cls.id}/assignments`, {
					user: bob,
					body: { ...SET, showAnswers: 'immediately', dueAt: DUE + HOUR },
				})
			).body.assignment as AssignmentSummary;
			const join = async (code: string, name: string) =>
				(await api('POST', '/api/classes/join', { body: { code, name } })).body as {
					token: string;
					seat: SeatView;
				};
			const ann = await join(politics.cls.code, 'Ann');
			const aliceSeat = await join(chemistry.cls.code, 'Alice');
			await api('POST', `/api/classes/seats/${aliceSeat.seat.seatId}/link`, {
				user: alice,
				token: aliceSeat.token,
			});
			const dan = await join(chemistry.cls.code, 'Dan');
			const answer = (s: { token: string; seat: SeatView }, a: AssignmentSummary, item: TestItem) =>
				api('POST', `/api/classes/seats/${s.seat.seatId}/assignments/${a.id}/answers`, {
					token: s.token,
					body: {
						answers: [
							{
								questionId: item.question.id,
								answer: rightAnswer(item),
								timeMs: 1000,
								answeredAt: T0,
							},
						],
						finished: false,
					},
				});
			await answer(ann, politics.a, politics.items[0]);
			await answer(aliceSeat, chemistry.a, chemistry.items[0]);
			const items2 = await itemsOf(chemistry2);
			await answer(aliceSeat, chemistry2, items2[0]);
			await answer(dan, chemistry.a, chemistry.items[0]);
			// A spaced review Alice's own device reported on.
			const review = (
				await api('POST', `/api/classes/${chemistry.cls.id}/assignments`, {
					user: bob,
					body: {
						kind: 'review',
						title: 'Review 5',
						review: { bank: 'us-japan-2023', paragraphs: [5], target: 0.5 },
						dueAt: DUE,
					},
				})
			).body.assignment as ReviewAssignmentSummary;
			await api(
				'POST',
				`/api/classes/seats/${aliceSeat.seat.seatId}/assignments/${review.id}/progress`,
				{
					token: aliceSeat.token,
					body: { mastery: 0.6, questions: review.questionCount, measuredAt: T0 + HOUR },
				},
			);

			const data = await browser.call('exportData', {});
			expect(data.status).toBe(200);
			const exported = data.body.assignments as AssignmentUserExport;
			expect(exported.teaching).toHaveLength(1);
			expect(exported.teaching[0]).toMatchObject({
				assignment: { id: politics.a.id, title: SET.title },
				students: [{ name: 'Ann', answered: 1 }],
			});
			const own = (id: string) => exported.answers.find((x) => x.assignmentId === id)!;
			expect(exported.answers).toHaveLength(2);
			expect(own(chemistry.a.id)).toMatchObject({
				seatId: aliceSeat.seat.seatId,
				questionId: chemistry.items[0].question.id,
				answer: rightAnswer(chemistry.items[0]),
				verdict: null,
			});
			expect(own(chemistry2.id).verdict).toEqual({
				correct: true,
				score: 1,
				acceptedByTeacher: false,
			});
			expect(exported.reviews).toEqual([
				{
					seatId: aliceSeat.seat.seatId,
					assignmentId: review.id,
					assignment: 'Review 5',
					mastery: 0.6,
					reachedAt: T0 + HOUR,
					late: false,
					reportedAt: T0 + HOUR,
				},
			]);
			expect(JSON.stringify(exported)).not.toContain(dan.seat.seatId);

			expect((await browser.call('deleteAccount', { password })).status).toBe(200);
			const rows = await allRows(auth.test.db.kysely);
			expect(rows.assignments.map((x) => x.id).sort()).toEqual(
				[chemistry.a.id, chemistry2.id, review.id].sort(),
			);
			expect(rows.answers.map((x) => x.seat_id)).toEqual([dan.seat.seatId]);
			expect(rows.attempts.map((x) => x.seat_id)).toEqual([dan.seat.seatId]);
		},
		SLOW,
	);
});
