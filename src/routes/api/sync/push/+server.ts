import { appCodec } from '$lib/server/sync/wire';
import { handlePush } from '$lib/server/sync/http';
import { syncStore } from '$lib/server/sync/instance';
import type { RequestHandler } from './$types';

/** Stores a batch of the signed-in user's changes, all or none (see src/lib/server/sync/store.ts). */
export const POST: RequestHandler = async (event) => handlePush(event, await syncStore(), appCodec);
