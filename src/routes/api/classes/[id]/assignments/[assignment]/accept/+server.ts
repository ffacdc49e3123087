import { assignmentEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** Accepts a typed answer for everyone (or takes it back): that question is graded again. */
export const POST: RequestHandler = async (event) => (await assignmentEndpoints()).accept(event);
