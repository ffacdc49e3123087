import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The class gradebook as CSV, one row per student and assignment. */
export const GET: RequestHandler = async (event) =>
	(await assignmentEndpoints()).gradebookCsv(event);
