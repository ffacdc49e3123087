/**
 * The reviews due on each of the days a study session may balance intervals onto (load-balance.ts):
 * counted once when the session loads its deck, then kept as the session moves cards, so an
 * answer never waits for a count. Counted per deck, as Anki counts per preset: each deck has
 * options of its own, and its daily limit is what the learner feels.
 */
import { MAX_BALANCED_DAYS, type DayLoad, type EasyDays } from './load-balance.ts';
import type { MemoryState } from './records.ts';
import type { StudyDay, StudyDays } from './study-day.ts';

/** Counts a deck's cards due in each of the spans [start, end) (ms). */
export type CountDue = (
	deck: string,
	spans: readonly { start: number; end: number }[],
) => Promise<number[]>;

export class DueLoad implements DayLoad {
	readonly easyDays: EasyDays;
	readonly #days: StudyDays;
	/** Cards due on each counted day; a day not held is outside the window. */
	readonly #counts: Map<number, number>;

	private constructor(easyDays: EasyDays, days: StudyDays, counts: Map<number, number>) {
		this.easyDays = easyDays;
		this.#days = days;
		this.#counts = counts;
	}

	/** The days after `today` that a balanced interval can reach, each counted. */
	static async count(
		countDue: CountDue,
		deck: string,
		days: StudyDays,
		today: StudyDay,
		easyDays: EasyDays,
	): Promise<DueLoad> {
		const window = Array.from({ length: MAX_BALANCED_DAYS }, (_, i) =>
			days.numbered(today.day + 1 + i),
		);
		const counts = await countDue(deck, window);
		return new DueLoad(easyDays, days, new Map(window.map((d, i) => [d.day, counts[i]])));
	}

	due(day: number): number {
		return this.#counts.get(day) ?? 0;
	}

	/** A card of the deck moved from `before` to `after` (answered, or the answer undone). */
	moved(before: MemoryState | undefined, after: MemoryState | undefined) {
		if (before) this.#add(before.due, -1);
		if (after) this.#add(after.due, 1);
	}

	#add(due: number, n: number) {
		const day = this.#days.of(due).day;
		const held = this.#counts.get(day);
		if (held !== undefined) this.#counts.set(day, Math.max(0, held + n));
	}
}
