/**
 * Keeping reviews on the device: ask the browser not to evict Kioku's data once there is
 * something worth keeping, and leave a marker outside IndexedDB so a wipe can be noticed.
 */
import * as v from 'valibot';
import { database } from '$lib/storage/connection';
import { recordReviewsSaved } from '$lib/storage/loss-marker';
import { storedValue } from '$lib/storage/web-storage';
import { scheduleSync } from './sync-trigger';

/** When Kioku asked for persistent storage (ms, as text); empty: never asked. */
const askedForPersistence = storedValue('local', 'kioku:persist-asked', v.string(), '', {
	raw: true,
});

/** Reviews stored, counted once and then kept up to date: counting a million logs on every answer is slow. */
let storedReviews: number | undefined;

/** After reviews were added (+) or undone (−): update the loss marker, and ask for persistence once. */
export async function afterReviewsChanged(delta: number): Promise<void> {
	// Answers (or an undo) go up to the account once the learner pauses.
	if (delta !== 0) scheduleSync();
	storedReviews =
		storedReviews === undefined ? await (await database()).count('logs') : storedReviews + delta;
	recordReviewsSaved(storedReviews, Date.now());
	if (askedForPersistence.get() || !navigator.storage?.persist) return;
	askedForPersistence.set(String(Date.now()));
	// Asked once: where that cannot be remembered (private mode), asking on every answer would nag.
	if (!askedForPersistence.get()) return;
	try {
		await navigator.storage.persist();
	} catch {
		// Asking is a courtesy; the settings page shows the real state.
	}
}

/** After an import or anything else that changes reviews wholesale. */
export async function recountReviews(): Promise<void> {
	storedReviews = undefined;
	await afterReviewsChanged(0);
}

/** Whether the browser has granted persistent storage (undefined: it cannot say). */
export async function isPersisted(): Promise<boolean | undefined> {
	try {
		return navigator.storage?.persisted ? await navigator.storage.persisted() : undefined;
	} catch {
		return undefined;
	}
}

export async function requestPersistence(): Promise<boolean | undefined> {
	try {
		return navigator.storage?.persist ? await navigator.storage.persist() : undefined;
	} catch {
		return undefined;
	}
}
