/**
 * The browser's one connection to Kioku's database, opened on first use. Browser-only; the
 * server never imports this (study pages are rendered in the browser).
 */
import type { Db } from './db.ts';

let opening: Promise<Db> | undefined;

export class StorageUnavailableError extends Error {
	constructor(cause: unknown) {
		super('This browser does not let Kioku store data (private browsing, or storage turned off).', {
			cause,
		});
		this.name = 'StorageUnavailableError';
	}
}

export function database(): Promise<Db> {
	// Loaded on first use: the schema and its upgrades (with the record schemas and ts-fsrs they
	// import) stay out of the code every page downloads first.
	opening ??= import('./db.ts')
		.then(({ openKiokuDb }) => openKiokuDb(undefined, undefined, () => (opening = undefined)))
		.catch((e: unknown) => {
			opening = undefined;
			throw new StorageUnavailableError(e);
		});
	return opening;
}

/** Tells other tabs that a deck's reviews changed, so their queues and counts catch up. */
const CHANNEL = 'kioku-reviews';
let channel: BroadcastChannel | undefined;

/** `deck` is a deck key, or '*' when every deck may have changed (an import). */
export function announceChange(deck: string) {
	channel ??= typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
	channel?.postMessage({ deck });
}

export function onChange(listener: (deck: string) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const own = new BroadcastChannel(CHANNEL);
	own.onmessage = (e: MessageEvent<{ deck?: unknown }>) => {
		if (typeof e.data?.deck === 'string') listener(e.data.deck);
	};
	return () => own.close();
}
