/**
 * Live games in the server's database (SQLite or PostgreSQL, through Kysely): each game's state
 * as a JSON snapshot without its answers, the hashes of its tokens, each player as they joined
 * and each answer as its own row, written before the join or answer is acknowledged: rewriting a
 * 2,000-player game for every join or answer would cost far more than the join or answer. An
 * instance that takes a game over (a restarted one, or another when its owner stopped) reloads it
 * with its players and answers, so the class carries on. Each write checks the game's lease
 * (leases.ts) in its own transaction.
 *
 * A game's writes run one transaction at a time, in the order they were asked for, and those of
 * many games go together in one (see `inTurn`): a snapshot never overwrites a newer one, and
 * players and answers get their place (`seq`) in the order the hub took them, even on a pool of
 * PostgreSQL connections.
 */
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/connection.ts';
import type { ServerSchema } from '../db/schema.ts';
import type { StoredEvents } from './event-journal.ts';
import { checkFences, createLeaseStore, LeaseLost, type Fence, type LeaseStore } from './leases.ts';

export interface StoredToken {
	hash: string;
	/** `join`: the game's join key (in the projector's link), which skips the guess limit. */
	role: 'host' | 'player' | 'join';
	playerId: string | null;
}

export interface StoredPlayer {
	playerId: string;
	/** The player as they joined, as JSON; the snapshot has their later scores. */
	record: string;
}

export interface StoredAnswer {
	question: number;
	playerId: string;
	/** The answer record as JSON. */
	record: string;
}

/** A game as saved: its snapshot (JSON, without answers), tokens, players, answers and event log. */
export interface StoredGame {
	code: string;
	state: string;
	ended: boolean;
	tokens: StoredToken[];
	players: StoredPlayer[];
	answers: StoredAnswer[];
	/** The event log's batches, in order. */
	events: StoredEvents[];
}

/**
 * Every write names the game's lease as the hub holds it (`fence`) and checks it in its own
 * transaction: when another instance has taken the game over, the write rejects with LeaseLost
 * and writes nothing.
 */
export interface LiveStore extends LeaseStore {
	/** A new player and their token, in one transaction: saved before the join is acknowledged. */
	saveJoin(code: string, token: StoredToken, player: StoredPlayer, fence: Fence): Promise<void>;
	/** A batch of answers in one transaction; an answer already saved is left as it is. */
	saveAnswers(code: string, answers: StoredAnswer[], fence: Fence): Promise<void>;
	/**
	 * The snapshot (`state`, saved as JSON), and answers graded again since they were saved
	 * (replacing their rows, in their place), in one transaction.
	 */
	saveGame(
		code: string,
		state: unknown,
		now: number,
		ended: boolean,
		fence: Fence,
		regraded?: StoredAnswer[],
	): Promise<void>;
	saveToken(code: string, token: StoredToken, fence: Fence): Promise<void>;
	/**
	 * A batch of the game's events, written before they are sent; the batches that end at or
	 * before `forgetThrough` (events the log no longer keeps) go.
	 */
	saveEvents(
		code: string,
		events: StoredEvents,
		forgetThrough: number,
		fence: Fence,
	): Promise<void>;
	/**
	 * Every game saved since `since` (ms), ended or not, with players and answers in saved order;
	 * only the games in `codes` when given.
	 */
	loadGames(since: number, codes?: string[]): Promise<StoredGame[]>;
	/** The game and its lease go. */
	deleteGame(code: string, fence: Fence): Promise<void>;
	/** Resolves once every write asked for so far has finished (or failed). */
	settled(): Promise<void>;
}

/** The database or a transaction on it. */
type Tx = Kysely<ServerSchema>;

/**
 * Rows per INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters, and a
 * whole class's answers to one question in one statement.
 */
const ROWS_PER_INSERT = 1000;

function chunks<T>(rows: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
		out.push(rows.slice(i, i + ROWS_PER_INSERT));
	return out;
}

/**
 * A write asked for: rows to add, answers to replace, a snapshot, or the game's removal. Writes
 * that wait their turn together are merged into one transaction (see `inTurn`).
 */
interface Write {
	fence: Fence;
	tokens?: StoredToken[];
	players?: StoredPlayer[];
	answers?: StoredAnswer[];
	regraded?: StoredAnswer[];
	game?: { state: string; updated_at: number; ended: number };
	events?: StoredEvents[];
	forgetEvents?: number;
	remove?: true;
}

interface Queued {
	write: Write;
	resolve: () => void;
	reject: (error: unknown) => void;
}

