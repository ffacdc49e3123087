/**
 * The server's one hub: live games are shared by everyone who connects to this process, which
 * is exactly what a module-level instance is for (and why it lives in server-only code). Its
 * games are kept in the server's database (serverDatabase: PostgreSQL when DATABASE_URL is set,
 * else the SQLite file), beside accounts and sync.
 */
import { env } from '$env/dynamic/private';
import { loadDeck } from '$lib/content/decks';
import { DEFAULT_LIMITS } from '$lib/live/limits';
import { serverDatabase } from '../db/server-database';
import { log } from '../log';
import { metrics } from '../ops/metrics';
import { onShutdown } from '../ops/shutdown';
import { setting } from '../setting';
import { DEFAULT_LEASE_MS, LiveHub } from './hub';
import { defaultInstanceId } from './leases';
import { SharedCounterStore } from './shared-counters';
import { createLiveStore } from './store';
import { createClassGameStore } from '../classes/class-games';

let hub: Promise<LiveHub> | undefined;

/**
 * The hub, once the database is open and migrated; a request that arrives while the saved games
 * are read back waits for them (LiveHub does). When the database could not be opened, the next
 * call tries again.
 */
export function liveHub(): Promise<LiveHub> {
	hub ??= serverDatabase()
		.then(open)
		.catch((error: unknown) => {
			hub = undefined;
			throw error;
		});
	return hub;
}

function open(db: Awaited<ReturnType<typeof serverDatabase>>): LiveHub {
	const live = new LiveHub({
		store: createLiveStore(db),
		loadQuestions: async (decks) => {
			const loaded = await Promise.all(
				decks.map((key) => loadDeck(...(key.split('/') as [string, string]))),
			);
			return loaded.flatMap((d) => d?.questions ?? []);
		},
		joinLimit: {
			perWindow: setting('KIOKU_JOIN_LIMIT', DEFAULT_LIMITS.misses.limit),
			windowMs: setting('KIOKU_JOIN_WINDOW_MS', DEFAULT_LIMITS.misses.windowMs),
		},
		createLimit: {
			perWindow: setting('KIOKU_CREATE_LIMIT', DEFAULT_LIMITS.creates.limit),
			windowMs: setting('KIOKU_CREATE_WINDOW_MS', DEFAULT_LIMITS.creates.windowMs),
		},
		maxGames: setting('KIOKU_MAX_GAMES', DEFAULT_LIMITS.maxGames),
		streamsPerToken: setting('KIOKU_STREAMS_PER_TOKEN', DEFAULT_LIMITS.streamsPerToken),
		streamsPerAddress: setting('KIOKU_STREAMS_PER_ADDRESS', DEFAULT_LIMITS.streamsPerAddress),
		idleMs: setting('KIOKU_GAME_IDLE_MINUTES', 360) * 60_000,
		// On PostgreSQL several instances may serve one class: they count guesses together.
		// SQLite is one process, whose memory is the whole count.
		counters:
			db.kind === 'postgres'
				? new SharedCounterStore(db, {
						onError: (error) => log.error({ err: error }, 'Rate-limit counts could not be shared'),
					})
				: undefined,
		metrics: metrics.hub,
		// Each instance sharing one database needs its own id; a restarted one keeps its own.
		instanceId: env.KIOKU_INSTANCE_ID || defaultInstanceId(env),
		leaseMs: setting('KIOKU_LEASE_MS', DEFAULT_LEASE_MS),
		onTakeOver: () => metrics.leaseTakeovers.inc(),
		// On PostgreSQL, nginx may send a game's requests to another instance than its creator's.
		releaseNewGames: db.kind === 'postgres',
		classes: createClassGameStore(db.kysely),
	});
	metrics.watchLive(() => live.load());
	// A restart (SIGTERM from a process manager, Ctrl+C) saves what is pending, lets another
	// instance take this one's games at once (the leases are released), then tells every screen to
	// reconnect (see ops/shutdown.ts for the order), and saves what came meanwhile.
	onShutdown('save', 'save live games', () => live.flush());
	onShutdown('hand-over', 'release live games', () => live.stop());
	onShutdown('reconnect', 'close event streams', () => live.closeStreams());
	onShutdown('exit', 'save what came meanwhile', () => live.flush());
	return live;
}
