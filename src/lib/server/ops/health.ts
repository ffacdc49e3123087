/**
 * `/healthz` and `/readyz`, for a process manager and a load balancer: cheap, unauthenticated,
 * never cached. Health is "the process answers and its database does"; readiness adds "and it
 * should be sent traffic": migrated, its live games read back, not shutting down. The reason
 * of a 503 is a short fixed phrase; the error behind it goes to the log, not to whoever asked.
 */
import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { ServerDatabase } from '../db/connection';
import { log } from '../log';

export interface HealthChecks {
	/** The database, opened and migrated. */
	database: () => Promise<ServerDatabase>;
	/** Resolves once the saved live games are back in memory. */
	liveRestored: () => Promise<void>;
	shuttingDown: () => boolean;
	/** How long a check may take before it counts as failed (default 2 s). */
	timeoutMs?: number;
}

/** A check that does not answer in time fails: a probe must not hang on an unreachable database. */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
	});
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const answer = (status: 200 | 503, body: { status: string; reason?: string }) =>
	json(body, { status, headers: { 'cache-control': 'no-store' } });

/** A failed check: logged with its error, answered with its fixed reason. */
function failed(reason: string, error: unknown): Response {
	log.warn({ err: error, reason }, 'Health check failed');
	return answer(503, { status: 'unavailable', reason });
}

async function databaseAnswers(checks: HealthChecks): Promise<Response | undefined> {
	const ms = checks.timeoutMs ?? 2_000;
	try {
		const db = await within(ms, checks.database(), 'The database');
		await within(ms, sql`select 1`.execute(db.kysely), 'The database');
		return undefined;
	} catch (error) {
		return failed('database unreachable', error);
	}
}

export async function health(checks: HealthChecks): Promise<Response> {
	return (await databaseAnswers(checks)) ?? answer(200, { status: 'ok' });
}

export async function readiness(checks: HealthChecks): Promise<Response> {
	if (checks.shuttingDown()) return answer(503, { status: 'unavailable', reason: 'shutting down' });
	const down = await databaseAnswers(checks);
	if (down) return down;
	try {
		await within(checks.timeoutMs ?? 2_000, checks.liveRestored(), 'Restoring live games');
	} catch (error) {
		return failed('live games not restored', error);
	}
	// Asked again: a shutdown may have begun while the checks ran.
	if (checks.shuttingDown()) return answer(503, { status: 'unavailable', reason: 'shutting down' });
	return answer(200, { status: 'ready' });
}
