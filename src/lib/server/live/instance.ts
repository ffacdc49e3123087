/**
 * The server's one hub: live games are shared by everyone who connects to this process, which
 * is exactly what a module-level instance is for (and why it lives in server-only code).
 */
import { env } from '$env/dynamic/private';
import { loadDeck } from '$lib/content/decks';
import { LiveHub } from './hub';
import { LiveStore } from './sqlite';

let hub: LiveHub | undefined;

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
			perWindow: Number(env.KIOKU_JOIN_LIMIT ?? 30),
			windowMs: Number(env.KIOKU_JOIN_WINDOW_MS ?? 60_000),
		},
		idleMs: Number(env.KIOKU_GAME_IDLE_MINUTES ?? 360) * 60_000,
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
