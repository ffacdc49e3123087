import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The assignment's report: each student, each question. */
export const GET: RequestHandler = async (event) => (await assignmentEndpoints()).report(event);

/** Changes the title, the times, or when answers show. */
export const PATCH: RequestHandler = async (event) => (await assignmentEndpoints()).update(event);

/** Deletes the assignment and every answer to it. */
export const DELETE: RequestHandler = async (event) => (await assignmentEndpoints()).delete(event);
