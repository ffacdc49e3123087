import { classGames } from '$lib/server/classes/instance';
import { answer, refuse, teacherOf } from '$lib/server/classes/http';
import type { RequestHandler } from './$types';

/** The live games hosted for the class, newest first, with each student's totals (its teacher only). */
export const GET: RequestHandler = async (event) => {
	const teacher = teacherOf(event);
	if (!teacher.ok) return teacher.error;
	const games = await (await classGames()).list(teacher.value.id, event.params.id);
	return games ? answer({ games }) : refuse('not-found');
};
