// Live games hosted for a class, through the real classroom server (LiveHub) on a real database
// of each kind: only the class's teacher hosts one, a phone holding a seat of the class plays as
// that student (once), anyone else as a guest, and when the game ends each student's answers to
// the questions revealed go to the class: its list of games, the gradebook and class mastery.
// A student removed from the class, or the class deleted, takes them along.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { classGameId, type ClassGameResults } from '$lib/classes/live-results';
import { liveGameTitle } from '$lib/classes/gradebook';
import type { CreateGame, LiveAnswer } from '$lib/live/protocol';
import { loadToSimplified } from '$lib/quiz/chinese-variants';
import { createAssignmentStore, type AssignmentStore } from '$lib/server/classes/assignments';
import { createClassGameStore, type ClassGameStore } from '$lib/server/classes/class-games';
import { classMasteryReader, type ClassMasteryReader } from '$lib/server/classes/mastery';
import { createClassStore, type ClassStore, type Teacher } from '$lib/server/classes/store';
import { migrateToLatest } from '$lib/server/db/migrations';
import { LiveHub, type HubResult } from '$lib/server/live/hub';
import { createLiveStore } from '$lib/server/live/store';
import { hashToken, newToken } from '$lib/server/live/tokens';
import { DECK, shippedDeck } from '../unit/assignment-fixtures';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const T0 = Date.UTC(2026, 8, 1, 8);
const MINUTE = 60_000;
const DAY = 86_400_000;
const alice: Teacher = { id: 'teacher-alice', name: 'Alice' };
const bob: Teacher = { id: 'teacher-bob', name: 'Bob' };
const BANK = 'us-japan-2023';

/** Questions of the shipped deck DECK, with what they cite and their answers. */
const Q = {
	/** True/false, paragraph 2, false. */
	tfFalse: 'usj23-sec-006',
	/** Typed, paragraph 3: "SCC". */
	typed: 'usj23-sec-012',
	/** True/false, paragraph 3, true. */
	tfTrue: 'usj23-sec-013',
};
const tf = (value: boolean): LiveAnswer => ({ type: 'truefalse', value });
const typed = (text: string): LiveAnswer => ({ type: 'short', text });

/** A game of these questions of DECK, in this order, hosted for the class. */
const gameFor = (classId: string, questionIds: string[]): CreateGame => ({
	decks: [DECK],
	questionIds,
	types: ['truefalse', 'short'],
	count: questionIds.length,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
	classId,
});

function must<T>(r: HubResult<T>): T {
	if (!r.ok) throw new Error(`refused: ${r.error.status} ${r.error.message}`);
	return r.value;
}
const statusOf = (r: HubResult<unknown>) => (r.ok ? 200 : r.error.status);

