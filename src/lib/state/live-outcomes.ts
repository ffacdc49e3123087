/**
 * A phone's outcomes of one game, kept for the tab (`sessionStorage`): the stream's snapshot
 * after a reload has no per-question outcomes, and the final screen's "add to my reviews" needs
 * them, and must know whether they were added already (adding twice would count each answer
 * twice).
 */
import * as v from 'valibot';
import { Outcome } from '$lib/live/view';
import { storedValue, type StoredValue } from '$lib/storage/web-storage';

const KeptOutcomes = v.object({
	/** By question index. */
	outcomes: v.record(v.pipe(v.string(), v.regex(/^\d{1,3}$/)), Outcome),
	/** How many reviews were added from them; absent until they are. */
	added: v.optional(v.number()),
});
export type KeptOutcomes = v.InferOutput<typeof KeptOutcomes>;

export const keptOutcomes = (code: string): StoredValue<KeptOutcomes> =>
	storedValue('session', `kioku:live-outcomes:${code}`, KeptOutcomes, { outcomes: {} });
