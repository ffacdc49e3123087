// The rules of assignments without storage: which questions an assignment asks, when answers
// show, when an answer is late, how the server grades one, and what the teacher reads of them.
import { describe, expect, it } from 'vitest';
import {
	acceptedKey,
	gradeAssignmentAnswer,
	languagesFitting,
	typedKey,
} from '$lib/classes/assignment-grading';
import type {
	AssignmentErrorCode,
	AssignmentQuestions,
	StudentReport,
} from '$lib/classes/assignment-protocol';
import {
	ASSIGNMENT_ERROR_STATUS,
	answersShown,
	assignmentDecks,
	assignmentItems,
	isLate,
	newAssignmentSeed,
	OFFLINE_GRACE_MS,
} from '$lib/classes/assignment-rules';
import {
	assignmentCsv,
	commonWrongAnswers,
	gradebookCsv,
	percentOf,
	questionTotals,
	statusCounts,
	studentStatus,
	studentTotals,
} from '$lib/classes/gradebook';
import { UTF8_BOM } from '$lib/csv';
import { loadToSimplified } from '$lib/quiz/chinese-variants';
import { DECK, OTHER_DECK, rightAnswer, shippedDeck, wrongAnswer } from './assignment-fixtures';

const HOUR = 3_600_000;
const questions = (seed: string, shuffle = true): AssignmentQuestions => ({
	decks: [DECK, OTHER_DECK],
	types: ['single', 'multi', 'truefalse', 'cloze', 'short', 'order'],
	count: 30,
	seed,
	shuffle,
	partialCredit: false,
});
const itemsOf = async (q: AssignmentQuestions) =>
	assignmentItems(q, await assignmentDecks(q, shippedDeck));

describe('the questions of an assignment', () => {
	it('are the same for the same seed: ids, order, and each choice question’s options', async () => {
		const a = await itemsOf(questions('k3x9qz7m2a'));
		const b = await itemsOf(questions('k3x9qz7m2a'));
		expect(a).toHaveLength(30);
		expect(b.map((i) => i.question.id)).toEqual(a.map((i) => i.question.id));
		expect(b.map((i) => i.optionOrder)).toEqual(a.map((i) => i.optionOrder));
		expect(b.map((i) => i.extraDistractors)).toEqual(a.map((i) => i.extraDistractors));
		expect(a.some((i) => i.optionOrder && i.optionOrder.length > 2)).toBe(true);
		// Another seed asks others, or in another order.
		const c = await itemsOf(questions('p0p0p0p0p0'));
		expect(c.map((i) => i.question.id)).not.toEqual(a.map((i) => i.question.id));
		// Unshuffled: the banks' order, whatever the seed; options are shuffled all the same.
		const d = await itemsOf(questions('k3x9qz7m2a', false));
		const e = await itemsOf(questions('p0p0p0p0p0', false));
		expect(e.map((i) => i.question.id)).toEqual(d.map((i) => i.question.id));
		expect(e.map((i) => i.optionOrder)).not.toEqual(d.map((i) => i.optionOrder));
	});

	it('are drawn with a seed the test spec takes', () => {
		let n = 0;
		const seed = newAssignmentSeed((max) => n++ % max);
		expect(seed).toMatch(/^[a-z0-9]{4,16}$/);
		expect(newAssignmentSeed(() => 35)).toBe('9999999999');
	});
});

describe('when answers show', () => {
	const due = Date.UTC(2026, 8, 4, 16);
	it('at once, after the deadline, or never', () => {
		expect(answersShown('immediately', due, due - HOUR)).toBe(true);
		expect(answersShown('after-due', due, due - 1)).toBe(false);
		expect(answersShown('after-due', due, due)).toBe(true);
		expect(answersShown('never', due, due + 100 * HOUR)).toBe(false);
	});
});

describe('a late answer', () => {
	const times = { opensAt: Date.UTC(2026, 8, 1), dueAt: Date.UTC(2026, 8, 4, 16) };
	it('is one taken after the deadline, by the device’s clock when it is believable', () => {
		expect(isLate(times.dueAt - 1, times.dueAt - 1, times)).toBe(false);
		expect(isLate(times.dueAt + 1, times.dueAt + 1, times)).toBe(true);
		// Done offline before the deadline, sent a day after: not late.
		expect(isLate(times.dueAt - HOUR, times.dueAt + 24 * HOUR, times)).toBe(false);
	});

	it('never believes a clock set ahead, nor one set back by more than a week', () => {
		// The device says "after" while the server received it before: the server's time counts.
		expect(isLate(times.dueAt + 24 * HOUR, times.dueAt - 1, times)).toBe(false);
		const received = times.dueAt + 10 * 24 * HOUR;
		expect(isLate(times.dueAt - HOUR, received, times)).toBe(true);
		expect(isLate(received - OFFLINE_GRACE_MS + 1, received, times)).toBe(true);
		const justInTime = times.dueAt + OFFLINE_GRACE_MS;
		expect(isLate(times.opensAt, justInTime, times)).toBe(false);
	});
});

