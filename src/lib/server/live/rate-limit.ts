/**
 * Counting per key (a client address) in fixed windows. The rule is in $lib/live/limits; the
 * counts are behind `CounterStore`, kept in this process's memory today. Several instances
 * would share one store (Redis INCR with an expiry, or a Postgres upsert): the store only has
 * to count a key atomically and forget it when its window has ended.
 */
import { isOver, windowOf, type WindowRule } from '$lib/live/limits';

export interface CounterStore {
	/** The count under `key`, 0 when there is none (or it has expired). */
	read(key: string, now: number): number;
	/** Adds one under `key`, kept until `expiresAt`; returns the new count. */
	increment(key: string, expiresAt: number, now: number): number;
}

/** One process's counts. Expired keys are dropped as the map grows. */
export class MemoryCounterStore implements CounterStore {
	readonly #counts = new Map<string, { count: number; expiresAt: number }>();
	#nextSweep = 0;

	read(key: string, now: number): number {
		const entry = this.#counts.get(key);
		return entry && entry.expiresAt > now ? entry.count : 0;
	}

	increment(key: string, expiresAt: number, now: number): number {
		const entry = this.#counts.get(key);
		const count = entry && entry.expiresAt > now ? entry.count + 1 : 1;
		this.#counts.set(key, { count, expiresAt });
		if (this.#counts.size > 10_000 && now >= this.#nextSweep) this.#sweep(now);
		return count;
	}

	/** At most once a second: a flood of new addresses must not make every count O(n). */
	#sweep(now: number) {
		this.#nextSweep = now + 1000;
		for (const [key, e] of this.#counts) if (e.expiresAt <= now) this.#counts.delete(key);
	}

	get size() {
		return this.#counts.size;
	}
}

export class RateLimiter {
	constructor(
		/** Keeps the counts of different limits apart in a shared store. */
		readonly name: string,
		readonly rule: WindowRule,
		readonly store: CounterStore = new MemoryCounterStore(),
	) {}

	#key(client: string, now: number) {
		return `${this.name}:${windowOf(this.rule, now).id}:${client}`;
	}

	/** Whether `client` has used up this window. */
	exhausted(client: string, now: number): boolean {
		return isOver(this.store.read(this.#key(client, now), now), this.rule);
	}

	/** Counts one for `client`; returns the count in this window. */
	record(client: string, now: number): number {
		return this.store.increment(this.#key(client, now), windowOf(this.rule, now).endsAt, now);
	}
}
