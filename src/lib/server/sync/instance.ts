/**
 * The process's sync store, on the server's database, with the quotas from `KIOKU_SYNC_QUOTA`
 * (rows) and `KIOKU_SYNC_DATA_QUOTA` (characters of banks and test results).
 */
import { env } from '$env/dynamic/private';
import { serverDatabase } from '../db/server-database.ts';
import { DATA_QUOTA_VARIABLE, DEFAULT_DATA_QUOTA, quotaFromEnv } from './limits.ts';
import { createSyncStore, type SyncStore } from './store.ts';

let store: Promise<SyncStore> | undefined;

export function syncStore(): Promise<SyncStore> {
	store ??= serverDatabase()
		.then((db) =>
			createSyncStore(db, {
				quota: quotaFromEnv(env.KIOKU_SYNC_QUOTA),
				dataQuota: quotaFromEnv(env[DATA_QUOTA_VARIABLE], DEFAULT_DATA_QUOTA, DATA_QUOTA_VARIABLE),
			}),
		)
		.catch((error: unknown) => {
			// The next request tries again (the database may have been down for a moment): a
			// failure kept here would refuse every sync until the server restarted.
			store = undefined;
			throw error;
		});
	return store;
}
