/**
 * The server's accounts, opened once on the server's database: Better Auth's tables migrated,
 * the secret read or made (see secret.ts), the other modules' user data parts attached.
 */
import { dirname, join } from 'node:path';
import { env } from '$env/dynamic/private';
import { serverDatabase } from '../db/server-database.ts';
import { log } from '../log.ts';
import { Accounts } from './accounts.ts';
import { migrateAuth } from './auth.ts';
import { authSecret } from './secret.ts';
import { assignmentStore, classGames, classStore } from '../classes/instance.ts';
import { syncStore } from '../sync/instance.ts';
import { USER_DATA_PARTS, type UserDataPart } from './user-data.ts';

const HOUR = 60 * 60_000;

/** The account's synced progress: deleted with the account, and part of "download my data". */
const SYNC_PART: UserDataPart = {
	name: 'sync',
	exportUser: async (userId) => (await syncStore()).exportUser(userId),
	deleteUser: async (userId) => void (await (await syncStore()).deleteUser(userId)),
};

/**
 * The classes the account teaches (with their students' seats) and its own seats in others'
 * classes: deleted with the account, and part of "download my data".
 */
const CLASSES_PART: UserDataPart = {
	name: 'classes',
	exportUser: async (userId) => (await classStore()).exportUser(userId),
	deleteUser: async (userId) => (await classStore()).deleteUser(userId),
};

/**
 * The assignments of the classes the account teaches (with their reports) and its own answers
 * in its linked seats: deleted with the account (before its classes and seats, whose deletion
 * would take them too), and part of "download my data".
 */
const ASSIGNMENTS_PART: UserDataPart = {
	name: 'assignments',
	exportUser: async (userId) => (await assignmentStore()).exportUser(userId),
	deleteUser: async (userId) => (await assignmentStore()).deleteUser(userId),
};

/**
 * The live games hosted for the classes the account teaches, and its own results in games of
 * other teachers' classes (through its linked seats): deleted with the account (before its
 * classes and seats, whose deletion would take them too), and part of "download my data".
 */
const LIVE_GAMES_PART: UserDataPart = {
	name: 'classLiveGames',
	exportUser: async (userId) => (await classGames()).exportUser(userId),
	deleteUser: async (userId) => (await classGames()).deleteUser(userId),
};

let ready: Promise<Accounts> | undefined;

export function accounts(): Promise<Accounts> {
	ready ??= open().catch((error: unknown) => {
		// The next request tries again (the database may have been down for a moment).
		ready = undefined;
		throw error;
	});
	return ready;
}

async function open(): Promise<Accounts> {
	const db = await serverDatabase();
	await migrateAuth(db);
	if (db.kind === 'postgres' && !env.BETTER_AUTH_SECRET) {
		log.warn(
			'BETTER_AUTH_SECRET is not set: this instance keeps its own secret under ./data, so ' +
				'instances sharing this database would not accept each other’s sessions.',
		);
	}
	const dataDir = dirname(env.KIOKU_DB || './data/kioku.db');
	const secret = authSecret(env.BETTER_AUTH_SECRET || undefined, join(dataDir, 'auth-secret'));
	const opened = new Accounts({
		db,
		secret,
		parts: [...USER_DATA_PARTS, SYNC_PART, ASSIGNMENTS_PART, LIVE_GAMES_PART, CLASSES_PART],
	});
	setInterval(
		() =>
			void opened
				.prune()
				.catch((error: unknown) => log.error({ err: error }, 'Pruning accounts failed')),
		HOUR,
	).unref();
	return opened;
}
