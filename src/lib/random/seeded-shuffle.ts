/**
 * Shuffles that are the same for the same seed: a test link, or a card on re-render, keeps its
 * order. Not quiz logic: the bank's exports show order items in the arrangement the study screen
 * starts them in, and tests, cards and statistics draw from it too, so it sits below them all
 * and imports nothing. Not for secrets (its state is 32 bits): see `live/secret-order.ts`.
 */

/** Numbers in [0, 1), the same sequence for the same seed (mulberry32, 32-bit state). */
export function seededRandom(seed: string): () => number {
	let state = 2166136261;
	for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619);
	return () => {
		// mulberry32
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Every order equally likely (Fisher–Yates), the given one included. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
	const random = seededRandom(seed);
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * Order items' starting arrangement: any order but the given one, which is the answer. Drawn
 * again rather than rotated, so every other arrangement stays equally likely.
 */
export function seededArrangement<T>(items: readonly T[], seed: string): T[] {
	let out = seededShuffle(items, seed);
	for (let k = 1; items.length > 1 && out.every((x, i) => x === items[i]); k++)
		out = seededShuffle(items, `${seed}#${k}`);
	return out;
}
