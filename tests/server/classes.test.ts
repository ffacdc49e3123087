// The class endpoints' handlers, called with real Requests as the routes pass them (a faked
// signed-in user: auth fills `locals.user` in hooks), on a real database of each kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
	CLASS_CODE_ALPHABET,
	formatClassCode,
	MAX_CLASSES_PER_TEACHER,
	MAX_SEATS_PER_CLASS,
	type ClassRoster,
	type ClassSummary,
	type SeatView,
} from '$lib/classes/protocol';
import type { UserDataPart } from '$lib/server/auth/user-data';
import {
	ClassEndpoints,
	MAX_CLASS_BODY_BYTES,
	type ClassRequestEvent,
} from '$lib/server/classes/http';
import { createClassStore, type ClassStore } from '$lib/server/classes/store';
import { openDatabase, type ServerDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { ServerSchema } from '$lib/server/db/schema';
import { SharedCounterStore } from '$lib/server/live/shared-counters';
import { hashToken } from '$lib/server/live/tokens';
import { authRig, Browser, type AuthRig } from './auth-helpers';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const SITE = 'https://kioku.example';
const T0 = Date.UTC(2026, 8, 1, 8);

interface User {
	id: string;
	name: string;
}

type Action = keyof ClassEndpoints;

/** The routes under src/routes/api/classes/, static segments first as SvelteKit matches them. */
const ROUTES: [method: string, path: RegExp, action: Action][] = [
	['GET', /^\/api\/classes$/, 'list'],
	['POST', /^\/api\/classes$/, 'create'],
	['POST', /^\/api\/classes\/join$/, 'join'],
	['POST', /^\/api\/classes\/seats$/, 'mySeats'],
	['DELETE', /^\/api\/classes\/seats\/(?<seat>[^/]+)$/, 'leave'],
	['POST', /^\/api\/classes\/seats\/(?<seat>[^/]+)\/link$/, 'link'],
	['GET', /^\/api\/classes\/(?<id>[^/]+)$/, 'roster'],
	['PATCH', /^\/api\/classes\/(?<id>[^/]+)$/, 'update'],
	['DELETE', /^\/api\/classes\/(?<id>[^/]+)$/, 'delete'],
	['PATCH', /^\/api\/classes\/(?<id>[^/]+)\/seats\/(?<seat>[^/]+)$/, 'renameSeat'],
	['DELETE', /^\/api\/classes\/(?<id>[^/]+)\/seats\/(?<seat>[^/]+)$/, 'removeSeat'],
];

interface CallOptions {
	user?: User | null;
	/** A seat's token, sent as `Authorization: Bearer`. */
	token?: string;
	/** Default: this site's for a changing request, none for a GET (as a browser sends). */
	origin?: string | null;
	/** JSON-encoded unless `raw` is given. */
	body?: unknown;
	raw?: BodyInit;
	/** Default application/json when there is a body. */
	type?: string | null;
	address?: string;
}

interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape it expects
	body: any;
	headers: Headers;
}

/** Calls the endpoint for `method path` as its route would, with the request a page sends. */
function clientOf(endpoints: ClassEndpoints) {
	return async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
		const route = ROUTES.find(([m, pattern]) => m === method && pattern.test(path));
		if (!route) throw new Error(`no route for ${method} ${path}`);
		const params = Object.fromEntries(
			Object.entries(route[1].exec(path)!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
		);
		const headers = new Headers();
		const origin = options.origin === undefined ? (method === 'GET' ? null : SITE) : options.origin;
		if (origin !== null) headers.set('origin', origin);
		const body =
			options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
		const type =
			options.type === undefined ? (body === undefined ? null : 'application/json') : options.type;
		if (type !== null) headers.set('content-type', type);
		if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
		const request = new Request(new URL(path, SITE), {
			method,
			headers,
			body,
			duplex: 'half',
		} as RequestInit);
		const event: ClassRequestEvent = {
			request,
			params,
			locals: { user: options.user ?? null },
			getClientAddress: () => options.address ?? '203.0.113.5',
		};
		const response = await endpoints[route[2]](event);
		return { status: response.status, body: await response.json(), headers: response.headers };
	};
}

/** Every class row in the database, whoever holds it, read past the store. */
async function allRows(db: Kysely<ServerSchema>) {
	return {
		teachers: await db.selectFrom('class_teacher').selectAll().orderBy('user_id').execute(),
		classes: await db.selectFrom('class').selectAll().orderBy('id').execute(),
		seats: await db.selectFrom('class_seat').selectAll().orderBy('id').execute(),
	};
}

let people = 0;
/** A new account, not seen by any other test on the same database. */
const someone = (name: string): User => ({ id: `user-${++people}-${name.toLowerCase()}`, name });