describe('the server’s grading', () => {
	const options = { partialCredit: false, accepted: [] };

	it('grades right and wrong answers of every type, in the positions shown', async () => {
		const items = await itemsOf(questions('k3x9qz7m2a'));
		for (const item of items) {
			expect(gradeAssignmentAnswer(item, rightAnswer(item), options)).toEqual({
				ok: true,
				value: { correct: true, score: 1, acceptedByTeacher: false },
			});
			const wrong = gradeAssignmentAnswer(item, wrongAnswer(item), options);
			expect(wrong).toMatchObject({ ok: true, value: { correct: false } });
		}
		// A skip is wrong, with nothing to grade.
		expect(gradeAssignmentAnswer(items[0], null, options)).toEqual({
			ok: true,
			value: { correct: false, score: 0, acceptedByTeacher: false },
		});
	});

	it('takes a typed answer in either language, Traditional characters too', async () => {
		const items = await itemsOf(questions('k3x9qz7m2a'));
		const short = items.find((i) => i.question.type === 'short')!;
		const zh = rightAnswer(short, 'zh');
		expect(gradeAssignmentAnswer(short, zh, options)).toMatchObject({ value: { correct: true } });
		const toSimplified = await loadToSimplified();
		// 太空 is the same in both scripts: find a short answer whose Traditional form differs.
		const traditional = items
			.filter((i) => i.question.type === 'short')
			.map((i) => ({ item: i, text: (rightAnswer(i, 'zh') as { text: string }).text }))
			.map(({ item, text }) => ({ item, text, t: text.replace(/国/g, '國').replace(/军/g, '軍') }))
			.find(({ text, t }) => text !== t);
		if (traditional) {
			const answer = { type: 'short' as const, text: traditional.t };
			expect(
				gradeAssignmentAnswer(traditional.item, answer, { ...options, toSimplified }),
			).toMatchObject({ value: { correct: true } });
		}
	});

	it('refuses an answer that cannot answer its question, without throwing', async () => {
		const items = await itemsOf(questions('k3x9qz7m2a'));
		const single = items.find((i) => i.question.type === 'single')!;
		const shown = single.optionOrder!.length;
		for (const bad of [
			{ type: 'single' as const, choice: shown },
			{ type: 'multi' as const, choices: [0] },
			{ type: 'truefalse' as const, value: true },
		]) {
			expect(languagesFitting(single, bad)).toEqual([]);
			expect(gradeAssignmentAnswer(single, bad, options)).toEqual({
				ok: false,
				error: 'bad-answer',
			});
		}
		const multi = items.find((i) => i.question.type === 'multi')!;
		const twice = { type: 'multi' as const, choices: [0, 0] };
		expect(gradeAssignmentAnswer(multi, twice, options)).toEqual({
			ok: false,
			error: 'bad-answer',
		});
		const order = items.find((i) => i.question.type === 'order')!;
		for (const o of [
			[0, 1],
			[0, 0, 1],
			[0, 1, 99],
		]) {
			const bad = { type: 'order' as const, order: o };
			expect(gradeAssignmentAnswer(order, bad, options)).toEqual({
				ok: false,
				error: 'bad-answer',
			});
		}
		const cloze = items.find((i) => i.question.type === 'cloze')!;
		const blanks = { type: 'cloze' as const, blanks: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
		expect(gradeAssignmentAnswer(cloze, blanks, options)).toEqual({
			ok: false,
			error: 'bad-answer',
		});
	});

	it('takes a typed text the teacher accepted, compared as the checker compares typed text', async () => {
		const items = await itemsOf(questions('k3x9qz7m2a'));
		const short = items.find((i) => i.question.type === 'short')!;
		const typed = { type: 'short' as const, text: '  Counter-Attack   capability!' };
		expect(gradeAssignmentAnswer(short, typed, options)).toMatchObject({
			value: { correct: false },
		});
		const accepted = ['counterattack capability', 'counter attack capability'];
		expect(gradeAssignmentAnswer(short, typed, { ...options, accepted })).toEqual({
			ok: true,
			value: { correct: true, score: 1, acceptedByTeacher: true },
		});
		expect(typedKey(typed)).toBe(acceptedKey('short', 'COUNTER ATTACK CAPABILITY'));
		// A cloze answer is accepted as a whole, as the report shows it.
		const cloze = items.find((i) => i.question.type === 'cloze')!;
		const filled = wrongAnswer(cloze, 'Foo') as { type: 'cloze'; blanks: string[] };
		const shown = filled.blanks.join(' · ');
		expect(
			gradeAssignmentAnswer(cloze, filled, { ...options, accepted: [shown.toLowerCase()] }),
		).toMatchObject({ value: { correct: true, acceptedByTeacher: true } });
		// Not a choice answer, nor an empty one.
		expect(acceptedKey('single', 'Tokyo')).toBeUndefined();
		expect(typedKey({ type: 'short', text: ' ' })).toBeUndefined();
	});

	it('gives each refusal the status the protocol names', () => {
		const expected: Record<AssignmentErrorCode, number> = {
			'no-questions': 400,
			'bad-times': 400,
			'name-empty': 400,
			'too-many-assignments': 409,
			'not-open': 423,
			'bad-answer': 400,
			'not-typed': 400,
		};
		expect(ASSIGNMENT_ERROR_STATUS).toEqual(expected);
	});
});

describe('the gradebook', () => {
	it('says where each student is', () => {
		expect(studentStatus({ answered: 0, finished: false, late: false })).toBe('not-started');
		expect(studentStatus({ answered: 3, finished: false, late: false })).toBe('in-progress');
		expect(studentStatus({ answered: 3, finished: true, late: false })).toBe('done');
		expect(studentStatus({ answered: 3, finished: true, late: true })).toBe('late');
		expect(studentStatus({ answered: 1, finished: false, late: true })).toBe('late');
		expect(statusCounts(['done', 'late', 'done', 'not-started'])).toEqual({
			'not-started': 1,
			'in-progress': 0,
			done: 2,
			late: 1,
		});
	});

	it('adds up a student’s answers and a question’s', () => {
		expect(studentTotals([])).toEqual({ answered: 0, score: 0, timeMs: 0, startedAt: null });
		expect(
			studentTotals([
				{ score: 1, timeMs: 4000, receivedAt: 20 },
				{ score: 1 / 3, timeMs: 1000, receivedAt: 10 },
				{ score: 1 / 3, timeMs: 500, receivedAt: 30 },
			]),
		).toEqual({ answered: 3, score: 1.67, timeMs: 5500, startedAt: 10 });
		expect(questionTotals([])).toEqual({ answered: 0, right: 0, averageMs: 0 });
		expect(
			questionTotals([
				{ correct: true, timeMs: 1000 },
				{ correct: false, timeMs: 2001 },
			]),
		).toEqual({ answered: 2, right: 1, averageMs: 1501 });
		expect(percentOf(2, 3)).toBe(66.7);
		expect(percentOf(0, 0)).toBe(0);
	});

	it('lists the five most common wrong answers, the same answer written differently as one', () => {
		const seen = [
			...['Tokyo', 'tokyo', 'Tokyo'].map((text) => ({ key: 'tokyo', text })),
			...['Osaka', 'Osaka'].map((text) => ({ key: 'osaka', text })),
			...['a', 'b', 'c', 'd', 'e'].map((text) => ({ key: text, text })),
		];
		expect(commonWrongAnswers(seen, true)).toEqual([
			{ text: 'Tokyo', students: 3, acceptable: true },
			{ text: 'Osaka', students: 2, acceptable: true },
			{ text: 'a', students: 1, acceptable: true },
			{ text: 'b', students: 1, acceptable: true },
			{ text: 'c', students: 1, acceptable: true },
		]);
		expect(commonWrongAnswers([], false)).toEqual([]);
	});

	it('writes CSV that spreadsheets read as text, never as formulas', () => {
		const student = (name: string, over: Partial<StudentReport> = {}): StudentReport => ({
			seatId: name,
			name,
			status: 'done',
			answered: 2,
			score: 1.5,
			timeMs: 61_400,
			startedAt: Date.UTC(2026, 8, 2, 9),
			finishedAt: Date.UTC(2026, 8, 2, 9, 5),
			...over,
		});
		const csv = assignmentCsv(
			[
				student('小明'),
				student('=HYPERLINK("x")', { status: 'not-started', startedAt: null, finishedAt: null }),
			],
			2,
		);
		expect(csv.startsWith(UTF8_BOM)).toBe(false);
		expect(csv.split('\r\n')).toEqual([
			'"student","status","answered","score","out of","percent","time (s)","started","finished"',
			'"小明","done","2","1.5","2","75","61","2026-09-02T09:00:00.000Z","2026-09-02T09:05:00.000Z"',
			`"'=HYPERLINK(""x"")","not-started","2","1.5","2","75","61","",""`,
			'',
		]);
		expect(
			gradebookCsv([
				{ student: '+Ann', assignment: 'Week 1', score: 3, outOf: 4, status: 'late' },
			]).split('\r\n'),
		).toEqual([
			'"student","assignment","score","out of","percent","status","late"',
			`"'+Ann","Week 1","3","4","75","late","yes"`,
			'',
		]);
	});
});
