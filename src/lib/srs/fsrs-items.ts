/**
 * Review logs as the FSRS optimizer's training items, built the way fsrs-rs builds them from
 * Anki's revlog (`convert_to_fsrs_items`):
 *
 * - a card's history starts at its last review made in state New (a reset card starts over; a
 *   card with no New review, its start not being in the log, gives no items);
 * - each review's `deltaT` is the number of the learner's study days (study-day.ts: local hour
 *   the day starts at, time zone) since the card's previous review, 0 for the first review and
 *   for a review on the same study day;
 * - every review made on a later study day than the one before it gives one item: the card's
 *   reviews up to and including it. The last review is what is predicted (recalled unless Again);
 *   the earlier ones, same-day learning steps included, are the history. Items are in the order
 *   of their last review, which fsrs-rs's recency weighting relies on.
 *
 * How much data is enough follows fsrs-rs's `compute_parameters`, after `filter_outlier`
 * (ported below so the count is the one the optimizer will see):
 *
 * - fewer than 8 training items: it returns the default parameters unchanged;
 * - fewer than 64: it fits only the initial stabilities w0–w3 (from the cards' first long-term
 *   reviews) and keeps the other parameters at their defaults;
 * - 64 or more: it trains all parameters. Kioku offers optimisation from here: `MIN_TRAINING_ITEMS`.
 * - It also needs one first rating with a delta_t answered by 6 or more cards that survives the
 *   outlier filter, or it panics with NotEnoughData, which kills the WASM instance; the readiness
 *   check below refuses that case up front.
 */
import { countsAfterForget } from './forget.ts';
import type { Grade, ReviewLogRecord } from './records.ts';
import { StudyDays, type DayBoundary } from './study-day.ts';

export interface FsrsReview {
	rating: Grade;
	/** Study days since the card's previous review; 0 for the first and for same-day reviews. */
	deltaT: number;
}

export interface FsrsItem {
	cardId: string;
	/** When the last review was made (ms): items are sorted by it. */
	time: number;
	/** The card's reviews up to the one predicted (the last), oldest first; 2 or more. */
	reviews: FsrsReview[];
}

/** What items are built from: review log records, or rows read back from the optimizer CSV. */
export type ReviewEvent = Pick<ReviewLogRecord, 'cardId' | 'review' | 'rating'> & {
	/** The card's state before the review (0 New); when absent, a card's first review is its start. */
	state?: number;
};

export type { DayBoundary };

/** fsrs-rs's thresholds (see the module comment). */
export const MIN_ITEMS_FOR_ANY_CHANGE = 8;
export const MIN_TRAINING_ITEMS = 64;
/** Epochs of fsrs-rs's training (its `TrainingConfig::num_epochs`); the progress bar's scale. */
export const OPTIMIZER_EPOCHS = 5;
/** fsrs-rs drops items longer than this from training (`max_seq_len`). */
export const MAX_ITEM_LENGTH = 64;

const NEW = 0;

/**
 * The reviews a fit learns from: a card's reviews until it was forgotten (reset to new, see
 * forget.ts) are left out, as fsrs-rs leaves out those before Anki's manual reset. A review
 * after the forget is made in state New and would start the card's history anyway (above); a
 * card not answered since gives no items, instead of items from a memory it started over from.
 */
export function sinceForgotten<T extends ReviewEvent>(
	events: readonly T[],
	forgottenAt: ReadonlyMap<string, number>,
): T[] {
	if (forgottenAt.size === 0) return [...events];
	return events.filter((e) => countsAfterForget(e.review, forgottenAt.get(e.cardId)));
}

/** Each card's reviews, oldest first, as FSRS reviews with study-day delta_t and their times. */
export function cardHistories(
	events: readonly ReviewEvent[],
	day: DayBoundary,
): Map<string, { reviews: FsrsReview[]; times: number[] }> {
	const byCard = new Map<string, ReviewEvent[]>();
	for (const e of events) {
		const list = byCard.get(e.cardId);
		if (list) list.push(e);
		else byCard.set(e.cardId, [e]);
	}
	const out = new Map<string, { reviews: FsrsReview[]; times: number[] }>();
	const days = new StudyDays(day);
	for (const [cardId, list] of byCard) {
		list.sort((a, b) => a.review - b.review);
		let start = 0;
		if (list.some((e) => e.state !== undefined)) {
			start = -1;
			for (let i = list.length - 1; i >= 0; i--)
				if (list[i].state === NEW) {
					start = i;
					break;
				}
			if (start < 0) continue;
		}
		const reviews: FsrsReview[] = [];
		const times: number[] = [];
		let previousDay: number | undefined;
		for (const e of list.slice(start)) {
			const d = days.of(e.review).day;
			reviews.push({ rating: e.rating, deltaT: previousDay === undefined ? 0 : d - previousDay });
			times.push(e.review);
			previousDay = d;
		}
		out.set(cardId, { reviews, times });
	}
	return out;
}

