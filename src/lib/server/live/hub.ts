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
import type { GameState, Outbox, Step } from '$lib/live/state';
import { openSse, sseEvent, type Connection } from './sse';
import type { LiveStore } from './sqlite';
import { RateLimiter } from './rate-limit';
import { hashToken, newPlayerId, newToken, secureRandomInt } from './tokens';

/** At most this long between an answer or a join and its being on disk (a crash can lose that much). */
const SAVE_DELAY_MS = 200;

export type HubResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };
const refuse = (status: number, message: string) => ({ ok: false as const, status, message });

interface Live {
	state: GameState;
	hostHash: string;
	players: Map<string, string>; // token hash → player id
	hostConnections: Set<Connection>;
	playerConnections: Map<string, Set<Connection>>;
	eventId: number;
	timer?: ReturnType<typeof setTimeout>;
}

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
			const state = JSON.parse(row.state) as GameState;
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
				eventId: 0,
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
			eventId: 0,
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
		if (!this.#joins.allow(client, this.#now()))
			return refuse(429, 'Too many join attempts; wait a minute');
		const live = this.#games.get(code);
		if (!live) return refuse(404, 'No game with this code');
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

	answer(code: string, token: string, body: unknown): HubResult<{ accepted: true }> {
		const live = this.#games.get(code);
		if (!live) return refuse(404, 'No game with this code');
		const playerId = live.players.get(hashToken(String(token)));
		if (!playerId) return refuse(403, 'Not a player of this game');
		const parsed = v.safeParse(AnswerRequest, body);
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
		const step = game.answer(
			live.state,
			playerId,
			parsed.output.questionIndex,
			parsed.output.answer,
			this.#now(),
		);
		if (!step.ok) return refuse(step.error.status, step.error.message);
		this.#commit(live, step);
		return { ok: true, value: { accepted: true } };
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
	connect(code: string, token: string): HubResult<Response> {
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
		for (const event of game.reconnectSnapshot(live.state, who, this.#now())) {
			connection.write(sseEvent(++live.eventId, event));
		}
		return { ok: true, value: response };
	}

	#commit(live: Live, step: Extract<Step, { ok: true }>) {
		const phaseChanged =
			step.state.phase !== live.state.phase || step.state.index !== live.state.index;
		live.state = step.state;
		// A phase change is saved at once; joins and answers are saved together a moment later:
		// writing a 2,000-player game after every answer would make answers wait on the disk.
		if (phaseChanged) this.#save(live);
		else this.#dirty.add(live);
		this.#flushSoon();
		this.#deliver(live, step.events);
		this.#schedule(live);
	}

	readonly #dirty = new Set<Live>();
	#flushTimer: ReturnType<typeof setTimeout> | undefined;

	#save(live: Live) {
		this.#dirty.delete(live);
		this.#store.saveGame(live.state.code, live.state, this.#now(), live.state.phase === 'ended');
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

	/** One serialisation per event; the number of writes grows with the players, nothing more. */
	#deliver(live: Live, out: Outbox) {
		const text = (e: LiveEvent) => sseEvent(++live.eventId, e);
		const everyone = (out.all ?? []).map(text);
		const toHost = [...everyone, ...(out.host ?? []).map(text)];
		if (toHost.length) for (const c of live.hostConnections) for (const t of toHost) c.write(t);
		const toPlayers = [...everyone, ...(out.allPlayers ?? []).map(text)];
		if (toPlayers.length) {
			for (const set of live.playerConnections.values())
				for (const c of set) for (const t of toPlayers) c.write(t);
		}
		for (const [id, events] of Object.entries(out.players ?? {})) {
			const set = live.playerConnections.get(id);
			if (!set?.size) continue;
			const texts = events.map(text);
			for (const c of set) for (const t of texts) c.write(t);
			if (events.some((e) => e.type === 'kicked')) for (const c of set) c.close();
		}
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
		for (const live of this.#games.values()) clearTimeout(live.timer);
	}
}
