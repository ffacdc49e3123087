// The classroom's requests as the pages send them: typed bodies and the bearer token, answers
// checked by the protocol's response schemas, and one Result for every way a request can end
// (done, refused with the server's status and message, or no network).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createGame,
	eventsUrl,
	gameResults,
	hostAction,
	joinGame,
	resultsCsvUrl,
	sendAnswer,
} from '../../src/lib/state/live-api.ts';
import { refused } from '../../src/lib/server/live/http.ts';
import { GAME_SETTINGS, SETTINGS, testHubs } from './live-fixtures.ts';

interface Sent {
	url: string;
	method: string;
	headers: Record<string, string>;
	body: unknown;
}

/** Answers every request with `reply`, and keeps what was sent. */
function server(reply: () => Response | Promise<Response>) {
	const sent: Sent[] = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string, init: RequestInit = {}) => {
			sent.push({
				url,
				method: init.method ?? 'GET',
				headers: (init.headers ?? {}) as Record<string, string>,
				body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
			});
			return reply();
		}),
	);
	return sent;
}
const json = (body: unknown, status = 200) => Response.json(body, { status });

const hubs = testHubs();
afterEach(() => {
	vi.unstubAllGlobals();
});

describe('classroom requests', () => {
	it('sends a request again when its game is moving between servers (503 with Retry-After), then says why it could not', async () => {
		vi.useFakeTimers();
		try {
			const replies = [
				() => Response.json({ error: 'moving' }, { status: 503, headers: { 'retry-after': '1' } }),
				() => json({ accepted: true }),
			];
			const sent = server(() => replies.shift()!());
			const answered = sendAnswer('012345', 'p', {
				questionIndex: 0,
				answer: { type: 'truefalse', value: true },
			});
			await vi.advanceTimersByTimeAsync(1000);
			expect(await answered).toEqual({ ok: true, value: { accepted: true } });
			expect(sent).toHaveLength(2);
			expect(sent[1]).toEqual(sent[0]);

			// Still moving after twelve seconds of tries: the screen hears the refusal.
			const always = server(() =>
				Response.json({ error: 'moving' }, { status: 503, headers: { 'retry-after': '5' } }),
			);
			const refusedAnswer = sendAnswer('012345', 'p', {
				questionIndex: 0,
				answer: { type: 'truefalse', value: true },
			});
			await vi.advanceTimersByTimeAsync(20_000);
			expect(await refusedAnswer).toEqual({
				ok: false,
				error: { kind: 'refused', status: 503, message: 'moving' },
			});
			expect(always).toHaveLength(3);
			// A server that is full (Retry-After: a minute) is not waited for.
			const full = server(() =>
				Response.json({ error: 'full' }, { status: 503, headers: { 'retry-after': '60' } }),
			);
			expect(await createGame(SETTINGS)).toMatchObject({ ok: false, error: { status: 503 } });
			expect(full).toHaveLength(1);
		} finally {
			vi.useRealTimers();
		}
	});

	it('creates a game with the settings as JSON and reads back its code, token and key', async () => {
		const sent = server(() => json({ code: '012345', hostToken: 'h', joinKey: 'k' }));
		expect(await createGame(SETTINGS)).toEqual({
			ok: true,
			value: { code: '012345', hostToken: 'h', joinKey: 'k' },
		});
		expect(sent).toEqual([
			{
				url: '/api/live/games',
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: SETTINGS,
			},
		]);
	});

	it('sends the holder’s token as a bearer token with answers and host actions', async () => {
		const sent = server(() => json({ accepted: true }));
		const pick = { questionIndex: 2, answer: { type: 'single' as const, choice: 1 } };
		expect(await sendAnswer('012345', 'tok', pick)).toEqual({
			ok: true,
			value: { accepted: true },
		});
		expect(sent[0]).toMatchObject({
			url: '/api/live/games/012345/answer',
			headers: { authorization: 'Bearer tok' },
			body: pick,
		});
		server(() => json({ phase: 'open' }));
		expect(await hostAction('012345', 'host', { action: 'start' })).toEqual({
			ok: true,
			value: { phase: 'open' },
		});
	});

	it('gives the server’s status and message when it refuses, and says so when it is unreachable', async () => {
		server(() => json({ error: 'The game is locked' }, 423));
		expect(await joinGame({ code: '012345', nickname: 'Ann' })).toEqual({
			ok: false,
			error: { kind: 'refused', status: 423, message: 'The game is locked' },
		});
		server(() => new Response('<html>Bad gateway</html>', { status: 502 }));
		expect(await joinGame({ code: '012345', nickname: 'Ann' })).toEqual({
			ok: false,
			error: { kind: 'refused', status: 502, message: '' },
		});
		server(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await joinGame({ code: '012345', nickname: 'Ann' })).toEqual({
			ok: false,
			error: { kind: 'offline' },
		});
	});

	it('hands on what is wrong with the host’s own deck, as the hub sends it', async () => {
		const hub = await hubs.start({ loadQuestions: async () => [] });
		const own = [{ deck: 'w/w', questions: [{ id: 'w-1', type: 'flashcard' }] }];
		const refusal = await hub.create({ ...GAME_SETTINGS, decks: [], own });
		if (refusal.ok) throw new Error('the broken deck was accepted');
		server(() => refused(refusal.error));
		const created = await createGame({ ...SETTINGS, decks: [], own });
		expect(created).toEqual({
			ok: false,
			error: {
				kind: 'refused',
				status: 400,
				message: refusal.error.message,
				ownDeck: { deck: 'w/w', question: 1, problem: { kind: 'missing-field', path: ['prompt'] } },
			},
		});
	});

	it('never hands on an answer that does not fit its schema', async () => {
		server(() => json({ code: 12345, hostToken: 'h' }));
		const created = await createGame(SETTINGS);
		expect(created.ok).toBe(false);
		expect(!created.ok && created.error).toMatchObject({ kind: 'refused', status: 200 });
	});

	it('reads the results the server gives, in the language asked for', async () => {
		const hub = await hubs.start();
		const created = await hub.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		for (const nickname of ['Ann', 'Bo']) await hub.join(code, { code, nickname }, 'phone');
		const cy = await hub.join(code, { code, nickname: 'Cy' }, 'phone');
		if (!cy.ok) throw new Error(cy.error.message);
		await hub.host(code, hostToken, { action: 'start' });
		const pick = { questionIndex: 0, answer: { type: 'single', choice: 1 } };
		expect((await hub.answer(code, cy.value.token, pick)).ok).toBe(true);
		await hub.host(code, hostToken, { action: 'reveal' });
		const fromHub = await hub.results(code, hostToken, 'zh');
		if (!fromHub.ok) throw new Error(fromHub.error.message);
		const sent = server(() => json(fromHub.value));
		expect(await gameResults(code, hostToken, 'zh')).toEqual({ ok: true, value: fromHub.value });
		expect(sent[0]).toMatchObject({
			url: `/api/live/games/${code}/results?lang=zh`,
			method: 'GET',
			headers: { authorization: `Bearer ${hostToken}` },
		});
		expect(fromHub.value.players.map((p) => p.questions[0].answered).sort()).toEqual([
			false,
			false,
			true,
		]);
	});

	it('puts the token in the links a browser opens itself (the stream, the CSV file)', () => {
		expect(eventsUrl('012345', 'a+b/c')).toBe('/api/live/games/012345/events?token=a%2Bb%2Fc');
		expect(resultsCsvUrl('012345', 'a+b', 'en')).toBe(
			'/api/live/games/012345/results.csv?lang=en&token=a%2Bb',
		);
	});
});
