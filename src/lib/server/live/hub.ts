/**
 * The classroom server: every live game in memory, driven by the pure rules in $lib/live, with
 * the server's clock deciding timing. Each change is saved to SQLite and its events are sent to
 * the connections they are for; an event is serialised once, whoever receives it.
 */
import * as v from 'valibot';
import type { Question } from '$lib/bank';
import { newJoinCode } from '$lib/live/code';
import * as game from '$lib/live/game';
import { cleanNickname } from '$lib/live/nickname';
import { AnswerRequest, CreateGame, Join, type LiveEvent } from '$lib/live/protocol';
import type { AnswerRecord, GameState, Outbox, Step } from '$lib/live/state';
import { EventLog, type Audience } from './event-log';
import { encoder, openSse, pingEvent, sseEvent, type Connection } from './sse';
import type { LiveStore, StoredAnswer } from './sqlite';
import { RateLimiter } from './rate-limit';
import { hashToken, newPlayerId, newToken, secureRandomInt } from './tokens';

/** At most this long between an answer or a join and its being on disk (a crash can lose that much). */
const SAVE_DELAY_MS = 200;

/**
 * A saved game: its snapshot and its answers, in the order they came. A kicked player's answers
 * stay out (their rows outlive the kick). Earlier versions kept the answers in the snapshot,
 * keyed by player id.
 */
function restoredState(json: string, rows: StoredAnswer[]): GameState {
	const state = JSON.parse(json) as GameState;
	const lists: Record<number, AnswerRecord[]> = {};
	for (const [index, saved] of Object.entries(state.answers as Record<string, unknown>)) {
		lists[Number(index)] = Array.isArray(saved)
			? saved
			: Object.entries(saved as Record<string, Omit<AnswerRecord, 'playerId'>>).map(
					([playerId, r]) => ({ ...r, playerId }),
				);
	}
	const seen = new Set(
		Object.entries(lists).flatMap(([i, l]) => l.map((r) => `${i}:${r.playerId}`)),
	);
	for (const { question, playerId, record } of rows) {
		if (!Object.hasOwn(state.players, playerId) || seen.has(`${question}:${playerId}`)) continue;
		(lists[question] ??= []).push(JSON.parse(record) as AnswerRecord);
	}
	return { ...state, answers: lists };
}

export type HubResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };
const refuse = (status: number, message: string) => ({ ok: false as const, status, message });

interface Live {
	state: GameState;
	hostHash: string;
	players: Map<string, string>; // token hash → player id
	hostConnections: Set<Connection>;
	playerConnections: Map<string, Set<Connection>>;
	log: EventLog;
	timer?: ReturnType<typeof setTimeout>;
	/** Answers waiting for this turn's batch. */
	pending: { submission: game.Submission; resolve: (r: HubResult<{ accepted: true }>) => void }[];
	/** The host's latest-only updates held back until its window is over (see HOST_UPDATE_MS). */
	hostLatest: Map<LiveEvent['type'], LiveEvent>;
	hostWindow?: ReturnType<typeof setTimeout>;
}

/**
 * Host updates where only the latest counts (who is in the lobby, how many have answered) go out
 * at most once per this window: a class of 2,000 joining in two seconds would otherwise send the
 * projector 2,000 lobby lists of up to 2,000 names (about 120 MB), and keep them for replay.
 */
const HOST_UPDATE_MS = 250;
const LATEST_ONLY = new Set<LiveEvent['type']>(['lobby', 'progress']);

export interface HubOptions {
	store: LiveStore;
	loadQuestions: (decks: string[]) => Promise<Question[]>;
	clock?: () => number;
	joinLimit?: { perWindow: number; windowMs: number };
	idleMs?: number;
}

export class LiveHub {
	readonly #games = new Map<string, Live>();
	readonly #store: LiveStore;
	readonly #load: HubOptions['loadQuestions'];
	readonly #now: () => number;
	readonly #joins: RateLimiter;
	readonly #idleMs: number;
	readonly #sweeper: ReturnType<typeof setInterval>;
	/** Event ids carry it: after a restart, an id the client kept refers to nothing here. */
	readonly #epoch = newToken().slice(0, 8);

