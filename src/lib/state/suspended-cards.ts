/** A deck's suspended cards, as its page counts them and brings them back ("Unsuspend all"). */
import { announceChange, database } from '$lib/storage/connection';
import { suspendedCount, unsuspendAll } from '$lib/storage/suspended';
import { scheduleSync } from './sync-trigger';

export async function countSuspended(deck: string): Promise<number> {
	return suspendedCount(await database(), deck);
}

/** Returns how many cards came back; other tabs studying the deck catch up. */
export async function unsuspendDeck(deck: string): Promise<number> {
	const count = await unsuspendAll(await database(), deck);
	announceChange(deck);
	scheduleSync();
	return count;
}
