/**
 * Fitting FSRS to the learner's own reviews, from the Settings screen: the optimizer runs in a
 * worker (fetched only now, with its 0.4 MB gzipped WASM), and the result is applied only when
 * the learner says so, to every deck: its cards are rescheduled and its next reviews use them.
 */
import { deckKey } from '$lib/bank';
import { allBanks } from '$lib/content/decks';
import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import { generatorParameters } from 'ts-fsrs';
import { sinceForgotten, type ReviewEvent } from '$lib/srs/fsrs-items';
import { systemTimeZone } from '$lib/srs/study-day';
import { forgottenTimes } from '$lib/storage/card-flags';
import { announceChange, database } from '$lib/storage/connection';
import { rescheduleDeck } from '$lib/storage/reschedule';
import { getDeckOptions, getSettings, learnerStudyDays } from '$lib/storage/preferences';
import { scheduleSync } from './sync-trigger';
import type { OptimizeRequest, OptimizerMessage } from '$lib/workers/optimizer.worker';

export type Progress = Extract<OptimizerMessage, { type: 'progress' }>;
export type Outcome = Exclude<OptimizerMessage, { type: 'progress' }>;

/** The weights in use: the first deck's fitted ones, or ts-fsrs's defaults. */
async function currentWeights(): Promise<number[]> {
	const db = await database();
	for (const o of await db.getAll('deckOptions')) if (o.options.weights) return o.options.weights;
	return [...generatorParameters().w];
}

/** Starts the optimizer on every review on this device; `cancel` stops the worker. */
export function optimise(onProgress: (p: Progress) => void): {
	done: Promise<Outcome>;
	cancel: () => void;
} {
	const worker = new Worker(new URL('../workers/optimizer.worker.ts', import.meta.url), {
		type: 'module',
	});
	const done = (async () => {
		const db = await database();
		const [logs, forgotten, settings, current] = await Promise.all([
			db.getAll('logs'),
			forgottenTimes(db),
			getSettings(db),
			currentWeights(),
		]);
		const events: ReviewEvent[] = sinceForgotten(logs, forgotten).map(
			({ cardId, review, rating, state }) => ({ cardId, review, rating, state }),
		);
		const request: OptimizeRequest = {
			type: 'optimize',
			current,
			logs: events,
			day: { dayStartsAt: settings.dayStartsAt, timeZone: systemTimeZone() },
		};
		return new Promise<Outcome>((resolve) => {
			worker.onmessage = ({ data }: MessageEvent<OptimizerMessage>) => {
				if (data.type === 'progress') onProgress(data);
				else resolve(data);
			};
			worker.onerror = (e) => resolve({ type: 'error', message: e.message || 'worker failed' });
			worker.postMessage(request);
		});
	})().finally(() => worker.terminate());
	return { done, cancel: () => worker.terminate() };
}

/**
 * Every deck, built-in and imported, takes the fitted weights, and its cards are rescheduled
 * with them (their memory states recomputed from their history). Returns decks and cards.
 */
export async function applyWeights(weights: number[]): Promise<{ decks: number; cards: number }> {
	const db = await database();
	const lang = contentLocale(getLocale());
	const now = Date.now();
	const days = await learnerStudyDays(db);
	let decks = 0;
	let cards = 0;
	for (const bank of await allBanks()) {
		for (const deck of bank.decks) {
			const key = deckKey(bank.id, deck.id);
			const options = await getDeckOptions(db, key, lang);
			cards += await rescheduleDeck(db, key, { ...options, weights }, now, days);
			decks++;
		}
	}
	announceChange('*');
	scheduleSync();
	return { decks, cards };
}
