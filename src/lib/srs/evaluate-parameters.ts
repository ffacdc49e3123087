/**
 * How well a parameter set predicts a learner's reviews, with ts-fsrs's own memory model (its
 * `FSRSAlgorithm.next_state` and `forgetting_curve`), measured as fsrs-rs's `evaluate` does:
 *
 * - log loss: mean binary cross-entropy of the predicted recall probability against the outcome
 *   (recalled unless Again), over the items (fsrs-items.ts), every item weighing the same;
 * - RMSE (bins): items are binned by fsrs-rs's `r_matrix_index` (delta_t, number of long-term
 *   reviews, lapses, each on a log scale); per bin the mean prediction is compared with the
 *   recall rate, and the squared gaps are averaged weighted by bin size, then square-rooted.
 *
 * The memory state of an item is replayed from its history with short-term (same-day) stability
 * on, as Kioku schedules; the last review's delta_t gives the prediction.
 */
import { FSRSAlgorithm, forgetting_curve, generatorParameters, type FSRSState } from 'ts-fsrs';
import type { FsrsItem } from './fsrs-items.ts';

export interface ParameterEvaluation {
	logLoss: number;
	rmseBins: number;
	/** Items evaluated. */
	count: number;
}

/** Predictions are kept off 0 and 1 so one surprise cannot make the log loss infinite. */
const EPSILON = 1e-7;

export function memoryAlgorithm(parameters: readonly number[]): FSRSAlgorithm {
	return new FSRSAlgorithm(generatorParameters({ w: [...parameters], enable_short_term: true }));
}

/** The memory state after all reviews of `item` but the last (the state it is predicted from). */
export function memoryStateBefore(algorithm: FSRSAlgorithm, item: FsrsItem): FSRSState {
	let state: FSRSState | null = null;
	for (const r of item.reviews.slice(0, -1))
		state = algorithm.next_state(state, r.deltaT, r.rating);
	return state!;
}

/** Predicted probability of recall at each item's last review. */
export function predictRecall(items: readonly FsrsItem[], parameters: readonly number[]): number[] {
	const algorithm = memoryAlgorithm(parameters);
	const w = algorithm.parameters.w;
	return items.map((item) => {
		const state = memoryStateBefore(algorithm, item);
		return forgetting_curve(w, item.reviews[item.reviews.length - 1].deltaT, state.stability);
	});
}

/** fsrs-rs's `FSRSItem::r_matrix_index`, as a map key. */
export function rMatrixBin(item: FsrsItem): string {
	const deltaT = item.reviews[item.reviews.length - 1].deltaT;
	const deltaBin = Math.round(2.48 * 3.62 ** Math.floor(Math.log(deltaT) / Math.log(3.62)) * 100);
	const length = item.reviews.filter((r) => r.deltaT > 0).length + 1;
	const lengthBin = Math.round(1.99 * 1.89 ** Math.floor(Math.log(length) / Math.log(1.89)));
	const lapses = item.reviews.slice(0, -1).filter((r) => r.rating === 1 && r.deltaT > 0).length;
	const lapseBin =
		lapses === 0 ? 0 : Math.round(1.65 * 1.73 ** Math.floor(Math.log(lapses) / Math.log(1.73)));
	return `${deltaBin}/${lengthBin}/${lapseBin}`;
}

export function evaluatePredictions(
	items: readonly FsrsItem[],
	predictions: readonly number[],
): ParameterEvaluation {
	if (items.length === 0) return { logLoss: NaN, rmseBins: NaN, count: 0 };
	let loss = 0;
	const bins = new Map<string, { predicted: number; actual: number; count: number }>();
	items.forEach((item, i) => {
		const y = item.reviews[item.reviews.length - 1].rating > 1 ? 1 : 0;
		const p = Math.min(1 - EPSILON, Math.max(EPSILON, predictions[i]));
		loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
		const key = rMatrixBin(item);
		const bin = bins.get(key) ?? { predicted: 0, actual: 0, count: 0 };
		bin.predicted += predictions[i];
		bin.actual += y;
		bin.count += 1;
		bins.set(key, bin);
	});
	let squared = 0;
	for (const b of bins.values())
		squared += (b.predicted / b.count - b.actual / b.count) ** 2 * b.count;
	return {
		logLoss: loss / items.length,
		rmseBins: Math.sqrt(squared / items.length),
		count: items.length,
	};
}

export function evaluateParameters(
	items: readonly FsrsItem[],
	parameters: readonly number[],
): ParameterEvaluation {
	return evaluatePredictions(items, predictRecall(items, parameters));
}
