/**
 * Ranks as a class reads them: equal scores share a rank (1, 1, 3) and say they are tied; a
 * round's movement is the rank before its points were added minus the rank after.
 */

export interface Place {
	/** 1 for the best; equal scores share one. */
	rank: number;
	/** Another player has the same score (and so the same rank). */
	tied: boolean;
}

/** The place of each score of a list sorted best first (highest score first). */
export function placesOf(sortedScores: readonly number[]): Place[] {
	const n = sortedScores.length;
	const places: Place[] = new Array(n);
	let rank = 0;
	for (let i = 0; i < n; i++) {
		const score = sortedScores[i];
		if (i === 0 || sortedScores[i - 1] !== score) rank = i + 1;
		const tied =
			(i > 0 && sortedScores[i - 1] === score) || (i < n - 1 && sortedScores[i + 1] === score);
		places[i] = { rank, tied };
	}
	return places;
}

/**
 * A function giving the rank a score would have among `scores` (any order): one plus the number
 * of higher scores. Sorts once, then answers each score by binary search.
 */
export function rankAmong(scores: readonly number[]): (score: number) => number {
	const sorted = [...scores].sort((a, b) => b - a);
	return (score) => {
		let lo = 0;
		let hi = sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (sorted[mid] > score) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	};
}

/** Places climbed this round; 0 for none or a fall (the board shows only who moved up). */
export const placesClimbed = (before: number, after: number) => Math.max(0, before - after);

/**
 * The podium's columns, left to right, as podiums stand: second, first, third. Each entry is
 * the index into the best-first list, so the markup can keep the reading order 1, 2, 3.
 */
export function podiumColumn(index: number): number {
	return [2, 1, 3][index] ?? index + 1;
}
