import { appCodec } from '$lib/server/sync/wire';
import { handlePull } from '$lib/server/sync/http';
import { syncStore } from '$lib/server/sync/instance';
import type { RequestHandler } from './$types';

/** The signed-in user's changes after `?cursor=`, at most `?limit=` of them. */
export const GET: RequestHandler = async (event) => handlePull(event, await syncStore(), appCodec);
