/**
 * The class endpoints (src/routes/api/classes/): who is asking (the signed-in teacher, a seat's
 * token, a student's account), whether the request may come from where it comes from, the
 * size-capped JSON body checked against the protocol's schemas, and every refusal as
 * `{ error: ClassErrorCode }` with its status, never cached. The contract is
 * $lib/classes/protocol; the store does the rest.
 */
import * as v from 'valibot';
import {
	cleanClassName,
	cleanStudentName,
	CreateClassRequest,
	JoinClassRequest,
	MySeatsRequest,
	normalizeClassCode,
	RenameSeatRequest,
	UpdateClassRequest,
	type ClassErrorCode,
} from '../../classes/protocol.ts';
import type { AssignmentErrorCode } from '../../classes/assignment-protocol.ts';
import { ASSIGNMENT_ERROR_STATUS } from '../../classes/assignment-rules.ts';
import { CLASS_ERROR_STATUS, DEFAULT_JOIN_LIMIT, type SeatCaller } from '../../classes/rules.ts';
import { windowOf, type WindowRule } from '../../live/limits.ts';
import { err, ok, type Result } from '../../result.ts';
import { readCapped } from '../capped-body.ts';
import { bearer } from '../live/http.ts';
import { RateLimiter, type CounterStore } from '../live/rate-limit.ts';
import { hashToken, newToken } from '../live/tokens.ts';
import { sameOrigin } from '../same-origin.ts';
import type { ClassStore, Teacher } from './store.ts';

/**
 * Far larger than any class request: the largest, a device's list of 100 seat tokens of at
 * most 100 characters, is about 10 KB.
 */
export const MAX_CLASS_BODY_BYTES = 16 * 1024;

/** What the handlers read of a SvelteKit request event (the routes pass theirs). */
export interface ClassRequestEvent {
	request: Request;
	params: Partial<Record<'id' | 'seat' | 'assignment', string>>;
	locals: { user: { id: string; name: string } | null };
	getClientAddress(): string;
}

export interface ClassEndpointOptions {
	/** Join attempts per client address (default DEFAULT_JOIN_LIMIT). */
	joinLimit?: WindowRule;
	/** Where the join attempts are counted: this process's memory unless given one shared by instances. */
	counters?: CounterStore;
	/** ms since the epoch (default Date.now). */
	now?: () => number;
}

export const NO_STORE = { 'cache-control': 'no-store' };

const ERROR_STATUS: Record<ClassErrorCode | AssignmentErrorCode, number> = {
	...CLASS_ERROR_STATUS,
	...ASSIGNMENT_ERROR_STATUS,
};

/** A refusal: `{ error }` with the code's status, or another of its statuses (413, 415). */
export function refuse(
	error: ClassErrorCode | AssignmentErrorCode,
	extra: { status?: number; headers?: Record<string, string> } = {},
): Response {
	return Response.json(
		{ error },
		{
			status: extra.status ?? ERROR_STATUS[error],
			headers: { ...NO_STORE, ...extra.headers },
		},
	);
}

export const answer = (body: unknown): Response => Response.json(body, { headers: NO_STORE });

/**
 * SvelteKit's own CSRF check covers form posts only, so a JSON endpoint checks `Origin` itself.
 * A changing request must carry this site's origin; a browser sends none on a same-origin GET,
 * so a GET is refused only for a foreign one (and CORS keeps its answer from a foreign page).
 */
export function originRefusal(request: Request): Response | undefined {
	const origin = request.headers.get('origin');
	const required = request.method !== 'GET' && request.method !== 'HEAD';
	if (origin === null ? !required : sameOrigin(request)) return undefined;
	return refuse('bad-origin');
}

/** The body as the schema reads it, or the refusal: 415 not JSON, 413 too large, 400 malformed. */
export async function readJson<S extends v.GenericSchema>(
	request: Request,
	schema: S,
	maxBytes = MAX_CLASS_BODY_BYTES,
): Promise<Result<v.InferOutput<S>, Response>> {
	const type = request.headers.get('content-type') ?? '';
	// text/plain and form types are what a foreign page may send without asking first.
	if (!/^application\/json\s*(;|$)/i.test(type)) return err(refuse('bad-request', { status: 415 }));
	const text = await readCapped(request, maxBytes);
	if (text === undefined) return err(refuse('bad-request', { status: 413 }));
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return err(refuse('bad-request'));
	}
	// Every request is an object: valibot's would also take a list.
	if (Array.isArray(body)) return err(refuse('bad-request'));
	const parsed = v.safeParse(schema, body);
	return parsed.success ? ok(parsed.output) : err(refuse('bad-request'));
}

/** The signed-in teacher of a teacher's endpoint, or the refusal to send. */
export function teacherOf(event: ClassRequestEvent): Result<Teacher, Response> {
	const bad = originRefusal(event.request);
	if (bad) return err(bad);
	// Only the session says who the teacher is: a seat's token (Authorization) is never read here.
	const user = event.locals.user;
	return user ? ok({ id: user.id, name: user.name }) : err(refuse('signed-out'));
}

/** Who is asking for a seat: the hash of their bearer token, and their account. */
export function seatCallerOf(event: ClassRequestEvent): SeatCaller {
	const token = bearer(event.request);
	return {
		tokenHash: token === '' ? null : hashToken(token),
		userId: event.locals.user?.id ?? null,
	};
}

