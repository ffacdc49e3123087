/**
 * Which instance runs each live game: a lease row per game (`live_lease`) with its owner (an
 * instance id), a fencing epoch and when it runs out. The game's timer, grading and fan-out run
 * on its owner only. Every write for a game carries the epoch its owner was given and checks it
 * in the write's own transaction (`checkFences`): a take-over raises the epoch, so an instance
 * that lost the game (paused, cut off, its lease run out) can never write to it afterwards.
 *
 * Each change of a lease is one statement, which the database makes atomic: two instances taking
 * over the same game at once both run the same guarded UPDATE, and only one of them matches.
 * Times are the instances' clocks (ms): a skew between them moves when a lease runs out, never
 * whether a stale write is refused (the epoch alone decides that).
 */
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { ServerSchema } from '../db/schema.ts';
import type { DatabaseKind } from '../db/connection.ts';

/** What a write for a game must show: the instance that holds it and the epoch it was given. */
export interface Fence {
	owner: string;
	epoch: number;
}

/** A write for a game whose lease this instance no longer holds: nothing of it was written. */
export class LeaseLost extends Error {
	constructor(readonly code: string) {
		super(`Live game ${code} is held by another instance now`);
		this.name = 'LeaseLost';
	}
}

/** The epoch this instance now holds a game at, or why not. */
export type TakeOver =
	| { held: true; epoch: number }
	| { held: false; by: 'other'; expiresAt: number }
	| { held: false; by: 'nobody' };

export interface LeaseStore {
	/** A lease for a new game; undefined when the code is taken (by a game on any instance). */
	createLease(code: string, owner: string, now: number, ms: number): Promise<number | undefined>;
	/**
	 * Takes a game over when its lease has run out or is already `owner`'s (a restart with the
	 * same instance id); the epoch rises either way. `other`: another owner's lease is running.
	 */
	takeOver(code: string, owner: string, now: number, ms: number): Promise<TakeOver>;
	/** Takes back every game `owner` holds (at start, after a restart), each at a new epoch. */
	takeBackOwn(owner: string, now: number, ms: number): Promise<{ code: string; epoch: number }[]>;
	/**
	 * Renews, in one statement, the leases `owner` holds on `codes`; answers the epoch of each
	 * renewed. A game missing from the answer (or at another epoch) is no longer this instance's.
	 */
	renew(owner: string, codes: string[], now: number, ms: number): Promise<Map<string, number>>;
	/** Lets the others take `owner`'s games at once (on shutdown, after the last writes). */
	release(owner: string, now: number): Promise<void>;
	/**
	 * The games `owner` holds that another instance was asked for since: nginx now sends their
	 * requests there (this instance was out of its ring for a while, and is back).
	 */
	wantedElsewhere(owner: string): Promise<string[]>;
	/** Lets the others take one game at once, if it is still `fence`'s. */
	releaseGame(code: string, fence: Fence, now: number): Promise<void>;
}

/**
 * Inside a write's transaction, before anything else: of the games named, those whose lease is
 * still the fence's. The others must write nothing.
 *
 * The lease rows are locked until the write commits, so that a take-over (which raises the epoch)
 * waits for the write and then reads the game with it, or commits first and this write finds the
 * epoch moved. On PostgreSQL the lock is FOR KEY SHARE, taken in the order of the codes: writes of
 * different groups share it, a renewal (which changes only when the lease runs out) is not held
 * up by it, and a take-over, which locks FOR UPDATE first (see `lockForNewEpoch`), waits for it.
 * Taken in one order by everyone, the locks cannot deadlock. SQLite has one writer at a time: the
 * no-op UPDATE takes its write lock at once.
 */
export async function checkFences(
	tx: Kysely<ServerSchema>,
	kind: DatabaseKind,
	games: { code: string; fence: Fence }[],
): Promise<Set<string>> {
	const fences = new Map(games.map((g) => [g.code, g.fence]));
	const held = new Set<string>();
	const codes = [...fences.keys()].sort();
	for (let i = 0; i < codes.length; i += CODES_PER_RENEWAL) {
		const some = codes.slice(i, i + CODES_PER_RENEWAL);
		const rows =
			kind === 'postgres'
				? await tx
						.selectFrom('live_lease')
						.select(['code', 'owner', 'epoch'])
						.where('code', 'in', some)
						.orderBy('code')
						.forKeyShare()
						.execute()
				: await tx
						.updateTable('live_lease')
						.set({ epoch: sql<number>`epoch` })
						.where('code', 'in', some)
						.returning(['code', 'owner', 'epoch'])
						.execute();
		for (const r of rows) {
			const fence = fences.get(r.code);
			if (fence && r.owner === fence.owner && Number(r.epoch) === fence.epoch) held.add(r.code);
		}
	}
	return held;
}

