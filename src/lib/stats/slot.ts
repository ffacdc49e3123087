/** The span of one review aggregate (review-aggregates.ts): a quarter hour of UTC time. */
export const SLOT_MS = 15 * 60_000;
