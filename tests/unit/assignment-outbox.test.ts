// Homework answers wait on the device until the server has them: offline they stay, a refusal
// that sending again cannot change drops them, and the end of the work is never lost.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SubmittedAnswer } from '$lib/classes/assignment-protocol';
import {
	keepAnswer,
	keepReport,
	reportsToKeep,
	sendAssignment,
	sendReports,
	sendWaitingAnswers,
	waitingAnswers,
	waitingReports,
} from '$lib/state/assignment-outbox';
import { memoryStorage, useStorage } from './fake-web-storage';

interface Sent {
	url: string;
	body: { answers: SubmittedAnswer[]; finished: boolean };
	authorization: string | undefined;
}

const RESULT = {
	result: {
		assignment: {
			id: 'a1',
			title: 'Week 1',
			opensAt: 0,
			dueAt: 10,
			showAnswers: 'never',
			questions: null,
			total: 3,
			answered: 0,
			status: 'in-progress',
			score: null,
		},
		answers: null,
	},
};

/** The server, as far as the outbox sees it: every request recorded, answered by `reply`. */
function server(reply: (sent: Sent) => Response | 'offline' = () => Response.json(RESULT)) {
	const sent: Sent[] = [];
	vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
		const headers = init.headers as Record<string, string>;
		const request = {
			url,
			body: JSON.parse(String(init.body)) as Sent['body'],
			authorization: headers.authorization,
		};
		sent.push(request);
		const answer = reply(request);
		if (answer === 'offline') throw new TypeError('Failed to fetch');
		return answer;
	});
	return sent;
}

/**
 * A server whose first reply waits until `release()`: `started` resolves once that request is on
 * its way, so a test can act while it is.
 */
function slowFirstReply() {
	let release: () => void = () => {};
	const gate = new Promise<void>((r) => (release = r));
	let onTheWay: () => void = () => {};
	const started = new Promise<void>((r) => (onTheWay = r));
	const sent: Sent['body'][] = [];
	vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
		sent.push(JSON.parse(String(init.body)));
		if (sent.length === 1) {
			onTheWay();
			await gate;
		}
		return Response.json(RESULT);
	});
	return { sent, started, release: () => release() };
}

const answer = (questionId: string, text = 'x'): SubmittedAnswer => ({
	questionId,
	answer: { type: 'short', text },
	timeMs: 1000,
	answeredAt: 5,
});

afterEach(() => vi.unstubAllGlobals());

describe('the homework outbox', () => {
	it('keeps an answer until the server has it, and sends it with the seat token', async () => {
		const storage = useStorage('local', memoryStorage());
		storage.setItem(
			'kioku:class-seats',
			JSON.stringify([
				{ seatId: 's1', classId: 'c1', token: 'tok', className: 'C', name: 'Ann', joinedAt: 1 },
			]),
		);
		keepAnswer('s1', 'a1', { answer: answer('q1') });
		expect(waitingAnswers('s1', 'a1')).toBe(1);

		let online = false;
		const sent = server(() => (online ? Response.json(RESULT) : 'offline'));
		expect((await sendAssignment('s1', 'a1')).kind).toBe('failed');
		expect(waitingAnswers('s1', 'a1')).toBe(1);

		online = true;
		const outcome = await sendAssignment('s1', 'a1');
		expect(outcome.kind).toBe('sent');
		expect(waitingAnswers('s1', 'a1')).toBe(0);
		expect(sent.at(-1)).toEqual({
			url: '/api/classes/seats/s1/assignments/a1/answers?lang=en',
			body: { answers: [answer('q1')], finished: false },
			authorization: 'Bearer tok',
		});
	});

	it('asks for the right answers in the language of the page', async () => {
		useStorage('local', memoryStorage());
		vi.stubGlobal('document', { documentElement: { lang: 'zh-CN' } });
		const sent = server();
		keepAnswer('s1', 'a1', { answer: answer('q1') });
		await sendAssignment('s1', 'a1');
		expect(sent[0].url).toBe('/api/classes/seats/s1/assignments/a1/answers?lang=zh');
	});

	it("keeps a question's first answer only, as the server does", () => {
		useStorage('local', memoryStorage());
		keepAnswer('s1', 'a1', { answer: answer('q1', 'first') });
		keepAnswer('s1', 'a1', { answer: answer('q1', 'second') });
		expect(waitingAnswers('s1', 'a1')).toBe(1);
	});

	it('tells the server the work is finished even after every answer went on its own', async () => {
		useStorage('local', memoryStorage());
		const sent = server();
		keepAnswer('s1', 'a1', { answer: answer('q1') });
		await sendAssignment('s1', 'a1');
		keepAnswer('s1', 'a1', { finished: true });
		await sendAssignment('s1', 'a1');
		expect(sent.map((s) => s.body)).toEqual([
			{ answers: [answer('q1')], finished: false },
			{ answers: [], finished: true },
		]);
		// Nothing is left to send.
		await sendAssignment('s1', 'a1');
		expect(sent).toHaveLength(2);
	});

	it('an answer, or the end, given while a send is on its way stays for the next', async () => {
		useStorage('local', memoryStorage());
		const { sent, started, release } = slowFirstReply();
		keepAnswer('s1', 'a1', { answer: answer('q1') });
		const first = sendAssignment('s1', 'a1');
		await started;
		keepAnswer('s1', 'a1', { answer: answer('q2') });
		keepAnswer('s1', 'a1', { finished: true });
		release();
		await first;
		expect(sent[0]).toEqual({ answers: [answer('q1')], finished: false });
		expect(waitingAnswers('s1', 'a1')).toBe(1);
		await sendAssignment('s1', 'a1');
		expect(sent.at(-1)).toEqual({ answers: [answer('q2')], finished: true });
		expect(waitingAnswers('s1', 'a1')).toBe(0);
	});

	it('the end of the work given while its last answer is on its way is still sent', async () => {
		useStorage('local', memoryStorage());
		const { sent, started, release } = slowFirstReply();
		keepAnswer('s1', 'a1', { answer: answer('q1') });
		const first = sendAssignment('s1', 'a1');
		await started;
		keepAnswer('s1', 'a1', { finished: true });
		release();
		await first;
		await sendAssignment('s1', 'a1');
		expect(sent).toEqual([
			{ answers: [answer('q1')], finished: false },
			{ answers: [], finished: true },
		]);
	});

	it('drops what the server can never take (the seat or assignment is gone); retries the rest', async () => {
		useStorage('local', memoryStorage());
		keepAnswer('s1', 'gone', { answer: answer('q1') });
		keepAnswer('s1', 'early', { answer: answer('q1') });
		keepAnswer('s1', 'broken', { answer: answer('q1') });
		server((s) => {
			if (s.url.includes('/gone/')) return Response.json({ error: 'not-found' }, { status: 404 });
			if (s.url.includes('/early/')) return Response.json({ error: 'not-open' }, { status: 423 });
			return new Response('<html>Bad gateway</html>', { status: 502 });
		});
		await sendWaitingAnswers();
		expect(waitingAnswers('s1', 'gone')).toBe(0);
		expect(waitingAnswers('s1', 'early')).toBe(1);
		expect(waitingAnswers('s1', 'broken')).toBe(1);
	});

	it('sends a long assignment done offline in requests the server takes', async () => {
		useStorage('local', memoryStorage());
		const sent = server();
		for (let i = 0; i < 250; i++) keepAnswer('s1', 'a1', { answer: answer(`q${i}`) });
		keepAnswer('s1', 'a1', { finished: true });
		await sendAssignment('s1', 'a1');
		expect(sent.map((s) => [s.body.answers.length, s.body.finished])).toEqual([
			[200, false],
			[50, true],
		]);
		expect(waitingAnswers('s1', 'a1')).toBe(0);
	});
});

