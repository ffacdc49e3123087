/**
 * Who is listening to one game, and sending them its events: the host's streams and each
 * player's. An event is serialised once, whoever receives it, and kept in the game's event log
 * so a stream that broke can be sent exactly what it missed.
 */
import type { LiveEvent } from '$lib/live/protocol';
import type { Outbox } from '$lib/live/state';
import { EventLog, type Audience } from './event-log';
import { encoder, openSse, sseEvent, type Connection, type OpenStream } from './sse';

/**
 * Host updates where only the latest counts (who is in the lobby, how many have answered) go out
 * at most once per this window: a class of 2,000 joining in two seconds would otherwise send the
 * projector 2,000 lobby lists of up to 2,000 names (about 120 MB), and keep them for replay.
 */
export const HOST_UPDATE_MS = 250;
const LATEST_ONLY = new Set<LiveEvent['type']>(['lobby', 'progress']);

export class GameFanOut {
	readonly log: EventLog;
	readonly #host = new Set<Connection>();
	readonly #players = new Map<string, Set<Connection>>();
	/** The host's latest-only updates held back until its window is over. */
	readonly #hostLatest = new Map<LiveEvent['type'], LiveEvent>();
	#hostWindow?: ReturnType<typeof setTimeout>;

	readonly #hostUpdateMs: number;

	/**
	 * `epoch`: this process's, carried by every event id (see EventLog). `hostUpdateMs`: the
	 * host's update window, HOST_UPDATE_MS unless a test needs a window it cannot outlast.
	 */
	constructor(epoch: string, hostUpdateMs = HOST_UPDATE_MS) {
		this.log = new EventLog(epoch);
		this.#hostUpdateMs = hostUpdateMs;
	}

	/**
	 * A new stream for the host or a player (by id). Beyond `perToken` streams of the same token,
	 * its oldest is closed first: a phone that changed networks left it half-open. `openStream`:
	 * a web stream unless the caller writes to Node's response (see sse.ts).
	 */
	open<R = Response>(
		who: 'host' | string,
		perToken: number,
		onClose: () => void,
		openStream: OpenStream<R> = openSse as OpenStream<R>,
	) {
		const set = this.#streamsOf(who);
		// A Set keeps the order streams were added: the first is the oldest.
		for (const oldest of set) {
			if (set.size < perToken) break;
			oldest.close();
		}
		const { response, connection } = openStream(() => {
			set.delete(connection);
			onClose();
		});
		set.add(connection);
		return { response, connection };
	}

	/**
	 * One serialisation per event; the number of writes grows with the players, nothing more.
	 * Every event is kept for a while, also those for players not connected right now.
	 */
	deliver(out: Outbox) {
		const log = (audience: Audience) => (e: LiveEvent) =>
			encoder.encode(this.log.add(audience, (id) => sseEvent(id, e)).text);
		const forHost = out.host ?? [];
		const latest = forHost.filter((e) => LATEST_ONLY.has(e.type));
		const rest = forHost.filter((e) => !LATEST_ONLY.has(e.type));
		// Held-back updates go first: the host sees events in the order they happened.
		if (out.all?.length || rest.length) this.#sendHostLatest();
		const everyone = (out.all ?? []).map(log({ to: 'all' }));
		const toHost = [...everyone, ...rest.map(log({ to: 'host' }))];
		if (toHost.length) for (const c of this.#host) for (const t of toHost) c.write(t);
		const toPlayers = [...everyone, ...(out.allPlayers ?? []).map(log({ to: 'players' }))];
		if (toPlayers.length) {
			for (const set of this.#players.values())
				for (const c of set) for (const t of toPlayers) c.write(t);
		}
		for (const [id, events] of Object.entries(out.players ?? {})) {
			const texts = events.map(log({ to: 'player', id }));
			const set = this.#players.get(id);
			if (!set?.size) continue;
			for (const c of set) for (const t of texts) c.write(t);
			if (events.some((e) => e.type === 'kicked')) for (const c of set) c.close();
		}
		for (const e of latest) this.#hostLatest.set(e.type, e);
		if (latest.length && !this.#hostWindow) this.#openHostWindow();
	}

	/** Closes every stream and drops what is held back: the game is gone. */
	close() {
		this.stop();
		for (const c of this.#host) c.close();
		for (const set of this.#players.values()) for (const c of set) c.close();
	}

	/** Stops the host's update window (the process is stopping). */
	stop() {
		clearTimeout(this.#hostWindow);
	}

	#streamsOf(who: 'host' | string): Set<Connection> {
		if (who === 'host') return this.#host;
		let set = this.#players.get(who);
		if (!set) this.#players.set(who, (set = new Set()));
		return set;
	}

	/** Sends what is held back now, and holds back what comes in the next window. */
	#openHostWindow() {
		this.#sendHostLatest();
		this.#hostWindow = setTimeout(() => {
			this.#hostWindow = undefined;
			if (this.#hostLatest.size) this.#openHostWindow();
		}, this.#hostUpdateMs);
		this.#hostWindow.unref?.();
	}

	#sendHostLatest() {
		for (const e of this.#hostLatest.values()) {
			const { text } = this.log.add({ to: 'host' }, (id) => sseEvent(id, e));
			const bytes = encoder.encode(text);
			for (const c of this.#host) c.write(bytes);
		}
		this.#hostLatest.clear();
	}
}
