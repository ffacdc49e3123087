import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The student's own result in the assignment (right answers once the teacher shows them). */
export const GET: RequestHandler = async (event) =>
	(await assignmentEndpoints()).studentResult(event);