/** The optimizer's training items of a review log, ordered by the time of their last review. */
export function buildFsrsItems(events: readonly ReviewEvent[], day: DayBoundary): FsrsItem[] {
	const items: FsrsItem[] = [];
	for (const [cardId, { reviews, times }] of cardHistories(events, day))
		for (let i = 1; i < reviews.length; i++)
			if (reviews[i].deltaT > 0)
				items.push({ cardId, time: times[i], reviews: reviews.slice(0, i + 1) });
	return items.sort((a, b) => a.time - b.time || (a.cardId < b.cardId ? -1 : 1));
}

/** Long-term reviews (delta_t > 0) in an item, fsrs-rs's `long_term_review_cnt`. */
export function longTermReviewCount(item: FsrsItem): number {
	return item.reviews.filter((r) => r.deltaT > 0).length;
}

function firstLongTermReview(item: FsrsItem): FsrsReview {
	return item.reviews.find((r) => r.deltaT > 0)!;
}

/**
 * fsrs-rs's `prepare_training_data`: items whose first long-term review is their last are the
 * pre-training set (initial stability per first rating). Within each first rating, delta_t groups
 * are dropped from the smallest up while they total under max(20, 5% of the rating's items), and
 * any group kept must have 6 or more items and delta_t ≤ 100 days (365 after Easy); items whose
 * first long-term review fell in a dropped group are dropped from training too.
 */
export function filterOutliers(items: readonly FsrsItem[]): {
	pretrain: FsrsItem[];
	train: FsrsItem[];
} {
	const pretrainAll = items.filter((i) => longTermReviewCount(i) === 1);
	const rest = items.filter((i) => longTermReviewCount(i) !== 1);
	const groups = new Map<number, Map<number, FsrsItem[]>>();
	for (const item of pretrainAll) {
		const rating = item.reviews[0].rating;
		const deltaT = item.reviews[item.reviews.length - 1].deltaT;
		let byDelta = groups.get(rating);
		if (!byDelta) groups.set(rating, (byDelta = new Map()));
		const group = byDelta.get(deltaT);
		if (group) group.push(item);
		else byDelta.set(deltaT, [item]);
	}
	const pretrain: FsrsItem[] = [];
	const removed = new Set<string>();
	for (const rating of [...groups.keys()].sort((a, b) => a - b)) {
		const byDelta = [...groups.get(rating)!];
		// Largest first, then larger delta_t first; visited in reverse (smallest first).
		byDelta.sort(([da, a], [db, b]) => b.length - a.length || db - da);
		const total = byDelta.reduce((n, [, g]) => n + g.length, 0);
		let hasBeenRemoved = 0;
		for (let k = byDelta.length - 1; k >= 0; k--) {
			const [deltaT, group] = byDelta[k];
			if (hasBeenRemoved + group.length >= Math.max(20, Math.floor(total / 20))) {
				if (group.length >= 6 && deltaT <= (rating !== 4 ? 100 : 365)) pretrain.push(...group);
				else removed.add(`${rating}/${deltaT}`);
			} else {
				hasBeenRemoved += group.length;
				removed.add(`${rating}/${deltaT}`);
			}
		}
	}
	const kept = rest.filter(
		(i) => !removed.has(`${i.reviews[0].rating}/${firstLongTermReview(i).deltaT}`),
	);
	// fsrs-rs concatenates the filtered pre-training set and the rest; order by time as built.
	const train = [...pretrain, ...kept].sort((a, b) => a.time - b.time);
	return { pretrain, train };
}

export type OptimizerLevel = 'not-enough' | 'initial-stability-only' | 'full';

export interface OptimizerReadiness {
	/** Items built from the log (reviews on a later study day than the card's previous one). */
	items: number;
	/** Items the optimizer trains on after its outlier filter. */
	trainingItems: number;
	pretrainItems: number;
	/** What fsrs-rs would do with this data; Kioku optimises only at `full`. */
	level: OptimizerLevel;
	/** Training items still needed for `full` (0 when there). */
	missing: number;
}

