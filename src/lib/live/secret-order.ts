/**
 * The order a live game shows options in, drawn from a per-game secret the server keeps to
 * itself. Everything else about a question is public (the code, its index, its id, the bank
 * with its right answers), so an order derived from those alone can be computed by a phone:
 * with coloured buttons only, that tells it which colour is right. The secret is 128 random
 * bits from the server's cryptographic source; this module only stretches it into orders.
 *
 * Every order is equally likely (a shuffle that refused the bank order would show a right answer
 * listed first less often first: a bias a class would find). Unlike `random/seeded-shuffle.ts`,
 * whose 32-bit state a class could search from the orders it has seen, the generator here keeps
 * 128 bits of state, so the secret cannot be worked back from the game's first questions.
 */

/** cyrb128: four well-mixed 32-bit words from a string (the generator's 128-bit state). */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: a small generator with 128 bits of state; numbers in [0, 1). */
function sfc32([a, b, c, d]: [number, number, number, number]): () => number {
	return () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

/**
 * A uniform shuffle of `items`, the same for the same secret and label (a label names what is
 * shuffled, e.g. the question's index and id, so each question gets its own order).
 */
export function secretShuffle<T>(items: readonly T[], secret: string, label: string): T[] {
	const random = sfc32(hash128(`${secret}\u0000${label}`));
	// A few draws first: the first outputs of a freshly seeded sfc32 are less well mixed.
	for (let i = 0; i < 12; i++) random();
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** As `secretShuffle`, but never the given order: for order questions, where that order is the answer. */
export function secretShuffleNotAsGiven<T>(
	items: readonly T[],
	secret: string,
	label: string,
): T[] {
	const out = secretShuffle(items, secret, label);
	if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
	return out;
}
