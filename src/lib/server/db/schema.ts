/**
 * The tables Kioku's own migrations create, as Kysely sees them. Tables owned by the auth
 * library are not listed here: it reads and writes them itself.
 */
import type { ColumnType } from 'kysely';
import type { AuthTables } from '../auth/tables.ts';

/** PostgreSQL's `bigint` comes back as a string from `pg`, SQLite's integer as a number. */
type BigInteger = ColumnType<number | string, number, number>;

/**
 * One row per thing a user has synced: a review (or, once undone, its tombstone), a register
 * (one last-writer-wins value) or a scheduler config. `seq` is the user's change-feed position:
 * every insert or change of a row gives it the user's next `seq`, so a pull after a cursor
 * sees each row's latest state once.
 */
export interface SyncChangeTable {
	user_id: string;
	/**
	 * `log` (reviews and their tombstones share an id), `register`, `config`, `bank` (an imported
	 * bank or its deletion) or `result` (a practice test's result).
	 */
	space: 'log' | 'register' | 'config' | 'bank' | 'result';
	/** The review's or result's id, or the register's, config's or bank's key. */
	key: string;
	type: 'review' | 'tombstone' | 'register' | 'config' | 'bank' | 'result';
	seq: BigInteger;
	/** Tombstones, registers and banks only; compared byte by byte (`COLLATE "C"` on PostgreSQL). */
	hlc: string | null;
	/** The change's JSON; null for a tombstone (the undone review's data is gone). */
	data: string | null;
}

/** Per user: the last `seq` given out and how many rows they hold (the quota counts those). */
export interface SyncUserTable {
	user_id: string;
	last_seq: BigInteger;
	row_count: BigInteger;
}

export interface ServerSchema extends AuthTables {
	sync_change: SyncChangeTable;
	sync_user: SyncUserTable;
}
