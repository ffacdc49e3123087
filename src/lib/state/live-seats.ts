/**
 * The classroom tokens kept on this device, so that a host or a phone that reloads comes back as
 * itself: the host's games (listed on /live) and the player's seats, newest first.
 */
import * as v from 'valibot';
import { storedValue } from '$lib/storage/web-storage';

export const Seat = v.object({
	code: v.string(),
	token: v.string(),
	/** The host's: the game's join key, for the projector's link and QR code. */
	joinKey: v.optional(v.string()),
	/** The host's: the titles of the game's decks, for the projector's lobby. */
	decks: v.optional(v.array(v.string())),
	playerId: v.optional(v.string()),
	nickname: v.optional(v.string()),
	createdAt: v.optional(v.number(), 0),
});
export type Seat = v.InferOutput<typeof Seat>;
export type SeatRole = 'host' | 'player';

/** A list with one unreadable seat (another version's, hand-edited) keeps the others. */
const Seats = v.pipe(
	v.array(v.unknown()),
	v.transform((list) =>
		list.flatMap((item) => {
			const seat = v.safeParse(Seat, item);
			return seat.success ? [seat.output] : [];
		}),
	),
);

/** Enough for a term of games; older ones are forgotten. */
const KEPT = 30;

const stored = {
	host: storedValue('local', 'kioku:live-host', Seats, []),
	player: storedValue('local', 'kioku:live-player', Seats, []),
};

export const loadSeats = (role: SeatRole): Seat[] => stored[role].get();

export const seatFor = (role: SeatRole, code: string): Seat | undefined =>
	loadSeats(role).find((s) => s.code === code);

/** Without storage the game still works; a reload would need to join again. */
export function saveSeat(role: SeatRole, seat: Seat) {
	stored[role].set([seat, ...loadSeats(role).filter((s) => s.code !== seat.code)].slice(0, KEPT));
}

/** A seat the server no longer knows (an ended game, a code since reused) is forgotten. */
export function forgetSeat(role: SeatRole, code: string) {
	stored[role].set(loadSeats(role).filter((s) => s.code !== code));
}
