import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** Links the seat (its token) to the signed-in account, so it follows the student. */
export const POST: RequestHandler = async (event) => (await classEndpoints()).link(event);
