/**
 * Counts attempts per key in fixed windows, in the database, so every server instance sees the
 * same counts. Sign-in counts failures per account and per address: once a key has had `limit`
 * of them in the window, every attempt is refused, the right password too, until the window ends
 * (a guesser learns nothing from a refusal). Better Auth's own limiter counts per address and
 * path only, and in one process's memory unless told otherwise.
 */
import { sql, type Kysely } from 'kysely';
import type { AuthTables } from './tables.ts';

export interface AttemptRule {
	limit: number;
	windowMs: number;
}

export class AttemptLimiter {
	constructor(
		private readonly db: Kysely<AuthTables>,
		private readonly now: () => number = Date.now,
	) {}

	/** Seconds until the first of `keys` that is used up frees again, or 0 when none is. */
	async retryAfter(keys: [key: string, rule: AttemptRule][]): Promise<number> {
		if (keys.length === 0) return 0;
		const now = this.now();
		const rows = await this.db
			.selectFrom('auth_attempt_counter')
			.select(['key', 'window_start', 'attempts'])
			.where(
				'key',
				'in',
				keys.map(([key]) => key),
			)
			.execute();
		let wait = 0;
		for (const row of rows) {
			const rule = keys.find(([key]) => key === row.key)?.[1];
			// Postgres returns a bigint as a string.
			const ends = Number(row.window_start) + (rule?.windowMs ?? 0);
			if (rule && row.attempts >= rule.limit && ends > now) {
				wait = Math.max(wait, Math.ceil((ends - now) / 1000));
			}
		}
		return wait;
	}

	/** Counts one attempt against each key: a new window starts when the last one has ended. */
	async count(keys: [key: string, rule: AttemptRule][]): Promise<void> {
		const now = this.now();
		for (const [key, rule] of keys) {
			const expired = now - rule.windowMs;
			await this.db
				.insertInto('auth_attempt_counter')
				.values({ key, window_start: now, attempts: 1 })
				.onConflict((oc) =>
					oc.column('key').doUpdateSet({
						attempts: sql<number>`CASE WHEN auth_attempt_counter.window_start <= ${expired} THEN 1 ELSE auth_attempt_counter.attempts + 1 END`,
						window_start: sql<number>`CASE WHEN auth_attempt_counter.window_start <= ${expired} THEN ${now} ELSE auth_attempt_counter.window_start END`,
					}),
				)
				.execute();
		}
	}

	async clear(keys: string[]): Promise<void> {
		if (keys.length === 0) return;
		await this.db.deleteFrom('auth_attempt_counter').where('key', 'in', keys).execute();
	}

	/** Drops counters whose window ended long ago, so the table does not grow with every address. */
	async prune(olderThanMs: number): Promise<void> {
		await this.db
			.deleteFrom('auth_attempt_counter')
			.where('window_start', '<', this.now() - olderThanMs)
			.execute();
	}
}
