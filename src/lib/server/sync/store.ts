/**
 * The server's copy of each user's synced changes: a per-user feed that devices push to (in
 * idempotent batches) and pull from (after a cursor, in pages). Every query names the user, so no
 * id, key or cursor a client sends can reach another user's rows.
 *
 * Sequence numbers. Each user has a counter row (`sync_user.last_seq`). A push starts by locking
 * that row (an upsert: a row lock on PostgreSQL, the write lock on SQLite) and holds it until it
 * commits, so two pushes of one user — two devices at once — run one after the other: the second
 * gets its numbers only after the first committed. Numbers therefore become visible in the order
 * they were given, and a pull that has seen seq n can never later miss a change with seq ≤ n
 * (a global sequence or bigserial would give numbers at insert time, and a transaction that
 * commits after a later one would slip in behind a reader's cursor). Pushes of different users
 * never wait for each other. The same lock makes the quota check exact. Numbers rise but may skip:
 * a change that turns out to be a no-op (a retried review) leaves the number it was given unused.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../db/connection.ts';
import type { ServerSchema, SyncChangeTable } from '../db/schema.ts';
import {
	readChange,
	shapeValidator,
	type PulledChange,
	type SyncChange,
	type SyncValidator,
} from './changes.ts';
import {
	DEFAULT_DATA_QUOTA,
	DEFAULT_PULL_LIMIT,
	DEFAULT_QUOTA,
	MAX_PULL_LIMIT,
	MAX_PULL_PAGE_CHARS,
	MAX_PUSH_CHANGES,
} from './limits.ts';
import { err, ok, type Result } from '../../result.ts';

/** A refused request: the HTTP status, a code the client words, and an English sentence. */
export interface SyncRefusal {
	status: 400 | 403 | 409 | 413;
	code:
		| 'bad-request'
		| 'bad-change'
		| 'too-many-changes'
		| 'quota-exceeded'
		| 'bad-cursor'
		| 'cursor-ahead'
		| 'bad-limit';
	message: string;
}

export interface PushReply {
	/** The id (reviews, tombstones) or key (registers, configs) of every change, in batch order. */
	acked: string[];
	/** The user's last seq after this push: the head of their feed, not this device's pull cursor. */
	cursor: number;
}

export interface PullReply {
	changes: PulledChange[];
	/**
	 * The next pull's cursor: the seq of the last change returned, or past numbers that hold
	 * nothing any more (a page may even come back empty with `more` still true).
	 */
	cursor: number;
	/** Whether more changes follow this page. */
	more: boolean;
}

/** Everything the store holds about one user (for "download my data"). */
export interface UserExport {
	userId: string;
	cursor: number;
	changes: PulledChange[];
}

/**
 * Kinds a device that came before them does not know: a pull returns them only to a device that
 * asks for them (`with`), so an older device goes on syncing the rest instead of failing to read
 * a page. Each is its own space.
 */
export const OPTIONAL_KINDS = ['bank', 'result'] as const;
export type OptionalKind = (typeof OPTIONAL_KINDS)[number];

export interface SyncStore {
	push(userId: string, changes: unknown): Promise<Result<PushReply, SyncRefusal>>;
	/** `kinds`: the optional kinds to include (none when not given). */
	pull(
		userId: string,
		cursor: number,
		limit?: number,
		kinds?: readonly OptionalKind[],
	): Promise<Result<PullReply, SyncRefusal>>;
	/** Removes every row the store holds for the user; returns how many changes they had. */
	deleteUser(userId: string): Promise<number>;
	exportUser(userId: string): Promise<UserExport>;
}

export interface SyncStoreOptions {
	/** Rows one user may hold (default 5,000,000). */
	quota?: number;
	/** Characters of bank and result data one user may hold (default 128 MiB). */
	dataQuota?: number;
	/** Characters of data a pull page holds beyond its first change (default 16 MiB). */
	pageChars?: number;
	/** What a change's data must be (default: the shape check only). */
	validate?: SyncValidator;
}

type Db = Kysely<ServerSchema>;
type Row = Pick<SyncChangeTable, 'space' | 'key' | 'type' | 'hlc' | 'data'>;

/** Thrown inside a push's transaction to roll it back and refuse the batch. */
class Refused extends Error {
	constructor(readonly refusal: SyncRefusal) {
		super(refusal.message);
	}
}