export function optimizerReadiness(items: readonly FsrsItem[]): OptimizerReadiness {
	const { pretrain, train } = filterOutliers(items);
	const level: OptimizerLevel =
		pretrain.length === 0 || train.length < MIN_ITEMS_FOR_ANY_CHANGE
			? 'not-enough'
			: train.length < MIN_TRAINING_ITEMS || train.length === pretrain.length
				? 'initial-stability-only'
				: 'full';
	return {
		items: items.length,
		trainingItems: train.length,
		pretrainItems: pretrain.length,
		level,
		missing: level === 'full' ? 0 : Math.max(1, MIN_TRAINING_ITEMS - train.length),
	};
}

/** fsrs-browser's `computeParameters` input: all items' reviews flattened, with each length. */
export interface OptimizerInput {
	ratings: Uint32Array;
	deltaTs: Uint32Array;
	lengths: Uint32Array;
}

export function toOptimizerInput(items: readonly FsrsItem[]): OptimizerInput {
	const total = items.reduce((n, i) => n + i.reviews.length, 0);
	const ratings = new Uint32Array(total);
	const deltaTs = new Uint32Array(total);
	const lengths = new Uint32Array(items.length);
	let k = 0;
	items.forEach((item, n) => {
		lengths[n] = item.reviews.length;
		for (const r of item.reviews) {
			ratings[k] = r.rating;
			deltaTs[k] = r.deltaT;
			k++;
		}
	});
	return { ratings, deltaTs, lengths };
}

/** fsrs-rs logs "epoch: N loss: X" once per epoch (through console.info in fsrs-browser). */
export function parseEpochLine(text: unknown): { epoch: number; loss: number } | undefined {
	if (typeof text !== 'string') return undefined;
	const m = /^epoch: (\d+) loss: ([-+\d.eE]+|NaN|inf)/.exec(text);
	return m ? { epoch: Number(m[1]), loss: Number(m[2]) } : undefined;
}

/** A deterministic split of cards (not reviews) into two sets, e.g. for held-out evaluation. */
export function splitItemsByCard(
	items: readonly FsrsItem[],
	heldOutShare: number,
	salt = 0,
): { train: FsrsItem[]; heldOut: FsrsItem[] } {
	const heldOutCard = (id: string) => {
		let h = 0x811c9dc5 ^ salt;
		for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
		h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
		h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
		return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32 < heldOutShare;
	};
	const train: FsrsItem[] = [];
	const heldOut: FsrsItem[] = [];
	for (const item of items) (heldOutCard(item.cardId) ? heldOut : train).push(item);
	return { train, heldOut };
}

/** The part of fsrs-browser's `Fsrs` class the optimizer uses (injected: this module loads no WASM). */
export interface FsrsOptimizerBinding {
	new (parameters?: Float32Array | null): {
		computeParameters(
			ratings: Uint32Array,
			deltaTs: Uint32Array,
			lengths: Uint32Array,
			progress: undefined,
			enableShortTerm: boolean,
		): Float32Array;
	};
}

export class NotEnoughDataError extends Error {
	constructor(readonly readiness: OptimizerReadiness) {
		super(`not enough reviews to optimise: ${readiness.trainingItems} training items`);
		this.name = 'NotEnoughDataError';
	}
}

/**
 * Runs fsrs-rs's optimizer (fsrs-browser's `computeParameters`, short-term on as Kioku schedules)
 * on `items` and returns its 21 FSRS-6 parameters rounded to 4 decimals (as Anki shows them; the
 * optimizer computes in f32). `onEpoch` hears each finished epoch of `OPTIMIZER_EPOCHS`: fsrs-rs
 * reports them through `console.info`, which is listened to for the length of the call (the call
 * is synchronous: nothing else runs meanwhile). Refuses data the optimizer would panic on (a
 * panic kills the WASM instance) with `NotEnoughDataError`.
 */
export function computeParameters(
	Fsrs: FsrsOptimizerBinding,
	items: readonly FsrsItem[],
	onEpoch?: (epoch: number, loss: number) => void,
): number[] {
	const readiness = optimizerReadiness(items);
	if (readiness.level === 'not-enough') throw new NotEnoughDataError(readiness);
	const { ratings, deltaTs, lengths } = toOptimizerInput(items);
	const info = console.info;
	console.info = (...args: unknown[]) => {
		const epoch = parseEpochLine(args[0]);
		if (epoch) onEpoch?.(epoch.epoch, epoch.loss);
	};
	try {
		// computeParameters consumes the object (Rust `self`): no `free()` afterwards.
		const w = new Fsrs().computeParameters(ratings, deltaTs, lengths, undefined, true);
		return Array.from(w, (x) => Math.round(x * 1e4) / 1e4);
	} finally {
		console.info = info;
	}
}
