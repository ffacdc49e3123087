/**
 * The classroom server: every live game in memory, driven by the pure rules in $lib/live, with
 * the server's clock deciding timing. Each change is saved to the server's database and its
 * events are sent to the connections they are for; an event is serialised once, whoever receives
 * it. A change is applied in memory at once (so requests never see a state another is still
 * writing), and a request whose change must be kept (a join, an answer, a host action, a new
 * game) is answered only once that write has finished.
 *
 * Several hubs (instances) may share one database: each game is run by one of them at a time,
 * which holds its lease (leases.ts). A hub asked for a game it does not hold takes it over from
 * the database once its lease has run out, and refuses with 503 while another holds it. A write
 * that finds the lease taken drops the game here: its clock stops and its streams end, so its
 * clients reconnect to the game's new owner.
 */
import * as v from 'valibot';
import type { Question } from '$lib/bank';
import { isJoinCode, newJoinCode } from '$lib/live/code';
import * as game from '$lib/live/game';
import { cleanNickname, foldNickname } from '$lib/live/nickname';
import { DEFAULT_LIMITS } from '$lib/live/limits';
import {
	AnswerRequest,
	CreateGame,
	Join,
	type AnswerTaken,
	type GameCreated,
	type GameResults,
	type HostActed,
	type Joined,
	type OwnDeckProblem,
} from '$lib/live/protocol';
import type { Step } from '$lib/live/state';
import { classGameResults } from '$lib/classes/live-results';
import { err, ok, type Result } from '$lib/result';
import { log } from '../log';
import type { HubMetrics, LiveLoad } from '../ops/metrics';
import type { LiveClasses } from '../classes/class-games';
import { EventLog } from './event-log';
import type { StoredEvents } from './event-journal';
import { GameFanOut } from './fan-out';
import { defaultInstanceId, LeaseLost, type Fence } from './leases';
import { ownQuestions } from './own-decks';
import { restoredGames, type GameRecord } from './restore';
import { regradedAnswers, SnapshotWriter } from './snapshot-writer';
import { openSse, pingEvent, sseEvent, type OpenStream } from './sse';
import type { LiveStore, StoredAnswer } from './store';
import { MemoryCounterStore, RateLimiter, type CounterStore } from './rate-limit';
import { hashToken, newJoinKey, newPlayerId, newToken, secureRandomInt } from './tokens';

/** The same refusal whether the game does not exist or the token is not one of its own. */
const NOT_IN_GAME = 'No such game, or not yours';
const TOO_MANY_MISSES = 'Too many attempts from this network; wait a minute';
const NOT_SAVED = 'The game could not be saved; try again in a moment';
const MOVED = 'The game moved to another server; try again in a moment';
const FULL = 'The server is running as many games as it can; try again later';
const ELSEWHERE = 'The game is running on another server; try again in a moment';
const NOT_TEACHER = 'Only the class’s teacher may host a game for it';
const STUDENTS_NAME =
	'This name is a student’s of the class: join the class on this device, or choose another name';

/** Why a request is refused: the HTTP status and a message for logs and tools. */
export interface Refusal {
	status: number;
	message: string;
	/** Seconds after which the same request may succeed (sent as Retry-After). */
	retryAfter?: number;
	/** The host's own deck was refused: what is wrong, for the host's screen to word. */
	ownDeck?: OwnDeckProblem;
}
export type HubResult<T> = Result<T, Refusal>;
const refuse = (status: number, message: string, ownDeck?: OwnDeckProblem) =>
	err<Refusal>({ status, message, ...(ownDeck ? { ownDeck } : {}) });

/** A game in memory: its state, who may act in it, who listens, its timer and waiting answers. */
interface Live extends Omit<GameRecord, 'code' | 'log'> {
	/** The game's lease as this hub holds it: every write for the game checks it. */
	fence: Fence;
	/** Another instance took the game over: this copy is being dropped. */
	lost?: true;
	fanOut: GameFanOut;
	timer?: ReturnType<typeof setTimeout>;
	/** Answers waiting for this turn's batch. */
	pending: { submission: game.Submission; resolve: (r: HubResult<AnswerTaken>) => void }[];
}

type Limit = { perWindow: number; windowMs: number };

