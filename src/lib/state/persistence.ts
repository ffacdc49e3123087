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

export async function afterReviewSaved(): Promise<void> {
	const storage = safeLocalStorage();
	const db = await database();
	if (storage) recordReviewsSaved(storage, await db.count('logs'), Date.now());
	try {
		if (storage && !storage.getItem(ASKED_KEY) && navigator.storage?.persist) {
			storage.setItem(ASKED_KEY, String(Date.now()));
			await navigator.storage.persist();
		}
	} catch {
		// Asking is a courtesy; the settings page shows the real state.
	}
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
