/**
 * A fixed-window count per key (a client address). The hub counts join attempts to codes that
 * do not exist: a bot sweeping codes is stopped, while a whole class behind one school address
 * (or one reverse proxy) can join a real game at once.
 */
export class RateLimiter {
	readonly #hits = new Map<string, { start: number; count: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	/** Whether `key` has used up its window. */
	exhausted(key: string, now: number): boolean {
		const entry = this.#hits.get(key);
		return entry !== undefined && now - entry.start < this.windowMs && entry.count >= this.limit;
	}

	record(key: string, now: number): void {
		const entry = this.#hits.get(key);
		if (!entry || now - entry.start >= this.windowMs) {
			this.#hits.set(key, { start: now, count: 1 });
			if (this.#hits.size > 100_000) this.#sweep(now);
		} else entry.count++;
	}

	#sweep(now: number) {
		for (const [key, e] of this.#hits) if (now - e.start >= this.windowMs) this.#hits.delete(key);
	}
}
