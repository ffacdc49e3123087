/**
 * What the server does once, when it starts (SvelteKit's `init` hook): shut down gracefully on
 * a signal, report the database's pool, and open the database and the live games at once rather
 * than at the first request, so `/readyz` turns ready without waiting for a classroom.
 */
import { env } from '$env/dynamic/private';
import { openedDatabase } from '../db/server-database';
import { liveHub } from '../live/instance';
import { log } from '../log';
import { metrics } from './metrics';
import { DEFAULT_DEADLINE_MS, installShutdown } from './shutdown';

/** Milliseconds from the environment; a missing or unreadable value is the default (and says so). */
function milliseconds(name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (Number.isFinite(n) && n >= 0) return n;
	log.error(`${name}=${raw} is not a number of milliseconds; using ${fallback}`);
	return fallback;
}

export function start(): void {
	installShutdown({
		drainMs: milliseconds('KIOKU_SHUTDOWN_DRAIN_MS', 0),
		deadlineMs: milliseconds('KIOKU_SHUTDOWN_TIMEOUT_MS', DEFAULT_DEADLINE_MS),
	});
	metrics.watchDatabase(openedDatabase);
	// Not awaited: the server listens meanwhile (/healthz and /readyz say how it is going). A
	// database that cannot be opened now is tried again by the next request that needs it.
	liveHub().catch((error: unknown) =>
		log.error({ err: error }, 'The database or the live games could not be opened'),
	);
}
