/**
 * Who may do what in a class, and what a refusal answers: the rules the server's class store
 * and endpoints follow (src/lib/server/classes/), kept here without storage so they are tested
 * on their own.
 */
import type { WindowRule } from '../live/limits.ts';
import { foldNickname, uniqueAmongFolded } from '../live/nickname.ts';
import {
	MAX_CLASSES_PER_TEACHER,
	MAX_SEATS_PER_CLASS,
	MAX_STUDENT_NAME,
	type ClassErrorCode,
} from './protocol.ts';

/** The HTTP status of each refusal (the protocol's comments say the same). */
export const CLASS_ERROR_STATUS: Record<ClassErrorCode, number> = {
	'signed-out': 401,
	'no-seat': 401,
	'bad-origin': 403,
	'bad-request': 400,
	'name-empty': 400,
	'not-found': 404,
	'joining-closed': 423,
	'class-full': 409,
	'too-many-classes': 409,
	'too-many-attempts': 429,
};

/**
 * Join attempts per client address, a right code or a wrong one: each counts, so a guesser
 * learns nothing from which are refused. High enough for several classes behind one school
 * address joining in the same ten minutes. At that pace an address needs about a century, on
 * average, to hit any of a thousand open classes among the 2⁴⁰ codes (a year for a hundred
 * thousand); a teacher closes joining once the class is in.
 */
export const DEFAULT_JOIN_LIMIT: WindowRule = { limit: 200, windowMs: 10 * 60_000 };

/** Whether a teacher holding `held` classes may make another. */
export const mayCreateClass = (held: number): boolean => held < MAX_CLASSES_PER_TEACHER;

/** Why a student may not join a class that exists, or undefined when they may. */
export function joinRefusal(
	joiningOpen: boolean,
	seats: number,
): 'joining-closed' | 'class-full' | undefined {
	if (!joiningOpen) return 'joining-closed';
	if (seats >= MAX_SEATS_PER_CLASS) return 'class-full';
	return undefined;
}

/** A student's name in a class: numbered ("Ann 2") when another student's looks the same. */
export function studentNameAmong(name: string, others: Iterable<string>): string {
	return uniqueAmongFolded(name, new Set(Array.from(others, foldNickname)), MAX_STUDENT_NAME);
}

/** What the server knows of a seat to decide who may act on it. */
export interface SeatHolders {
	tokenHash: string;
	/** The account the seat is linked to, or null. */
	userId: string | null;
}

/** Who is asking: the hash of the bearer token they sent, and their signed-in account. */
export interface SeatCaller {
	tokenHash: string | null;
	userId: string | null;
}

/**
 * Whether the caller may act on the seat (list it, leave it): its token, or the account it is
 * linked to. Linking needs the token itself (`withToken`): the session alone would let any
 * signed-in account claim a seat it does not hold.
 */
export function holdsSeat(seat: SeatHolders, caller: SeatCaller, withToken = false): boolean {
	if (caller.tokenHash !== null && caller.tokenHash === seat.tokenHash) return true;
	return !withToken && caller.userId !== null && caller.userId === seat.userId;
}

/**
 * The refusal to a caller who may not act on a seat: `no-seat` when they hold no seat at all
 * (no token of any seat, no session), else `not-found`, as for a seat that does not exist, so
 * a token or an account never learns whether another seat's id is real.
 */
export const seatRefusal = (holdsAnySeat: boolean): 'no-seat' | 'not-found' =>
	holdsAnySeat ? 'not-found' : 'no-seat';
