/**
 * Live games in the server's database (SQLite or PostgreSQL, through Kysely): each game's state
 * as a JSON snapshot without its answers, the hashes of its tokens, each player as they joined
 * and each answer as its own row, written before the join or answer is acknowledged: rewriting a
 * 2,000-player game for every join or answer would cost far more than the join or answer. A
 * restart reloads every unfinished game with its players and answers, so the class carries on.
 *
 * Writes for one game run one after another, in the order they were asked for: a snapshot never
 * overwrites a newer one, and players and answers get their place (`seq`) in the order the hub
 * took them, even on a pool of PostgreSQL connections. Different games write side by side.
 */
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/connection.ts';
import type { ServerSchema } from '../db/schema.ts';

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

/** A game as saved: its snapshot (JSON, without answers), tokens, players and answers. */
export interface StoredGame {
	code: string;
	state: string;
	ended: boolean;
	tokens: StoredToken[];
	players: StoredPlayer[];
	answers: StoredAnswer[];
}

export interface LiveStore {
	/** A new player and their token, in one transaction: saved before the join is acknowledged. */
	saveJoin(code: string, token: StoredToken, player: StoredPlayer): Promise<void>;
	/** A batch of answers in one transaction; an answer already saved is left as it is. */
	saveAnswers(code: string, answers: StoredAnswer[]): Promise<void>;
	/**
	 * The snapshot (`state`, saved as JSON), and answers graded again since they were saved
	 * (replacing their rows, in their place), in one transaction.
	 */
	saveGame(
		code: string,
		state: unknown,
		now: number,
		ended: boolean,
		regraded?: StoredAnswer[],
	): Promise<void>;
	saveToken(code: string, token: StoredToken): Promise<void>;
	/** Every game saved since `since` (ms), ended or not, with players and answers in saved order. */
	loadGames(since: number): Promise<StoredGame[]>;
	deleteGame(code: string): Promise<void>;
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

export function createLiveStore(db: ServerDatabase): LiveStore {
	const { kysely } = db;
	/** Per game, the last write asked for (never rejects): the next one starts after it. */
	const tails = new Map<string, Promise<void>>();

	function inTurn(code: string, write: () => Promise<void>): Promise<void> {
		const run = (tails.get(code) ?? Promise.resolve()).then(write);
		const tail = run.then(
			() => {},
			() => {},
		);
		tails.set(code, tail);
		void tail.then(() => {
			if (tails.get(code) === tail) tails.delete(code);
		});
		return run;
	}

	const insertToken = (tx: Tx, code: string, token: StoredToken) =>
		tx
			.insertInto('live_token')
			.values({ code, hash: token.hash, role: token.role, player_id: token.playerId })
			.onConflict((oc) => oc.columns(['code', 'hash']).doNothing())
			.execute();

	async function insertAnswers(tx: Tx, code: string, answers: StoredAnswer[], replace: boolean) {
		for (const rows of chunks(answers)) {
			await tx
				.insertInto('live_answer')
				.values(
					rows.map((a) => ({
						code,
						question: a.question,
						player_id: a.playerId,
						record: a.record,
					})),
				)
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
		saveJoin: (code, token, player) =>
			inTurn(code, () =>
				kysely.transaction().execute(async (tx) => {
					await insertToken(tx, code, token);
					await tx
						.insertInto('live_player')
						.values({ code, player_id: player.playerId, record: player.record })
						.onConflict((oc) => oc.columns(['code', 'player_id']).doNothing())
						.execute();
				}),
			),

		saveAnswers: (code, answers) =>
			answers.length === 0
				? Promise.resolve()
				: inTurn(code, () =>
						kysely.transaction().execute((tx) => insertAnswers(tx, code, answers, false)),
					),

		saveGame: (code, state, now, ended, regraded = []) => {
			const row = { code, state: JSON.stringify(state), updated_at: now, ended: ended ? 1 : 0 };
			// The same answer twice in one upsert is an error on PostgreSQL: the later record wins.
			const answers = [
				...new Map(regraded.map((a) => [`${a.question}:${a.playerId}`, a])).values(),
			];
			return inTurn(code, () =>
				kysely.transaction().execute(async (tx) => {
					await tx
						.insertInto('live_game')
						.values(row)
						.onConflict((oc) =>
							oc.column('code').doUpdateSet({
								state: row.state,
								updated_at: row.updated_at,
								ended: row.ended,
							}),
						)
						.execute();
					await insertAnswers(tx, code, answers, true);
				}),
			);
		},

		saveToken: (code, token) =>
			inTurn(code, async () => {
				await insertToken(kysely, code, token);
			}),

		async loadGames(since) {
			const games = await kysely
				.selectFrom('live_game')
				.select(['code', 'state', 'ended'])
				.where('updated_at', '>=', since)
				.execute();
			if (games.length === 0) return [];
			const codes = games.map((g) => g.code);
			const [tokens, players, answers] = await Promise.all([
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
			return [...byCode.values()];
		},

		deleteGame: (code) =>
			inTurn(code, () =>
				kysely.transaction().execute(async (tx) => {
					await tx.deleteFrom('live_game').where('code', '=', code).execute();
					await tx.deleteFrom('live_token').where('code', '=', code).execute();
					await tx.deleteFrom('live_player').where('code', '=', code).execute();
					await tx.deleteFrom('live_answer').where('code', '=', code).execute();
				}),
			),

		async settled() {
			while (tails.size > 0) await Promise.all(tails.values());
		},
	};
}