/** One game's part of a group: the writes taken from the head of its queue, merged. */
interface GameRun {
	code: string;
	items: Queued[];
	write: Write;
}

/** Every table that holds a game's rows: a removal empties them all. */
const LIVE_TABLES = [
	'live_lease',
	'live_game',
	'live_token',
	'live_player',
	'live_answer',
	'live_event',
] as const;

type AnswerRow = { code: string; question: number; player_id: string; record: string };

const answerRow = (code: string, a: StoredAnswer): AnswerRow => ({
	code,
	question: a.question,
	player_id: a.playerId,
	record: a.record,
});

/**
 * How many writes at the head of a game's queue go in the next group as one. A removal goes
 * alone: what was asked before it is written first, what after it, after. So does a write under
 * another fence (the game was lost and taken back meanwhile). Events wait for their write before
 * they are sent: a snapshot after them (a 2,000-player game's is large) goes in the next group
 * rather than holding them back.
 */
function nextRun(queue: Queued[]): number {
	const first = queue[0].write;
	let at = 1;
	let events = !!first.events?.length;
	for (; !first.remove && at < queue.length; at++) {
		const w = queue[at].write;
		const sameFence = w.fence.owner === first.fence.owner && w.fence.epoch === first.fence.epoch;
		if (w.remove || !sameFence || (events && w.game)) break;
		events ||= !!w.events?.length;
	}
	return at;
}

/**
 * Writes in order as one: rows in the order asked, the newest snapshot, the last re-grade of an
 * answer. They carry the same fence (see `nextRun`).
 */
function merged(writes: Write[]): Write {
	const all: Required<Omit<Write, 'game' | 'remove'>> & Pick<Write, 'game'> = {
		fence: writes[0].fence,
		tokens: [],
		players: [],
		answers: [],
		regraded: [],
		events: [],
		forgetEvents: 0,
	};
	for (const w of writes) {
		all.tokens.push(...(w.tokens ?? []));
		all.players.push(...(w.players ?? []));
		all.answers.push(...(w.answers ?? []));
		all.regraded.push(...(w.regraded ?? []));
		all.events.push(...(w.events ?? []));
		all.forgetEvents = Math.max(all.forgetEvents, w.forgetEvents ?? 0);
		all.game = w.game ?? all.game;
	}
	// The same answer twice in one upsert is an error on PostgreSQL: the later record wins.
	all.regraded = [...new Map(all.regraded.map((a) => [`${a.question}:${a.playerId}`, a])).values()];
	return all;
}

/**
 * Groups in flight at once on PostgreSQL: a write need not wait for another game's group to
 * commit (each is several round trips), and a few connections of the pool stay free for the
 * rest of the server. SQLite has one connection and writes one transaction at a time anyway.
 */
const GROUPS_IN_FLIGHT = { postgres: 4, sqlite: 1 } as const;

