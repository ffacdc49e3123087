import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The seats of the tokens a device holds, and those linked to the signed-in account. */
export const POST: RequestHandler = async (event) => (await classEndpoints()).mySeats(event);
