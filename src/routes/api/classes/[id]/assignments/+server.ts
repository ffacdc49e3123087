import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The class's assignments, newest deadline first (its teacher only). */
export const GET: RequestHandler = async (event) => (await assignmentEndpoints()).list(event);

/** Sets the class an assignment. */
export const POST: RequestHandler = async (event) => (await assignmentEndpoints()).create(event);
