/** A shuffle that is the same for the same seed: a card's order items keep their order on re-render. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
	let state = 2166136261;
	for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619);
	const random = () => {
		// mulberry32
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	// A shuffle that leaves every item in place would give the answer away.
	if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
	return out;
}
