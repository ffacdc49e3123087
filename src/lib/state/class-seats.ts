/**
 * The class seats this device holds: the token the server gave when the student joined (it is
 * who they are in that class, no account needed) and what the page shows before the server
 * answers. Newest first.
 */
import * as v from 'valibot';
import { storedValue } from '$lib/storage/web-storage';

export const ClassSeat = v.object({
	seatId: v.string(),
	classId: v.string(),
	token: v.string(),
	/** The class code it was joined with: joining again from this device goes to the seat held. */
	code: v.optional(v.string()),
	className: v.string(),
	name: v.string(),
	joinedAt: v.number(),
});
export type ClassSeat = v.InferOutput<typeof ClassSeat>;

/** A list with one unreadable seat (another version's, hand-edited) keeps the others. */
const Seats = v.pipe(
	v.array(v.unknown()),
	v.transform((list) =>
		list.flatMap((item) => {
			const seat = v.safeParse(ClassSeat, item);
			return seat.success ? [seat.output] : [];
		}),
	),
);

/** A student in more classes than this is unusual; the server's own limit is per teacher. */
const KEPT = 50;

const stored = storedValue('local', 'kioku:class-seats', Seats, []);

export const loadClassSeats = (): ClassSeat[] => stored.get();

export function saveClassSeat(seat: ClassSeat) {
	stored.set([seat, ...loadClassSeats().filter((s) => s.seatId !== seat.seatId)].slice(0, KEPT));
}

/** A seat left, or one the server no longer knows (the teacher removed it), is forgotten. */
export function forgetClassSeats(seatIds: ReadonlySet<string>) {
	stored.set(loadClassSeats().filter((s) => !seatIds.has(s.seatId)));
}

export const seatWithCode = (code: string): ClassSeat | undefined =>
	loadClassSeats().find((s) => s.code === code);

export const tokenOfSeat = (seatId: string): string | undefined =>
	loadClassSeats().find((s) => s.seatId === seatId)?.token;
