/**
 * One screen's client of a live game, the projector's or a phone's: the seat this device holds,
 * the game's event stream (parsed, resumed, reopened; see live-stream.ts), the server's clock,
 * and the view the events build. The host and player classes add their own requests.
 */
import { applyEvent, emptyView, stageOf, type LiveView } from '$lib/live/view';
import { eventsUrl } from './live-api';
import { forgetSeat, seatFor, type Seat, type SeatRole } from './live-seats';
import { openEventStream } from './live-stream';

/** How often countdowns move. */
const TICK_MS = 250;

export class LiveClient {
	readonly role: SeatRole;
	readonly code: string;
	/** This device's token in the game; without one, the page says how to get one. */
	readonly seat: Seat | undefined;
	view = $state.raw<LiveView>(emptyView());
	readonly stage = $derived(stageOf(this.view));
	connected = $state(false);
	/** "Reconnecting…" only after a first connection: not while the page is still opening. */
	everConnected = $state(false);
	/** The server refused this seat (403: not one of the game's tokens; 404: no such game). */
	refused = $state<403 | 404 | undefined>();
	/** Server clock minus ours: countdowns use the server's times. */
	#skew = $state(0);
	#now = $state(Date.now());

	constructor(role: SeatRole, code: string, view: LiveView = emptyView()) {
		this.role = role;
		this.code = code;
		this.seat = seatFor(role, code);
		this.view = view;
	}

	/** The server's clock now, moving every TICK_MS while connected. */
	get serverNow(): number {
		return this.#now + this.#skew;
	}

	/** Follows the game until the returned function is called (an effect's cleanup). */
	connect(): () => void {
		if (!this.seat) return () => {};
		const stop = openEventStream(eventsUrl(this.code, this.seat.token), {
			event: (e) => (this.view = applyEvent(this.view, e)),
			serverTime: (now) => (this.#skew = now - Date.now()),
			connected: (open) => {
				this.connected = open;
				if (open) this.everConnected = true;
			},
			refused: (status) => {
				this.refused = status;
				// An ended game or a code since reused: the join form would send this device back
				// here forever.
				forgetSeat(this.role, this.code);
			},
		});
		const clock = setInterval(() => (this.#now = Date.now()), TICK_MS);
		return () => {
			stop();
			clearInterval(clock);
		};
	}
}
