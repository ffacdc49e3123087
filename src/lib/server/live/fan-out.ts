/**
 * Who is listening to one game, and sending them its events: the host's streams and each
 * player's. An event is serialised once, whoever receives it, and kept in the game's event log so
 * a stream that broke can be sent exactly what it missed. With a journal (the hub's, into the
 * database), each batch of events is sent only once it is written, in the order made: whichever
 * instance runs the game next can then replay to a client everything after the last id it holds.
 */
import type { LiveEvent } from '$lib/live/protocol';
import type { Outbox } from '$lib/live/state';
import { storedEvents, type StoredEvents } from './event-journal';
import { EventLog, type Audience, type LoggedEvent } from './event-log';
import { encoder, openSse, sseEvent, type Connection, type OpenStream } from './sse';

/**
 * Host updates where only the latest counts (who is in the lobby, how many have answered) go out
 * at most once per this window: a class of 2,000 joining in two seconds would otherwise send the
 * projector 2,000 lobby lists of up to 2,000 names (about 120 MB), and keep them for replay.
 */
export const HOST_UPDATE_MS = 250;
const LATEST_ONLY = new Set<LiveEvent['type']>(['lobby', 'progress']);

/**
 * Writes a batch of a game's events down; resolves true once written, false when it never will
 * be (the game was lost): its events are then not sent from here.
 */
export type Journal = (events: StoredEvents, forgetThrough: number) => Promise<boolean>;

export interface FanOutOptions {
	/** The host's update window, HOST_UPDATE_MS unless a test needs a window it cannot outlast. */
	hostUpdateMs?: number;
	/** Where batches are written before they are sent; sent at once without one. */
	journal?: Journal;
	/** Told how long each batch took from being made to being sent (seconds), for the metrics. */
	sent?: (seconds: number) => void;
}

export class GameFanOut {
	readonly log: EventLog;
	readonly #host = new Set<Connection>();
	readonly #players = new Map<string, Set<Connection>>();
	/** The host's latest-only updates held back until its window is over. */
	readonly #hostLatest = new Map<LiveEvent['type'], LiveEvent>();
	#hostWindow?: ReturnType<typeof setTimeout>;
	readonly #hostUpdateMs: number;
	readonly #journal: Journal | undefined;
	readonly #sent: FanOutOptions['sent'];
	/** Batches being written, each sent after the one before it. */
	#sending: Promise<void> = Promise.resolve();
	/** The newest event the stored log was told to forget. */
	#forgotten = 0;
	#closed = false;

	constructor(log: EventLog, o: FanOutOptions = {}) {
		this.log = log;
		this.#hostUpdateMs = o.hostUpdateMs ?? HOST_UPDATE_MS;
		this.#journal = o.journal;
		this.#sent = o.sent;
	}

	/**
	 * A new stream for the host or a player (by id). Beyond `perToken` streams of the same token,
	 * its oldest is closed first: a phone that changed networks left it half-open. It receives
	 * every batch sent from now on, including those still being written. `openStream`: a web
	 * stream unless the caller writes to Node's response (see sse.ts).
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
		const made = performance.now();
		const batch: LoggedEvent[] = [];
		/** Logs an event into this batch; its bytes, encoded once for every recipient. */
		const log = (audience: Audience) => (e: LiveEvent) => {
			const entry = this.log.add(audience, (id) => sseEvent(id, e));
			batch.push(entry);
			return encoder.encode(entry.text);
		};
		const forHost = out.host ?? [];
		const latest = forHost.filter((e) => LATEST_ONLY.has(e.type));
		const rest = forHost.filter((e) => !LATEST_ONLY.has(e.type));
		// Held-back updates go first: the host sees events in the order they happened.
		const held = out.all?.length || rest.length ? this.#takeHostLatest() : [];
		batch.push(...held);
		const heldBytes = held.map((e) => encoder.encode(e.text));
		const everyone = (out.all ?? []).map(log({ to: 'all' }));
		const toHost = [...heldBytes, ...everyone, ...rest.map(log({ to: 'host' }))];
		const toPlayers = [...everyone, ...(out.allPlayers ?? []).map(log({ to: 'players' }))];
		const toEach = Object.entries(out.players ?? {}).map(([id, events]) => ({
			id,
			texts: events.map(log({ to: 'player', id })),
			kicked: events.some((e) => e.type === 'kicked'),
		}));
		this.#publish(batch, made, () => {
			if (toHost.length) for (const c of this.#host) for (const b of toHost) c.write(b);
			if (toPlayers.length) {
				for (const set of this.#players.values())
					for (const c of set) for (const b of toPlayers) c.write(b);
			}
			for (const { id, texts, kicked } of toEach) {
				const set = this.#players.get(id);
				if (!set?.size) continue;
				for (const c of set) for (const b of texts) c.write(b);
				if (kicked) for (const c of set) c.close();
			}
		});
		for (const e of latest) this.#hostLatest.set(e.type, e);
		if (latest.length && !this.#hostWindow) this.#openHostWindow();
	}

	/**
	 * Sends a batch once it is written (at once without a journal), after every batch made
	 * before it; a batch that will never be written (the game was lost) is never sent.
	 */
	#publish(batch: LoggedEvent[], made: number, send: () => void) {
		if (batch.length === 0) return;
		const last = batch.at(-1)!.seq;
		const sent = () => {
			if (this.#closed) return;
			this.log.markWritten(last);
			send();
			this.#sent?.((performance.now() - made) / 1000);
		};
		if (!this.#journal) return sent();
		// The stored batches the log has forgotten since the last write go with this one.
		const forget = this.log.forgotten > this.#forgotten ? this.log.forgotten : 0;
		if (forget) this.#forgotten = forget;
		const written = this.#journal(storedEvents(this.log.tag, batch), forget);
		this.#sending = this.#sending.then(async () => {
			if (await written) sent();
		});
	}

	/** Resolves once every batch made so far has been written and sent (or never will be). */
	whenSent(): Promise<void> {
		return this.#sending;
	}

	/** Closes every stream and drops what is held back or still being written: the game is gone. */
	close() {
		this.#closed = true;
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
		const held = this.#takeHostLatest();
		const bytes = held.map((e) => encoder.encode(e.text));
		this.#publish(held, performance.now(), () => {
			for (const c of this.#host) for (const b of bytes) c.write(b);
		});
		this.#hostWindow = setTimeout(() => {
			this.#hostWindow = undefined;
			if (this.#hostLatest.size) this.#openHostWindow();
		}, this.#hostUpdateMs);
		this.#hostWindow.unref?.();
	}

	/** The held-back host updates, logged (for the batch they go out with), and no longer held. */
	#takeHostLatest(): LoggedEvent[] {
		const held = [...this.#hostLatest.values()].map((e) =>
			this.log.add({ to: 'host' }, (id) => sseEvent(id, e)),
		);
		this.#hostLatest.clear();
		return held;
	}
}
