import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** A spaced review's mastery as the student's device measured it; the highest is kept. */
export const POST: RequestHandler = async (event) => (await assignmentEndpoints()).progress(event);
