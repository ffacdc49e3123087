/**
 * "Something changed that the account should hear of": writers of reviews and options call
 * `scheduleSync`, and the sync controller (sync.svelte.ts), once started, listens. A module of
 * its own so writers stay plain TypeScript, loadable in Node tests, and harmless before (or
 * without) the controller.
 */
let listener: (() => void) | undefined;

export function scheduleSync(): void {
	listener?.();
}

/** The controller's hook; returns a function that removes it. */
export function onSyncWanted(fn: () => void): () => void {
	listener = fn;
	return () => {
		if (listener === fn) listener = undefined;
	};
}
