import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The student's answers, graded by the server; a resent answer changes nothing. */
export const POST: RequestHandler = async (event) => (await assignmentEndpoints()).submit(event);
