/**
 * Rate-limit counts shared by every instance on one database (`live_counter`), behind the same
 * synchronous `CounterStore` the hub counts with: each instance counts in memory at once and
 * adds its new counts to the shared row a moment later (`flushMs`), learning the total from
 * every instance in the same statement. A client spreading guesses over instances is stopped
 * within one flush of reaching the limit everywhere; waiting for the database on every guess
 * would put a round trip on every join instead.
 */
import { sql } from 'kysely';
import type { ServerDatabase } from '../db/connection.ts';
import type { CounterStore } from './rate-limit.ts';

interface Entry {
	/** The shared total as of the last flush, this instance's flushed counts included. */
	shared: number;
	/** Counted here since the last flush. */
	pending: number;
	expiresAt: number;
}

export class SharedCounterStore implements CounterStore {
	readonly #entries = new Map<string, Entry>();
	readonly #db: ServerDatabase;
	readonly #timer: ReturnType<typeof setInterval>;
	#flushing: Promise<void> = Promise.resolve();
	#nextSweep = 0;

	constructor(
		db: ServerDatabase,
		readonly options: {
			flushMs?: number;
			clock?: () => number;
			onError?: (e: unknown) => void;
		} = {},
	) {
		this.#db = db;
		this.#timer = setInterval(() => void this.flush(), options.flushMs ?? 250);
		this.#timer.unref?.();
	}

	read(key: string, now: number): number {
		const e = this.#entries.get(key);
		return e && e.expiresAt > now ? e.shared + e.pending : 0;
	}

	increment(key: string, expiresAt: number, now: number): number {
		const e = this.#entries.get(key);
		if (e && e.expiresAt > now) {
			e.pending++;
			return e.shared + e.pending;
		}
		this.#entries.set(key, { shared: 0, pending: 1, expiresAt });
		return 1;
	}

	/**
	 * Adds the pending counts to the shared rows and reads the totals back; drops expired
	 * entries and rows. One flush at a time.
	 */
	flush(): Promise<void> {
		this.#flushing = this.#flushing.then(() =>
			this.#flushOnce().catch((error: unknown) => this.options.onError?.(error)),
		);
		return this.#flushing;
	}

	async #flushOnce(): Promise<void> {
		const now = (this.options.clock ?? Date.now)();
		const due = [...this.#entries].filter(([, e]) => e.pending > 0 && e.expiresAt > now);
		for (const [key, e] of due) {
			const adding = e.pending;
			const row = await this.#db.kysely
				.insertInto('live_counter')
				.values({ key, count: adding, expires_at: e.expiresAt })
				.onConflict((c) =>
					c.column('key').doUpdateSet({ count: sql`live_counter.count + ${adding}` }),
				)
				.returning('count')
				.executeTakeFirstOrThrow();
			// Counts made while this statement ran stay pending for the next flush.
			e.pending -= adding;
			e.shared = Number(row.count);
		}
		if (now >= this.#nextSweep) {
			this.#nextSweep = now + 60_000;
			for (const [key, e] of this.#entries) if (e.expiresAt <= now) this.#entries.delete(key);
			await this.#db.kysely.deleteFrom('live_counter').where('expires_at', '<=', now).execute();
		}
	}

	/** Flushes what is pending and stops the timer. */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		await this.flush();
	}
}
