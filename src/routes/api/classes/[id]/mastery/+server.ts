import { classMastery } from '$lib/server/classes/instance';
import { answer, refuse, teacherOf } from '$lib/server/classes/http';
import type { RequestHandler } from './$types';

/** What the class knows per paragraph and per topic, weakest first (its teacher only). */
export const GET: RequestHandler = async (event) => {
	const teacher = teacherOf(event);
	if (!teacher.ok) return teacher.error;
	const mastery = await (await classMastery()).read(teacher.value.id, event.params.id);
	return mastery ? answer({ mastery }) : refuse('not-found');
};
