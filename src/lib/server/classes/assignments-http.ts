/**
 * The assignment endpoints (src/routes/api/classes/…/assignments/): the class endpoints' checks
 * (who is asking, where from, a size-capped JSON body read by the protocol's schemas, refusals
 * as `{ error }` never cached), and the CSV files. The contract is
 * $lib/classes/assignment-protocol; the store does the rest.
 */
import type { ContentLocale } from '../../bank/schema.ts';
import {
	AcceptAnswerRequest,
	cleanAssignmentTitle,
	CreateAssignmentRequest,
	ReviewProgressRequest,
	SubmitAnswersRequest,
	UpdateAssignmentRequest,
} from '../../classes/assignment-protocol.ts';
import { assignmentCsv, gradebookCsv, reviewCsv } from '../../classes/gradebook.ts';
import { UTF8_BOM } from '../../csv.ts';
import type { AssignmentStore } from './assignments.ts';
import {
	answer,
	NO_STORE,
	originRefusal,
	readJson,
	refuse,
	seatCallerOf,
	teacherOf,
	type ClassRequestEvent,
} from './http.ts';

/**
 * A whole assignment's answers sent at once after a day offline: 200 answers of up to 500
 * typed characters (three bytes each in Chinese) fit with room to spare.
 */
export const MAX_ANSWERS_BODY_BYTES = 512 * 1024;

/** The language of the right answers a student is shown: `?lang=zh`, else English. */
const langOf = (request: Request): ContentLocale =>
	new URL(request.url).searchParams.get('lang') === 'zh' ? 'zh' : 'en';

/** RFC 5987's characters that need no escape in `filename*`. */
const encodeFilename = (name: string) =>
	encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);

/**
 * A CSV download: UTF-8 with a byte-order mark (Excel then reads Chinese names as written), named
 * after the class or assignment (`fallback` for a reader that takes only a plain ASCII name).
 */
function csvFile(csv: string, name: string, fallback: string): Response {
	return new Response(UTF8_BOM + csv, {
		headers: {
			...NO_STORE,
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeFilename(name)}`,
		},
	});
}

export class AssignmentEndpoints {
	readonly #store: AssignmentStore;

	constructor(store: AssignmentStore) {
		this.#store = store;
	}

	/** `GET /api/classes/:id/assignments`: the class's assignments, newest deadline first. */
	async list(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const list = await this.#store.list(teacher.value.id, event.params.id ?? '');
		return list ? answer({ assignments: list }) : refuse('not-found');
	}

	/** `POST /api/classes/:id/assignments`: sets an assignment (the server draws its seed). */
	async create(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const body = await readJson(event.request, CreateAssignmentRequest);
		if (!body.ok) return body.error;
		const title = cleanAssignmentTitle(body.value.title);
		if (!title.ok) return refuse('name-empty');
		const made = await this.#store.create(teacher.value.id, event.params.id ?? '', {
			...body.value,
			title: title.value,
		});
		return made.ok ? answer({ assignment: made.value }) : refuse(made.error);
	}

	/** `GET /api/classes/:id/assignments/:a`: the teacher's report. */
	async report(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const { id = '', assignment = '' } = event.params;
		const report = await this.#store.report(teacher.value.id, id, assignment);
		return report ? answer({ report }) : refuse('not-found');
	}

	/** `PATCH /api/classes/:id/assignments/:a`: the title, the times, when answers show. */
	async update(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const body = await readJson(event.request, UpdateAssignmentRequest);
		if (!body.ok) return body.error;
		let title: string | undefined;
		if (body.value.title !== undefined) {
			const cleaned = cleanAssignmentTitle(body.value.title);
			if (!cleaned.ok) return refuse('name-empty');
			title = cleaned.value;
		}
		const { id = '', assignment = '' } = event.params;
		const updated = await this.#store.update(teacher.value.id, id, assignment, {
			...body.value,
			title,
		});
		return updated.ok ? answer({ assignment: updated.value }) : refuse(updated.error);
	}

	/** `DELETE /api/classes/:id/assignments/:a`: the assignment and every answer to it. */
	async delete(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const { id = '', assignment = '' } = event.params;
		const gone = await this.#store.delete(teacher.value.id, id, assignment);
		return gone ? answer({ ok: true }) : refuse('not-found');
	}

	/** `POST /api/classes/:id/assignments/:a/accept`: a typed answer right for everyone, or not. */
	async accept(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const body = await readJson(event.request, AcceptAnswerRequest);
		if (!body.ok) return body.error;
		const { id = '', assignment = '' } = event.params;
		const accepted = await this.#store.accept(teacher.value.id, id, assignment, body.value);
		return accepted.ok ? answer({ report: accepted.value }) : refuse(accepted.error);
	}

	/** `GET /api/classes/:id/assignments/:a/results.csv`: one row per student. */
	async resultsCsv(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const { id = '', assignment = '' } = event.params;
		const report = await this.#store.report(teacher.value.id, id, assignment, true);
		if (!report) return refuse('not-found');
		const csv =
			'questions' in report
				? assignmentCsv(report.students, report.assignment.questionIds.length)
				: reviewCsv(report.students, report.assignment.review.target);
		return csvFile(csv, `${report.assignment.title}.csv`, 'assignment-results.csv');
	}

	/** `GET /api/classes/:id/gradebook.csv`: one row per student and assignment. */
	async gradebookCsv(event: ClassRequestEvent): Promise<Response> {
		const teacher = teacherOf(event);
		if (!teacher.ok) return teacher.error;
		const book = await this.#store.gradebook(teacher.value.id, event.params.id ?? '');
		if (!book) return refuse('not-found');
		return csvFile(gradebookCsv(book.rows), `${book.className} gradebook.csv`, 'gradebook.csv');
	}

	/** `GET /api/classes/seats/:seat/assignments`: the student's assignments in the seat's class. */
	async studentList(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const list = await this.#store.studentList(event.params.seat ?? '', seatCallerOf(event));
		return list.ok ? answer({ assignments: list.value }) : refuse(list.error);
	}

	/** `GET /api/classes/seats/:seat/assignments/:a`: the student's own result (`?lang=zh|en`). */
	async studentResult(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const { seat = '', assignment = '' } = event.params;
		const result = await this.#store.studentResult(
			seat,
			seatCallerOf(event),
			assignment,
			langOf(event.request),
		);
		return result.ok ? answer({ result: result.value }) : refuse(result.error);
	}

	/**
	 * `POST /api/classes/seats/:seat/assignments/:a/progress`: a spaced review's mastery as the
	 * student's device measured it.
	 */
	async progress(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const body = await readJson(event.request, ReviewProgressRequest);
		if (!body.ok) return body.error;
		const { seat = '', assignment = '' } = event.params;
		const result = await this.#store.reportProgress(
			seat,
			seatCallerOf(event),
			assignment,
			body.value,
		);
		return result.ok ? answer({ result: result.value }) : refuse(result.error);
	}

	/** `POST /api/classes/seats/:seat/assignments/:a/answers`: the student's answers (`?lang=`). */
	async submit(event: ClassRequestEvent): Promise<Response> {
		const bad = originRefusal(event.request);
		if (bad) return bad;
		const body = await readJson(event.request, SubmitAnswersRequest, MAX_ANSWERS_BODY_BYTES);
		if (!body.ok) return body.error;
		const { seat = '', assignment = '' } = event.params;
		const result = await this.#store.submit(
			seat,
			seatCallerOf(event),
			assignment,
			body.value,
			langOf(event.request),
		);
		return result.ok ? answer({ result: result.value }) : refuse(result.error);
	}
}
