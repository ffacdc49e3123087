import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** A student joins with the class code and a name; the answer holds the seat's token. */
export const POST: RequestHandler = async (event) => (await classEndpoints()).join(event);
