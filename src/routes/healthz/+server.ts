import { checks } from '$lib/server/ops/checks';
import { health } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** 200 while the process runs and its database answers; 503 with a reason otherwise. */
export const GET: RequestHandler = () => health(checks);
