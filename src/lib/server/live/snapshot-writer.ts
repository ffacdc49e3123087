/**
 * When a game's snapshot is saved. Joins and answers have rows of their own, written before
 * they are acknowledged, so the snapshot (the game without its answers) is written at once only
 * when the phase changes or the host acts; changes that only move the lobby (who joined, scores)
 * are gathered and written a moment later: a class joining in the same second would otherwise
 * write the whole game once per player.
 */
import type { GameState } from '$lib/live/state';
import { LeaseLost, type Fence } from './leases';
import type { LiveStore, StoredAnswer } from './store';
import { log } from '../log';

/**
 * At most this long between a change that only moves the lobby and the game's snapshot being
 * written.
 */
export const SAVE_DELAY_MS = 200;

/** A game as the hub holds it: the writer reads its state when it writes, not before. */
interface Held {
	readonly state: GameState;
	/** The game's lease as the hub holds it: every write checks it. */
	readonly fence: Fence;
}

export class SnapshotWriter {
	readonly #store: LiveStore;
	readonly #now: () => number;
	readonly #dirty = new Set<Held>();
	readonly #failed: (game: Held, error: unknown) => void;
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** `failed`: told of a delayed write that failed (the hub drops a game it lost). */
	constructor(
		store: LiveStore,
		now: () => number,
		failed: (game: Held, error: unknown) => void = () => {},
	) {
		this.#store = store;
		this.#now = now;
		this.#failed = failed;
	}

	/**
	 * Writes the snapshot of the game as it is now, with the answers graded again since they were
	 * saved; resolves once it is saved.
	 */
	saveNow(game: Held, regraded: StoredAnswer[] = []): Promise<void> {
		this.#dirty.delete(game);
		// The answers have rows of their own, written before this in the game's order of writes:
		// the snapshot leaves them out, which keeps it small enough to write at every phase change.
		const snapshot = { ...game.state, answers: {} };
		const ended = game.state.phase === 'ended';
		return this.#store.saveGame(
			game.state.code,
			snapshot,
			this.#now(),
			ended,
			game.fence,
			regraded,
		);
	}

	/** A game the hub no longer holds: its waiting snapshot is not written. */
	forget(game: Held) {
		this.#dirty.delete(game);
	}

	/** Writes the snapshot within SAVE_DELAY_MS. */
	saveSoon(game: Held) {
		this.#dirty.add(game);
		if (this.#timer) return;
		this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/**
	 * Writes every snapshot still waiting (also on shutdown); resolves once they are written. A
	 * failed write is logged: the game's next change writes its snapshot again.
	 */
	async flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const writes = [...this.#dirty].map((game) =>
			this.saveNow(game).catch((error: unknown) => {
				// A game another instance took over is the hub's to report.
				if (!(error instanceof LeaseLost))
					log.error({ err: error, game: game.state.code }, 'A live game could not be saved');
				this.#failed(game, error);
			}),
		);
		await Promise.all(writes);
	}
}

/** Answers a step changed (graded again), as rows to replace: kept answers are the same objects. */
export function regradedAnswers(before: GameState, after: GameState): StoredAnswer[] {
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
