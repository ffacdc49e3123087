/**
 * The server's one hub: live games are shared by everyone who connects to this process, which
 * is exactly what a module-level instance is for (and why it lives in server-only code).
 */
import { env } from '$env/dynamic/private';
import { loadDeck } from '$lib/content/decks';
import { DEFAULT_LIMITS } from '$lib/live/limits';
import { LiveHub } from './hub';
import { LiveStore } from './sqlite';

let hub: LiveHub | undefined;

/** A number from the environment; a missing or unreadable one is the default (and says so). */
function setting(name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (Number.isFinite(n) && n > 0) return n;
	console.error(`${name}=${raw} is not a positive number; using ${fallback}`);
	return fallback;
}

export function liveHub(): LiveHub {
	if (hub) return hub;
	hub = new LiveHub({
		store: new LiveStore(env.KIOKU_DB ?? './data/kioku.db'),
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
	});
	// A restart (SIGTERM from a process manager, Ctrl+C) saves what is pending before exiting.
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => {
			hub?.flush();
			process.exit(0);
		});
	}
	return hub;
}
