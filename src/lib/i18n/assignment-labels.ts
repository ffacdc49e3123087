/** How an assignment's settings and a student's progress read, in the page's language. */
import type { ShowAnswers, StudentStatus } from '$lib/classes/assignment-protocol';
import { m } from '$lib/paraglide/messages';

const STATUS: Record<StudentStatus, () => string> = {
	'not-started': m.assign_status_not_started,
	'in-progress': m.assign_status_in_progress,
	done: m.assign_status_done,
	late: m.assign_status_late,
};
export const statusLabel = (s: StudentStatus) => STATUS[s]();

const SHOW: Record<ShowAnswers, () => string> = {
	immediately: m.assign_show_immediately,
	'after-due': m.assign_show_after_due,
	never: m.assign_show_never,
};
export const showAnswersLabel = (s: ShowAnswers) => SHOW[s]();