/**
 * Before a statement raises epochs, on PostgreSQL: the rows locked FOR UPDATE, in the order of
 * their codes, so it waits for every write that checked the old epoch (FOR KEY SHARE) to commit.
 * An UPDATE of the epoch alone would lock only FOR NO KEY UPDATE, which those writes do not block.
 */
async function lockForNewEpoch(
	tx: Kysely<ServerSchema>,
	kind: DatabaseKind,
	rows: { code: string } | { owner: string },
) {
	if (kind !== 'postgres') return;
	let query = tx.selectFrom('live_lease').select('code');
	query =
		'code' in rows ? query.where('code', '=', rows.code) : query.where('owner', '=', rows.owner);
	await query.orderBy('code').forUpdate().execute();
}

const NEXT_EPOCH = sql<number>`epoch + 1`;

/** Far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CODES_PER_RENEWAL = 10_000;

export function createLeaseStore(kysely: Kysely<ServerSchema>, kind: DatabaseKind): LeaseStore {
	return {
		async createLease(code, owner, now, ms) {
			const row = await kysely
				.insertInto('live_lease')
				.values({ code, owner, epoch: 1, expires_at: now + ms })
				.onConflict((oc) => oc.column('code').doNothing())
				.returning('epoch')
				.executeTakeFirst();
			return row ? Number(row.epoch) : undefined;
		},

		async takeOver(code, owner, now, ms) {
			const row = await kysely.transaction().execute(async (tx) => {
				await lockForNewEpoch(tx, kind, { code });
				return tx
					.updateTable('live_lease')
					.set({ owner, epoch: NEXT_EPOCH, expires_at: now + ms, wanted: 0 })
					.where('code', '=', code)
					.where((eb) => eb.or([eb('expires_at', '<=', now), eb('owner', '=', owner)]))
					.returning('epoch')
					.executeTakeFirst();
			});
			if (row) return { held: true, epoch: Number(row.epoch) };
			// Held by a running instance: ask it to let go (wantedElsewhere).
			const other = await kysely
				.updateTable('live_lease')
				.set({ wanted: 1 })
				.where('code', '=', code)
				.returning('expires_at')
				.executeTakeFirst();
			return other
				? { held: false, by: 'other', expiresAt: Number(other.expires_at) }
				: { held: false, by: 'nobody' };
		},

		async takeBackOwn(owner, now, ms) {
			const rows = await kysely.transaction().execute(async (tx) => {
				await lockForNewEpoch(tx, kind, { owner });
				return tx
					.updateTable('live_lease')
					.set({ epoch: NEXT_EPOCH, expires_at: now + ms })
					.where('owner', '=', owner)
					.returning(['code', 'epoch'])
					.execute();
			});
			return rows.map((r) => ({ code: r.code, epoch: Number(r.epoch) }));
		},

		async renew(owner, codes, now, ms) {
			const renewed = new Map<string, number>();
			// One statement for up to CODES_PER_RENEWAL games (KIOKU_MAX_GAMES is 1,000 by default).
			for (let i = 0; i < codes.length; i += CODES_PER_RENEWAL) {
				const rows = await kysely
					.updateTable('live_lease')
					.set({ expires_at: now + ms })
					.where('owner', '=', owner)
					.where('code', 'in', codes.slice(i, i + CODES_PER_RENEWAL))
					.returning(['code', 'epoch'])
					.execute();
				for (const r of rows) renewed.set(r.code, Number(r.epoch));
			}
			return renewed;
		},

		async wantedElsewhere(owner) {
			const rows = await kysely
				.selectFrom('live_lease')
				.select('code')
				.where('owner', '=', owner)
				.where('wanted', '=', 1)
				.execute();
			return rows.map((r) => r.code);
		},

		async releaseGame(code, fence, now) {
			await kysely
				.updateTable('live_lease')
				.set({ expires_at: now, wanted: 0 })
				.where('code', '=', code)
				.where('owner', '=', fence.owner)
				.where('epoch', '=', fence.epoch)
				.execute();
		},

		async release(owner, now) {
			await kysely
				.updateTable('live_lease')
				.set({ expires_at: now })
				.where('owner', '=', owner)
				.where('expires_at', '>', now)
				.execute();
		},
	};
}

/**
 * This process's instance id when KIOKU_INSTANCE_ID is not set: the host's name and the port it
 * serves, the same across restarts of the same server, so a restarted server takes its own games
 * back at once instead of waiting for their leases to run out.
 */
export function defaultInstanceId(env: Record<string, string | undefined>): string {
	return `${hostname()}:${env.SOCKET_PATH || env.PORT || '3000'}`;
}