describe.each(DATABASE_KINDS)('live games hosted for a class on %s', (kind) => {
	let test: TestDatabase;
	let classes: ClassStore;
	let games: ClassGameStore;
	let assignments: AssignmentStore;
	let mastery: ClassMasteryReader;
	let hub: LiveHub;
	/** The hub's clock: each test sets the time its game is played at. */
	let now = T0;

	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		classes = createClassStore(test.db, { now: () => now });
		games = createClassGameStore(test.db.kysely);
		assignments = createAssignmentStore(test.db, {
			loadDeck: shippedDeck,
			now: () => now,
			toSimplified: loadToSimplified,
		});
		mastery = classMasteryReader(test.db.kysely, shippedDeck);
		hub = newHub({ classes: games });
	});
	/** Hubs a test starts besides `hub`, stopped with it. */
	const hubs: LiveHub[] = [];
	afterAll(async () => {
		for (const h of [hub, ...hubs]) await h?.stop();
		await test?.drop();
	});

	function newHub(o: { classes?: ClassGameStore; instanceId?: string } = {}) {
		const h = new LiveHub({
			store: createLiveStore(test.db),
			loadQuestions: async (decks) => {
				const loaded = await Promise.all(
					decks.map((key) => shippedDeck(...(key.split('/') as [string, string]))),
				);
				return loaded.flatMap((d) => d?.questions ?? []);
			},
			clock: () => now,
			createLimit: { perWindow: 1000, windowMs: MINUTE },
			joinLimit: { perWindow: 1000, windowMs: MINUTE },
			instanceId: o.instanceId ?? `class-games-${kind}`,
			...(o.classes && { classes: o.classes }),
		});
		return h;
	}

	/** A class of `teacher`'s with these students, each seat with the token its device keeps. */
	async function classWith(teacher: Teacher, name: string, students: string[]) {
		const made = await classes.createClass(teacher, name);
		if (!made.ok) throw new Error(made.error);
		const seats: Record<string, { id: string; token: string }> = {};
		for (const student of students) {
			const token = newToken();
			const seat = await classes.join(made.value.code, student, hashToken(token));
			if (!seat.ok) throw new Error(seat.error);
			expect(seat.value.name).toBe(student);
			seats[student] = { id: seat.value.seatId, token };
		}
		return { cls: made.value, seats };
	}

	/** A game the teacher hosts for the class now; its id as the class keeps it. */
	async function host(classId: string, questionIds: string[], teacher = alice) {
		const created = must(await hub.create(gameFor(classId, questionIds), 'school', teacher.id));
		const act = async (action: string, extra: object = {}) =>
			must(await hub.host(created.code, created.hostToken, { action, ...extra })).phase;
		const join = async (nickname: string, seats?: string[], userId: string | null = null) =>
			hub.join(
				created.code,
				{ code: created.code, nickname, ...(seats && { seats }) },
				'school',
				userId,
			);
		const answer = async (player: { token: string }, questionIndex: number, a: LiveAnswer) =>
			must(await hub.answer(created.code, player.token, { questionIndex, answer: a }, 'school'));
		return {
			...created,
			id: classGameId({ code: created.code, createdAt: now }),
			act,
			join: async (...args: Parameters<typeof join>) => must(await join(...args)),
			tryJoin: join,
			answer,
		};
	}

	const db = () => test.db.kysely;
	const gameRow = (id: string) =>
		db().selectFrom('class_game').selectAll().where('id', '=', id).executeTakeFirst();
	const seatRows = (gameId: string) =>
		db()
			.selectFrom('class_game_seat')
			.selectAll()
			.where('game_id', '=', gameId)
			.orderBy('seat_id')
			.execute();
	const answerRows = (gameId: string) =>
		db()
			.selectFrom('class_game_answer')
			.selectAll()
			.where('game_id', '=', gameId)
			.orderBy('seat_id')
			.orderBy('question_id')
			.execute();

	/** The hub records an ended game without the host waiting for it: wait for the rows. */
	async function recorded(id: string) {
		return vi.waitFor(
			async () => {
				const row = await gameRow(id);
				if (!row) throw new Error(`game ${id} not recorded yet`);
				return row;
			},
			{ timeout: 5_000, interval: 20 },
		);
	}

	/** Games the live store keeps (saved games and their leases). */
	const liveGames = async () => ({
		games: (await db().selectFrom('live_game').select('code').orderBy('code').execute()).map(
			(r) => r.code,
		),
		leases: (await db().selectFrom('live_lease').select('code').orderBy('code').execute()).map(
			(r) => r.code,
		),
	});

	it('lets only the class’s teacher host a game for it: another account and nobody signed in are refused (403), and nothing of theirs is kept', async () => {
		now = T0;
		const { cls } = await classWith(alice, 'Politics', ['Ann']);
		const before = await liveGames();
		const settings = gameFor(cls.id, [Q.tfFalse]);
		expect(statusOf(await hub.create(settings, 'school', bob.id))).toBe(403);
		expect(statusOf(await hub.create(settings, 'school'))).toBe(403);
		expect(statusOf(await hub.create(settings, 'school', null))).toBe(403);
		expect(
			statusOf(await hub.create(gameFor('no-such-class', [Q.tfFalse]), 'school', alice.id)),
		).toBe(403);
		expect(await liveGames()).toEqual(before);

		const made = must(await hub.create(settings, 'school', alice.id));
		expect((await liveGames()).games).toEqual([...before.games, made.code].sort());
		// A game for no class needs nobody signed in.
		expect(statusOf(await hub.create({ ...settings, classId: undefined }, 'school'))).toBe(200);

		// A server that knows no classes refuses a class game even to its teacher.
		const bare = newHub({ instanceId: `class-games-bare-${kind}` });
		hubs.push(bare);
		expect(statusOf(await bare.create(settings, 'school', alice.id))).toBe(403);
	});

	it('makes a phone holding a seat of the class that student, named as on the roster and once; anyone else plays as a guest under their nickname', async () => {
		now = T0 + DAY;
		const { cls, seats } = await classWith(alice, 'Politics 2', ['Ann', 'Bo', 'Cy']);
		const other = await classWith(bob, 'History', ['Dee']);
		// Cy's seat is linked to her account: signed in, her phone needs no token.
		const linked = await classes.link(seats.Cy.id, {
			tokenHash: hashToken(seats.Cy.token),
			userId: 'user-cy',
		});
		expect(linked.ok).toBe(true);
		const game = await host(cls.id, [Q.tfFalse]);

		const ann = await game.join('xX_sniper_Xx', [seats.Ann.token]);
		expect(ann.nickname).toBe('Ann');
		// Ann's seat again, on another phone: refused.
		expect(statusOf(await game.tryJoin('Ann again', [seats.Ann.token]))).toBe(409);
		// A phone holding seats of two classes plays as this class's.
		expect((await game.join('whoever', [other.seats.Dee.token, seats.Bo.token])).nickname).toBe(
			'Bo',
		);
		expect((await game.join('cy-phone', undefined, 'user-cy')).nickname).toBe('Cy');
		// No seat, or only another class's: a guest, named as they typed.
		expect((await game.join('Gus')).nickname).toBe('Gus');
		expect((await game.join('Visitor', [other.seats.Dee.token])).nickname).toBe('Visitor');
		// The teacher signed in on a phone has no seat either.
		expect((await game.join('Teacher', undefined, alice.id)).nickname).toBe('Teacher');

		expect(await game.act('start')).toBe('open');
		expect(await game.act('end')).toBe('ended');
		await recorded(game.id);
		// The three students are the class's players; the guests left nothing.
		expect((await seatRows(game.id)).map((r) => r.seat_id).sort()).toEqual(
			[seats.Ann.id, seats.Bo.id, seats.Cy.id].sort(),
		);
		expect(
			await db()
				.selectFrom('class_game_seat')
				.select('seat_id')
				.where('seat_id', '=', other.seats.Dee.id)
				.execute(),
		).toEqual([]);
		expect(await gameRow(game.id)).toMatchObject({ class_id: cls.id, question_ids: '[]' });
		expect(await games.list(bob.id, other.cls.id)).toEqual([]);
	});

	it('leaves each student’s answers to the questions revealed in the class when the game ends; the teacher’s list ranks them by right answers and names who was absent; a typed answer accepted afterwards is written again', async () => {
		now = T0 + 2 * DAY;
		const playedAt = now;
		// Bo joined the class first: the list's order is by right answers, not the roster's.
		const { cls, seats } = await classWith(alice, 'Politics 3', ['Bo', 'Ann', 'Cy']);
		const other = await classWith(bob, 'History 2', ['Dee']);
		const game = await host(cls.id, [Q.tfFalse, Q.typed, Q.tfTrue]);
		const bo = await game.join('b', [seats.Bo.token]);
		const ann = await game.join('a', [seats.Ann.token]);
		const gus = await game.join('Gus');
		// Holds another class's seat, and never answers: every reveal is the host's.
		await game.join('Visitor', [other.seats.Dee.token]);

		expect(await game.act('start')).toBe('open');
		now += 2_000;
		await game.answer(ann, 0, tf(false));
		now += 1_000;
		await game.answer(bo, 0, tf(true));
		await game.answer(gus, 0, tf(false));
		expect(await game.act('reveal')).toBe('revealed');
		expect(await game.act('next')).toBe('leaderboard');
		expect(await game.act('next')).toBe('open');
		now += 4_000;
		await game.answer(ann, 1, typed('SCC'));
		await game.answer(bo, 1, typed('the security committee'));
		expect(await game.act('reveal')).toBe('revealed');
		expect(await game.act('next')).toBe('leaderboard');
		expect(await game.act('next')).toBe('open');
		// The last question ends before its reveal: it counts for nothing.
		await game.answer(ann, 2, tf(true));
		await game.answer(bo, 2, tf(true));
		now += MINUTE;
		const endedAt = now;
		expect(await game.act('end')).toBe('ended');

		expect(await recorded(game.id)).toMatchObject({
			id: game.id,
			class_id: cls.id,
			code: game.code,
			decks: JSON.stringify([DECK]),
			question_ids: JSON.stringify([Q.tfFalse, Q.typed]),
		});
		const row = (await gameRow(game.id))!;
		expect([Number(row.played_at), Number(row.ended_at)]).toEqual([playedAt, endedAt]);
		const bySeat = new Map((await seatRows(game.id)).map((r) => [r.seat_id, r]));
		expect([...bySeat.keys()].sort()).toEqual([seats.Ann.id, seats.Bo.id].sort());
		expect(bySeat.get(seats.Ann.id)).toMatchObject({ answered: 2 });
		expect(Number(bySeat.get(seats.Ann.id)!.right_count)).toBe(2);
		expect(Number(bySeat.get(seats.Ann.id)!.points)).toBeGreaterThan(0);
		expect(bySeat.get(seats.Bo.id)).toMatchObject({ answered: 2 });
		expect(Number(bySeat.get(seats.Bo.id)!.right_count)).toBe(0);
		expect(Number(bySeat.get(seats.Bo.id)!.points)).toBe(0);
		const answers = (await answerRows(game.id)).map((r) => ({
			seat: r.seat_id === seats.Ann.id ? 'Ann' : r.seat_id === seats.Bo.id ? 'Bo' : r.seat_id,
			question: r.question_id,
			answer: r.answer === null ? null : JSON.parse(r.answer),
			correct: Number(r.correct),
			score: Number(r.score),
			timeMs: Number(r.time_ms),
		}));
		const expected = [
			{ seat: 'Ann', question: Q.tfFalse, answer: tf(false), correct: 1, score: 1, timeMs: 2_000 },
			{ seat: 'Ann', question: Q.typed, answer: typed('SCC'), correct: 1, score: 1, timeMs: 4_000 },
			{ seat: 'Bo', question: Q.tfFalse, answer: tf(true), correct: 0, score: 0, timeMs: 3_000 },
			{
				seat: 'Bo',
				question: Q.typed,
				answer: typed('the security committee'),
				correct: 0,
				score: 0,
				timeMs: 4_000,
			},
		];
		const order = (a: { seat: string; question: string }) => `${a.seat} ${a.question}`;
		const sorted = <T extends { seat: string; question: string }>(l: T[]) =>
			[...l].sort((x, y) => order(x).localeCompare(order(y)));
		expect(sorted(answers)).toEqual(sorted(expected));

		const listed = await games.list(alice.id, cls.id);
		expect(listed).toEqual([
			{
				id: game.id,
				code: game.code,
				decks: [DECK],
				questions: 2,
				playedAt,
				endedAt,
				students: [
					{
						seatId: seats.Ann.id,
						name: 'Ann',
						answered: 2,
						right: 2,
						points: Number(bySeat.get(seats.Ann.id)!.points),
					},
					{ seatId: seats.Bo.id, name: 'Bo', answered: 2, right: 0, points: 0 },
				],
				absent: ['Cy'],
			},
		]);
		expect(await games.list(bob.id, cls.id)).toBeUndefined();

		// After the end, the host accepts Bo's typed answer: the class's rows are written again,
		// once each, and the game still ended when it did.
		now += 10 * MINUTE;
		expect(await game.act('accept', { questionIndex: 1, text: 'the security committee' })).toBe(
			'ended',
		);
		await vi.waitFor(
			async () => {
				const bo = (await seatRows(game.id)).find((r) => r.seat_id === seats.Bo.id);
				expect(Number(bo?.right_count)).toBe(1);
			},
			{ timeout: 5_000, interval: 20 },
		);
		expect(Number((await gameRow(game.id))!.ended_at)).toBe(endedAt);
		expect(await seatRows(game.id)).toHaveLength(2);
		const again = await answerRows(game.id);
		expect(again).toHaveLength(4);
		expect(again.find((r) => r.seat_id === seats.Bo.id && r.question_id === Q.typed)).toMatchObject(
			{ correct: 1 },
		);
		const relisted = await games.list(alice.id, cls.id);
		expect(relisted?.[0].students.map((s) => [s.name, s.right])).toEqual([
			['Ann', 2],
			['Bo', 1],
		]);
		expect(relisted?.[0].endedAt).toBe(endedAt);
	});

	it('puts each game in the gradebook (right answers of the questions revealed; absent for who did not play), in time among homework, and counts its answers in class mastery', async () => {
		const playedAt = T0 + 10 * DAY;
		now = playedAt - 4 * DAY;
		const { cls, seats } = await classWith(alice, 'Economics', ['Bo', 'Ann', 'Cy']);
		for (const [title, dueAt] of [
			['After', playedAt + DAY],
			['Before', playedAt - DAY],
		] as const) {
			const made = await assignments.create(alice.id, cls.id, {
				title,
				decks: [DECK],
				types: ['truefalse', 'single'],
				count: 3,
				shuffle: false,
				partialCredit: false,
				dueAt,
				showAnswers: 'never',
			});
			if (!made.ok) throw new Error(made.error);
		}
		// Nothing answered yet: no mastery to speak of.
		expect(await mastery.read(alice.id, cls.id)).toEqual({ byParagraph: [], byTag: [] });

		now = playedAt;
		const game = await host(cls.id, [Q.tfFalse, Q.tfTrue]);
		const bo = await game.join('b', [seats.Bo.token]);
		const ann = await game.join('a', [seats.Ann.token]);
		expect(await game.act('start')).toBe('open');
		now += 1_000;
		// Both answer: the question is revealed at once.
		await game.answer(ann, 0, tf(false));
		await game.answer(bo, 0, tf(false));
		expect(await game.act('next')).toBe('leaderboard');
		expect(await game.act('next')).toBe('open');
		await game.answer(ann, 1, tf(true));
		await game.answer(bo, 1, tf(false));
		expect(await game.act('next')).toBe('leaderboard');
		// Next after the last question ends the game: that end is recorded too.
		expect(await game.act('next')).toBe('ended');
		await recorded(game.id);

		const book = await assignments.gradebook(alice.id, cls.id);
		const title = liveGameTitle(game.code, playedAt);
		expect(book?.rows.map((r) => [r.student, r.assignment])).toEqual(
			['Bo', 'Ann', 'Cy'].flatMap((student) => [
				[student, 'Before'],
				[student, title],
				[student, 'After'],
			]),
		);
		expect(book?.rows.filter((r) => r.assignment === title)).toEqual([
			{ student: 'Bo', assignment: title, score: 1, outOf: 2, status: 'done' },
			{ student: 'Ann', assignment: title, score: 2, outOf: 2, status: 'done' },
			{ student: 'Cy', assignment: title, score: 0, outOf: 2, status: 'absent' },
		]);
		expect(await assignments.gradebook(bob.id, cls.id)).toBeUndefined();

		// Paragraph 2 (the first question): both right; paragraph 3 (the second): one of two.
		const read = await mastery.read(alice.id, cls.id);
		expect(
			read?.byParagraph.map((p) => [p.bank, p.paragraph, p.share, p.answers, p.students]),
		).toEqual([
			[BANK, 3, 0.5, 2, 2],
			[BANK, 2, 1, 2, 2],
		]);
	});

	it('takes a student’s game rows away with their seat, and the class’s games with the class', async () => {
		now = T0 + 20 * DAY;
		const { cls, seats } = await classWith(alice, 'Geography', ['Ann', 'Bo']);
		const game = await host(cls.id, [Q.tfFalse]);
		const ann = await game.join('a', [seats.Ann.token]);
		const bo = await game.join('b', [seats.Bo.token]);
		expect(await game.act('start')).toBe('open');
		await game.answer(ann, 0, tf(false));
		await game.answer(bo, 0, tf(true));
		expect(await game.act('end')).toBe('ended');
		await recorded(game.id);
		expect(await seatRows(game.id)).toHaveLength(2);
		expect(await answerRows(game.id)).toHaveLength(2);

		expect(await classes.removeSeat(alice.id, cls.id, seats.Bo.id)).toBe(true);
		expect((await seatRows(game.id)).map((r) => r.seat_id)).toEqual([seats.Ann.id]);
		expect((await answerRows(game.id)).map((r) => r.seat_id)).toEqual([seats.Ann.id]);
		const listed = await games.list(alice.id, cls.id);
		expect(listed?.map((g) => [g.students.map((s) => s.name), g.absent])).toEqual([[['Ann'], []]]);

		expect(await classes.deleteClass(alice.id, cls.id)).toBe(true);
		expect(await gameRow(game.id)).toBeUndefined();
		expect(await seatRows(game.id)).toEqual([]);
		expect(await answerRows(game.id)).toEqual([]);
	});

	it('record written twice keeps the first end and no duplicate rows, leaves out seats no longer in the class, and writes nothing for a class that is gone', async () => {
		now = T0 + 30 * DAY;
		const { cls, seats } = await classWith(alice, 'Law', ['Ann', 'Bo']);
		const other = await classWith(bob, 'Art', ['Dee']);
		const results = (right: number, endedAt: number): ClassGameResults => ({
			id: classGameId({ code: '123456', createdAt: now }),
			classId: cls.id,
			code: '123456',
			decks: [DECK],
			questionIds: [Q.tfFalse],
			playedAt: now,
			endedAt,
			seats: [
				{ seatId: seats.Ann.id, answered: 1, right, points: right * 900 },
				// Another class's seat, and one that does not exist: not this class's students.
				{ seatId: other.seats.Dee.id, answered: 1, right: 1, points: 900 },
				{ seatId: 'no-such-seat', answered: 1, right: 1, points: 900 },
			],
			answers: [
				{
					seatId: seats.Ann.id,
					questionId: Q.tfFalse,
					answer: tf(right === 1 ? false : true),
					correct: right === 1,
					score: right,
					timeMs: 1_500,
				},
				{
					seatId: other.seats.Dee.id,
					questionId: Q.tfFalse,
					answer: tf(false),
					correct: true,
					score: 1,
					timeMs: 1_500,
				},
			],
		});
		const first = results(0, now + MINUTE);
		await games.record(first);
		await games.record(results(1, now + 2 * MINUTE));
		const rows = await db()
			.selectFrom('class_game')
			.selectAll()
			.where('class_id', '=', cls.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(Number(rows[0].ended_at)).toBe(now + MINUTE);
		const seatsOf = await seatRows(first.id);
		expect(seatsOf.map((r) => [r.seat_id, Number(r.right_count), Number(r.points)])).toEqual([
			[seats.Ann.id, 1, 900],
		]);
		const answers = await answerRows(first.id);
		expect(answers.map((r) => [r.seat_id, JSON.parse(r.answer!), Number(r.correct)])).toEqual([
			[seats.Ann.id, tf(false), 1],
		]);
		expect(await games.list(bob.id, other.cls.id)).toEqual([]);
		expect((await games.list(alice.id, cls.id))?.[0]).toMatchObject({
			students: [{ name: 'Ann', right: 1 }],
			absent: ['Bo'],
			endedAt: now + MINUTE,
		});

		// The class is deleted while the game is being recorded: nothing is written for it.
		expect(await classes.deleteClass(alice.id, cls.id)).toBe(true);
		await games.record(results(1, now + 3 * MINUTE));
		expect(await gameRow(first.id)).toBeUndefined();
		expect(await seatRows(first.id)).toEqual([]);
	});

	it('keeps a student’s name for the student: a guest typing it (any case) is refused with 409, another name joins', async () => {
		now = T0 + 40 * DAY;
		const { cls, seats } = await classWith(alice, 'Music', ['Ann', 'Bo']);
		const game = await host(cls.id, [Q.tfFalse]);
		const refused = await game.tryJoin(' ANN ');
		expect(statusOf(refused)).toBe(409);
		if (!refused.ok) expect(refused.error.message).toMatch(/student/);
		const guest = await game.join('Annika');
		expect(guest.nickname).toBe('Annika');
		// Ann herself, her seat on her phone, is Ann.
		expect((await game.join('whatever', [seats.Ann.token])).nickname).toBe('Ann');
	});

	it('lists as absent only those who were in the class when the game ended', async () => {
		now = T0 + 50 * DAY;
		const { cls, seats } = await classWith(alice, 'Drama', ['Ann', 'Bo']);
		const game = await host(cls.id, [Q.tfFalse]);
		const ann = await game.join('a', [seats.Ann.token]);
		expect(await game.act('start')).toBe('open');
		await game.answer(ann, 0, tf(false));
		expect(await game.act('end')).toBe('ended');
		await recorded(game.id);
		now += DAY;
		const late = await classes.join(cls.code, 'Cy', hashToken(newToken()));
		expect(late.ok).toBe(true);
		const [listed] = (await games.list(alice.id, cls.id))!;
		expect(listed.students.map((s) => s.name)).toEqual(['Ann']);
		expect(listed.absent).toEqual(['Bo']);
	});

	it('writes the results of a game that ended when its server stopped before they reached the class, once the game is taken back', async () => {
		now = T0 + 60 * DAY;
		const { cls, seats } = await classWith(alice, 'Latin', ['Ann']);
		const instanceId = `class-games-restart-${kind}`;
		const first = newHub({ classes: games, instanceId });
		hubs.push(first);
		const created = must(await first.create(gameFor(cls.id, [Q.tfFalse]), 'school', alice.id));
		const id = classGameId({ code: created.code, createdAt: now });
		const ann = must(
			await first.join(
				created.code,
				{ code: created.code, nickname: 'a', seats: [seats.Ann.token] },
				'school',
			),
		);
		must(await first.host(created.code, created.hostToken, { action: 'start' }));
		must(
			await first.answer(
				created.code,
				ann.token,
				{ questionIndex: 0, answer: tf(false) },
				'school',
			),
		);
		must(await first.host(created.code, created.hostToken, { action: 'end' }));
		await recorded(id);
		await first.stop();
		// As if the write had never happened (the process died first).
		await db().deleteFrom('class_game').where('id', '=', id).execute();
		expect(await gameRow(id)).toBeUndefined();

		const second = newHub({ classes: games, instanceId });
		hubs.push(second);
		await second.whenRestored();
		await recorded(id);
		expect((await seatRows(id)).map((r) => [r.seat_id, Number(r.right_count)])).toEqual([
			[seats.Ann.id, 1],
		]);
	});
});
