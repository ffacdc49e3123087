/**
 * Runs the FSRS project's optimizer (fsrs-rs compiled to WebAssembly: the `fsrs-browser`
 * package) off the main thread. Only the screen that optimises starts it, through
 * `optimise()` in src/lib/state/optimizer.ts (Vite finds a worker by `new URL` with a path
 * relative to the importing file):
 *
 *     const worker = new Worker(new URL('../workers/optimizer.worker.ts', import.meta.url), {
 *         type: 'module',
 *     });
 *     worker.postMessage({ type: 'optimize', logs, day, current } satisfies OptimizeRequest);
 *
 * so neither this code (9 KB gzipped) nor the WASM (1.7 MB, 0.44 MB gzipped) is fetched before.
 * Messages back: `progress` (loading, then each of the 5 training epochs, then evaluating), then
 * `result` or `error`. One request per worker: terminate it afterwards, or to cancel (the
 * optimizer cannot be interrupted otherwise).
 *
 * fsrs-browser is built with WASM threads (wasm-bindgen-rayon), so its memory is a shared
 * WebAssembly.Memory. The HTML standard lets any page create one; what needs cross-origin
 * isolation (COOP/COEP) is sending it to another thread, i.e. its thread pool (`initThreadPool`),
 * which is not used: training runs on this one thread, and progress comes from fsrs-rs's
 * per-epoch log line rather than from its shared progress counter.
 * The logic is in the pure modules (src/lib/srs/fsrs-items.ts, evaluate-parameters.ts); this file only
 * loads the WASM and passes messages.
 */
import init, { Fsrs } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { evaluateParameters, type ParameterEvaluation } from '../srs/evaluate-parameters.ts';
import {
	buildFsrsItems,
	computeParameters,
	NotEnoughDataError,
	OPTIMIZER_EPOCHS,
	type DayBoundary,
	type FsrsItem,
	type OptimizerReadiness,
	type ReviewEvent,
} from '../srs/fsrs-items.ts';

/** Items built by the page, or the review log for the worker to build them (off the main thread). */
export type OptimizeRequest = {
	type: 'optimize';
	/** The parameters now in use, to compare against (ts-fsrs's defaults when none are set). */
	current: number[];
} & ({ items: FsrsItem[] } | { logs: ReviewEvent[]; day: DayBoundary });

export type OptimizerMessage =
	| {
			type: 'progress';
			stage: 'loading' | 'training' | 'evaluating';
			/** Epochs finished, of `epochs`. */
			epoch: number;
			epochs: number;
	  }
	| {
			type: 'result';
			/** 21 FSRS-6 parameters, for `DeckOptions.weights`. */
			parameters: number[];
			/** Both on the same items: the learner's own reviews. */
			current: ParameterEvaluation;
			optimised: ParameterEvaluation;
			trainingMs: number;
	  }
	| { type: 'error'; message: string; readiness?: OptimizerReadiness };

const scope = self as unknown as {
	postMessage(message: OptimizerMessage): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<OptimizeRequest>) => void): void;
};

const post = (message: OptimizerMessage) => scope.postMessage(message);
const progress = (stage: 'loading' | 'training' | 'evaluating', epoch: number) =>
	post({ type: 'progress', stage, epoch, epochs: OPTIMIZER_EPOCHS });

let loaded: Promise<unknown> | undefined;

scope.addEventListener('message', async ({ data }) => {
	if (data?.type !== 'optimize') return;
	try {
		progress('loading', 0);
		loaded ??= init({ module_or_path: wasmUrl });
		const items = 'items' in data ? data.items : buildFsrsItems(data.logs, data.day);
		await loaded;
		progress('training', 0);
		const started = performance.now();
		const parameters = computeParameters(Fsrs, items, (epoch) => progress('training', epoch));
		const trainingMs = performance.now() - started;
		progress('evaluating', OPTIMIZER_EPOCHS);
		post({
			type: 'result',
			parameters,
			current: evaluateParameters(items, data.current),
			optimised: evaluateParameters(items, parameters),
			trainingMs,
		});
	} catch (error) {
		post({
			type: 'error',
			message: error instanceof Error ? error.message : String(error),
			readiness: error instanceof NotEnoughDataError ? error.readiness : undefined,
		});
	}
});
