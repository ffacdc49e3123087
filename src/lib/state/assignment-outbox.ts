/**
 * A student's assignment answers waiting on this device for the server: each answer goes in here
 * the moment it is given, and leaves only once the server has it. So homework done on a bus with
 * no signal is sent when the network returns (the app's `online` and `visibilitychange`, opening
 * the app, the class page), and a closed tab or a reload loses nothing. The server keeps a
 * question's first answer, so sending one twice (a reply lost on the way) is harmless.
 *
 * A spaced review's mastery reports wait here too, at most two per review: the first that
 * reached the target (its time says whether it was late) and the highest. The server keeps the
 * highest and the first time the target was reached, so sending either again is harmless.
 */
import * as v from 'valibot';
import type { ContentLocale } from '$lib/bank';
import {
	MAX_ANSWERS_PER_REQUEST,
	ReviewProgressRequest,
	SubmittedAnswer,
	type StudentResult,
} from '$lib/classes/assignment-protocol';
import { reachesTarget } from '$lib/classes/review-rules';
import { storedValue } from '$lib/storage/web-storage';
import { reportProgress, submitAnswers, type ClassFailure } from './assignments-api';
import { tokenOfSeat } from './class-seats';

/** The right answers in a result come in the page's language (English outside a page). */
function answerLanguage(): ContentLocale {
	return globalThis.document?.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
}

const Entry = v.object({
	seatId: v.string(),
	assignmentId: v.string(),
	answers: v.array(SubmittedAnswer),
	/** The student reached the end: the server is told once the answers are in. */
	finished: v.boolean(),
});
type Entry = v.InferOutput<typeof Entry>;

/** An unreadable entry (another version's) is dropped; the others stay. */
const Entries = v.pipe(
	v.array(v.unknown()),
	v.transform((list) =>
		list.flatMap((item) => {
			const entry = v.safeParse(Entry, item);
			return entry.success ? [entry.output] : [];
		}),
	),
);

const stored = storedValue('local', 'kioku:assignment-outbox', Entries, []);

const same = (a: { seatId: string; assignmentId: string }, seatId: string, assignmentId: string) =>
	a.seatId === seatId && a.assignmentId === assignmentId;

/** Answers of an assignment not yet received by the server. */
export function waitingAnswers(seatId: string, assignmentId: string): number {
	return stored.get().find((e) => same(e, seatId, assignmentId))?.answers.length ?? 0;
}

/** Keeps an answer (the first for its question wins, as on the server) or the end of the work. */
export function keepAnswer(
	seatId: string,
	assignmentId: string,
	change: { answer?: SubmittedAnswer; finished?: boolean },
) {
	const entries = stored.get();
	let entry = entries.find((e) => same(e, seatId, assignmentId));
	if (!entry) {
		entry = { seatId, assignmentId, answers: [], finished: false };
		entries.push(entry);
	}
	const { answer } = change;
	if (answer && !entry.answers.some((a) => a.questionId === answer.questionId))
		entry.answers.push(answer);
	if (change.finished) entry.finished = true;
	stored.set(entries);
}

/**
 * Refusals that sending again cannot change: the seat or the assignment is gone, or the answers
 * cannot answer it (another version's questions). Their answers are dropped, or they would wait
 * for ever. Offline, a server error and `not-open` (a clock ahead of the server's) are retried.
 */
const FINAL = new Set(['not-found', 'no-seat', 'bad-answer', 'bad-request']);

export type SendOutcome =
	| { kind: 'sent'; result: StudentResult }
	| { kind: 'nothing' }
	| { kind: 'failed'; failure: ClassFailure };

let sending: Promise<unknown> = Promise.resolve();

/** Sends one assignment's waiting answers; one send at a time, so none goes twice at once. */
export function sendAssignment(seatId: string, assignmentId: string): Promise<SendOutcome> {
	const run = sending.then(() => sendNow(seatId, assignmentId));
	sending = run.catch(() => undefined);
	return run;
}

async function sendNow(seatId: string, assignmentId: string): Promise<SendOutcome> {
	const entry = stored.get().find((e) => same(e, seatId, assignmentId));
	if (!entry) return { kind: 'nothing' };
	const batch = entry.answers.slice(0, MAX_ANSWERS_PER_REQUEST);
	const last = batch.length === entry.answers.length;
	const finished = entry.finished && last;
	const reply = await submitAnswers(
		seatId,
		assignmentId,
		tokenOfSeat(seatId),
		{ answers: batch, finished },
		answerLanguage(),
	);
	if (!reply.ok) {
		const failure = reply.error;
		if (failure.kind === 'refused' && FINAL.has(failure.code)) forget(seatId, assignmentId, null);
		return { kind: 'failed', failure };
	}
	forget(seatId, assignmentId, { answers: new Set(batch.map((a) => a.questionId)), finished });
	// More than one request's worth (a long assignment done offline): the rest goes next.
	if (!last) return sendNow(seatId, assignmentId);
	return { kind: 'sent', result: reply.value.result };
}

