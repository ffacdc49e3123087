/**
 * Classes: what the teacher's and the students' pages send and receive (the contract between
 * src/lib/state/classes-api.ts and src/routes/api/classes/). A class lasts longer than one live
 * game: a teacher (any signed-in account) makes it, students join it with its code and a name,
 * no account needed: the seat's token, kept on the device, is who they are. A student with an
 * account may link the seat to it, so it follows them to their other devices.
 */
import * as v from 'valibot';
import { cleanName } from '../live/nickname.ts';

/** As a reader counts characters: room for "Year 10 — Politics, group B (Tuesday)". */
export const MAX_CLASS_NAME = 60;
export const MAX_STUDENT_NAME = 40;
/** A teacher's classes, and a class's students: far above a school's, low enough to bound a page. */
export const MAX_CLASSES_PER_TEACHER = 100;
export const MAX_SEATS_PER_CLASS = 400;

/** A class's name, cleaned as nicknames are (no invisible or direction-changing characters). */
export const cleanClassName = (raw: unknown) => cleanName(raw, MAX_CLASS_NAME);
/** A student's name in a class, cleaned the same way. */
export const cleanStudentName = (raw: unknown) => cleanName(raw, MAX_STUDENT_NAME);

/** A class as its teacher sees it in the list. */
export interface ClassSummary {
	id: string;
	name: string;
	/** Eight characters, without separators (formatClassCode adds the dash). */
	code: string;
	joiningOpen: boolean;
	students: number;
	/** ms since the epoch. */
	createdAt: number;
}

/** One student's seat, as the teacher sees it. */
export interface SeatSummary {
	id: string;
	name: string;
	joinedAt: number;
	/** Whether a student account holds the seat (the teacher never sees which account). */
	linked: boolean;
}

/** A class with its roster (the teacher's view), students in the order they joined. */
export interface ClassRoster extends ClassSummary {
	seats: SeatSummary[];
}

/** A student's own seat: the class they are in, as they see it. */
export interface SeatView {
	seatId: string;
	classId: string;
	className: string;
	/** The teacher's account name, so a student can tell two "Politics" classes apart. */
	teacherName: string;
	/** The student's name in this class. */
	name: string;
	joinedAt: number;
	linked: boolean;
}

/** One student's totals in a live game hosted for the class. */
export interface ClassGameStudent {
	seatId: string;
	name: string;
	/** Questions answered, of the game's `questions`. */
	answered: number;
	/** Right answers (the host's accepted ones included), apart from the game's points. */
	right: number;
	points: number;
}

/** A live game hosted for the class, as it ended; the teacher's class page lists them. */
export interface ClassGameSummary {
	id: string;
	code: string;
	decks: string[];
	/** Questions asked and revealed. */
	questions: number;
	playedAt: number;
	endedAt: number;
	/** Those who played as their seats, most right answers first. */
	students: ClassGameStudent[];
	/** Names of the students of the class who did not play (who had joined it by the game's end). */
	absent: string[];
}

export const CreateClassRequest = v.object({ name: v.string() });
export const UpdateClassRequest = v.object({
	name: v.optional(v.string()),
	joiningOpen: v.optional(v.boolean()),
});
export const RenameSeatRequest = v.object({ name: v.string() });
export const JoinClassRequest = v.object({ code: v.string(), name: v.string() });
/** The seat tokens a device holds (at most one per class it joined). */
export const MySeatsRequest = v.object({
	tokens: v.pipe(
		v.array(v.pipe(v.string(), v.maxLength(100))),
		v.maxLength(MAX_CLASSES_PER_TEACHER),
	),
});

/**
 * Every refusal is `{ error: ClassErrorCode }` with its status; the page words it in the
 * reader's language. A class that is not the caller's answers `not-found`, exactly as one that
 * does not exist (its existence is not told).
 */
export type ClassErrorCode =
	/** 401: the teacher's endpoints, and linking a seat, need a signed-in account. */
	| 'signed-out'
	/** 401: no valid seat token (or signed-in account linked to the seat). */
	| 'no-seat'
	/** 403: a changing request from another site. */
	| 'bad-origin'
	/** 400 / 413 / 415: not JSON, too large, or not the shape asked for. */
	| 'bad-request'
	/** 400: the name has nothing a reader could see. */
	| 'name-empty'
	/** 404: no such class or seat (or not the caller's). */
	| 'not-found'
	/** 423: the teacher has closed joining. */
	| 'joining-closed'
	/** 409: the class has MAX_SEATS_PER_CLASS students. */
	| 'class-full'
	/** 409: the teacher has MAX_CLASSES_PER_TEACHER classes. */
	| 'too-many-classes'
	/** 429: too many join attempts from this address (codes are guessed this way). */
	| 'too-many-attempts';

/*
 * Endpoints (JSON; changing requests must carry this site's Origin):
 *
 * Teacher (signed in):
 *   GET    /api/classes                          → { classes: ClassSummary[] }
 *   POST   /api/classes            CreateClass   → { class: ClassSummary }
 *   GET    /api/classes/:id                      → { class: ClassRoster }
 *   PATCH  /api/classes/:id        UpdateClass   → { class: ClassSummary }
 *   DELETE /api/classes/:id                      → { ok: true }   (its seats go with it)
 *   PATCH  /api/classes/:id/seats/:seat RenameSeat → { seat: SeatSummary }
 *   DELETE /api/classes/:id/seats/:seat          → { ok: true }
 *
 * Student (no account needed):
 *   POST   /api/classes/join       JoinClass     → { token: string, seat: SeatView }
 *          (the same name twice in a class becomes "name 2", as nicknames do)
 *   POST   /api/classes/seats      MySeats       → { seats: SeatView[] }
 *          the seats of the tokens given that still exist, and, when signed in, every seat
 *          linked to the account (another device's); a token of a removed seat is left out
 *   DELETE /api/classes/seats/:seat              → { ok: true }   leave: the seat's rows go
 *   POST   /api/classes/seats/:seat/link         → { seat: SeatView } link to the signed-in
 *          account (needs both the seat's token and a session)
 *   A seat is acted on with its token in `Authorization: Bearer <token>`, or by the signed-in
 *   account it is linked to.
 */

/** Crockford's base 32: no I, L, O or U, so nothing on the board reads as another character. */
export const CLASS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CLASS_CODE_LENGTH = 8;

/** A new code (40 bits): `randomInt(n)` gives a whole number from 0 to n − 1. */
export function newClassCode(randomInt: (maxExclusive: number) => number): string {
	let code = '';
	for (let i = 0; i < CLASS_CODE_LENGTH; i++)
		code += CLASS_CODE_ALPHABET[randomInt(CLASS_CODE_ALPHABET.length)];
	return code;
}

/**
 * The code as typed, in the form it is stored, or null when it cannot be one: case, spaces and
 * dashes do not matter, and the letters Crockford leaves out read as the digits they look like.
 */
export function normalizeClassCode(typed: string): string | null {
	const code = typed
		.slice(0, 40)
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
	if (code.length !== CLASS_CODE_LENGTH) return null;
	for (const c of code) if (!CLASS_CODE_ALPHABET.includes(c)) return null;
	return code;
}

/** "K7M4-QP2X": two halves, easier to read off the board. */
export const formatClassCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
