import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The assignments of the seat's class, as its student sees them. */
export const GET: RequestHandler = async (event) =>
	(await assignmentEndpoints()).studentList(event);
