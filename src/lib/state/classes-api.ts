/**
 * The class pages' requests to /api/classes/*: each answer is checked against its schema, and a
 * refusal comes back as the server's code (the page words it in the reader's language). A seat is
 * acted on with its token from this device (class-seats.ts) when it has one; otherwise the
 * signed-in account it is linked to stands for it.
 */
import * as v from 'valibot';
import type { AssignmentErrorCode } from '$lib/classes/assignment-protocol';
import { AssignmentRefusal } from '$lib/classes/assignment-responses';
import type { ClassErrorCode } from '$lib/classes/protocol';
import {
	ClassList,
	ClassRefusal,
	Done,
	Joined,
	MySeat,
	MySeats,
	OneClass,
	OneMastery,
	ClassGames,
	OneRoster,
	OneSeat,
} from '$lib/classes/responses';
import { err, ok, type Result } from '$lib/result';

export type ClassFailure =
	| { kind: 'offline' }
	/** `server-error`: an answer that is not the protocol's (a 5xx, a proxy's page). */
	| {
			kind: 'refused';
			code: ClassErrorCode | AssignmentErrorCode | 'server-error';
			status: number;
	  };

export type ClassReply<T> = Result<T, ClassFailure>;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A request to /api/classes`path`, its answer checked against `schema`. */
export async function send<S extends v.GenericSchema>(
	method: Method,
	path: string,
	schema: S,
	o: { body?: unknown; token?: string } = {},
): Promise<ClassReply<v.InferOutput<S>>> {
	const headers: Record<string, string> = {};
	if (o.body !== undefined) headers['content-type'] = 'application/json';
	if (o.token) headers.authorization = `Bearer ${o.token}`;
	let response: Response;
	let answer: unknown;
	try {
		response = await fetch(`/api/classes${path}`, {
			method,
			headers,
			body: o.body === undefined ? undefined : JSON.stringify(o.body),
			credentials: 'same-origin',
			cache: 'no-store',
		});
		answer = await response.json().catch(() => undefined);
	} catch {
		return err({ kind: 'offline' });
	}
	if (!response.ok) {
		const refusal = v.safeParse(v.union([ClassRefusal, AssignmentRefusal]), answer);
		const code = refusal.success ? refusal.output.error : 'server-error';
		return err({ kind: 'refused', code, status: response.status });
	}
	const parsed = v.safeParse(schema, answer);
	return parsed.success
		? ok(parsed.output)
		: err({ kind: 'refused', code: 'server-error', status: response.status });
}

const seg = encodeURIComponent;

// The teacher's (signed in).
export const listClasses = () => send('GET', '', ClassList);
export const createClass = (name: string) => send('POST', '', OneClass, { body: { name } });
export const getClass = (id: string) => send('GET', `/${seg(id)}`, OneRoster);
export const updateClass = (id: string, change: { name?: string; joiningOpen?: boolean }) =>
	send('PATCH', `/${seg(id)}`, OneClass, { body: change });
export const deleteClass = (id: string) => send('DELETE', `/${seg(id)}`, Done);
export const getClassMastery = (id: string) => send('GET', `/${seg(id)}/mastery`, OneMastery);
export const getClassGames = (id: string) => send('GET', `/${seg(id)}/games`, ClassGames);
export const renameSeat = (id: string, seat: string, name: string) =>
	send('PATCH', `/${seg(id)}/seats/${seg(seat)}`, OneSeat, { body: { name } });
export const removeSeat = (id: string, seat: string) =>
	send('DELETE', `/${seg(id)}/seats/${seg(seat)}`, Done);

// The student's.
export const joinClass = (code: string, name: string) =>
	send('POST', '/join', Joined, { body: { code, name } });
export const mySeats = (tokens: string[]) => send('POST', '/seats', MySeats, { body: { tokens } });
export const leaveClass = (seat: string, token?: string) =>
	send('DELETE', `/seats/${seg(seat)}`, Done, { token });
export const linkSeat = (seat: string, token: string) =>
	send('POST', `/seats/${seg(seat)}/link`, MySeat, { body: {}, token });
