/** A fixed-window limit per key (a client address): bots sweeping join codes get 429s. */
export class RateLimiter {
	readonly #hits = new Map<string, { start: number; count: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	allow(key: string, now: number): boolean {
		const entry = this.#hits.get(key);
		if (!entry || now - entry.start >= this.windowMs) {
			this.#hits.set(key, { start: now, count: 1 });
			if (this.#hits.size > 100_000) this.#sweep(now);
			return true;
		}
		entry.count++;
		return entry.count <= this.limit;
	}

	#sweep(now: number) {
		for (const [key, e] of this.#hits) if (now - e.start >= this.windowMs) this.#hits.delete(key);
	}
}
