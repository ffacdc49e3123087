import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The teacher renames a student. */
export const PATCH: RequestHandler = async (event) => (await classEndpoints()).renameSeat(event);

/** The teacher removes a student from the class. */
export const DELETE: RequestHandler = async (event) => (await classEndpoints()).removeSeat(event);
