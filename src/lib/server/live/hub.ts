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
import { DEFAULT_LIMITS } from '$lib/live/limits';
import { AnswerRequest, CreateGame, Join, type LiveEvent } from '$lib/live/protocol';
import type { AnswerRecord, GameState, Outbox, Player, Step } from '$lib/live/state';
import { EventLog, type Audience } from './event-log';
import { encoder, openSse, pingEvent, sseEvent, type Connection } from './sse';
import type { LiveStore, StoredAnswer, StoredPlayer } from './sqlite';
import { MemoryCounterStore, RateLimiter, type CounterStore } from './rate-limit';
import { hashToken, newJoinKey, newPlayerId, newToken, secureRandomInt } from './tokens';

/**
 * At most this long between a change that only moves the lobby (scores, who joined when) and
 * the game's snapshot being on disk. Joins and answers have rows of their own, written before
 * they are acknowledged; phase changes and host actions are saved at once.
 */
const SAVE_DELAY_MS = 200;

/** The same refusal whether the game does not exist or the token is not one of its own. */
const NOT_IN_GAME = 'No such game, or not yours';
const TOO_MANY_MISSES = 'Too many attempts from this network; wait a minute';

/**
 * A saved game: its snapshot and its answers, in the order they came. A kicked player's answers
 * stay out (their rows outlive the kick). Earlier versions kept the answers in the snapshot,
 * keyed by player id.
 */
function restoredState(json: string, rows: StoredAnswer[], joined: StoredPlayer[]): GameState {
	const saved = JSON.parse(json) as GameState;
	// Players who joined after the last snapshot are in their own rows.
	const players: Record<string, Player> = { ...saved.players };
	for (const { playerId, record } of joined) {
		if (Object.hasOwn(players, playerId) || saved.kicked.includes(playerId)) continue;
		players[playerId] = JSON.parse(record) as Player;
	}
	const state: GameState = { ...saved, players };
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

/** Answers a step changed (graded again), as rows to replace: kept answers are the same objects. */
function regradedAnswers(before: GameState, after: GameState): StoredAnswer[] {
	const rows: StoredAnswer[] = [];
	for (const [index, list] of Object.entries(after.answers)) {
		const old = before.answers[Number(index)];
		if (list === old) continue;
		const kept = new Set(old ?? []);
		for (const r of list) {
			if (kept.has(r)) continue;
			rows.push({ question: Number(index), playerId: r.playerId, record: JSON.stringify(r) });
		}
	}
	return rows;
}

export type HubResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };
const refuse = (status: number, message: string) => ({ ok: false as const, status, message });

interface Live {
	state: GameState;
	hostHash: string;
	/** Hash of the key in the projector's link and QR code; absent for games from before it. */
	joinKeyHash?: string;
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

type Limit = { perWindow: number; windowMs: number };

export interface HubOptions {
	store: LiveStore;
	loadQuestions: (decks: string[]) => Promise<Question[]>;
	clock?: () => number;
	/** Misses per address (see DEFAULT_LIMITS.misses): guessed codes and tokens. */
	joinLimit?: Limit;
	/** Games created per address. */
	createLimit?: Limit;
	/** Games held at once. */
	maxGames?: number;
	streamsPerToken?: number;
	streamsPerAddress?: number;
	idleMs?: number;
	/** Where the limits count; this process's memory unless given. */
	counters?: CounterStore;
}

const rule = (limit: Limit | undefined, fallback: { limit: number; windowMs: number }) => ({
	limit: limit?.perWindow ?? fallback.limit,
	windowMs: limit?.windowMs ?? fallback.windowMs,
});

export class LiveHub {
	readonly #games = new Map<string, Live>();
	readonly #store: LiveStore;
	readonly #load: HubOptions['loadQuestions'];
	readonly #now: () => number;
	/** Guesses: joins to codes that do not exist, tokens that are not the game's. */
	readonly #misses: RateLimiter;
	readonly #creates: RateLimiter;
	readonly #maxGames: number;
	readonly #streamsPerToken: number;
	readonly #streamsPerAddress: number;
	/** Open event streams by client address, over every game. */
	readonly #streamsByAddress = new Map<string, number>();
	readonly #idleMs: number;
	readonly #sweeper: ReturnType<typeof setInterval>;
	/** Event ids carry it: after a restart, an id the client kept refers to nothing here. */
	readonly #epoch = newToken().slice(0, 8);

