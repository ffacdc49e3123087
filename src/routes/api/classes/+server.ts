import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The signed-in teacher's classes. */
export const GET: RequestHandler = async (event) => (await classEndpoints()).list(event);

/** A new class of the signed-in teacher's. */
export const POST: RequestHandler = async (event) => (await classEndpoints()).create(event);