describe.each(DATABASE_KINDS)('class endpoints on %s', (kind) => {
	let test: TestDatabase;
	let store: ClassStore;
	let endpoints: ClassEndpoints;
	let api: ReturnType<typeof clientOf>;
	let clock = T0;
	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		store = createClassStore(test.db, { now: () => clock });
		// Joins are limited per address; most tests join from addresses of their own.
		endpoints = new ClassEndpoints(store, { now: () => clock });
		api = clientOf(endpoints);
	});
	afterAll(() => test.drop());

	let addresses = 0;
	/** A client address no other test has joined from. */
	const address = () => `198.51.100.${++addresses}`;

	async function classOf(teacher: User, name = 'Politics'): Promise<ClassSummary> {
		const made = await api('POST', '/api/classes', { user: teacher, body: { name } });
		expect(made.status).toBe(200);
		return made.body.class;
	}

	async function joined(
		code: string,
		name: string,
		from = address(),
	): Promise<{ token: string; seat: SeatView }> {
		const reply = await api('POST', '/api/classes/join', { body: { code, name }, address: from });
		expect(reply.status).toBe(200);
		return reply.body;
	}

	it('a teacher makes, lists, reads, renames, closes and deletes a class; answers are never cached', async () => {
		const alice = someone('Alice');
		clock = T0;
		const made = await api('POST', '/api/classes', {
			user: alice,
			body: { name: '  Year 10 —\tPolitics  ' },
		});
		expect(made.status).toBe(200);
		expect(made.headers.get('cache-control')).toBe('no-store');
		const politics: ClassSummary = made.body.class;
		expect(politics).toEqual({
			id: expect.any(String),
			name: 'Year 10 — Politics',
			code: expect.stringMatching(new RegExp(`^[${CLASS_CODE_ALPHABET}]{8}$`)),
			joiningOpen: true,
			students: 0,
			createdAt: T0,
		});
		clock = T0 + 1000;
		const history = await classOf(alice, 'History');
		expect(history.code).not.toBe(politics.code);

		const list = await api('GET', '/api/classes', { user: alice });
		expect(list.headers.get('cache-control')).toBe('no-store');
		expect(list).toMatchObject({ status: 200, body: { classes: [politics, { ...history }] } });

		// Students join; the roster lists them in the order they joined.
		clock = T0 + 2000;
		const ann = await joined(formatClassCode(politics.code).toLowerCase(), 'Ann');
		clock = T0 + 3000;
		const bo = await joined(politics.code, 'Bo');
		const roster = await api('GET', `/api/classes/${politics.id}`, { user: alice });
		expect(roster.status).toBe(200);
		expect(roster.body.class).toEqual({
			...politics,
			students: 2,
			seats: [
				{ id: ann.seat.seatId, name: 'Ann', joinedAt: T0 + 2000, linked: false },
				{ id: bo.seat.seatId, name: 'Bo', joinedAt: T0 + 3000, linked: false },
			],
		} satisfies ClassRoster);

		const renamed = await api('PATCH', `/api/classes/${politics.id}`, {
			user: alice,
			body: { name: 'Politics B' },
		});
		expect(renamed).toMatchObject({
			status: 200,
			body: { class: { ...politics, name: 'Politics B', students: 2 } },
		});
		const closed = await api('PATCH', `/api/classes/${politics.id}`, {
			user: alice,
			body: { joiningOpen: false },
		});
		expect(closed.body.class).toMatchObject({ name: 'Politics B', joiningOpen: false });
		const refused = await api('POST', '/api/classes/join', {
			body: { code: politics.code, name: 'Cy' },
			address: address(),
		});
		expect(refused).toMatchObject({ status: 423, body: { error: 'joining-closed' } });
		expect(refused.headers.get('cache-control')).toBe('no-store');
		const reopened = await api('PATCH', `/api/classes/${politics.id}`, {
			user: alice,
			body: { joiningOpen: true, name: 'Politics' },
		});
		expect(reopened.body.class).toMatchObject({ name: 'Politics', joiningOpen: true });
		await joined(politics.code, 'Cy');
		// Nothing to change is no change.
		const same = await api('PATCH', `/api/classes/${politics.id}`, { user: alice, body: {} });
		expect(same.body.class).toMatchObject({ name: 'Politics', joiningOpen: true, students: 3 });

		const deleted = await api('DELETE', `/api/classes/${politics.id}`, { user: alice });
		expect(deleted).toMatchObject({ status: 200, body: { ok: true } });
		expect((await api('GET', `/api/classes/${politics.id}`, { user: alice })).status).toBe(404);
		expect((await api('GET', '/api/classes', { user: alice })).body.classes).toEqual([history]);
		// Its seats went with it: their tokens find nothing.
		const rows = await allRows(test.db.kysely);
		expect(rows.seats.filter((s) => s.class_id === politics.id)).toEqual([]);
		const seats = await api('POST', '/api/classes/seats', { body: { tokens: [ann.token] } });
		expect(seats.body).toEqual({ seats: [] });
		expect(await api('DELETE', `/api/classes/${politics.id}`, { user: alice })).toMatchObject({
			status: 404,
			body: { error: 'not-found' },
		});
	});

	it('a student joins with the code as typed and a name, and gets a token stored only as its hash', async () => {
		const alice = someone('Alice');
		const politics = await classOf(alice);
		clock = T0 + 5000;
		// Lower case, a dash, spaces, and the letters Crockford reads as digits.
		const typed = ` ${formatClassCode(politics.code).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')} `;
		const reply = await api('POST', '/api/classes/join', {
			body: { code: typed, name: ' 小明\u200B ' },
			address: address(),
		});
		expect(reply.status).toBe(200);
		expect(reply.headers.get('cache-control')).toBe('no-store');
		expect(reply.body).toEqual({
			token: expect.stringMatching(/^[\w-]{32}$/),
			seat: {
				seatId: expect.any(String),
				classId: politics.id,
				className: 'Politics',
				teacherName: 'Alice',
				name: '小明',
				joinedAt: T0 + 5000,
				linked: false,
			},
		} satisfies { token: string; seat: SeatView });
		const { seats } = await allRows(test.db.kysely);
		const row = seats.find((s) => s.id === reply.body.seat.seatId)!;
		expect(row.token_hash).toBe(hashToken(reply.body.token));
		expect(JSON.stringify(await allRows(test.db.kysely))).not.toContain(reply.body.token);

		// The same name again, however it is written, is numbered.
		expect((await joined(politics.code, '小明')).seat.name).toBe('小明 2');
		expect((await joined(politics.code, '小明 2')).seat.name).toBe('小明 2 2');
		expect((await joined(politics.code, 'ＡＮＮ')).seat.name).toBe('ＡＮＮ');
		expect((await joined(politics.code, 'ann')).seat.name).toBe('ann 2');
		const long = 'Alexandra Konstantinidou-Papadopoulou';
		expect((await joined(politics.code, long)).seat.name).toBe(long);
		expect((await joined(politics.code, long)).seat.name).toBe(`${long} 2`);

		// A code that is no class's, or cannot be one.
		for (const code of ['0000-0000', 'K7M4QP2', 'hello', '']) {
			const wrong = await api('POST', '/api/classes/join', {
				body: { code, name: 'Eve' },
				address: address(),
			});
			expect(wrong).toMatchObject({ status: 404, body: { error: 'not-found' } });
		}
	});

	it('a student lists their seats by the tokens on the device and, signed in, those linked to the account', async () => {
		const alice = someone('Alice');
		const bob = someone('Bob');
		const carol = someone('Carol');
		const politics = await classOf(alice, 'Politics');
		const chemistry = await classOf(bob, 'Chemistry');
		clock = T0 + 10_000;
		const inPolitics = await joined(politics.code, 'Carol');
		clock = T0 + 11_000;
		const inChemistry = await joined(chemistry.code, 'Carol');
		const stranger = await joined(chemistry.code, 'Dan');

		// The phone holds both tokens (and an old one of a seat that is gone, and junk).
		const phone = await api('POST', '/api/classes/seats', {
			body: { tokens: [inChemistry.token, inPolitics.token, 'made-up', inPolitics.token] },
		});
		expect(phone).toMatchObject({
			status: 200,
			body: { seats: [inPolitics.seat, inChemistry.seat] },
		});
		expect(phone.body.seats[1]).toMatchObject({ teacherName: 'Bob', className: 'Chemistry' });
		expect(phone.headers.get('cache-control')).toBe('no-store');
		expect((await api('POST', '/api/classes/seats', { body: { tokens: [] } })).body).toEqual({
			seats: [],
		});
		// Signed in with no token and no linked seat: nothing, not someone else's.
		expect(
			(await api('POST', '/api/classes/seats', { user: carol, body: { tokens: [] } })).body,
		).toEqual({ seats: [] });

		// Linked on the phone (token and session), the seat follows Carol to her laptop.
		const linked = await api('POST', `/api/classes/seats/${inPolitics.seat.seatId}/link`, {
			user: carol,
			token: inPolitics.token,
		});
		expect(linked).toMatchObject({
			status: 200,
			body: { seat: { ...inPolitics.seat, linked: true } },
		});
		const laptop = await api('POST', '/api/classes/seats', { user: carol, body: { tokens: [] } });
		expect(laptop.body).toEqual({ seats: [{ ...inPolitics.seat, linked: true }] });
		// A token given and linked at once is listed once.
		const both = await api('POST', '/api/classes/seats', {
			user: carol,
			body: { tokens: [inPolitics.token, inChemistry.token] },
		});
		expect(both.body.seats.map((s: SeatView) => s.seatId)).toEqual([
			inPolitics.seat.seatId,
			inChemistry.seat.seatId,
		]);
		// The teacher sees that a seat is linked, never to whom.
		const roster = await api('GET', `/api/classes/${politics.id}`, { user: alice });
		expect(roster.body.class.seats).toEqual([
			{ id: inPolitics.seat.seatId, name: 'Carol', joinedAt: T0 + 10_000, linked: true },
		]);
		expect(JSON.stringify(roster.body)).not.toContain(carol.id);
		// Dan's seat is in no list but his own.
		for (const body of [phone.body, laptop.body, both.body])
			expect(JSON.stringify(body)).not.toContain(stranger.seat.seatId);

		// Carol leaves Politics from the laptop, by her account alone.
		const left = await api('DELETE', `/api/classes/seats/${inPolitics.seat.seatId}`, {
			user: carol,
		});
		expect(left).toMatchObject({ status: 200, body: { ok: true } });
		// And Chemistry from the phone, by its token.
		expect(
			(
				await api('DELETE', `/api/classes/seats/${inChemistry.seat.seatId}`, {
					token: inChemistry.token,
				})
			).status,
		).toBe(200);
		const after = await api('POST', '/api/classes/seats', {
			user: carol,
			body: { tokens: [inPolitics.token, inChemistry.token] },
		});
		expect(after.body).toEqual({ seats: [] });
		const rows = await allRows(test.db.kysely);
		expect(rows.seats.map((s) => s.id)).not.toContain(inPolitics.seat.seatId);
		expect(rows.seats.map((s) => s.id)).not.toContain(inChemistry.seat.seatId);
		expect(rows.seats.map((s) => s.id)).toContain(stranger.seat.seatId);
		// The tokens of the seats that went act on nothing any more.
		expect(
			await api('DELETE', `/api/classes/seats/${inChemistry.seat.seatId}`, {
				token: inChemistry.token,
			}),
		).toMatchObject({ status: 401, body: { error: 'no-seat' } });
	});

	it('a teacher renames and removes a student; the removed seat’s token no longer works', async () => {
		const alice = someone('Alice');
		const carol = someone('Carol');
		const politics = await classOf(alice);
		const ann = await joined(politics.code, 'Ann');
		const bo = await joined(politics.code, 'Bo');

		const renamed = await api('PATCH', `/api/classes/${politics.id}/seats/${bo.seat.seatId}`, {
			user: alice,
			body: { name: ' Bo Li ' },
		});
		expect(renamed).toMatchObject({
			status: 200,
			body: {
				seat: { id: bo.seat.seatId, name: 'Bo Li', joinedAt: bo.seat.joinedAt, linked: false },
			},
		});
		// Renamed to another student's name, it is numbered as a join is; its own name is no clash.
		const clash = await api('PATCH', `/api/classes/${politics.id}/seats/${bo.seat.seatId}`, {
			user: alice,
			body: { name: 'ann' },
		});
		expect(clash.body.seat.name).toBe('ann 2');
		const again = await api('PATCH', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`, {
			user: alice,
			body: { name: 'Ann' },
		});
		expect(again.body.seat.name).toBe('Ann');
		const phone = await api('POST', '/api/classes/seats', { body: { tokens: [bo.token] } });
		expect(phone.body.seats[0].name).toBe('ann 2');

		// Ann linked her seat before she was removed.
		await api('POST', `/api/classes/seats/${ann.seat.seatId}/link`, {
			user: carol,
			token: ann.token,
		});
		const removed = await api('DELETE', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`, {
			user: alice,
		});
		expect(removed).toMatchObject({ status: 200, body: { ok: true } });
		expect(
			await api('DELETE', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`, { user: alice }),
		).toMatchObject({ status: 404, body: { error: 'not-found' } });
		expect(
			(await api('GET', `/api/classes/${politics.id}`, { user: alice })).body.class,
		).toMatchObject({
			students: 1,
			seats: [{ id: bo.seat.seatId }],
		});
		// Neither her token nor her account reaches the seat.
		expect(
			(await api('POST', '/api/classes/seats', { user: carol, body: { tokens: [ann.token] } }))
				.body,
		).toEqual({ seats: [] });
		expect(
			await api('DELETE', `/api/classes/seats/${ann.seat.seatId}`, { token: ann.token }),
		).toMatchObject({ status: 401, body: { error: 'no-seat' } });
		expect(
			await api('POST', `/api/classes/seats/${ann.seat.seatId}/link`, {
				user: carol,
				token: ann.token,
			}),
		).toMatchObject({ status: 401, body: { error: 'no-seat' } });
		// Joining again is a new seat (a new token).
		const back = await joined(politics.code, 'Ann');
		expect(back.seat.seatId).not.toBe(ann.seat.seatId);
		expect(back.token).not.toBe(ann.token);
	});

	it('another teacher’s class, and its seats, answer exactly as missing ones, and change nothing', async () => {
		const alice = someone('Alice');
		const bob = someone('Bob');
		const politics = await classOf(alice);
		const chemistry = await classOf(bob, 'Chemistry');
		const ann = await joined(politics.code, 'Ann');
		const before = await allRows(test.db.kysely);

		const attempts: [string, string, unknown?][] = [
			['GET', `/api/classes/{class}`],
			['PATCH', `/api/classes/{class}`, { name: 'Mine now', joiningOpen: false }],
			['DELETE', `/api/classes/{class}`],
			['PATCH', `/api/classes/{class}/seats/{seat}`, { name: 'Renamed' }],
			['DELETE', `/api/classes/{class}/seats/{seat}`],
		];
		for (const [method, path, body] of attempts) {
			const call = (classId: string, seatId: string) =>
				api(method, path.replace('{class}', classId).replace('{seat}', seatId), {
					user: bob,
					body,
				});
			const theirs = await call(politics.id, ann.seat.seatId);
			const missing = await call('no-such-class', 'no-such-seat');
			expect(theirs).toMatchObject({ status: 404, body: { error: 'not-found' } });
			expect({ status: theirs.status, body: theirs.body }).toEqual({
				status: missing.status,
				body: missing.body,
			});
			// Nor through Bob's own class: the seat is not in it.
			if (path.includes('{seat}')) {
				expect((await call(chemistry.id, ann.seat.seatId)).status).toBe(404);
				// Nor the other way round: Alice's seat path under a class that is not hers.
				expect(
					(
						await api(
							method,
							path.replace('{class}', chemistry.id).replace('{seat}', ann.seat.seatId),
							{
								user: alice,
								body,
							},
						)
					).status,
				).toBe(404);
			}
		}
		// Bob's list has his class only.
		expect((await api('GET', '/api/classes', { user: bob })).body.classes).toEqual([chemistry]);
		expect(await allRows(test.db.kysely)).toEqual(before);
	});

	it('a seat token never acts as a teacher, nor on another seat; a student’s list holds only their own seats', async () => {
		const alice = someone('Alice');
		const dan = someone('Dan');
		const eve = someone('Eve');
		const politics = await classOf(alice);
		const ann = await joined(politics.code, 'Ann');
		const bo = await joined(politics.code, 'Bo');
		await api('POST', `/api/classes/seats/${bo.seat.seatId}/link`, { user: dan, token: bo.token });
		const before = await allRows(test.db.kysely);
		/** Alice's classes and every seat: what none of the requests below may change. */
		const held = (rows: typeof before) => ({
			classes: rows.classes.filter((c) => c.teacher_id !== eve.id),
			seats: rows.seats,
		});

		// The teacher's endpoints read the session only.
		for (const [method, path, body] of [
			['GET', '/api/classes'],
			['POST', '/api/classes', { name: 'Fake' }],
			['GET', `/api/classes/${politics.id}`],
			['PATCH', `/api/classes/${politics.id}`, { joiningOpen: false }],
			['DELETE', `/api/classes/${politics.id}`],
			['PATCH', `/api/classes/${politics.id}/seats/${bo.seat.seatId}`, { name: 'x' }],
			['DELETE', `/api/classes/${politics.id}/seats/${bo.seat.seatId}`],
		] as [string, string, unknown?][]) {
			expect(await api(method, path, { token: ann.token, body })).toMatchObject({
				status: 401,
				body: { error: 'signed-out' },
			});
			// Signed in as someone else, a student's token does not make them the teacher.
			const asStudent = await api(method, path, { token: ann.token, user: eve, body });
			if (method === 'GET' && path === '/api/classes')
				expect(asStudent.body).toEqual({ classes: [] });
			// A class of her own, which the comparison at the end leaves out.
			else if (method === 'POST') expect(asStudent.body.class).toMatchObject({ name: 'Fake' });
			else expect(asStudent).toMatchObject({ status: 404, body: { error: 'not-found' } });
		}

		// Ann's token on Bo's seat: not found, as a seat that does not exist.
		const leave = await api('DELETE', `/api/classes/seats/${bo.seat.seatId}`, { token: ann.token });
		const leaveMissing = await api('DELETE', '/api/classes/seats/no-such-seat', {
			token: ann.token,
		});
		expect(leave).toMatchObject({ status: 404, body: { error: 'not-found' } });
		expect(leave.body).toEqual(leaveMissing.body);
		expect(
			await api('POST', `/api/classes/seats/${bo.seat.seatId}/link`, {
				token: ann.token,
				user: eve,
			}),
		).toMatchObject({ status: 404, body: { error: 'not-found' } });
		// Dan's account holds Bo's seat, not Ann's.
		expect(
			await api('DELETE', `/api/classes/seats/${ann.seat.seatId}`, { user: dan }),
		).toMatchObject({ status: 404, body: { error: 'not-found' } });
		// An account holding no seat, or no credential at all: no seat.
		expect(
			await api('DELETE', `/api/classes/seats/${ann.seat.seatId}`, { user: eve }),
		).toMatchObject({ status: 401, body: { error: 'no-seat' } });
		expect(await api('DELETE', `/api/classes/seats/${ann.seat.seatId}`)).toMatchObject({
			status: 401,
			body: { error: 'no-seat' },
		});
		expect(
			await api('DELETE', `/api/classes/seats/${ann.seat.seatId}`, { token: 'made-up-token' }),
		).toMatchObject({ status: 401, body: { error: 'no-seat' } });
		// Linking needs the seat's own token: Dan's session alone cannot claim Ann's seat, nor
		// even re-link his own.
		expect(
			await api('POST', `/api/classes/seats/${ann.seat.seatId}/link`, { user: dan }),
		).toMatchObject({ status: 401, body: { error: 'no-seat' } });
		expect(
			await api('POST', `/api/classes/seats/${ann.seat.seatId}/link`, { token: ann.token }),
		).toMatchObject({ status: 401, body: { error: 'signed-out' } });

		// Each list holds its own seats only.
		const annList = await api('POST', '/api/classes/seats', { body: { tokens: [ann.token] } });
		expect(annList.body.seats.map((s: SeatView) => s.seatId)).toEqual([ann.seat.seatId]);
		const danList = await api('POST', '/api/classes/seats', { user: dan, body: { tokens: [] } });
		expect(danList.body.seats.map((s: SeatView) => s.seatId)).toEqual([bo.seat.seatId]);
		const eveList = await api('POST', '/api/classes/seats', {
			user: eve,
			body: { tokens: [hashToken(ann.token), bo.seat.seatId] },
		});
		expect(eveList.body).toEqual({ seats: [] });
		expect(held(await allRows(test.db.kysely))).toEqual(held(before));
	});

	it('refuses a changing request from another site or without an Origin, and a GET from another site, changing nothing', async () => {
		const alice = someone('Alice');
		const politics = await classOf(alice);
		const ann = await joined(politics.code, 'Ann');
		const before = await allRows(test.db.kysely);
		const changing: [string, string, unknown?][] = [
			['POST', '/api/classes', { name: 'Forged' }],
			['PATCH', `/api/classes/${politics.id}`, { joiningOpen: false }],
			['DELETE', `/api/classes/${politics.id}`],
			['PATCH', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`, { name: 'Forged' }],
			['DELETE', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`],
			['POST', '/api/classes/join', { code: politics.code, name: 'Forged' }],
			['POST', '/api/classes/seats', { tokens: [ann.token] }],
			['DELETE', `/api/classes/seats/${ann.seat.seatId}`],
			['POST', `/api/classes/seats/${ann.seat.seatId}/link`],
		];
		for (const [method, path, body] of changing) {
			for (const origin of ['https://evil.example', 'null', 'https://kioku.example:8443', null]) {
				const refused = await api(method, path, {
					user: alice,
					token: ann.token,
					body,
					origin,
					address: address(),
				});
				expect(refused, `${method} ${path} from ${origin}`).toMatchObject({
					status: 403,
					body: { error: 'bad-origin' },
				});
				expect(refused.headers.get('cache-control')).toBe('no-store');
			}
		}
		for (const path of ['/api/classes', `/api/classes/${politics.id}`]) {
			const foreign = await api('GET', path, { user: alice, origin: 'https://evil.example' });
			expect(foreign).toMatchObject({ status: 403, body: { error: 'bad-origin' } });
			// A same-origin GET carries no Origin, or this site's.
			expect((await api('GET', path, { user: alice })).status).toBe(200);
			expect((await api('GET', path, { user: alice, origin: SITE })).status).toBe(200);
		}
		expect(await allRows(test.db.kysely)).toEqual(before);
	});

	it('refuses a signed-out teacher, and a body that is not JSON (415), too large (413) or malformed (400), changing nothing', async () => {
		const alice = someone('Alice');
		const politics = await classOf(alice);
		const ann = await joined(politics.code, 'Ann');
		const before = await allRows(test.db.kysely);
		for (const [method, path] of [
			['GET', '/api/classes'],
			['POST', '/api/classes'],
			['GET', `/api/classes/${politics.id}`],
			['PATCH', `/api/classes/${politics.id}`],
			['DELETE', `/api/classes/${politics.id}`],
			['PATCH', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`],
			['DELETE', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`],
		]) {
			const body = method === 'POST' || method === 'PATCH' ? { name: 'x' } : undefined;
			expect(await api(method, path, { body })).toMatchObject({
				status: 401,
				body: { error: 'signed-out' },
			});
		}

		const bodied: [string, string, User | undefined, unknown][] = [
			['POST', '/api/classes', alice, { name: 'Fine' }],
			['PATCH', `/api/classes/${politics.id}`, alice, { name: 'Fine' }],
			['PATCH', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`, alice, { name: 'Fine' }],
			['POST', '/api/classes/join', undefined, { code: politics.code, name: 'Fine' }],
			['POST', '/api/classes/seats', undefined, { tokens: [] }],
		];
		for (const [method, path, user, body] of bodied) {
			const call = (options: CallOptions) =>
				api(method, path, { user, address: address(), ...options });
			// text/plain and form types are what another site's page can send without asking.
			for (const type of [
				'text/plain',
				'application/x-www-form-urlencoded',
				null,
				'application/jsonp',
			])
				expect(await call({ body, type }), `${path} as ${type}`).toMatchObject({
					status: 415,
					body: { error: 'bad-request' },
				});
			const huge = { ...(body as object), padding: 'x'.repeat(MAX_CLASS_BODY_BYTES) };
			expect(await call({ body: huge })).toMatchObject({
				status: 413,
				body: { error: 'bad-request' },
			});
			// The same without a Content-Length: a stream, cut off once it passes the limit.
			const stream = new ReadableStream<Uint8Array>({
				pull(controller) {
					controller.enqueue(new Uint8Array(4 * 1024).fill(32));
				},
			});
			expect((await call({ raw: stream })).status).toBe(413);
			for (const raw of [
				'{"name": ',
				'',
				'null',
				'[]',
				'"name"',
				'{"name": 5}',
				'{"name": 5, "code": 5, "tokens": 5, "joiningOpen": "yes"}',
			])
				expect(await call({ raw }), `${path} with ${raw}`).toMatchObject({
					status: 400,
					body: { error: 'bad-request' },
				});
		}
		// The seat list's own limits: at most 100 tokens, each at most 100 characters.
		for (const tokens of [
			Array.from({ length: 101 }, (_, i) => `token-${i}`),
			['x'.repeat(101)],
			[5],
			'not a list',
		])
			expect(await api('POST', '/api/classes/seats', { body: { tokens } })).toMatchObject({
				status: 400,
				body: { error: 'bad-request' },
			});
		expect(await allRows(test.db.kysely)).toEqual(before);
	});

	it('refuses a name with nothing a reader could see (name-empty), changing nothing', async () => {
		const alice = someone('Alice');
		const politics = await classOf(alice);
		const ann = await joined(politics.code, 'Ann');
		const before = await allRows(test.db.kysely);
		for (const name of ['', '   ', '\u200B\u200D', '\u3164\u2800', '\u202E \t\n']) {
			for (const [method, path, body] of [
				['POST', '/api/classes', { name }],
				['PATCH', `/api/classes/${politics.id}`, { name, joiningOpen: false }],
				['PATCH', `/api/classes/${politics.id}/seats/${ann.seat.seatId}`, { name }],
				['POST', '/api/classes/join', { code: politics.code, name }],
			] as [string, string, unknown][]) {
				expect(await api(method, path, { user: alice, body, address: address() })).toMatchObject({
					status: 400,
					body: { error: 'name-empty' },
				});
			}
		}
		expect(await allRows(test.db.kysely)).toEqual(before);
	});

	it(`holds a teacher to ${MAX_CLASSES_PER_TEACHER} classes and a class to ${MAX_SEATS_PER_CLASS} students, even when asked at once`, async () => {
		const alice = someone('Alice');
		const bob = someone('Bob');
		for (let i = 1; i < MAX_CLASSES_PER_TEACHER; i++) await classOf(alice, `Class ${i}`);
		// Five at once for the last place: one is made.
		const racing = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				api('POST', '/api/classes', { user: alice, body: { name: `Last ${i}` } }),
			),
		);
		expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
		for (const r of racing.filter((r) => r.status === 409))
			expect(r.body).toEqual({ error: 'too-many-classes' });
		expect((await api('GET', '/api/classes', { user: alice })).body.classes).toHaveLength(
			MAX_CLASSES_PER_TEACHER,
		);
		// Another teacher is not held by Alice's count; a deleted class frees a place.
		await classOf(bob);
		const first = (await api('GET', '/api/classes', { user: alice })).body.classes[0];
		await api('DELETE', `/api/classes/${first.id}`, { user: alice });
		const freed = await classOf(alice, 'Freed');

		// A class two short of full (its first seats made directly, to be quick).
		await test.db.kysely
			.insertInto('class_seat')
			.values(
				Array.from({ length: MAX_SEATS_PER_CLASS - 2 }, (_, i) => ({
					id: `seeded-${freed.id}-${i}`,
					class_id: freed.id,
					seq: i + 1,
					name: 'Student',
					token_hash: `seeded-hash-${freed.id}-${i}`,
					user_id: null,
					joined_at: T0,
				})),
			)
			.execute();
		// Five join at once, all as "Student": two get in, with names of their own.
		const joins = await Promise.all(
			Array.from({ length: 5 }, () =>
				api('POST', '/api/classes/join', {
					body: { code: freed.code, name: 'Student' },
					address: address(),
				}),
			),
		);
		expect(joins.map((r) => r.status).sort()).toEqual([200, 200, 409, 409, 409]);
		for (const r of joins.filter((r) => r.status === 409))
			expect(r.body).toEqual({ error: 'class-full' });
		const names = joins.filter((r) => r.status === 200).map((r) => r.body.seat.name);
		expect(new Set(names).size).toBe(2);
		for (const name of names) expect(name).toMatch(/^Student \d+$/);
		const roster = (await api('GET', `/api/classes/${freed.id}`, { user: alice })).body.class;
		expect(roster.students).toBe(MAX_SEATS_PER_CLASS);
		// The newest students are last in join order.
		expect(
			roster.seats
				.slice(-2)
				.map((s: { name: string }) => s.name)
				.sort(),
		).toEqual(names.sort());
		// A student who leaves frees a place.
		const one = joins.find((r) => r.status === 200)!.body;
		await api('DELETE', `/api/classes/seats/${one.seat.seatId}`, { token: one.token });
		expect((await joined(freed.code, 'Late')).seat.name).toBe('Late');
	});

	it('a join to a class being deleted, or a class made as its teacher’s account goes, leaves no row behind', async () => {
		const alice = someone('Alice');
		const politics = await classOf(alice);
		const racing = await Promise.all([
			...Array.from({ length: 4 }, (_, i) =>
				api('POST', '/api/classes/join', {
					body: { code: politics.code, name: `S${i}` },
					address: address(),
				}),
			),
			api('DELETE', `/api/classes/${politics.id}`, { user: alice }),
			store.deleteUser(alice.id).then(() => ({ status: 200 })),
			api('POST', '/api/classes', { user: alice, body: { name: 'During' } }),
		]);
		expect(racing.length).toBe(7);
		const rows = await allRows(test.db.kysely);
		const classIds = new Set(rows.classes.map((c) => c.id));
		expect(rows.seats.filter((s) => !classIds.has(s.class_id))).toEqual([]);
		const teachers = new Set(rows.teachers.map((t) => t.user_id));
		expect(rows.classes.filter((c) => !teachers.has(c.teacher_id))).toEqual([]);
	});

	it('limits join attempts per address, right codes and wrong alike, across instances sharing counts', async () => {
		const alice = someone('Alice');
		const politics = await classOf(alice);
		let now = Date.UTC(2026, 8, 2, 10, 0, 30);
		const limited = clientOf(
			new ClassEndpoints(store, { joinLimit: { limit: 3, windowMs: 60_000 }, now: () => now }),
		);
		const school = '192.0.2.10';
		const join = (code: string, name = 'Ann', from = school) =>
			limited('POST', '/api/classes/join', { body: { code, name }, address: from });
		expect((await join('ZZZZ-ZZZZ')).status).toBe(404);
		expect((await join(politics.code)).status).toBe(200);
		// A name with nothing in it is refused before anything is counted.
		expect((await join(politics.code, '  ')).status).toBe(400);
		expect((await join('not a code')).status).toBe(404);
		const before = await allRows(test.db.kysely);
		// The fourth is refused whether its code is right or not: the refusal tells nothing.
		for (const code of [politics.code, 'ZZZZ-ZZZZ']) {
			const refused = await join(code);
			expect(refused).toMatchObject({ status: 429, body: { error: 'too-many-attempts' } });
			expect(refused.headers.get('retry-after')).toBe('30');
			expect(refused.headers.get('cache-control')).toBe('no-store');
		}
		expect(await allRows(test.db.kysely)).toEqual(before);
		// Another address is not held up; the next window starts afresh.
		expect((await join(politics.code, 'Bo', '192.0.2.11')).status).toBe(200);
		now += 30_000;
		expect((await join(politics.code, 'Cy')).status).toBe(200);

		// Two instances on one database, each counting in a store shared through it.
		const opened: ServerDatabase[] = [];
		const counters: SharedCounterStore[] = [];
		const instance = () => {
			const db = openDatabase(
				kind === 'postgres' ? { url: test.location } : { sqlitePath: test.location },
			);
			opened.push(db);
			const shared = new SharedCounterStore(db, { flushMs: 3_600_000, clock: () => now });
			counters.push(shared);
			const endpoints = new ClassEndpoints(createClassStore(db, { now: () => now }), {
				joinLimit: { limit: 4, windowMs: 60_000 },
				counters: shared,
				now: () => now,
			});
			return clientOf(endpoints);
		};
		try {
			const [a, b] = [instance(), instance()];
			const guess = (via: typeof a) =>
				via('POST', '/api/classes/join', {
					body: { code: 'ZZZZ-ZZZZ', name: 'Eve' },
					address: '192.0.2.66',
				});
			expect((await guess(a)).status).toBe(404);
			expect((await guess(a)).status).toBe(404);
			await counters[0].flush();
			expect((await guess(b)).status).toBe(404);
			expect((await guess(b)).status).toBe(404);
			await counters[1].flush();
			// b now knows of a's two: four in all, the limit.
			expect(await guess(b)).toMatchObject({ status: 429, body: { error: 'too-many-attempts' } });
		} finally {
			for (const c of counters) await c.close();
			for (const db of opened) await db.close();
		}
	});
});

