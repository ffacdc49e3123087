/**
 * Keeping reviews on the device: ask the browser not to evict Kioku's data once there is
 * something worth keeping, and leave a marker outside IndexedDB so a wipe can be noticed.
 */
import { database } from '$lib/storage/connection';
import { recordReviewsSaved } from '$lib/storage/loss-marker';

const ASKED_KEY = 'kioku:persist-asked';

function safeLocalStorage(): Storage | undefined {
	try {
		return window.localStorage;
	} catch {
		return undefined;
	}
}

/** Reviews stored, counted once and then kept up to date: counting a million logs on every answer is slow. */
let storedReviews: number | undefined;

/** After reviews were added (+) or undone (−): update the loss marker, and ask for persistence once. */
export async function afterReviewsChanged(delta: number): Promise<void> {
	const storage = safeLocalStorage();
	if (!storage) return;
	storedReviews =
		storedReviews === undefined ? await (await database()).count('logs') : storedReviews + delta;
	recordReviewsSaved(storage, storedReviews, Date.now());
	try {
		if (!storage.getItem(ASKED_KEY) && navigator.storage?.persist) {
			storage.setItem(ASKED_KEY, String(Date.now()));
			await navigator.storage.persist();
		}
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

export { safeLocalStorage };
