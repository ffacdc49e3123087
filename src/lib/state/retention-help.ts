/**
 * "Help me choose a retention" on the Settings screen: the simulation runs in a worker over
 * every deck or one, and a chosen retention is saved into those decks' options (their
 * `desiredRetention`, which the scheduler reads at each answer).
 */
import { deckKey } from '$lib/bank';
import { allBanks } from '$lib/content/decks';
import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import { systemTimeZone } from '$lib/srs/study-day';
import type {
	RetentionComparison,
	SimulatorReply,
	SimulatorRequest,
} from '$lib/workers/simulator.worker';
import { loadDeckOptions, saveDeckOptions } from './deck-options';

export type { RetentionComparison };

/** The next year, as Anki's "Help me decide" simulates it. */
export const SIMULATED_DAYS = 365;

/** Every deck's key and question count, or only `deck`'s. */
async function decksIn(deck?: string): Promise<{ key: string; questionCount: number }[]> {
	return (await allBanks()).flatMap((bank) =>
		bank.decks
			.map((d) => ({ key: deckKey(bank.id, d.id), questionCount: d.questionCount }))
			.filter((d) => !deck || d.key === deck),
	);
}

/** Simulates the next year at each retention from 0.70 to 0.99, for every deck or `deck`. */
export async function compareRetentions(deck?: string): Promise<RetentionComparison> {
	const request: SimulatorRequest = {
		decks: await decksIn(deck),
		now: Date.now(),
		timeZone: systemTimeZone(),
		days: SIMULATED_DAYS,
		// The same collection gives the same table on every run.
		seed: 'kioku-retention',
	};
	const worker = new Worker(new URL('../workers/simulator.worker.ts', import.meta.url), {
		type: 'module',
	});
	return new Promise<RetentionComparison>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<SimulatorReply>) =>
			data.ok ? resolve(data.value) : reject(new Error(data.error));
		worker.onerror = (e) => reject(new Error(e.message || 'The simulation failed.'));
		worker.postMessage(request);
	}).finally(() => worker.terminate());
}

/** Saves `retention` as the desired retention of every deck or of `deck`; returns how many. */
export async function applyRetention(retention: number, deck?: string): Promise<number> {
	const lang = contentLocale(getLocale());
	const decks = await decksIn(deck);
	for (const { key } of decks)
		await saveDeckOptions(key, {
			...(await loadDeckOptions(key, lang)),
			desiredRetention: retention,
		});
	return decks.length;
}