describe.each(DATABASE_KINDS)('an account’s classes on %s', (kind) => {
	// scrypt (32 MiB per hash) on a shared two-core machine: give the sign-ups room.
	const SLOW = 120_000;
	let rig: AuthRig | undefined;
	afterAll(() => rig?.test.drop());

	it(
		'deleting the account removes the classes it teaches with their seats, and its own seats; its data download holds both',
		async () => {
			// As src/lib/server/auth/instance.ts registers it; the store opens on the accounts' database.
			const opened: { store?: ClassStore } = {};
			const part: UserDataPart = {
				name: 'classes',
				exportUser: (userId) => opened.store!.exportUser(userId),
				deleteUser: (userId) => opened.store!.deleteUser(userId),
			};
			rig = await authRig(kind, { parts: [part] });
			const store = createClassStore(rig.test.db, { now: () => T0 });
			opened.store = store;
			const api = clientOf(new ClassEndpoints(store, { now: () => T0 }));
			const password = 'correct horse battery';
			const browser = new Browser(rig.accounts);
			const signUp = await browser.call('signUp', { username: 'Alice', password });
			expect(signUp.status).toBe(200);
			const alice = signUp.body.user as User;
			const bob = { id: 'bob-account', name: 'Bob' };

			const politics = (
				await api('POST', '/api/classes', { user: alice, body: { name: 'Politics' } })
			).body.class as ClassSummary;
			const chemistry = (
				await api('POST', '/api/classes', { user: bob, body: { name: 'Chemistry' } })
			).body.class as ClassSummary;
			const join = async (code: string, name: string) =>
				(await api('POST', '/api/classes/join', { body: { code, name } })).body as {
					token: string;
					seat: SeatView;
				};
			const ann = await join(politics.code, 'Ann');
			// Alice is a student in Bob's class too, her seat linked to her account.
			const aliceSeat = await join(chemistry.code, 'Alice');
			await api('POST', `/api/classes/seats/${aliceSeat.seat.seatId}/link`, {
				user: alice,
				token: aliceSeat.token,
			});
			const dan = await join(chemistry.code, 'Dan');

			const data = await browser.call('exportData', {});
			expect(data.status).toBe(200);
			expect(data.body.classes).toEqual({
				teaching: [
					{
						...politics,
						students: 1,
						seats: [{ id: ann.seat.seatId, name: 'Ann', joinedAt: T0, linked: false }],
					},
				],
				seats: [{ ...aliceSeat.seat, linked: true }],
			});
			// Seat tokens are secrets, and only their hashes are kept: neither is in the download.
			const text = JSON.stringify(data.body);
			for (const secret of [ann.token, aliceSeat.token, hashToken(ann.token)])
				expect(text).not.toContain(secret);

			expect((await browser.call('deleteAccount', { password })).status).toBe(200);
			const db = rig.test.db.kysely;
			expect(await db.selectFrom('class').select('id').execute()).toEqual([{ id: chemistry.id }]);
			expect(await db.selectFrom('class_teacher').select('user_id').execute()).toEqual([
				{ user_id: bob.id },
			]);
			expect((await db.selectFrom('class_seat').select('id').execute()).map((s) => s.id)).toEqual([
				dan.seat.seatId,
			]);
			// Ann's token finds nothing now; Bob's class goes on.
			expect(
				(await api('POST', '/api/classes/seats', { body: { tokens: [ann.token, dan.token] } })).body
					.seats,
			).toEqual([dan.seat]);
			expect((await api('GET', '/api/classes', { user: bob })).body.classes).toEqual([
				{ ...chemistry, students: 1 },
			]);
		},
		SLOW,
	);
});
