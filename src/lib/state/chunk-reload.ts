/**
 * A chunk of an older deployment that is gone (the app was updated while this page was open):
 * reload once to get the current version instead of a blank page. Once per address and tab: if
 * the chunk is still missing after the reload, reloading again would loop.
 */
import * as v from 'valibot';
import { storedValue } from '$lib/storage/web-storage';

/** The address last reloaded for a missing chunk, in this tab. */
const reloadedFor = storedValue('session', 'kioku:reloaded-for-chunk', v.string(), '', {
	raw: true,
});

/**
 * Whether the page was reloaded; `reload` is `location.reload` in the app. Offline, a chunk that
 * did not load is missing because of the network, not a deployment: a reload then would trade a
 * working page for the browser's offline error (before the service worker has the app cached).
 */
export function reloadForMissingChunk(href: string, online: boolean, reload: () => void): boolean {
	if (!online) return false;
	if (reloadedFor.get() === href) return false;
	reloadedFor.set(href);
	// Without storage (private mode) the reload could not be remembered: it might loop.
	if (reloadedFor.get() !== href) return false;
	reload();
	return true;
}