export class ClassEndpoints {
	readonly #store: ClassStore;
	readonly #joins: RateLimiter;
	readonly #now: () => number;

	constructor(store: ClassStore, options: ClassEndpointOptions = {}) {
		this.#store = store;
		this.#joins = new RateLimiter(
			'class-join',
			options.joinLimit ?? DEFAULT_JOIN_LIMIT,
			options.counters,
		);
		this.#now = options.now ?? Date.now;
	}

	/** `GET /api/classes`: the teacher's classes. */
	async list(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		return answer({ classes: await this.#store.listClasses(teacher.value.id) });
	}

	/** `POST /api/classes`: a new class, joining open. */
	async create(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const body = await readJson(event.request, CreateClassRequest);
		if (!body.ok) return body.error;
		const name = cleanClassName(body.value.name);
		if (!name.ok) return refuse('name-empty');
		const made = await this.#store.createClass(teacher.value, name.value);
		return made.ok ? answer({ class: made.value }) : refuse(made.error);
	}

	/** `GET /api/classes/:id`: the class and its students in join order. */
	async roster(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const roster = await this.#store.roster(teacher.value.id, event.params.id ?? '');
		return roster ? answer({ class: roster }) : refuse('not-found');
	}

	/** `PATCH /api/classes/:id`: renames the class, or opens or closes joining. */
	async update(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const body = await readJson(event.request, UpdateClassRequest);
		if (!body.ok) return body.error;
		let name: string | undefined;
		if (body.value.name !== undefined) {
			const cleaned = cleanClassName(body.value.name);
			if (!cleaned.ok) return refuse('name-empty');
			name = cleaned.value;
		}
		const updated = await this.#store.updateClass(teacher.value.id, event.params.id ?? '', {
			name,
			joiningOpen: body.value.joiningOpen,
		});
		return updated ? answer({ class: updated }) : refuse('not-found');
	}

	/** `DELETE /api/classes/:id`: the class and every seat in it. */
	async delete(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const gone = await this.#store.deleteClass(teacher.value.id, event.params.id ?? '');
		return gone ? answer({ ok: true }) : refuse('not-found');
	}

	/** `PATCH /api/classes/:id/seats/:seat`: renames a student. */
	async renameSeat(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const body = await readJson(event.request, RenameSeatRequest);
		if (!body.ok) return body.error;
		const name = cleanStudentName(body.value.name);
		if (!name.ok) return refuse('name-empty');
		const { id = '', seat = '' } = event.params;
		const renamed = await this.#store.renameSeat(teacher.value.id, id, seat, name.value);
		return renamed ? answer({ seat: renamed }) : refuse('not-found');
	}

	/** `DELETE /api/classes/:id/seats/:seat`: removes a student (their token stops working). */
	async removeSeat(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const { id = '', seat = '' } = event.params;
		const gone = await this.#store.removeSeat(teacher.value.id, id, seat);
		return gone ? answer({ ok: true }) : refuse('not-found');
	}

	/**
	 * `POST /api/classes/join`: a seat in the class of the code, and its token (shown only here,
	 * stored only hashed). Every attempt with a readable name counts against the client's
	 * address, whether the code is right or not: the refusal at the limit says nothing about the
	 * code. The name is checked first, so a typo in it costs no attempt and tells nothing.
	 */
	async join(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const body = await readJson(event.request, JoinClassRequest);
		if (!body.ok) return body.error;
		const name = cleanStudentName(body.value.name);
		if (!name.ok) return refuse('name-empty');
		const client = event.getClientAddress();
		const now = this.#now();
		if (this.#joins.exhausted(client, now)) {
			const wait = Math.ceil((windowOf(this.#joins.rule, now).endsAt - now) / 1000);
			return refuse('too-many-attempts', { headers: { 'retry-after': String(Math.max(1, wait)) } });
		}
		this.#joins.record(client, now);
		const code = normalizeClassCode(body.value.code);
		if (code === null) return refuse('not-found');
		const token = newToken();
		const joined = await this.#store.join(code, name.value, hashToken(token));
		return joined.ok ? answer({ token, seat: joined.value }) : refuse(joined.error);
	}

	/**
	 * `POST /api/classes/seats`: the seats of the tokens the device holds, and those linked to the
	 * signed-in account. A token of no seat (one removed, or made up) is left out, not refused.
	 */
	async mySeats(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const body = await readJson(event.request, MySeatsRequest);
		if (!body.ok) return body.error;
		const hashes = [...new Set(body.value.tokens)].map(hashToken);
		const seats = await this.#store.seatsOf(hashes, event.locals.user?.id ?? null);
		return answer({ seats });
	}

	/** `DELETE /api/classes/seats/:seat`: the student leaves (the seat's token or linked account). */
	async leave(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const left = await this.#store.leave(event.params.seat ?? '', seatCallerOf(event));
		return left.ok ? answer({ ok: true }) : refuse(left.error);
	}

	/** `POST /api/classes/seats/:seat/link`: the seat follows the signed-in account (token needed). */
	async link(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const userId = event.locals.user?.id;
		if (!userId) return refuse('signed-out');
		const { tokenHash } = seatCallerOf(event);
		const linked = await this.#store.link(event.params.seat ?? '', { tokenHash, userId });
		return linked.ok ? answer({ seat: linked.value }) : refuse(linked.error);
	}
}