const spaceOf = (change: SyncChange): Row['space'] =>
	change.type === 'review' || change.type === 'tombstone' ? 'log' : change.type;

const keyOf = (change: SyncChange): string =>
	change.type === 'review' || change.type === 'tombstone' || change.type === 'result'
		? change.id
		: change.key;

/** Rows whose data counts toward the data quota. */
const LARGE_SPACES: Row['space'][] = ['bank', 'result'];

/** Reads and checks a whole batch: the first bad change refuses it. */
function readBatch(
	input: unknown,
	validate: SyncValidator,
): Result<{ change: SyncChange; data: string | null }[], SyncRefusal> {
	if (!Array.isArray(input)) {
		return err({ status: 400, code: 'bad-request', message: 'changes must be a list.' });
	}
	if (input.length > MAX_PUSH_CHANGES) {
		return err({
			status: 413,
			code: 'too-many-changes',
			message: `A push may carry at most ${MAX_PUSH_CHANGES} changes; this one has ${input.length}.`,
		});
	}
	const batch = [];
	for (const [index, item] of input.entries()) {
		const read = readChange(item);
		const problem = 'error' in read ? read.error : validate(read.change);
		if (problem !== undefined) {
			return err({
				status: 400,
				code: 'bad-change',
				message: `Change ${index} is refused: ${problem}.`,
			});
		}
		if ('change' in read) batch.push(read);
	}
	return ok(batch);
}

/**
 * What a batch leaves, one row per space and key, before looking at the database: a tombstone
 * beats its review, a register's greatest hlc wins, otherwise the first of a key stays.
 * (PostgreSQL will not let one upsert touch a row twice, and the quota counts rows.)
 */
function netRows(batch: { change: SyncChange; data: string | null }[]): Map<string, Row> {
	const rows = new Map<string, Row>();
	for (const { change, data } of batch) {
		const row: Row = {
			space: spaceOf(change),
			key: keyOf(change),
			type: change.type,
			hlc: 'hlc' in change ? change.hlc : null,
			data,
		};
		const id = `${row.space}\n${row.key}`;
		const before = rows.get(id);
		if (!before || wins(row, before)) rows.set(id, row);
	}
	return rows;
}

/** Types whose rows hold the last writer's value per key (the greatest hlc). */
const LAST_WRITER_WINS: Row['type'][] = ['register', 'bank'];

/** Whether `next` replaces `held` (same space and key). */
function wins(next: Row, held: Pick<Row, 'type' | 'hlc'>): boolean {
	if (next.type === 'tombstone') return held.type === 'review';
	if (LAST_WRITER_WINS.includes(next.type)) return next.hlc! > held.hlc!;
	return false;
}

const toNumber = (value: number | string): number => Number(value);

function pulled(row: Row & { seq: number | string }): PulledChange {
	const seq = toNumber(row.seq);
	switch (row.type) {
		case 'review':
			return { seq, type: 'review', id: row.key, data: JSON.parse(row.data!) };
		case 'tombstone':
			return { seq, type: 'tombstone', id: row.key, hlc: row.hlc! };
		case 'register':
			return { seq, type: 'register', key: row.key, hlc: row.hlc!, data: JSON.parse(row.data!) };
		case 'config':
			return { seq, type: 'config', key: row.key, data: JSON.parse(row.data!) };
		case 'bank':
			return { seq, type: 'bank', key: row.key, hlc: row.hlc!, data: JSON.parse(row.data!) };
		case 'result':
			return { seq, type: 'result', id: row.key, data: JSON.parse(row.data!) };
	}
}

/** How many numbers a pull page may span, in page sizes (numbers skip where rows moved on). */
const PULL_WINDOW = 4;

// SQLite allows 32,766 bound values per statement, PostgreSQL 65,535: 500 keys or 500 rows of
// seven columns stay far below both.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
	const out = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

/** The user's counter row, created if new and locked until the transaction ends. */
async function lockUser(trx: Transaction<ServerSchema>, userId: string) {
	const head = await trx
		.insertInto('sync_user')
		.values({ user_id: userId, last_seq: 0, row_count: 0 })
		.onConflict((oc) =>
			oc.column('user_id').doUpdateSet((eb) => ({ last_seq: eb.ref('sync_user.last_seq') })),
		)
		.returning(['last_seq', 'row_count'])
		.executeTakeFirstOrThrow();
	return { lastSeq: toNumber(head.last_seq), rowCount: toNumber(head.row_count) };
}

