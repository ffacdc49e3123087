/**
 * Ends a transaction that failed part-way so that nothing of it is kept, whatever state it is in:
 * aborting one IndexedDB has already aborted (or finished) throws, and its `done` then rejects.
 */
export async function abandon(tx: { abort(): void; done: Promise<void> }): Promise<void> {
	try {
		tx.abort();
	} catch {
		// Already finished or aborted by IndexedDB itself.
	}
	await tx.done.catch(() => {});
}
