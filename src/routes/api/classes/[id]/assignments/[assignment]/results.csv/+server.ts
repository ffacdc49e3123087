import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The assignment's results as CSV, one row per student. */
export const GET: RequestHandler = async (event) => (await assignmentEndpoints()).resultsCsv(event);
