/** Counting values into a few fixed ranges, for the distribution charts. */

export interface Bucket {
	/** Lower bound, included. */
	from: number;
	/** Upper bound, excluded, except for the last bucket, which also takes everything above. */
	to: number;
	count: number;
}

/**
 * A histogram over `edges` (n + 1 increasing bounds for n buckets). Values below the first
 * edge go to the first bucket and values at or above the last to the last, so every value is
 * counted and the counts add up to the number of values.
 */
export class Histogram {
	readonly #edges: readonly number[];
	readonly #counts: number[];

	constructor(edges: readonly number[]) {
		if (edges.length < 2) throw new RangeError('a histogram needs at least two edges');
		this.#edges = edges;
		this.#counts = new Array<number>(edges.length - 1).fill(0);
	}

	add(value: number): void {
		let i = this.#counts.length - 1;
		while (i > 0 && value < this.#edges[i]) i--;
		this.#counts[i]++;
	}

	buckets(): Bucket[] {
		return this.#counts.map((count, i) => ({
			from: this.#edges[i],
			to: this.#edges[i + 1],
			count,
		}));
	}
}
