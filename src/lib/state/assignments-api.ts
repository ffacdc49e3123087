/**
 * The assignment pages' requests (see $lib/classes/assignment-protocol): the teacher's, signed
 * in, and the student's, with the seat's token from this device (or the account it is linked to).
 */
import type { ContentLocale } from '$lib/bank';
import type {
	CreateAssignmentRequest,
	ReviewProgressRequest,
	ShowAnswers,
	SubmitAnswersRequest,
} from '$lib/classes/assignment-protocol';
import {
	AssignmentList,
	OneAssignment,
	OneReport,
	OneResult,
	StudentAssignmentList,
} from '$lib/classes/assignment-responses';
import { Done } from '$lib/classes/responses';
import { send } from './classes-api';

export type { ClassFailure } from './classes-api';

const seg = encodeURIComponent;
const of = (classId: string, assignmentId?: string) =>
	`/${seg(classId)}/assignments${assignmentId === undefined ? '' : `/${seg(assignmentId)}`}`;

// The teacher's.
export const listAssignments = (classId: string) => send('GET', of(classId), AssignmentList);
export const createAssignment = (classId: string, request: CreateAssignmentRequest) =>
	send('POST', of(classId), OneAssignment, { body: request });
export const getReport = (classId: string, id: string) => send('GET', of(classId, id), OneReport);
export const updateAssignment = (
	classId: string,
	id: string,
	change: { title?: string; opensAt?: number; dueAt?: number; showAnswers?: ShowAnswers },
) => send('PATCH', of(classId, id), OneAssignment, { body: change });
export const deleteAssignment = (classId: string, id: string) =>
	send('DELETE', of(classId, id), Done);
export const acceptAnswer = (
	classId: string,
	id: string,
	questionId: string,
	text: string,
	accept: boolean,
) => send('POST', `${of(classId, id)}/accept`, OneReport, { body: { questionId, text, accept } });
/** Links, not requests: the browser downloads them with the teacher's session. */
export const resultsCsvUrl = (classId: string, id: string) =>
	`/api/classes${of(classId, id)}/results.csv`;
export const gradebookCsvUrl = (classId: string) => `/api/classes/${seg(classId)}/gradebook.csv`;

// The student's.
const mine = (seat: string, assignmentId?: string) =>
	`/seats/${seg(seat)}/assignments${assignmentId === undefined ? '' : `/${seg(assignmentId)}`}`;
export const seatAssignments = (seat: string, token: string | undefined) =>
	send('GET', mine(seat), StudentAssignmentList, { token });
/** `lang`: the language of the right answers in the result (the page's). */
export const myResult = (
	seat: string,
	id: string,
	token: string | undefined,
	lang: ContentLocale,
) => send('GET', `${mine(seat, id)}?lang=${lang}`, OneResult, { token });
export const submitAnswers = (
	seat: string,
	id: string,
	token: string | undefined,
	request: SubmitAnswersRequest,
	lang: ContentLocale,
) => send('POST', `${mine(seat, id)}/answers?lang=${lang}`, OneResult, { body: request, token });
/** A spaced review's mastery as this device measured it (the server keeps the highest). */
export const reportProgress = (
	seat: string,
	id: string,
	token: string | undefined,
	request: ReviewProgressRequest,
) => send('POST', `${mine(seat, id)}/progress`, OneResult, { body: request, token });