describe('a spaced review’s reports', () => {
	const report = (mastery: number, measuredAt: number) => ({ mastery, questions: 9, measuredAt });
	const REVIEW_RESULT = {
		result: {
			assignment: {
				kind: 'review',
				id: 'r1',
				title: 'Review',
				opensAt: 0,
				dueAt: 10,
				review: { bank: 'b', paragraphs: [5], target: 0.8 },
				questionCount: 9,
				status: 'done',
				mastery: 0.9,
				reachedAt: 3,
			},
			answers: null,
		},
	};

	it('keeps the first report reaching the target and the highest, oldest first', () => {
		expect(reportsToKeep([report(0.3, 1), report(0.5, 2)], 0.8)).toEqual([report(0.5, 2)]);
		expect(
			reportsToKeep([report(0.3, 1), report(0.82, 2), report(0.7, 3), report(0.9, 4)], 0.8),
		).toEqual([report(0.82, 2), report(0.9, 4)]);
		expect(reportsToKeep([report(0.95, 5), report(0.85, 2)], 0.8)).toEqual([
			report(0.85, 2),
			report(0.95, 5),
		]);
	});

	it('waits offline, then goes oldest first; a refusal that cannot change drops them', async () => {
		useStorage('local', memoryStorage());
		keepReport('s1', 'r1', report(0.85, 2), 0.8);
		keepReport('s1', 'r1', report(0.6, 3), 0.8);
		keepReport('s1', 'r1', report(0.9, 4), 0.8);
		expect(waitingReports('s1', 'r1')).toBe(2);
		let online = false;
		const sent = server(() => (online ? Response.json(REVIEW_RESULT) : 'offline'));
		expect((await sendReports('s1', 'r1')).kind).toBe('failed');
		expect(waitingReports('s1', 'r1')).toBe(2);
		online = true;
		const outcome = await sendWaitingAnswers().then(() => waitingReports('s1', 'r1'));
		expect(outcome).toBe(0);
		expect(sent.slice(-2).map((s) => [s.url, s.body])).toEqual([
			['/api/classes/seats/s1/assignments/r1/progress', report(0.85, 2)],
			['/api/classes/seats/s1/assignments/r1/progress', report(0.9, 4)],
		]);
		keepReport('s1', 'gone', report(0.5, 5), 0.8);
		server(() => Response.json({ error: 'not-found' }, { status: 404 }));
		await sendReports('s1', 'gone');
		expect(waitingReports('s1', 'gone')).toBe(0);
	});
});
