/**
 * The server's accounts, opened once on the server's database: Better Auth's tables migrated,
 * the secret read or made (see secret.ts), the other modules' user data parts attached.
 */
import { dirname, join } from 'node:path';
import { env } from '$env/dynamic/private';
import { serverDatabase } from '../db/server-database.ts';
import { Accounts } from './accounts.ts';
import { migrateAuth } from './auth.ts';
import { authSecret } from './secret.ts';
import { USER_DATA_PARTS } from './user-data.ts';

const HOUR = 60 * 60_000;

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
		console.warn(
			'BETTER_AUTH_SECRET is not set: this instance keeps its own secret under ./data, so ' +
				'instances sharing this database would not accept each other’s sessions.',
		);
	}
	const dataDir = dirname(env.KIOKU_DB || './data/kioku.db');
	const secret = authSecret(env.BETTER_AUTH_SECRET || undefined, join(dataDir, 'auth-secret'));
	const opened = new Accounts({ db, secret, parts: USER_DATA_PARTS });
	setInterval(() => void opened.prune().catch(console.error), HOUR).unref();
	return opened;
}
