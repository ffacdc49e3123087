/**
 * Throw-away PostgreSQL databases on the server these machines run (KIOKU_TEST_POSTGRES, default
 * the local one with trust auth): made with a random name, dropped afterwards. The server tests,
 * the benches and the cluster harness all make theirs here.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_ADMIN_URL =
	process.env.KIOKU_TEST_POSTGRES ?? 'postgres://root@127.0.0.1:5432/postgres';

async function adminQuery<R extends pg.QueryResultRow>(
	sql: string,
	params: unknown[] = [],
): Promise<R[]> {
	const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
	await client.connect();
	try {
		return (await client.query<R>(sql, params)).rows;
	} finally {
		await client.end();
	}
}

/** Why the server cannot be reached, or undefined when it can (2 s to answer). */
export async function postgresUnreachable(): Promise<string | undefined> {
	const client = new pg.Client({
		connectionString: POSTGRES_ADMIN_URL,
		connectionTimeoutMillis: 2000,
	});
	try {
		await client.connect();
		await client.end();
		return undefined;
	} catch (error) {
		return String(error);
	}
}

export interface ScratchPostgres {
	name: string;
	url: string;
	/** Drops it, once every connection to it has closed (waiting up to 5 s for them). */
	drop(): Promise<void>;
}

/** A new, empty database named `<prefix>_<random>`. */
export async function scratchPostgres(prefix: string): Promise<ScratchPostgres> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	await adminQuery(`CREATE DATABASE ${name}`);
	const url = new URL(POSTGRES_ADMIN_URL);
	url.pathname = `/${name}`;
	return {
		name,
		url: url.href,
		drop: async () => {
			await closedEverywhere(name);
			await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		},
	};
}

/**
 * Waits (up to 5 s) until no connection to the database is left. A pool's `end()` resolves
 * before its clients' sockets have closed; dropping WITH (FORCE) then terminated a client that
 * was still saying goodbye, and its "terminating connection" error surfaced as an uncaught
 * exception that failed the whole run.
 */
async function closedEverywhere(name: string): Promise<void> {
	for (let waited = 0; waited < 5000; waited += 50) {
		const [{ n }] = await adminQuery<{ n: string }>(
			'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
			[name],
		);
		if (Number(n) === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