	constructor(o: HubOptions) {
		this.#store = o.store;
		this.#load = o.loadQuestions;
		this.#now = o.clock ?? Date.now;
		const counters = o.counters ?? new MemoryCounterStore();
		this.#misses = new RateLimiter('miss', rule(o.joinLimit, DEFAULT_LIMITS.misses), counters);
		this.#creates = new RateLimiter(
			'create',
			rule(o.createLimit, DEFAULT_LIMITS.creates),
			counters,
		);
		this.#maxGames = o.maxGames ?? DEFAULT_LIMITS.maxGames;
		this.#streamsPerToken = Math.max(1, o.streamsPerToken ?? DEFAULT_LIMITS.streamsPerToken);
		this.#streamsPerAddress = o.streamsPerAddress ?? DEFAULT_LIMITS.streamsPerAddress;
		this.#idleMs = o.idleMs ?? 6 * 3_600_000;
		this.#restore();
		this.#sweeper = setInterval(() => this.#expire(), 60_000);
		this.#sweeper.unref?.();
	}

	/** Games survive a restart: hosts and players reconnect with their tokens and carry on. */
	#restore() {
		for (const row of this.#store.loadGames(this.#now() - this.#idleMs)) {
			const state = restoredState(row.state, row.answers, row.players);
			const host = row.tokens.find((t) => t.role === 'host');
			if (!host) continue;
			const players = new Map(
				row.tokens.filter((t) => t.playerId).map((t) => [t.hash, t.playerId!]),
			);
			const live: Live = {
				state,
				hostHash: host.hash,
				joinKeyHash: row.tokens.find((t) => t.role === 'join')?.hash,
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

	/**
	 * A new game; `client` is the creator's address, which may create only so many. The answer
	 * holds the host token and the join key (for the projector's link), stored only as hashes.
	 */
	async create(
		body: unknown,
		client = '',
	): Promise<HubResult<{ code: string; hostToken: string; joinKey: string }>> {
		const parsed = v.safeParse(CreateGame, body);
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
		if (this.#creates.exhausted(client, this.#now())) {
			return refuse(429, 'Too many games created from this network; try again in a few minutes');
		}
		const full = () =>
			refuse(503, 'The server is running as many games as it can; try again later');
		if (this.#games.size >= this.#maxGames) return full();
		const questions = await this.#load(parsed.output.decks ?? []);
		// Other games may have been created while the decks loaded.
		if (this.#games.size >= this.#maxGames) return full();
		let code: string;
		try {
			code = newJoinCode(secureRandomInt, new Set(this.#games.keys()));
		} catch {
			return full();
		}
		const secret = newToken();
		const step = game.createGame(code, parsed.output, questions, this.#now(), secret);
		if (!step.ok) return refuse(step.error.status, step.error.message);
		this.#creates.record(client, this.#now());
		const hostToken = newToken();
		const joinKey = newJoinKey();
		const live: Live = {
			state: step.state,
			hostHash: hashToken(hostToken),
			joinKeyHash: hashToken(joinKey),
			players: new Map(),
			hostConnections: new Set(),
			playerConnections: new Map(),
			log: new EventLog(this.#epoch),
			pending: [],
			hostLatest: new Map(),
		};
		this.#games.set(code, live);
		this.#store.saveToken(code, { hash: live.hostHash, role: 'host', playerId: null });
		this.#store.saveToken(code, { hash: live.joinKeyHash!, role: 'join', playerId: null });
		// On disk before the host has the code: a crash right after keeps the game.
		this.#commit(live, step, { saveNow: true });
		return { ok: true, value: { code, hostToken, joinKey } };
	}

	/**
	 * A join through the projector's link or QR code carries the game's join key: it is never
	 * counted or refused by the guess limit. A typed code is: an address that has used up its
	 * misses (codes that do not exist, tokens that are not a game's) is refused whether the code
	 * exists or not, so the refusal says nothing about the code; only misses count, so a class
	 * that types the code joins freely.
	 */
	join(
		code: string,
		body: unknown,
		client: string,
	): HubResult<{ playerId: string; token: string; nickname: string }> {
		const now = this.#now();
		const live = this.#games.get(code);
		const parsed = v.safeParse(Join, body);
		const key = parsed.success ? parsed.output.key : undefined;
		const keyed = !!live?.joinKeyHash && key !== undefined && hashToken(key) === live.joinKeyHash;
		if (!keyed) {
			if (this.#misses.exhausted(client, now)) return refuse(429, TOO_MANY_MISSES);
			if (!live) {
				this.#misses.record(client, now);
				return refuse(404, 'No game with this code');
			}
		}
		if (!live) return refuse(404, 'No game with this code');
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
		if (parsed.output.code !== code) return refuse(400, 'The code in the body is not this game’s');
		const name = cleanNickname(parsed.output.nickname);
		if (!name.ok) return refuse(400, name.reason);
		const playerId = newPlayerId();
		const step = game.join(live.state, playerId, name.name, now);
		if (!step.ok) return refuse(step.error.status, step.error.message);
		const token = newToken();
		const hash = hashToken(token);
		const player = step.state.players[playerId];
		// On disk before the phone hears it is in: a crash right after keeps its seat (and the
		// answer it may send next), as answers are kept.
		this.#store.saveJoin(
			code,
			{ hash, role: 'player', playerId },
			{ playerId, record: JSON.stringify(player) },
		);
		live.players.set(hash, playerId);
		this.#commit(live, step);
		return { ok: true, value: { playerId, token, nickname: player.nickname } };
	}

	/**
	 * A request whose code or token is not a game's: the same refusal whether the game exists
	 * or not, counted as a guess against the address (with joins to codes that do not exist).
	 */
	#miss(client: string): { ok: false; status: number; message: string } {
		const now = this.#now();
		if (this.#misses.exhausted(client, now)) return refuse(429, TOO_MANY_MISSES);
		this.#misses.record(client, now);
		return refuse(403, NOT_IN_GAME);
	}

	/** The game and who holds `token` in it ('host' or a player id); hashed even with no game. */
	#who(code: string, token: string): { live: Live; who: string } | undefined {
		const hash = hashToken(String(token));
		const live = this.#games.get(code);
		const who = live && (hash === live.hostHash ? 'host' : live.players.get(hash));
		return live && who ? { live, who } : undefined;
	}

	#hostOf(code: string, token: string): Live | undefined {
		const found = this.#who(code, token);
		return found?.who === 'host' ? found.live : undefined;
	}

	/**
	 * Answers are applied in batches: each waits for the end of this turn of the event loop, and
	 * every answer that arrived meanwhile is applied in one step (see answerMany). Who may answer
	 * and whether the body is an answer request is settled at once.
	 */
	answer(
		code: string,
		token: string,
		body: unknown,
		client = '',
	): Promise<HubResult<{ accepted: true }>> {
		const found = this.#who(code, token);
		if (!found || found.who === 'host') return Promise.resolve(this.#miss(client));
		const { live, who: playerId } = found;
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
			this.#commit(
				live,
				{ ok: true, state: step.state, events: step.events },
				{ answersSaved: true },
			);
		step.verdicts.forEach((verdict, i) =>
			batch[i].resolve(
				verdict.ok
					? { ok: true, value: { accepted: true } }
					: refuse(verdict.error.status, verdict.error.message),
			),
		);
	}

	/** A host action, saved before it is acknowledged (host actions are few). */
	host(code: string, token: string, body: unknown, client = ''): HubResult<{ phase: string }> {
		const live = this.#hostOf(code, token);
		if (!live) return this.#miss(client);
		const before = live.state;
		const step = game.hostAction(before, body, this.#now());
		if (!step.ok) return refuse(step.error.status, step.error.message);
		this.#commit(live, step, { saveNow: true, regraded: regradedAnswers(before, step.state) });
		return { ok: true, value: { phase: step.state.phase } };
	}

	csv(code: string, token: string, lang: 'zh' | 'en', client = ''): HubResult<string> {
		const live = this.#hostOf(code, token);
		if (!live) return this.#miss(client);
		return { ok: true, value: game.resultsCsv(live.state, lang) };
	}

	results(
		code: string,
		token: string,
		lang: 'zh' | 'en',
		client = '',
	): HubResult<ReturnType<typeof game.results>> {
		const live = this.#hostOf(code, token);
		if (!live) return this.#miss(client);
		return { ok: true, value: game.results(live.state, lang) };
	}

	/**
	 * Opens an event stream for the host or a player; it starts with what they need to catch up.
	 * `lastEventId`: the last event this client saw; when the events since are still kept, it
	 * gets exactly those, else the snapshot. A token holds a few streams at most (a new one
	 * closes its oldest: a phone that changed networks left it half-open), an address many.
	 */
	connect(code: string, token: string, lastEventId = '', client = ''): HubResult<Response> {
		const found = this.#who(code, token);
		if (!found) return this.#miss(client);
		const { live, who } = found;
		if (who !== 'host' && live.state.kicked.includes(who)) {
			// Told once more that it was removed, and the stream ends there.
			const { response, connection } = openSse(() => {});
			connection.write(sseEvent(live.log.nextId(), { type: 'kicked' }));
			connection.close();
			return { ok: true, value: response };
		}
		const fromAddress = this.#streamsByAddress.get(client) ?? 0;
		if (fromAddress >= this.#streamsPerAddress) {
			return refuse(429, 'Too many open streams from this network');
		}
		const caught = game.tick(live.state, this.#now());
		if (caught.ok) this.#commit(live, caught);
		const set =
			who === 'host'
				? live.hostConnections
				: (live.playerConnections.get(who) ?? new Set<Connection>());
		if (who !== 'host') live.playerConnections.set(who, set);
		// A Set keeps the order streams were added: the first is the oldest.
		for (const oldest of set) {
			if (set.size < this.#streamsPerToken) break;
			oldest.close();
		}
		const { response, connection } = openSse(() => {
			set.delete(connection);
			const left = (this.#streamsByAddress.get(client) ?? 1) - 1;
			if (left > 0) this.#streamsByAddress.set(client, left);
			else this.#streamsByAddress.delete(client);
		});
		set.add(connection);
		this.#streamsByAddress.set(client, (this.#streamsByAddress.get(client) ?? 0) + 1);
		const missed = lastEventId ? live.log.since(lastEventId, who) : undefined;
		if (missed) {
			for (const text of missed) connection.write(text);
			connection.write(pingEvent(this.#now()));
		} else
			for (const event of game.reconnectSnapshot(live.state, who, this.#now()))
				connection.write(sseEvent(live.log.nextId(), event));
		return { ok: true, value: response };
	}

	/**
	 * `answersSaved`: the step only added answers, and they are on disk already. `saveNow`: a
	 * host action, saved before it is acknowledged, with the answers it graded again.
	 */
	#commit(
		live: Live,
		step: Extract<Step, { ok: true }>,
		o: { answersSaved?: boolean; saveNow?: boolean; regraded?: StoredAnswer[] } = {},
	) {
		const phaseChanged =
			step.state.phase !== live.state.phase || step.state.index !== live.state.index;
		live.state = step.state;
		// A phase change is saved at once; the lobby's snapshot a moment later: a class joining in
		// the same second would otherwise write the whole game once per player (each join has its
		// own row already). Told first, saved next: a crash in between replays the step's cause
		// (the answers and joins are saved, the clock runs again), so the class does not wait.
		this.#deliver(live, step.events);
		if (phaseChanged || o.saveNow || o.regraded?.length) this.#save(live, o.regraded);
		else if (!o.answersSaved) this.#dirty.add(live);
		this.#flushSoon();
		this.#schedule(live);
	}

	readonly #dirty = new Set<Live>();
	#flushTimer: ReturnType<typeof setTimeout> | undefined;

	#save(live: Live, regraded: StoredAnswer[] = []) {
		this.#dirty.delete(live);
		// The answers are on disk already, one row each (see #applyAnswers): the snapshot leaves
		// them out, which keeps it small enough to write at every phase change.
		const snapshot = { ...live.state, answers: {} };
		const ended = live.state.phase === 'ended';
		this.#store.saveGame(live.state.code, snapshot, this.#now(), ended, regraded);
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
