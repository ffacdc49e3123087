/**
 * The recent events of one game, kept so that a phone whose stream broke (Wi-Fi dropped, the
 * screen locked, its server died) gets exactly what it missed when it comes back with the last id
 * it saw, instead of a fresh snapshot. The log is written to the database (see fan-out.ts) before
 * its events are sent, so whichever instance runs the game next, after a take-over or a restart,
 * reads it back and resumes every stream exactly. Older than what is kept, or an id this game's
 * log never gave: the caller sends a snapshot instead.
 *
 * Ids are `<log tag>.<seq>`. The tag is drawn when the game is created and kept with the log: an
 * id from another game that had the same code, or from before the log was kept, is not this log's.
 * A client is only ever given ids of events already written (see `written`), so an instance that
 * takes the game over and goes on numbering after the last written event can never give a number
 * a client already holds for another event.
 */

/** Who an event went to: everyone, the host, every player, or one player (by id). */
export type Audience = { to: 'all' | 'host' | 'players' } | { to: 'player'; id: string };

export interface LoggedEvent {
	seq: number;
	audience: Audience;
	/** The event as sent: `id:` and `data:` lines. */
	text: string;
}

/** Per game: a class of 2,000 makes about 6,000 events a question (answered, result, progress). */
export const EVENT_LOG_SIZE = 25_000;

const ID = /^([A-Za-z0-9_-]{1,32})\.(\d{1,15})$/;

export class EventLog {
	readonly tag: string;
	readonly #limit: number;
	#entries: LoggedEvent[] = [];
	/** The last id given to an event. */
	#seq = 0;
	/** The last id whose event is written (sent, or being sent): the newest a client may hold. */
	#written = 0;
	/** The newest id no longer kept: a client that saw less has a gap. */
	#forgotten = 0;

	/**
	 * `restored`: the events read back from the database, in order, and the last id the log had
	 * given (which they end at, unless none were kept).
	 */
	constructor(
		tag: string,
		limit = EVENT_LOG_SIZE,
		restored?: { events: LoggedEvent[]; seq: number },
	) {
		this.tag = tag;
		this.#limit = limit;
		if (restored) {
			this.#entries = restored.events.slice(-limit);
			this.#seq = this.#written = restored.seq;
			this.#forgotten = this.#entries.length ? this.#entries[0].seq - 1 : restored.seq;
		}
	}

	/** The id of what a client has when it holds everything written so far (a snapshot's id). */
	position(): string {
		return `${this.tag}.${this.#written}`;
	}

	/** The newest id no longer kept (its events are no longer worth writing down either). */
	get forgotten(): number {
		return this.#forgotten;
	}

	/** Keeps an event, not yet written; returns it with its id. */
	add(audience: Audience, text: (id: string) => string): LoggedEvent {
		const seq = ++this.#seq;
		const entry = { seq, audience, text: text(`${this.tag}.${seq}`) };
		this.#entries.push(entry);
		// Dropping in chunks keeps add() O(1) on average.
		if (this.#entries.length > this.#limit * 1.25) {
			const drop = this.#entries.length - this.#limit;
			this.#forgotten = this.#entries[drop - 1].seq;
			this.#entries = this.#entries.slice(drop);
		}
		return entry;
	}

	/** The events up to `seq` are written: they may be sent, and replayed. */
	markWritten(seq: number) {
		if (seq > this.#written) this.#written = Math.min(seq, this.#seq);
	}

	/**
	 * What `who` ('host' or a player id) was sent after `lastId`, in order, up to what is written
	 * (what is still being written reaches the client's new stream when it is sent); undefined
	 * when that cannot be known (another log's id, one never given, or older than what is kept).
	 */
	since(lastId: string, who: string): string[] | undefined {
		const match = ID.exec(lastId);
		if (!match || match[1] !== this.tag) return undefined;
		const seq = Number(match[2]);
		if (seq > this.#written || seq < this.#forgotten) return undefined;
		const entries = this.#entries;
		let lo = 0;
		let hi = entries.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (entries[mid].seq <= seq) lo = mid + 1;
			else hi = mid;
		}
		const out: string[] = [];
		for (let i = lo; i < entries.length && entries[i].seq <= this.#written; i++) {
			const { audience: a, text } = entries[i];
			const mine =
				a.to === 'all' ||
				(who === 'host'
					? a.to === 'host'
					: a.to === 'players' || (a.to === 'player' && a.id === who));
			if (mine) out.push(text);
		}
		return out;
	}
}
