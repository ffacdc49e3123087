/**
 * The recent events of one game, kept so that a phone whose stream broke (Wi-Fi dropped, the
 * screen locked) gets exactly what it missed when it comes back with the last id it saw, instead
 * of a fresh snapshot. Older than what is kept, or from before a restart: the caller sends a
 * snapshot instead.
 */

/** Who an event went to: everyone, the host, every player, or one player (by id). */
export type Audience = { to: 'all' | 'host' | 'players' } | { to: 'player'; id: string };

interface Entry {
	seq: number;
	audience: Audience;
	text: string;
}

/** Per game: a class of 2,000 makes about 6,000 events a question (answered, result, progress). */
export const EVENT_LOG_SIZE = 25_000;

export class EventLog {
	/** Ids of another process (before a restart) mean nothing here. */
	readonly #epoch: string;
	readonly #limit: number;
	#entries: Entry[] = [];
	#seq = 0;
	/** The newest id no longer kept: a client that saw less has a gap. */
	#forgotten = 0;

	constructor(epoch: string, limit = EVENT_LOG_SIZE) {
		this.#epoch = epoch;
		this.#limit = limit;
	}

	/** The next event id, for an event sent to one connection only (a snapshot): not kept. */
	nextId(): string {
		return `${this.#epoch}.${++this.#seq}`;
	}

	/** Keeps a sent event; returns its id. */
	add(audience: Audience, text: (id: string) => string): { id: string; text: string } {
		const id = this.nextId();
		const entry = { seq: this.#seq, audience, text: text(id) };
		this.#entries.push(entry);
		// Dropping in chunks keeps add() O(1) on average.
		if (this.#entries.length > this.#limit * 1.25) {
			const drop = this.#entries.length - this.#limit;
			this.#forgotten = this.#entries[drop - 1].seq;
			this.#entries = this.#entries.slice(drop);
		}
		return { id, text: entry.text };
	}

	/**
	 * What `who` ('host' or a player id) was sent after `lastId`, in order; undefined when that
	 * cannot be known (an id from before a restart, or older than what is kept).
	 */
	since(lastId: string, who: string): string[] | undefined {
		const match = /^([A-Za-z0-9_-]{1,32})\.(\d{1,15})$/.exec(lastId);
		if (!match || match[1] !== this.#epoch) return undefined;
		const seq = Number(match[2]);
		if (seq > this.#seq || seq < this.#forgotten) return undefined;
		const entries = this.#entries;
		let lo = 0;
		let hi = entries.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (entries[mid].seq <= seq) lo = mid + 1;
			else hi = mid;
		}
		const out: string[] = [];
		for (let i = lo; i < entries.length; i++) {
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