export function createLiveStore(db: ServerDatabase): LiveStore {
	const { kysely } = db;
	const leases = createLeaseStore(kysely, db.kind);
	const maxInFlight = GROUPS_IN_FLIGHT[db.kind];
	/** Per game, the writes not yet committed; a game is listed while it has some. */
	const queues = new Map<string, Queued[]>();
	/** The games in a group being committed: their next writes wait for it. */
	const inFlight = new Set<string>();
	let groupsInFlight = 0;
	/** Set from a write asked for until the groups for it have started. */
	let scheduled = false;
	/** Resolves when no game is writing. */
	let idle: { promise: Promise<void>; resolve: () => void } | undefined;

	/**
	 * Writes are committed in groups: every game's writes that waited go together in one
	 * transaction (one fence check, one INSERT per table), as PostgreSQL itself groups commits.
	 * A class joining at once, or fifty games starting a question at the same moment, costs a few
	 * transactions rather than one after another per phone or per game (on PostgreSQL each is
	 * several round trips and a commit). So do writes asked for in the same turn of the event
	 * loop (a batch of answers and the events that tell of them). A game is in one group at a
	 * time, so its writes commit in the order asked for. If a group fails, each game's writes
	 * are tried on their own and then one by one, so one bad write fails alone.
	 */
	function inTurn(code: string, write: Write): Promise<void> {
		return new Promise((resolve, reject) => {
			const queue = queues.get(code);
			if (queue) queue.push({ write, resolve, reject });
			else queues.set(code, [{ write, resolve, reject }]);
			if (!scheduled) {
				scheduled = true;
				queueMicrotask(startGroups);
			}
		});
	}

	/**
	 * The next group: from each game not already in flight, the writes at the head of its queue
	 * that can go as one (see `nextRun`).
	 */
	function nextGroup(): GameRun[] {
		const group: GameRun[] = [];
		for (const [code, queue] of queues) {
			if (inFlight.has(code)) continue;
			const items = queue.splice(0, nextRun(queue));
			if (queue.length === 0) queues.delete(code);
			group.push({
				code,
				items,
				write: items.length === 1 ? items[0].write : merged(items.map((q) => q.write)),
			});
		}
		return group;
	}

	function startGroups() {
		scheduled = false;
		while (groupsInFlight < maxInFlight) {
			const group = nextGroup();
			if (group.length === 0) break;
			groupsInFlight++;
			for (const run of group) inFlight.add(run.code);
			void commitInGroup(group).finally(() => {
				groupsInFlight--;
				for (const run of group) inFlight.delete(run.code);
				startGroups();
				if (groupsInFlight === 0 && queues.size === 0) idle?.resolve();
			});
		}
	}

	async function commitInGroup(group: GameRun[]) {
		try {
			const lost = await commitGroup(group);
			for (const run of group)
				for (const q of run.items) {
					if (lost.has(run.code)) q.reject(new LeaseLost(run.code));
					else q.resolve();
				}
		} catch {
			// A bad write fails alone: each game on its own, then each write on its own.
			for (const run of group) await commitAlone(run);
		}
	}

	async function commitAlone({ code, items, write }: GameRun) {
		try {
			await commitGroup([{ code, items, write }], true);
			for (const q of items) q.resolve();
		} catch (error) {
			// A lost lease fails every write under it: trying them one by one cannot help.
			if (items.length === 1 || error instanceof LeaseLost) for (const q of items) q.reject(error);
			else
				for (const q of items)
					await commitGroup([{ code, items: [q], write: q.write }], true).then(q.resolve, q.reject);
		}
	}

	/**
	 * One transaction for the group. Each game's lease is checked first (and locked until the
	 * commit); a game whose lease has moved writes nothing and is returned, or with `strict`
	 * (a game alone) throws LeaseLost.
	 */
	const commitGroup = (group: GameRun[], strict = false) =>
		kysely.transaction().execute(async (tx) => {
			const held = await checkFences(
				tx,
				db.kind,
				group.map((r) => ({ code: r.code, fence: r.write.fence })),
			);
			const lost = new Set(group.filter((r) => !held.has(r.code)).map((r) => r.code));
			if (strict && lost.size > 0) throw new LeaseLost(group[0].code);
			const runs = group.filter((r) => !lost.has(r.code));
			const removed = runs.filter((r) => r.write.remove).map((r) => r.code);
			for (const codes of chunks(removed))
				for (const table of LIVE_TABLES)
					await tx.deleteFrom(table).where('code', 'in', codes).execute();
			const writes = runs.filter((r) => !r.write.remove);
			const all = <T, R>(pick: (w: Write) => T[] | undefined, row: (code: string, item: T) => R) =>
				writes.flatMap((r) => (pick(r.write) ?? []).map((item) => row(r.code, item)));

			for (const rows of chunks(
				all(
					(w) => w.tokens,
					(code, t) => ({ code, hash: t.hash, role: t.role, player_id: t.playerId }),
				),
			))
				await tx
					.insertInto('live_token')
					.values(rows)
					.onConflict((oc) => oc.columns(['code', 'hash']).doNothing())
					.execute();
			for (const rows of chunks(
				all(
					(w) => w.players,
					(code, p) => ({ code, player_id: p.playerId, record: p.record }),
				),
			))
				await tx
					.insertInto('live_player')
					.values(rows)
					.onConflict((oc) => oc.columns(['code', 'player_id']).doNothing())
					.execute();
			// New answers before re-grades: an answer graded again was saved before it was.
			await insertAnswers(
				tx,
				all((w) => w.answers, answerRow),
				false,
			);
			for (const rows of chunks(
				all(
					(w) => (w.game ? [w.game] : []),
					(code, g) => ({ code, ...g }),
				),
			))
				await tx
					.insertInto('live_game')
					.values(rows)
					.onConflict((oc) =>
						oc.column('code').doUpdateSet({
							state: (eb) => eb.ref('excluded.state'),
							updated_at: (eb) => eb.ref('excluded.updated_at'),
							ended: (eb) => eb.ref('excluded.ended'),
						}),
					)
					.execute();
			await insertAnswers(
				tx,
				all((w) => w.regraded, answerRow),
				true,
			);
			for (const rows of chunks(
				all(
					(w) => w.events,
					(code, e) => ({ code, seq: e.last, first: e.first, tag: e.tag, events: e.events }),
				),
			))
				await tx.insertInto('live_event').values(rows).execute();
			const forget = writes.filter((r) => r.write.forgetEvents);
			if (forget.length > 0)
				await tx
					.deleteFrom('live_event')
					.where((eb) =>
						eb.or(
							forget.map((r) =>
								eb.and([eb('code', '=', r.code), eb('seq', '<=', r.write.forgetEvents!)]),
							),
						),
					)
					.execute();
			return lost;
		});

	async function insertAnswers(tx: Tx, answers: AnswerRow[], replace: boolean) {
		for (const rows of chunks(answers)) {
			await tx
				.insertInto('live_answer')
				.values(rows)
				.onConflict((oc) => {
					const same = oc.columns(['code', 'question', 'player_id']);
					return replace
						? same.doUpdateSet({ record: (eb) => eb.ref('excluded.record') })
						: same.doNothing();
				})
				.execute();
		}
	}

	return {
		...leases,

		saveJoin: (code, token, player, fence) =>
			inTurn(code, { fence, tokens: [token], players: [player] }),

		saveAnswers: (code, answers, fence) =>
			answers.length === 0 ? Promise.resolve() : inTurn(code, { fence, answers }),

		saveGame: (code, state, now, ended, fence, regraded = []) =>
			inTurn(code, {
				fence,
				game: { state: JSON.stringify(state), updated_at: now, ended: ended ? 1 : 0 },
				regraded: merged([{ fence, regraded }]).regraded,
			}),

		saveToken: (code, token, fence) => inTurn(code, { fence, tokens: [token] }),

		saveEvents: (code, events, forgetThrough, fence) =>
			inTurn(code, { fence, events: [events], forgetEvents: forgetThrough }),

		async loadGames(since, only) {
			if (only?.length === 0) return [];
			let query = kysely
				.selectFrom('live_game')
				.select(['code', 'state', 'ended'])
				.where('updated_at', '>=', since);
			if (only) query = query.where('code', 'in', only);
			const games = await query.execute();
			if (games.length === 0) return [];
			const codes = games.map((g) => g.code);
			const [tokens, players, answers, events] = await Promise.all([
				kysely
					.selectFrom('live_token')
					.select(['code', 'hash', 'role', 'player_id'])
					.where('code', 'in', codes)
					.execute(),
				kysely
					.selectFrom('live_player')
					.select(['code', 'player_id', 'record'])
					.where('code', 'in', codes)
					.orderBy('seq')
					.execute(),
				kysely
					.selectFrom('live_answer')
					.select(['code', 'question', 'player_id', 'record'])
					.where('code', 'in', codes)
					.orderBy('seq')
					.execute(),
				kysely
					.selectFrom('live_event')
					.select(['code', 'seq', 'first', 'tag', 'events'])
					.where('code', 'in', codes)
					.orderBy('seq')
					.execute(),
			]);
			const byCode = new Map<string, StoredGame>(
				games.map((g) => [
					g.code,
					{
						code: g.code,
						state: g.state,
						ended: Number(g.ended) === 1,
						tokens: [],
						players: [],
						answers: [],
						events: [],
					},
				]),
			);
			for (const t of tokens)
				byCode.get(t.code)?.tokens.push({ hash: t.hash, role: t.role, playerId: t.player_id });
			for (const p of players)
				byCode.get(p.code)?.players.push({ playerId: p.player_id, record: p.record });
			for (const a of answers)
				byCode.get(a.code)?.answers.push({
					question: Number(a.question),
					playerId: a.player_id,
					record: a.record,
				});
			for (const e of events)
				byCode.get(e.code)?.events.push({
					tag: e.tag,
					first: Number(e.first),
					last: Number(e.seq),
					events: e.events,
				});
			return [...byCode.values()];
		},

		deleteGame: (code, fence) => inTurn(code, { fence, remove: true }),

		settled() {
			if (groupsInFlight === 0 && queues.size === 0) return Promise.resolve();
			if (!idle) {
				let resolve = () => {};
				const promise = new Promise<void>((r) => (resolve = r));
				idle = { promise, resolve: () => ((idle = undefined), resolve()) };
			}
			return idle.promise;
		},
	};
}
