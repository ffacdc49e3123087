/** The process's sync store, on the server's database, with the quota from `KIOKU_SYNC_QUOTA`. */
import { env } from '$env/dynamic/private';
import { serverDatabase } from '../db/server-database.ts';
import { quotaFromEnv } from './limits.ts';
import { createSyncStore, type SyncStore } from './store.ts';

let store: Promise<SyncStore> | undefined;

export function syncStore(): Promise<SyncStore> {
	store ??= serverDatabase().then((db) =>
		createSyncStore(db, { quota: quotaFromEnv(env.KIOKU_SYNC_QUOTA) }),
	);
	return store;
}
