/**
 * The classroom's limits, as rules with no storage: the counts live in a store the server
 * provides (see $lib/server/live/rate-limit), one process's memory today, a store shared by
 * every instance later. Windows are fixed and aligned on the clock, so instances that share a
 * store agree on which window a moment belongs to without talking to each other.
 */

export interface WindowRule {
	/** How many may be counted in one window; the next is refused. */
	limit: number;
	windowMs: number;
}

/** The window `now` falls in: its number (part of the store's key) and when it ends. */
export function windowOf(rule: WindowRule, now: number): { id: number; endsAt: number } {
	const id = Math.floor(now / rule.windowMs);
	return { id, endsAt: (id + 1) * rule.windowMs };
}

export const isOver = (count: number, rule: WindowRule): boolean => count >= rule.limit;

/**
 * The defaults, each overridable by the server's environment. A class behind one school
 * address is 40–60 phones and a projector; a school may run several classes at once.
 */
export const DEFAULT_LIMITS = {
	/**
	 * Misses per address: a join to a code that does not exist, or a stream, answer or host
	 * request with a token that is not the game's. Joins through the projector's link or QR code
	 * (with the game's join key) and requests with a valid token are never counted or refused.
	 */
	misses: { limit: 30, windowMs: 60_000 },
	/** Games created per address. */
	creates: { limit: 20, windowMs: 10 * 60_000 },
	/** Games held at once (lobby to ended, until they expire); each holds one of the 10⁶ codes. */
	maxGames: 1000,
	/** Open event streams per token: a phone's tab, and streams its reconnects left half-open. */
	streamsPerToken: 4,
	/** Open event streams per address: many classes behind one school address, many times over. */
	streamsPerAddress: 1000,
} as const;
