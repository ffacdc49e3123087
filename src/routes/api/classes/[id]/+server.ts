import { classEndpoints } from '$lib/server/classes/instance';
import type { RequestHandler } from './$types';

/** The class with its students (its teacher only). */
export const GET: RequestHandler = async (event) => (await classEndpoints()).roster(event);

/** Renames the class, or opens or closes joining. */
export const PATCH: RequestHandler = async (event) => (await classEndpoints()).update(event);

/** Deletes the class and every seat in it. */
export const DELETE: RequestHandler = async (event) => (await classEndpoints()).delete(event);