export function createSyncStore(
	database: ServerDatabase,
	options: SyncStoreOptions = {},
): SyncStore {
	const db: Db = database.kysely;
	const quota = options.quota ?? DEFAULT_QUOTA;
	const dataQuota = options.dataQuota ?? DEFAULT_DATA_QUOTA;
	const pageChars = options.pageChars ?? MAX_PULL_PAGE_CHARS;
	const validate = options.validate ?? shapeValidator;

	async function push(userId: string, input: unknown): Promise<Result<PushReply, SyncRefusal>> {
		const batch = readBatch(input, validate);
		if (!batch.ok) return batch;
		const acked = batch.value.map(({ change }) => keyOf(change));
		const rows = [...netRows(batch.value).values()];
		try {
			const cursor = await db.transaction().execute(async (trx) => {
				const head = await lockUser(trx, userId);
				// Each row of the batch gets its own number up front; a change that turns out to be a
				// no-op leaves its number unused (a gap, which no cursor minds).
				const values = rows.map((row, i) => ({
					...row,
					user_id: userId,
					seq: head.lastSeq + 1 + i,
				}));
				// First every row the user does not hold yet. Conflicts are found through the primary
				// key itself, not by first looking the batch's keys up: PostgreSQL planned such a lookup
				// by stale statistics as a scan of all the user's rows (seconds at a million).
				const written: number[] = [];
				const held = new Set(values.map((v) => v.seq));
				for (const some of chunks(values)) {
					const added = await trx
						.insertInto('sync_change')
						.values(some)
						.onConflict((oc) => oc.columns(['user_id', 'space', 'key']).doNothing())
						.returning('seq')
						.execute();
					for (const { seq } of added) {
						written.push(toNumber(seq));
						held.delete(toNumber(seq));
					}
				}
				const added = written.length;
				if (head.rowCount + added > quota) {
					throw new Refused({
						status: 403,
						code: 'quota-exceeded',
						message:
							`This account may keep ${quota.toLocaleString('en')} synced changes; ` +
							`it holds ${head.rowCount.toLocaleString('en')} and this push adds ${added}.`,
					});
				}
				// Then what may replace a held row: a tombstone its review, a register or a bank an
				// older value.
				const replacing = values.filter(
					(v) => held.has(v.seq) && (v.type === 'tombstone' || LAST_WRITER_WINS.includes(v.type)),
				);
				for (const some of chunks(replacing)) {
					const replaced = await trx
						.insertInto('sync_change')
						.values(some)
						.onConflict((oc) =>
							oc
								.columns(['user_id', 'space', 'key'])
								.doUpdateSet((eb) => ({
									type: eb.ref('excluded.type'),
									seq: eb.ref('excluded.seq'),
									hlc: eb.ref('excluded.hlc'),
									data: eb.ref('excluded.data'),
								}))
								.where((eb) =>
									eb.or([
										eb.and([
											eb('excluded.type', '=', 'tombstone'),
											eb('sync_change.type', '=', 'review'),
										]),
										eb.and([
											eb('excluded.type', 'in', LAST_WRITER_WINS),
											eb('sync_change.type', '=', eb.ref('excluded.type')),
											eb('sync_change.hlc', '<', eb.ref('excluded.hlc')),
										]),
									]),
								),
						)
						.returning('seq')
						.execute();
					written.push(...replaced.map(({ seq }) => toNumber(seq)));
				}
				if (written.length === 0) return head.lastSeq;
				if (rows.some((row) => LARGE_SPACES.includes(row.space))) {
					const held = await dataHeld(trx, userId);
					if (held > dataQuota)
						throw new Refused({
							status: 403,
							code: 'quota-exceeded',
							message:
								`This account may keep ${dataQuota.toLocaleString('en')} characters of banks ` +
								`and test results; with this push it would hold ${held.toLocaleString('en')}.`,
						});
				}
				const last = Math.max(...written);
				await trx
					.updateTable('sync_user')
					.set({ last_seq: last, row_count: head.rowCount + added })
					.where('user_id', '=', userId)
					.execute();
				return last;
			});
			return ok({ acked, cursor });
		} catch (error) {
			if (error instanceof Refused) return err(error.refusal);
			throw error;
		}
	}

	/** Characters of bank and result data the user holds (the data quota counts these). */
	async function dataHeld(trx: Transaction<ServerSchema>, userId: string): Promise<number> {
		const { held } = await trx
			.selectFrom('sync_change')
			.select((eb) =>
				eb.fn.coalesce(eb.fn.sum<number | string>(eb.fn('length', ['data'])), eb.lit(0)).as('held'),
			)
			.where('user_id', '=', userId)
			.where('space', 'in', LARGE_SPACES)
			.executeTakeFirstOrThrow();
		return toNumber(held);
	}

	async function lastSeq(userId: string): Promise<number> {
		const head = await db
			.selectFrom('sync_user')
			.select('last_seq')
			.where('user_id', '=', userId)
			.executeTakeFirst();
		return head ? toNumber(head.last_seq) : 0;
	}

	async function pull(
		userId: string,
		cursor: number,
		limit = DEFAULT_PULL_LIMIT,
		kinds: readonly OptionalKind[] = [],
	): Promise<Result<PullReply, SyncRefusal>> {
		if (!Number.isSafeInteger(cursor) || cursor < 0) {
			return err({
				status: 400,
				code: 'bad-cursor',
				message: 'The cursor is not a whole number ≥ 0.',
			});
		}
		if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) {
			return err({
				status: 400,
				code: 'bad-limit',
				message: `The limit must be a whole number from 1 to ${MAX_PULL_LIMIT}.`,
			});
		}
		const head = await lastSeq(userId);
		if (cursor > head) {
			// A cursor from a feed that is gone (the account was deleted, or another server's).
			return err({
				status: 409,
				code: 'cursor-ahead',
				message: `The cursor ${cursor} is past this account's last change (${head}): pull from 0.`,
			});
		}
		// A page reads at most a window of numbers after the cursor, not every row after it: with
		// statistics from when the table was small, PostgreSQL fetched and sorted all the rows
		// after the cursor for each page (2 s a page at a million). Every number up to `head` is
		// committed (the counter moves in the same transaction as its rows), so a window that
		// comes back short still lets the cursor move to its end.
		const end = Math.min(head, cursor + limit * PULL_WINDOW);
		const left = OPTIONAL_KINDS.filter((kind) => !kinds.includes(kind));
		let query = db
			.selectFrom('sync_change')
			.select(['seq', 'space', 'key', 'type', 'hlc', 'data'])
			.where('user_id', '=', userId)
			.where('seq', '>', cursor)
			.where('seq', '<=', end);
		if (left.length > 0) query = query.where('space', 'not in', left);
		const rows = await query
			.orderBy('seq')
			.limit(limit + 1)
			.execute();
		// A page of banks is cut by size too: a phone need not hold a whole account's banks at once.
		let size = 0;
		const fit = rows.findIndex((row, i) => {
			size += row.data?.length ?? 0;
			return i > 0 && size > pageChars;
		});
		const cut = Math.min(limit, fit === -1 ? rows.length : fit);
		if (rows.length > cut) {
			const changes = rows.slice(0, cut).map(pulled);
			return ok({ changes, cursor: changes.at(-1)!.seq, more: true });
		}
		return ok({ changes: rows.map(pulled), cursor: end, more: end < head });
	}

	async function deleteUser(userId: string): Promise<number> {
		return db.transaction().execute(async (trx) => {
			// The counter row first, as a push takes it: a push of this user in flight (even their
			// first, still inserting the row) commits before this goes on, and its rows go too.
			await lockUser(trx, userId);
			await trx.deleteFrom('sync_user').where('user_id', '=', userId).execute();
			const gone = await trx
				.deleteFrom('sync_change')
				.where('user_id', '=', userId)
				.executeTakeFirst();
			return Number(gone.numDeletedRows);
		});
	}

	async function exportUser(userId: string): Promise<UserExport> {
		const rows = await db
			.selectFrom('sync_change')
			.select(['seq', 'space', 'key', 'type', 'hlc', 'data'])
			.where('user_id', '=', userId)
			.orderBy('seq')
			.execute();
		const changes = rows.map(pulled);
		return { userId, cursor: await lastSeq(userId), changes };
	}

	return { push, pull, deleteUser, exportUser };
}