const SAVED = Promise.resolve(true);

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
	/** The host's window for latest-only updates (see HOST_UPDATE_MS). */
	hostUpdateMs?: number;
	/** Events kept per game for streams to resume from (EVENT_LOG_SIZE unless a test says less). */
	eventLogSize?: number;
	/** Where the limits count; this process's memory unless given. */
	counters?: CounterStore;
	/** Told how long each fan-out took (see ops/metrics.ts). */
	metrics?: HubMetrics;
	/**
	 * This instance's id in the leases of the games it runs (KIOKU_INSTANCE_ID): the same across
	 * restarts of one server, so it takes its own games back at once. Host name and port unless
	 * given.
	 */
	instanceId?: string;
	/** How long a lease lasts unless renewed (KIOKU_LEASE_MS); renewed every third of it. */
	leaseMs?: number;
	/**
	 * Let go of each new game as soon as it is saved, for whichever instance its requests reach
	 * to take it over: behind a load balancer that routes by join code (deploy/nginx.conf), the
	 * instance that happened to create a game is rarely the one its code leads to.
	 */
	releaseNewGames?: boolean;
	/** Told each time this hub takes a game over from the database (for a counter). */
	onTakeOver?: (code: string) => void;
	/** Told each time this hub finds that another instance took one of its games. */
	onLeaseLost?: (code: string) => void;
	/**
	 * Classes, for games hosted for one: who may host them, which seat a phone is, and where
	 * their results go when they end. Without it, a game for a class is refused.
	 */
	classes?: LiveClasses;
}

/** Tries to write a class game's results again after this long, then twice as long, thrice. */
const CLASS_RECORD_RETRY_MS = 1_000;

/**
 * KIOKU_LEASE_MS's default: a game whose instance died goes on elsewhere within about this long
 * and a second (the screens' retry). A renewal every 1.3 s costs one UPDATE per instance.
 */
export const DEFAULT_LEASE_MS = 4_000;

/** How soon a game's events are written again when writing them failed. */
const JOURNAL_RETRY_MS = 250;

const rule = (limit: Limit | undefined, fallback: { limit: number; windowMs: number }) => ({
	limit: limit?.perWindow ?? fallback.limit,
	windowMs: limit?.windowMs ?? fallback.windowMs,
});

export class LiveHub {
	readonly #games = new Map<string, Live>();
	readonly #store: LiveStore;
	readonly #snapshots: SnapshotWriter;
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
	readonly #hostUpdateMs: number | undefined;
	readonly #eventLogSize: number | undefined;
	readonly #sweeper: ReturnType<typeof setInterval>;
	readonly #releaseNewGames: boolean;
	readonly #metrics: HubMetrics | undefined;
	/** The saved games being read back; unset again when that failed, so the next request retries. */
	#restoring: Promise<void> | undefined;
	#restoredAll = false;
	readonly #instanceId: string;
	readonly #leaseMs: number;
	readonly #renewer: ReturnType<typeof setInterval>;
	/** When the last renewal succeeded: past a lease's length without one, no game is sure to be ours. */
	#renewedAt: number;
	#renewing = false;
	#stopped = false;
	/** Games being taken over from the database: a second request waits for the same take-over. */
	readonly #adopting = new Map<string, Promise<HubResult<Live | undefined>>>();
	/** Codes whose game is being created here: not to be taken over meanwhile. */
	readonly #creating = new Set<string>();
	readonly #onTakeOver: HubOptions['onTakeOver'];
	readonly #onLeaseLost: HubOptions['onLeaseLost'];
	readonly #classes: LiveClasses | undefined;

