/**
 * `npm run bench:fsrs`: two figures about how Kioku counts FSRS days (printed, never asserted).
 *
 * 1. Study days: how many cards of a typical history replay to a different state now that
 *    elapsed days are counted in the learner's study days rather than UTC dates (what "Check
 *    data" repairs once after the upgrade), per time zone.
 * 2. Versions: the optimizer is fsrs-rs 5.2 (fsrs-browser, WASM), the scheduler FSRS-6 as in
 *    fsrs-rs 6.x (ts-fsrs; scripts/fsrs-rs.ts loads fsrs-rs 6.x for Node).
 *    Both fit a synthetic learner's training cards; the log loss and RMSE of each fit on held-out
 *    cards, under the scheduler's own memory model, is what the version gap costs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { default_w } from 'ts-fsrs';
import { evaluateParameters } from '../../src/lib/srs/evaluate-parameters.ts';
import {
	buildFsrsItems,
	computeParameters,
	splitItemsByCard,
	type FsrsItem,
} from '../../src/lib/srs/fsrs-items.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import type { ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudyDays } from '../../src/lib/srs/study-day.ts';
import { syntheticHistory } from '../../tests/fixtures/synthetic-history.ts';
import { loadFsrsRs } from '../fsrs-rs.ts';

const {
	computeParameters: computeParametersRs6,
	FSRSBindingItem,
	FSRSBindingReview,
} = loadFsrsRs();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('Cards whose replay changes when FSRS counts study days instead of UTC dates');
console.log('(400 cards, 180 days, sessions 5–17 h after a 04:00 day start; 3 seeds, median)');
for (const timeZone of ['America/New_York', 'Australia/Sydney', 'Asia/Shanghai', 'UTC']) {
	const changed: number[] = [];
	for (const seed of [1, 2, 3]) {
		const history = syntheticHistory({
			parameters: default_w,
			cards: 400,
			days: 180,
			seed,
			timeZone,
			schedulerDays: { dayStartsAt: 0, timeZone: 'UTC' },
		});
		const byCard = new Map<string, ReviewLogRecord[]>();
		for (const log of history.logs)
			byCard.set(log.cardId, [...(byCard.get(log.cardId) ?? []), log]);
		const config = schedulerConfig(DEFAULT_DECK_OPTIONS);
		const context = {
			configs: new Map([[configKey(config), config]]),
			days: new StudyDays({ dayStartsAt: 4, timeZone }),
		};
		let n = 0;
		for (const [id, logs] of byCard)
			if (!sameMemoryState(replayCard(logs, context), history.states.get(id))) n++;
		changed.push(n);
	}
	console.log(`  ${timeZone.padEnd(18)} ${median(changed)} of 400 cards`);
}

/** A learner who forgets faster than FSRS-6's defaults assume and is hurt by a same-day Hard. */
const TRUE_W = [
	0.1, 0.35, 0.9, 3.5, 7.2, 0.55, 2.0, 0.01, 1.1, 0.3, 0.7, 1.9, 0.1, 0.35, 1.6, 0.4, 2.4, 0.5,
	0.15, 0.1, 0.5,
];

const wasm = await (async () => {
	if (!('self' in globalThis)) Object.assign(globalThis, { self: new EventTarget() });
	const module = await import('fsrs-browser');
	const path = createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm');
	module.initSync({ module: readFileSync(path) });
	return module;
})();

const toBinding = (items: readonly FsrsItem[]) =>
	items.map(
		(item) =>
			new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))),
	);

console.log(
	'\nFitting with fsrs-rs 5.2 (the optimizer) and 6.x (as the scheduler), held-out cards',
);
console.log(
	'(a synthetic learner of 1,500 cards over 365 days; log loss / RMSE (bins), lower is better)',
);
const rows: Record<string, { logLoss: number[]; rmse: number[] }> = {};
const add = (name: string, e: { logLoss: number; rmseBins: number }) => {
	rows[name] ??= { logLoss: [], rmse: [] };
	rows[name].logLoss.push(e.logLoss);
	rows[name].rmse.push(e.rmseBins);
};
const info = console.info;
console.info = () => {}; // fsrs-rs logs each epoch
for (const seed of [11, 12, 13]) {
	const day = { dayStartsAt: 4, timeZone: 'UTC' };
	const history = syntheticHistory({
		parameters: TRUE_W,
		cards: 1500,
		days: 365,
		seed,
		newPerDay: 10,
	});
	const items = buildFsrsItems(history.logs, day);
	const { train, heldOut } = splitItemsByCard(items, 0.3, seed);
	const rs5 = computeParameters(wasm.Fsrs, train);
	const rs6 = await computeParametersRs6(toBinding(train), { enableShortTerm: true });
	add('default parameters', evaluateParameters(heldOut, default_w));
	add('fitted by fsrs-rs 5.2', evaluateParameters(heldOut, rs5));
	add('fitted by fsrs-rs 6.x', evaluateParameters(heldOut, rs6));
	add('the true parameters', evaluateParameters(heldOut, TRUE_W));
}
console.info = info;
for (const [name, r] of Object.entries(rows))
	console.log(
		`  ${name.padEnd(22)} ${median(r.logLoss).toFixed(4)} / ${median(r.rmse).toFixed(4)}`,
	);
