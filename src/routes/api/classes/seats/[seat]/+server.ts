import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The student leaves the class: their seat goes. */
export const DELETE: RequestHandler = async (event) => (await classEndpoints()).leave(event);