/**
 * Drops what was sent (null: the whole entry), and the entry once nothing is left to send. Read
 * again after the request: an answer or the end given meanwhile stays.
 */
function forget(
	seatId: string,
	assignmentId: string,
	sent: { answers: ReadonlySet<string>; finished: boolean } | null,
) {
	const entries = stored.get().flatMap((e) => {
		if (!same(e, seatId, assignmentId)) return [e];
		if (!sent) return [];
		const answers = e.answers.filter((a) => !sent.answers.has(a.questionId));
		const finished = e.finished && !sent.finished;
		return answers.length > 0 || finished ? [{ ...e, answers, finished: e.finished }] : [];
	});
	stored.set(entries);
}

const ReportEntry = v.object({
	seatId: v.string(),
	assignmentId: v.string(),
	reports: v.array(ReviewProgressRequest),
});
type ReportEntry = v.InferOutput<typeof ReportEntry>;

const ReportEntries = v.pipe(
	v.array(v.unknown()),
	v.transform((list) =>
		list.flatMap((item) => {
			const entry = v.safeParse(ReportEntry, item);
			return entry.success ? [entry.output] : [];
		}),
	),
);

const storedReports = storedValue('local', 'kioku:review-outbox', ReportEntries, []);

/**
 * The reports worth sending of those measured: the first reaching the target (when any did) and
 * the highest, oldest first.
 */
export function reportsToKeep(
	reports: readonly ReviewProgressRequest[],
	target: number,
): ReviewProgressRequest[] {
	const byTime = [...reports].sort((a, b) => a.measuredAt - b.measuredAt);
	const reached = byTime.find((r) => reachesTarget(r.mastery, target));
	const best = byTime.reduce<ReviewProgressRequest | undefined>(
		(top, r) => (top === undefined || r.mastery > top.mastery ? r : top),
		undefined,
	);
	return byTime.filter((r) => r === reached || r === best);
}

/** Keeps a review's mastery as measured now, to send now or once the network is back. */
export function keepReport(
	seatId: string,
	assignmentId: string,
	report: ReviewProgressRequest,
	target: number,
) {
	const entries = storedReports.get();
	const entry = entries.find((e) => same(e, seatId, assignmentId));
	const reports = reportsToKeep([...(entry?.reports ?? []), report], target);
	if (entry) entry.reports = reports;
	else entries.push({ seatId, assignmentId, reports });
	storedReports.set(entries);
}

/** Reports of a review not yet received by the server. */
export const waitingReports = (seatId: string, assignmentId: string): number =>
	storedReports.get().find((e) => same(e, seatId, assignmentId))?.reports.length ?? 0;

/** Sends one review's waiting reports, oldest first; one send at a time, as answers go. */
export function sendReports(seatId: string, assignmentId: string): Promise<SendOutcome> {
	const run = sending.then(() => sendReportsNow(seatId, assignmentId));
	sending = run.catch(() => undefined);
	return run;
}

async function sendReportsNow(seatId: string, assignmentId: string): Promise<SendOutcome> {
	let outcome: SendOutcome = { kind: 'nothing' };
	for (;;) {
		const entry = storedReports.get().find((e) => same(e, seatId, assignmentId));
		const report = entry?.reports[0];
		if (!report) return outcome;
		const reply = await reportProgress(seatId, assignmentId, tokenOfSeat(seatId), report);
		if (!reply.ok) {
			const failure = reply.error;
			if (failure.kind === 'refused' && FINAL.has(failure.code))
				forgetReport(seatId, assignmentId, null);
			return { kind: 'failed', failure };
		}
		forgetReport(seatId, assignmentId, report);
		outcome = { kind: 'sent', result: reply.value.result };
	}
}

/** Drops a sent report (null: all of the review's), and the entry once it has none. */
function forgetReport(seatId: string, assignmentId: string, sent: ReviewProgressRequest | null) {
	const entries = storedReports.get().flatMap((e) => {
		if (!same(e, seatId, assignmentId)) return [e];
		const reports = sent
			? e.reports.filter((r) => r.measuredAt !== sent.measuredAt || r.mastery !== sent.mastery)
			: [];
		return reports.length > 0 ? [{ ...e, reports }] : [];
	});
	storedReports.set(entries);
}

/** Sends everything waiting, assignment by assignment; what fails waits for the next time. */
export async function sendWaitingAnswers(): Promise<void> {
	for (const e of stored.get()) await sendAssignment(e.seatId, e.assignmentId);
	for (const e of storedReports.get()) await sendReports(e.seatId, e.assignmentId);
}

/**
 * Sends what waits now, and again whenever the network may be back (the browser says it is, or
 * the app is shown again). Returns a function that stops listening.
 */
export function startAssignmentOutbox(): () => void {
	const send = () => {
		if (stored.get().length > 0 || storedReports.get().length > 0) void sendWaitingAnswers();
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') send();
	};
	send();
	addEventListener('online', send);
	document.addEventListener('visibilitychange', onVisible);
	return () => {
		removeEventListener('online', send);
		document.removeEventListener('visibilitychange', onVisible);
	};
}