	constructor(o: HubOptions) {
		this.#store = o.store;
		this.#load = o.loadQuestions;
		this.#now = o.clock ?? Date.now;
		this.#snapshots = new SnapshotWriter(o.store, this.#now, (held, error) => {
			const live = [...this.#games.values()].find((l) => l === held);
			if (live && error instanceof LeaseLost) this.#lose(live);
		});
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
		this.#hostUpdateMs = o.hostUpdateMs;
		this.#eventLogSize = o.eventLogSize;
		this.#metrics = o.metrics;
		this.#instanceId = o.instanceId ?? defaultInstanceId({});
		this.#leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
		this.#onTakeOver = o.onTakeOver;
		this.#releaseNewGames = o.releaseNewGames ?? false;
		this.#onLeaseLost = o.onLeaseLost;
		this.#classes = o.classes;
		this.#renewedAt = this.#now();
		// Games survive a restart: hosts and players reconnect with their tokens and carry on.
		this.#restored().catch(() => {});
		this.#sweeper = setInterval(() => this.#expire(), 60_000);
		this.#sweeper.unref?.();
		this.#renewer = setInterval(() => void this.renewLeases(), this.#leaseMs / 3);
		this.#renewer.unref?.();
	}

	/**
	 * At start, the games this instance id held before (a restart) come back at once, each at a
	 * new epoch, which fences a previous process that may still be running; their clocks run
	 * again. Other instances' games are taken over when asked for (see #find): read back at start,
	 * every instance would take every orphaned game, whichever one their clients are sent to.
	 * Every request waits for this: one that came early would otherwise be told its game does
	 * not exist.
	 */
	#restored(): Promise<void> {
		if (this.#restoredAll) return Promise.resolve();
		this.#restoring ??= (async () => {
			const now = this.#now();
			const mine = await this.#store.takeBackOwn(this.#instanceId, now, this.#leaseMs);
			const epochs = new Map(mine.map((m) => [m.code, m.epoch]));
			// The games idle too long are left to run out (see #expire), as before.
			const rows = await this.#store.loadGames(now - this.#idleMs, [...epochs.keys()]);
			return { rows, epochs };
		})().then(
			({ rows, epochs }) => {
				for (const restored of restoredGames(rows)) {
					const epoch = epochs.get(restored.code)!;
					this.#hold(restored, { owner: this.#instanceId, epoch });
					this.#onTakeOver?.(restored.code);
				}
				this.#restoredAll = true;
			},
			(error: unknown) => {
				log.error({ err: error }, 'Live games could not be read back from the database');
				this.#restoring = undefined;
				throw error;
			},
		);
		return this.#restoring;
	}

	/**
	 * Whether a write a request depends on has finished; a failed one is logged. A write that
	 * found the game's lease taken by another instance drops the game here.
	 */
	#durable(write: Promise<unknown>, live?: Live): Promise<boolean> {
		return write.then(
			() => true,
			(error: unknown) => {
				if (error instanceof LeaseLost) {
					if (live) this.#lose(live);
				} else log.error({ err: error }, 'A live game could not be saved');
				return false;
			},
		);
	}

	/** The refusal for a change that was not saved: a lost game's clients retry on its new owner. */
	#notSaved(live: Live) {
		return live.lost
			? err<Refusal>({ status: 503, message: MOVED, retryAfter: 1 })
			: refuse(503, NOT_SAVED);
	}

	/**
	 * The game with this code: in memory, or taken over from the database when no other instance
	 * holds it (its lease ran out, or it is this instance id's from before a restart). A 503 while
	 * another instance holds it; undefined when there is no such game.
	 */
	async #find(code: string): Promise<HubResult<Live | undefined>> {
		await this.#restored();
		const held = this.#games.get(code);
		if (held) return ok(held);
		if (!isJoinCode(code) || this.#creating.has(code)) return ok(undefined);
		let adopting = this.#adopting.get(code);
		if (!adopting) {
			adopting = this.#adopt(code).finally(() => this.#adopting.delete(code));
			this.#adopting.set(code, adopting);
		}
		return adopting;
	}

	async #adopt(code: string): Promise<HubResult<Live | undefined>> {
		const now = this.#now();
		if (this.#games.size >= this.#maxGames) {
			return err<Refusal>({ status: 503, message: FULL, retryAfter: 60 });
		}
		try {
			const taken = await this.#store.takeOver(code, this.#instanceId, now, this.#leaseMs);
			if (!taken.held) {
				if (taken.by === 'nobody') return ok(undefined);
				// Its owner was asked to let go and does at its next renewal (a third of a lease),
				// or it runs out: try again in a moment.
				const retryAfter = Math.max(
					1,
					Math.min(Math.ceil(this.#leaseMs / 3000), Math.ceil((taken.expiresAt - now) / 1000)),
				);
				return err<Refusal>({ status: 503, message: ELSEWHERE, retryAfter });
			}
			const fence = { owner: this.#instanceId, epoch: taken.epoch };
			// Read after the take-over committed: every write its last owner made is in it.
			const [record] = restoredGames(await this.#store.loadGames(now - this.#idleMs, [code]));
			if (!record) {
				// Idle too long (its owner stopped before deleting it), or never saved whole.
				void this.#durable(this.#store.deleteGame(code, fence));
				return ok(undefined);
			}
			const live = this.#hold(record, fence);
			this.#onTakeOver?.(code);
			return ok(live);
		} catch (error) {
			log.error({ err: error, game: code }, 'A live game could not be taken over');
			return err<Refusal>({ status: 503, message: NOT_SAVED, retryAfter: 1 });
		}
	}

	/**
	 * Holds a game in memory, new or taken over, and runs its clock. Its event log goes on from
	 * where the database has it (a new game, or one saved before logs were kept, starts one).
	 */
	#hold({ code, log: saved, ...record }: GameRecord, fence: Fence): Live {
		const log = saved
			? new EventLog(saved.tag, this.#eventLogSize, saved)
			: new EventLog(newToken().slice(0, 8), this.#eventLogSize);
		const live: Live = {
			...record,
			fence,
			pending: [],
			fanOut: new GameFanOut(log, {
				hostUpdateMs: this.#hostUpdateMs,
				journal: (events, forgetThrough) => this.#writeEvents(code, live, events, forgetThrough),
				sent: (seconds) => this.#metrics?.fannedOut(seconds),
			}),
		};
		this.#games.set(code, live);
		this.#schedule(live);
		// Taken back or over after it ended: its instance may have stopped before its results
		// reached the class (writing them again changes nothing when they did).
		if (live.state.phase === 'ended') this.#recordForClass(live);
		return live;
	}

	/**
	 * Writes a game's events before they are sent. A write that fails for a reason other than a
	 * lost lease is tried again, and the events wait: sent unwritten, an instance that takes the
	 * game over could give their ids to other events. Still failing after a lease's length, the
	 * game is dropped here (its streams end) and its lease left to run out: whichever instance its
	 * screens then reach takes it over from the database, as after a crash.
	 */
	async #writeEvents(
		code: string,
		live: Live,
		events: StoredEvents,
		forgetThrough: number,
	): Promise<boolean> {
		const since = this.#now();
		for (;;) {
			if (live.lost || this.#games.get(code) !== live) return false;
			try {
				await this.#store.saveEvents(code, events, forgetThrough, live.fence);
				return true;
			} catch (error) {
				if (error instanceof LeaseLost) {
					this.#lose(live);
					return false;
				}
				if (this.#now() - since >= this.#leaseMs) {
					log.error(
						{ err: error, game: code },
						'Live game events could not be saved: game dropped',
					);
					this.#drop(code, live);
					return false;
				}
				await new Promise((r) => setTimeout(r, JOURNAL_RETRY_MS));
			}
		}
	}

	/**
	 * A new game; `client` is the creator's address, which may create only so many. The answer
	 * holds the host token and the join key (for the projector's link), stored only as hashes.
	 * `userId`: the signed-in creator, who must teach the class a game is hosted for.
	 */
	async create(
		body: unknown,
		client = '',
		userId: string | null = null,
	): Promise<HubResult<GameCreated>> {
		const parsed = v.safeParse(CreateGame, body);
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
		await this.#restored();
		if (this.#creates.exhausted(client, this.#now())) {
			return refuse(429, 'Too many games created from this network; try again in a few minutes');
		}
		const full = () => refuse(503, FULL);
		if (this.#games.size >= this.#maxGames) return full();
		const classId = parsed.output.classId;
		if (classId !== undefined) {
			if (!this.#classes || userId === null) return refuse(403, NOT_TEACHER);
			const teaches = await this.#classes.teaches(userId, classId).catch((error: unknown) => {
				log.error({ err: error }, 'A class could not be read');
				return undefined;
			});
			if (teaches === undefined) return refuse(503, NOT_SAVED);
			if (!teaches) return refuse(403, NOT_TEACHER);
		}
		// The host's own decks are checked, then dropped from the settings the game keeps.
		const { own, ...settings } = parsed.output;
		const builtIn = await this.#load(settings.decks);
		const mine = ownQuestions(own ?? [], new Set(builtIn.map((q) => q.id)));
		if (!mine.ok) return refuse(400, mine.error.message, mine.error.problem);
		const questions = [...builtIn, ...mine.value];
		// Other games may have been created while the decks loaded.
		if (this.#games.size >= this.#maxGames) return full();
		const lease = await this.#newLease();
		if (!lease.ok) return lease;
		const { code, fence } = lease.value;
		const secret = newToken();
		// The game names the host's decks beside the built-in ones, without their questions.
		const named = { ...settings, decks: [...settings.decks, ...(own ?? []).map((d) => d.deck)] };
		const step = game.createGame(code, named, questions, this.#now(), secret);
		if (!step.ok) {
			this.#creating.delete(code);
			void this.#durable(this.#store.deleteGame(code, fence));
			return refuse(step.error.status, step.error.message);
		}
		this.#creates.record(client, this.#now());
		const hostToken = newToken();
		const joinKey = newJoinKey();
		const [hostHash, joinKeyHash] = [hashToken(hostToken), hashToken(joinKey)];
		const record = { code, state: step.state, hostHash, joinKeyHash, players: new Map() };
		const live = this.#hold(record, fence);
		this.#creating.delete(code);
		// Saved before the host has the code: a crash right after keeps the game.
		const saved = await Promise.all([
			this.#durable(
				this.#store.saveToken(code, { hash: hostHash, role: 'host', playerId: null }, fence),
				live,
			),
			this.#durable(
				this.#store.saveToken(code, { hash: joinKeyHash, role: 'join', playerId: null }, fence),
				live,
			),
			this.#commit(live, step, { saveNow: true }),
		]);
		if (saved.includes(false)) {
			// Nobody has its code: it goes, with whatever part of it was saved, rather than
			// waiting hours to expire (a later game may draw the same code).
			this.#drop(code, live);
			void this.#durable(this.#store.deleteGame(code, fence));
			return refuse(503, NOT_SAVED);
		}
		if (this.#releaseNewGames) {
			this.#drop(code, live);
			// Still held (for its lease's length) if this fails: the game is saved all the same.
			await this.#store.releaseGame(code, fence, this.#now()).catch((error: unknown) => {
				log.error({ err: error, game: code }, 'A new live game could not be let go');
			});
		}
		return ok({ code, hostToken, joinKey });
	}

	/**
	 * A code for a new game and its lease: a code free here may be another instance's game, and
	 * the lease's insert, which only one instance can make, decides.
	 */
	async #newLease(): Promise<HubResult<{ code: string; fence: Fence }>> {
		const tried = new Set<string>();
		for (let attempt = 0; attempt < 10; attempt++) {
			let code: string;
			try {
				code = newJoinCode(
					secureRandomInt,
					new Set([...this.#games.keys(), ...this.#creating, ...tried]),
				);
			} catch {
				break;
			}
			tried.add(code);
			this.#creating.add(code);
			try {
				const epoch = await this.#store.createLease(
					code,
					this.#instanceId,
					this.#now(),
					this.#leaseMs,
				);
				if (epoch !== undefined) return ok({ code, fence: { owner: this.#instanceId, epoch } });
			} catch (error) {
				log.error({ err: error }, 'A live game could not be saved');
				this.#creating.delete(code);
				return refuse(503, NOT_SAVED);
			}
			this.#creating.delete(code);
		}
		return refuse(503, FULL);
	}

	/**
	 * A join through the projector's link or QR code carries the game's join key: it is never
	 * counted or refused by the guess limit. A typed code is: an address that has used up its
	 * misses (codes that do not exist, tokens that are not a game's) is refused whether the code
	 * exists or not, so the refusal says nothing about the code; only misses count, so a class
	 * that types the code joins freely. In a game hosted for a class, a phone holding a seat of the
	 * class (a token in `seats`, or the signed-in `userId` it is linked to) plays as that student,
	 * named as on the roster; one without plays as a guest, whose results stay in the game.
	 */
	async join(
		code: string,
		body: unknown,
		client: string,
		userId: string | null = null,
	): Promise<HubResult<Joined>> {
		const found = await this.#find(code);
		if (!found.ok) return found;
		const now = this.#now();
		const live = found.value;
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
		const seat = await this.#seatOf(live, parsed.output.seats ?? [], userId);
		if (!seat.ok) return seat;
		const name = cleanNickname(seat.value?.name ?? parsed.output.nickname);
		if (!name.ok) return refuse(400, name.error);
		if (!seat.value) {
			const taken = await this.#studentsName(live, name.value);
			if (!taken.ok) return taken;
		}
		const playerId = newPlayerId();
		const step = game.join(live.state, playerId, name.value, now, seat.value?.id);
		if (!step.ok) return refuse(step.error.status, step.error.message);
		const token = newToken();
		const hash = hashToken(token);
		const player = step.state.players[playerId];
		// Saved before the phone hears it is in: a crash right after keeps its seat (and the
		// answer it may send next), as answers are kept.
		const saved = this.#durable(
			this.#store.saveJoin(
				code,
				{ hash, role: 'player', playerId },
				{ playerId, record: JSON.stringify(player) },
				live.fence,
			),
			live,
		);
		live.players.set(hash, playerId);
		void this.#commit(live, step);
		if (!(await saved)) return this.#notSaved(live);
		return ok({ playerId, token, nickname: player.nickname });
	}

	/** The class seat a joining phone is, in a game hosted for a class; undefined for a guest. */
	async #seatOf(
		live: Live,
		seatTokens: readonly string[],
		userId: string | null,
	): Promise<HubResult<{ id: string; name: string } | undefined>> {
		const classId = live.state.settings.classId;
		if (classId === undefined || !this.#classes) return ok(undefined);
		if (seatTokens.length === 0 && userId === null) return ok(undefined);
		try {
			return ok(await this.#classes.seatOf(classId, seatTokens.map(hashToken), userId));
		} catch (error) {
			log.error({ err: error, game: live.state.code }, 'A class seat could not be read');
			return refuse(503, NOT_SAVED);
		}
	}

	/**
	 * A guest of a game hosted for a class may not take a student's name: the student, joining
	 * after, would be "Ann 2" on the projector, and the guest taken for them.
	 */
	async #studentsName(live: Live, name: string): Promise<HubResult<true>> {
		const classId = live.state.settings.classId;
		if (classId === undefined || !this.#classes) return ok(true);
		try {
			const roster = await this.#classes.rosterNames(classId);
			const folded = foldNickname(name);
			return roster.some((n) => foldNickname(n) === folded) ? refuse(409, STUDENTS_NAME) : ok(true);
		} catch (error) {
			log.error({ err: error, game: live.state.code }, 'A class roster could not be read');
			return refuse(503, NOT_SAVED);
		}
	}

	/**
	 * A game hosted for a class has ended (or its host accepted an answer after the end): its
	 * results go to the class, written again in full each time. A failed write is tried again a
	 * few times; the game itself is saved either way.
	 */
	#recordForClass(live: Live, attempt = 0): void {
		const classes = this.#classes;
		const results = classGameResults(live.state, this.#now());
		if (!classes || !results) return;
		classes.record(results).catch((error: unknown) => {
			log.error({ err: error, game: results.code }, 'A class game’s results could not be saved');
			if (attempt >= 3) return;
			const retry = setTimeout(
				() => this.#recordForClass(live, attempt + 1),
				CLASS_RECORD_RETRY_MS * 2 ** attempt,
			);
			retry.unref?.();
		});
	}

	/**
	 * A request whose code or token is not a game's: the same refusal whether the game exists
	 * or not, counted as a guess against the address (with joins to codes that do not exist).
	 */
	#miss(client: string): HubResult<never> {
		const now = this.#now();
		if (this.#misses.exhausted(client, now)) return refuse(429, TOO_MANY_MISSES);
		this.#misses.record(client, now);
		return refuse(403, NOT_IN_GAME);
	}

	/** The game and who holds `token` in it ('host' or a player id); hashed even with no game. */
	async #who(
		code: string,
		token: string,
		client: string,
	): Promise<HubResult<{ live: Live; who: string }>> {
		const hash = hashToken(String(token));
		const found = await this.#find(code);
		if (!found.ok) return found;
		const live = found.value;
		const who = live && (hash === live.hostHash ? 'host' : live.players.get(hash));
		return live && who ? ok({ live, who }) : this.#miss(client);
	}

	/** The game when `token` is its host's; any other token is a miss. */
	async #asHost(code: string, token: string, client: string): Promise<HubResult<Live>> {
		const found = await this.#who(code, token, client);
		if (!found.ok) return found;
		return found.value.who === 'host' ? ok(found.value.live) : this.#miss(client);
	}

	/**
	 * Answers are applied in batches: each waits for the end of this turn of the event loop, and
	 * every answer that arrived meanwhile is applied in one step (see answerMany). Who may answer
	 * and whether the body is an answer request is settled at once.
	 */
	async answer(
		code: string,
		token: string,
		body: unknown,
		client = '',
	): Promise<HubResult<AnswerTaken>> {
		const found = await this.#who(code, token, client);
		if (!found.ok) return found;
		const { live, who: playerId } = found.value;
		if (playerId === 'host') return this.#miss(client);
		const parsed = v.safeParse(AnswerRequest, body);
		if (!parsed.success) return refuse(400, parsed.issues[0].message);
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
		const saved = this.#durable(
			this.#store.saveAnswers(
				step.state.code,
				step.added.map((r) => ({ question, playerId: r.playerId, record: JSON.stringify(r) })),
				live.fence,
			),
			live,
		);
		if (step.state !== before || Object.keys(step.events).length > 0)
			void this.#commit(
				live,
				{ ok: true, state: step.state, events: step.events },
				{ answersSaved: true },
			);
		// Refusals change nothing: they need not wait for the batch's write.
		step.verdicts.forEach((verdict, i) => {
			if (!verdict.ok) batch[i].resolve(refuse(verdict.error.status, verdict.error.message));
		});
		void saved.then((kept) =>
			step.verdicts.forEach((verdict, i) => {
				if (verdict.ok) batch[i].resolve(kept ? ok({ accepted: true }) : this.#notSaved(live));
			}),
		);
	}

	/** A host action, saved before it is acknowledged (host actions are few). */
	async host(
		code: string,
		token: string,
		body: unknown,
		client = '',
	): Promise<HubResult<HostActed>> {
		const host = await this.#asHost(code, token, client);
		if (!host.ok) return host;
		const live = host.value;
		const before = live.state;
		const step = game.hostAction(before, body, this.#now());
		if (!step.ok) return refuse(step.error.status, step.error.message);
		const saved = this.#commit(live, step, {
			saveNow: true,
			regraded: regradedAnswers(before, step.state),
		});
		if (!(await saved)) return this.#notSaved(live);
		return ok({ phase: step.state.phase });
	}

	async csv(
		code: string,
		token: string,
		lang: 'zh' | 'en',
		client = '',
	): Promise<HubResult<string>> {
		const host = await this.#asHost(code, token, client);
		return host.ok ? ok(game.resultsCsv(host.value.state, lang)) : host;
	}

	async results(
		code: string,
		token: string,
		lang: 'zh' | 'en',
		client = '',
	): Promise<HubResult<GameResults>> {
		const host = await this.#asHost(code, token, client);
		return host.ok ? ok(game.results(host.value.state, lang)) : host;
	}

	/**
	 * Opens an event stream for the host or a player; it starts with what they need to catch up.
	 * `lastEventId`: the last event this client saw; when the events since are still kept, it
	 * gets exactly those, else the snapshot. A token holds a few streams at most (a new one
	 * closes its oldest), an address many. `openStream`: a web stream (a Response) unless the
	 * caller writes to Node's response itself (see sse.ts).
	 */
	async connect<R = Response>(
		code: string,
		token: string,
		lastEventId = '',
		client = '',
		openStream: OpenStream<R> = openSse as OpenStream<R>,
	): Promise<HubResult<R>> {
		const found = await this.#who(code, token, client);
		if (!found.ok) return found;
		const { live, who } = found.value;
		if (who !== 'host' && live.state.kicked.includes(who)) {
			// Told once more that it was removed, and the stream ends there.
			const { response, connection } = openStream(() => {});
			connection.write(sseEvent(live.fanOut.log.position(), { type: 'kicked' }));
			connection.close();
			return ok(response);
		}
		const fromAddress = this.#streamsByAddress.get(client) ?? 0;
		if (fromAddress >= this.#streamsPerAddress) {
			return refuse(429, 'Too many open streams from this network');
		}
		const caught = game.tick(live.state, this.#now());
		if (caught.ok) void this.#commit(live, caught);
		const { response, connection } = live.fanOut.open(
			who,
			this.#streamsPerToken,
			() => {
				const left = (this.#streamsByAddress.get(client) ?? 1) - 1;
				if (left > 0) this.#streamsByAddress.set(client, left);
				else this.#streamsByAddress.delete(client);
			},
			openStream,
		);
		this.#streamsByAddress.set(client, (this.#streamsByAddress.get(client) ?? 0) + 1);
		const missed = lastEventId ? live.fanOut.log.since(lastEventId, who) : undefined;
		if (lastEventId) this.#metrics?.resumed(missed !== undefined);
		if (missed) {
			for (const text of missed) connection.write(text);
			connection.write(pingEvent(this.#now()));
		} else {
			// Its id is the newest event written: the events still being written follow it on this
			// stream, and a client that reconnects with it is sent what came after.
			const id = live.fanOut.log.position();
			for (const event of game.reconnectSnapshot(live.state, who, this.#now()))
				connection.write(sseEvent(id, event));
		}
		return ok(response);
	}

	/**
	 * `answersSaved`: the step only added answers, and they are being saved already. `saveNow`: a
	 * host action, saved before it is acknowledged, with the answers it graded again. Resolves
	 * to whether the snapshot written now (if any) was saved; it never rejects.
	 */
	#commit(
		live: Live,
		step: Extract<Step, { ok: true }>,
		o: { answersSaved?: boolean; saveNow?: boolean; regraded?: StoredAnswer[] } = {},
	): Promise<boolean> {
		const phaseChanged =
			step.state.phase !== live.state.phase || step.state.index !== live.state.index;
		live.state = step.state;
		if (step.state.phase === 'ended' && (phaseChanged || o.regraded?.length))
			this.#recordForClass(live);
		// The events are sent once written (fan-out.ts), the snapshot saved beside them: a crash
		// before the snapshot is saved replays the step's cause (the answers and joins are saved,
		// the clock runs again), so the class does not wait.
		live.fanOut.deliver(step.events);
		let saved = SAVED;
		if (phaseChanged || o.saveNow || o.regraded?.length)
			saved = this.#durable(this.#snapshots.saveNow(live, o.regraded), live);
		else if (!o.answersSaved) this.#snapshots.saveSoon(live);
		this.#schedule(live);
		return saved;
	}

	/** Resolves once the saved games are back in memory (what /readyz waits for); retries a failed read. */
	whenRestored(): Promise<void> {
		return this.#restored();
	}

	/** How much this hub holds right now, for the metrics. */
	load(): LiveLoad {
		let players = 0;
		for (const live of this.#games.values()) players += live.players.size;
		let streams = 0;
		for (const n of this.#streamsByAddress.values()) streams += n;
		return { games: this.#games.size, players, streams };
	}

	/**
	 * Ends every open event stream, keeping the games (the process is stopping): each screen
	 * reconnects by itself, to whichever instance then holds its game.
	 */
	closeStreams(): void {
		for (const live of this.#games.values()) live.fanOut.close();
	}

	/** Saves every game with unsaved changes and waits for every write (also on shutdown). */
	async flush(): Promise<void> {
		await this.#snapshots.flush();
		await this.#store.settled();
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
				if (step.ok) void this.#commit(live, step);
			},
			Math.max(0, at - this.#now()) + 5,
		);
		live.timer.unref?.();
	}

	#expire() {
		const now = this.#now();
		for (const [code, live] of this.#games) {
			if (now - live.state.lastActivity > this.#idleMs) {
				this.#drop(code, live);
				void this.#durable(this.#store.deleteGame(code, live.fence));
			}
		}
	}

	/** Forgets a game in memory: its clock stops and its streams end. */
	#drop(code: string, live: Live) {
		clearTimeout(live.timer);
		live.fanOut.close();
		this.#snapshots.forget(live);
		// A game lost and taken back since is another Live: that one stays.
		if (this.#games.get(code) === live) this.#games.delete(code);
	}

	/**
	 * Another instance took the game over: it goes from here, its streams end (its clients
	 * reconnect and reach the new owner) and nothing of it is written from here again.
	 */
	#lose(live: Live) {
		if (live.lost) return;
		live.lost = true;
		this.#drop(live.state.code, live);
		log.warn({ game: live.state.code }, 'A live game was taken over by another instance');
		this.#onLeaseLost?.(live.state.code);
	}

	/**
	 * Renews the leases of every game held here, in one statement (every third of a lease). A game
	 * whose lease is no longer ours at the epoch we hold was taken over: it is dropped here. When
	 * no renewal has succeeded for a whole lease (the database unreachable), no game is sure to
	 * be ours any more: all are dropped, and their clients come back to whoever holds them.
	 */
	async renewLeases(): Promise<void> {
		if (this.#renewing) return;
		this.#renewing = true;
		const held = [...this.#games.values()];
		const now = this.#now();
		try {
			const renewed = await this.#store.renew(
				this.#instanceId,
				held.map((l) => l.state.code),
				now,
				this.#leaseMs,
			);
			this.#renewedAt = now;
			for (const live of held)
				if (renewed.get(live.state.code) !== live.fence.epoch) this.#lose(live);
			for (const code of await this.#store.wantedElsewhere(this.#instanceId)) {
				const live = this.#games.get(code);
				if (live && !live.lost) await this.#handOver(live);
			}
		} catch (error) {
			log.error({ err: error }, 'Live game leases could not be renewed');
			if (now - this.#renewedAt >= this.#leaseMs) for (const live of held) this.#lose(live);
		} finally {
			this.#renewing = false;
		}
	}

	/**
	 * Lets another instance, which its requests now reach, have a game: what is pending is saved,
	 * the lease let go (an answer that comes meanwhile is saved here under it), then the game
	 * leaves memory and its streams end, so its screens reconnect and land on the other instance.
	 */
	async #handOver(live: Live): Promise<void> {
		const code = live.state.code;
		try {
			await this.flush();
			await this.#store.releaseGame(code, live.fence, this.#now());
		} catch (error) {
			log.error({ err: error, game: code }, 'A live game could not be handed over');
			return;
		}
		this.#drop(code, live);
	}

	/**
	 * Stops every clock and stream, and resolves once every pending write has finished; then lets
	 * other instances take this one's games at once, rather than after their leases run out.
	 */
	async stop(): Promise<void> {
		if (this.#stopped) return;
		this.#stopped = true;
		const flushed = this.flush();
		clearInterval(this.#sweeper);
		clearInterval(this.#renewer);
		for (const live of this.#games.values()) {
			clearTimeout(live.timer);
			live.fanOut.stop();
		}
		await flushed;
		await this.#store.release(this.#instanceId, this.#now()).catch((error: unknown) => {
			log.error({ err: error }, 'Live game leases could not be released');
		});
	}
}