	constructor(o: HubOptions) {
		this.#store = o.store;
		this.#load = o.loadQuestions;
		this.#now = o.clock ?? Date.now;
		this.#joins = new RateLimiter(o.joinLimit?.perWindow ?? 30, o.joinLimit?.windowMs ?? 60_000);
		this.#idleMs = o.idleMs ?? 6 * 3_600_000;
		this.#restore();
		this.#sweeper = setInterval(() => this.#expire(), 60_000);
		this.#sweeper.unref?.();
	}

	/** Games survive a restart: hosts and players reconnect with their tokens and carry on. */
	#restore() {
		for (const row of this.#store.loadGames(this.#now() - this.#idleMs)) {
			const state = restoredState(row.state, row.answers);
			const host = row.tokens.find((t) => t.role === 'host');
			if (!host) continue;
			const players = new Map(
				row.tokens.filter((t) => t.playerId).map((t) => [t.hash, t.playerId!]),
			);
			const live: Live = {
				state,
				hostHash: host.hash,
				players,
				hostConnections: new Set(),
				playerConnections: new Map(),
				log: new EventLog(this.#epoch),
				pending: [],
				hostLatest: new Map(),
			};
			this.#games.set(row.code, live);
			this.#schedule(live);
		}
	}

	async create(body: unknown): Promise<HubResult<{ code: string; hostToken: string }>> {
		const parsed = v.safeParse(CreateGame, body);
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
		const questions = await this.#load(parsed.output.decks ?? []);
		const code = newJoinCode(secureRandomInt, new Set(this.#games.keys()));
		const step = game.createGame(code, parsed.output, questions, this.#now());
		if (!step.ok) return refuse(step.error.status, step.error.message);
		const hostToken = newToken();
		const live: Live = {
			state: step.state,
			hostHash: hashToken(hostToken),
			players: new Map(),
			hostConnections: new Set(),
			playerConnections: new Map(),
			log: new EventLog(this.#epoch),
			pending: [],
			hostLatest: new Map(),
		};
		this.#games.set(code, live);
		this.#store.saveToken(code, { hash: live.hostHash, role: 'host', playerId: null });
		this.#commit(live, step);
		return { ok: true, value: { code, hostToken } };
	}

	join(
		code: string,
		body: unknown,
		client: string,
	): HubResult<{ playerId: string; token: string; nickname: string }> {
		if (this.#joins.exhausted(client, this.#now()))
			return refuse(429, 'Too many join attempts; wait a minute');
		const live = this.#games.get(code);
		if (!live) {
			// Only guesses count: a class sharing one address joins a real game freely.
			this.#joins.record(client, this.#now());
			return refuse(404, 'No game with this code');
		}
		const parsed = v.safeParse(Join, body);
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
		if (parsed.output.code !== code) return refuse(400, 'The code in the body is not this game’s');
		const name = cleanNickname(parsed.output.nickname);
		if (!name.ok) return refuse(400, name.reason);
		const playerId = newPlayerId();
		const step = game.join(live.state, playerId, name.name, this.#now());
		if (!step.ok) return refuse(step.error.status, step.error.message);
		const token = newToken();
		const hash = hashToken(token);
		live.players.set(hash, playerId);
		this.#store.saveToken(code, { hash, role: 'player', playerId });
		this.#commit(live, step);
		return {
			ok: true,
			value: { playerId, token, nickname: step.state.players[playerId].nickname },
		};
	}

	/**
	 * Answers are applied in batches: each waits for the end of this turn of the event loop, and
	 * every answer that arrived meanwhile is applied in one step (see answerMany). Who may answer
	 * and whether the body is an answer request is settled at once.
	 */
	answer(code: string, token: string, body: unknown): Promise<HubResult<{ accepted: true }>> {
		const live = this.#games.get(code);
		if (!live) return Promise.resolve(refuse(404, 'No game with this code'));
		const playerId = live.players.get(hashToken(String(token)));
		if (!playerId) return Promise.resolve(refuse(403, 'Not a player of this game'));
		const parsed = v.safeParse(AnswerRequest, body);
		if (!parsed.success) return Promise.resolve(refuse(400, parsed.issues[0].message));
		const { questionIndex, answer } = parsed.output;
		return new Promise((resolve) => {
			live.pending.push({ submission: { playerId, questionIndex, answer }, resolve });
			if (live.pending.length === 1) setImmediate(() => this.#applyAnswers(live));
		});
	}

	#applyAnswers(live: Live) {
		const batch = live.pending.splice(0);
		if (batch.length === 0) return;
		const before = live.state;
		const step = game.answerMany(
			live.state,
			batch.map((b) => b.submission),
			this.#now(),
		);
		const question = step.state.index;
		this.#store.saveAnswers(
			step.state.code,
			step.added.map((r) => ({ question, playerId: r.playerId, record: JSON.stringify(r) })),
		);
		if (step.state !== before || Object.keys(step.events).length > 0)
			this.#commit(live, { ok: true, state: step.state, events: step.events }, true);
		step.verdicts.forEach((verdict, i) =>
			batch[i].resolve(
				verdict.ok
					? { ok: true, value: { accepted: true } }
					: refuse(verdict.error.status, verdict.error.message),
			),
		);
	}

	host(code: string, token: string, body: unknown): HubResult<{ phase: string }> {
		const live = this.#games.get(code);
		if (!live || live.hostHash !== hashToken(String(token)))
			return refuse(403, 'Not the host of this game');
		const step = game.hostAction(live.state, body, this.#now());
		if (!step.ok) return refuse(step.error.status, step.error.message);
		this.#commit(live, step);
		return { ok: true, value: { phase: step.state.phase } };
	}

	csv(code: string, token: string, lang: 'zh' | 'en'): HubResult<string> {
		const live = this.#games.get(code);
		if (!live || live.hostHash !== hashToken(String(token)))
			return refuse(403, 'Not the host of this game');
		return { ok: true, value: game.resultsCsv(live.state, lang) };
	}

	results(
		code: string,
		token: string,
		lang: 'zh' | 'en',
	): HubResult<ReturnType<typeof game.results>> {
		const live = this.#games.get(code);
		if (!live || live.hostHash !== hashToken(String(token)))
			return refuse(403, 'Not the host of this game');
		return { ok: true, value: game.results(live.state, lang) };
	}

	/** Opens an event stream for the host or a player; it starts with what they need to catch up. */
	/**
	 * `lastEventId`: the last event this client saw; when the events since are still kept, it
	 * gets exactly those, else the snapshot.
	 */
	connect(code: string, token: string, lastEventId = ''): HubResult<Response> {
		const live = this.#games.get(code);
		if (!live) return refuse(404, 'No game with this code');
		const hash = hashToken(String(token));
		const who = hash === live.hostHash ? 'host' : live.players.get(hash);
		if (!who) return refuse(403, 'Not in this game');
		const caught = game.tick(live.state, this.#now());
		if (caught.ok) this.#commit(live, caught);
		const set =
			who === 'host'
				? live.hostConnections
				: (live.playerConnections.get(who) ?? new Set<Connection>());
		if (who !== 'host') live.playerConnections.set(who, set);
		const { response, connection } = openSse(() => set.delete(connection));
		set.add(connection);
		const missed = lastEventId ? live.log.since(lastEventId, who) : undefined;
		if (missed) {
			for (const text of missed) connection.write(text);
			connection.write(pingEvent(this.#now()));
		} else
			for (const event of game.reconnectSnapshot(live.state, who, this.#now()))
				connection.write(sseEvent(live.log.nextId(), event));
		return { ok: true, value: response };
	}

	/** `answersSaved`: the step only added answers, and they are on disk already. */
	#commit(live: Live, step: Extract<Step, { ok: true }>, answersSaved = false) {
		const phaseChanged =
			step.state.phase !== live.state.phase || step.state.index !== live.state.index;
		live.state = step.state;
		// A phase change is saved at once; joins are saved together a moment later: a class
		// joining in the same second would otherwise write the whole game once per player.
		// Told first, saved next: a crash in between replays the step's cause (the answers are
		// saved, the clock runs again), so the class does not wait for the disk.
		this.#deliver(live, step.events);
		if (phaseChanged) this.#save(live);
		else if (!answersSaved) this.#dirty.add(live);
		this.#flushSoon();
		this.#schedule(live);
	}

	readonly #dirty = new Set<Live>();
	#flushTimer: ReturnType<typeof setTimeout> | undefined;

	#save(live: Live) {
		this.#dirty.delete(live);
		// The answers are on disk already, one row each (see #applyAnswers): the snapshot leaves
		// them out, which keeps it small enough to write at every phase change.
		const snapshot = { ...live.state, answers: {} };
		this.#store.saveGame(live.state.code, snapshot, this.#now(), live.state.phase === 'ended');
	}

	#flushSoon() {
		if (this.#flushTimer || this.#dirty.size === 0) return;
		this.#flushTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
	}

	/** Saves every game with unsaved changes (also on shutdown). */
	flush() {
		clearTimeout(this.#flushTimer);
		this.#flushTimer = undefined;
		for (const live of [...this.#dirty]) this.#save(live);
	}

	/**
	 * One serialisation per event; the number of writes grows with the players, nothing more.
	 * Every event is kept for a while, also those for players not connected right now.
	 */
	#deliver(live: Live, out: Outbox) {
		const log = (audience: Audience) => (e: LiveEvent) =>
			encoder.encode(live.log.add(audience, (id) => sseEvent(id, e)).text);
		const forHost = out.host ?? [];
		const latest = forHost.filter((e) => LATEST_ONLY.has(e.type));
		const rest = forHost.filter((e) => !LATEST_ONLY.has(e.type));
		// Held-back updates go first: the host sees events in the order they happened.
		if (out.all?.length || rest.length) this.#sendHostLatest(live);
		const everyone = (out.all ?? []).map(log({ to: 'all' }));
		const toHost = [...everyone, ...rest.map(log({ to: 'host' }))];
		if (toHost.length) for (const c of live.hostConnections) for (const t of toHost) c.write(t);
		const toPlayers = [...everyone, ...(out.allPlayers ?? []).map(log({ to: 'players' }))];
		if (toPlayers.length) {
			for (const set of live.playerConnections.values())
				for (const c of set) for (const t of toPlayers) c.write(t);
		}
		for (const [id, events] of Object.entries(out.players ?? {})) {
			const texts = events.map(log({ to: 'player', id }));
			const set = live.playerConnections.get(id);
			if (!set?.size) continue;
			for (const c of set) for (const t of texts) c.write(t);
			if (events.some((e) => e.type === 'kicked')) for (const c of set) c.close();
		}
		for (const e of latest) live.hostLatest.set(e.type, e);
		if (latest.length && !live.hostWindow) this.#openHostWindow(live);
	}

	/** Sends what is held back now, and holds back what comes in the next window. */
	#openHostWindow(live: Live) {
		this.#sendHostLatest(live);
		live.hostWindow = setTimeout(() => {
			live.hostWindow = undefined;
			if (live.hostLatest.size) this.#openHostWindow(live);
		}, HOST_UPDATE_MS);
		live.hostWindow.unref?.();
	}

	#sendHostLatest(live: Live) {
		for (const e of live.hostLatest.values()) {
			const { text } = live.log.add({ to: 'host' }, (id) => sseEvent(id, e));
			const bytes = encoder.encode(text);
			for (const c of live.hostConnections) c.write(bytes);
		}
		live.hostLatest.clear();
	}

	/** The next moment the game changes by itself (reading time over, answer time up). */
	#schedule(live: Live) {
		clearTimeout(live.timer);
		const s = live.state;
		const at = s.phase === 'reading' ? s.openedAt : s.phase === 'open' ? s.closesAt : undefined;
		if (at === undefined) return;
		live.timer = setTimeout(
			() => {
				const step = game.tick(live.state, this.#now());
				if (step.ok) this.#commit(live, step);
			},
			Math.max(0, at - this.#now()) + 5,
		);
		live.timer.unref?.();
	}

	#expire() {
		const now = this.#now();
		for (const [code, live] of this.#games) {
			if (now - live.state.lastActivity > this.#idleMs) {
				clearTimeout(live.timer);
				clearTimeout(live.hostWindow);
				for (const c of live.hostConnections) c.close();
				for (const set of live.playerConnections.values()) for (const c of set) c.close();
				this.#games.delete(code);
				this.#store.deleteGame(code);
			}
		}
	}

	stop() {
		this.flush();
		clearInterval(this.#sweeper);
		for (const live of this.#games.values()) {
			clearTimeout(live.timer);
			clearTimeout(live.hostWindow);
		}
	}
}
