import { checks } from '$lib/server/ops/checks';
import { readiness } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** 200 when this instance should be sent traffic; 503 while starting, unhealthy or shutting down. */
export const GET: RequestHandler = () => readiness(checks);
