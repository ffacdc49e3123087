// The classroom server's rules under attack: thousands of malformed, random or forged requests
// are refused with 4xx, the server keeps working, and no game's state changes.
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GAME_SETTINGS, singleQuestion, testHubs } from './live-fixtures.ts';

const hubs = testHubs();

async function setup() {
	const hub = await hubs.start({ joinLimit: { perWindow: 1e9, windowMs: 60_000 } });
	const created = await hub.create(GAME_SETTINGS);
	if (!created.ok) throw new Error(created.error.message);
	const { code, hostToken } = created.value;
	const joined = await hub.join(code, { code, nickname: 'Ann' }, '127.0.0.1');
	if (!joined.ok) throw new Error(joined.error.message);
	expect((await hub.host(code, hostToken, { action: 'start' })).ok).toBe(true);
	const snapshot = async () => {
		const csv = await hub.csv(code, hostToken, 'en');
		return csv.ok ? csv.value : '';
	};
	return { hub, code, hostToken, playerToken: joined.value.token, snapshot };
}

const junk = fc.oneof(
	fc.anything(),
	fc.string(),
	fc.record({ questionIndex: fc.anything(), answer: fc.anything() }),
	fc.record({ action: fc.string(), playerId: fc.anything() }),
	fc.record({ action: fc.constant('team'), playerId: fc.anything(), team: fc.anything() }),
	fc.record({ code: fc.string(), nickname: fc.anything() }),
	fc.record({
		questionIndex: fc.integer(),
		answer: fc.record({
			type: fc.constantFrom('single', 'multi', 'order', 'short', 'truefalse', 'cloze'),
			choice: fc.integer(),
			choices: fc.array(fc.integer()),
			order: fc.array(fc.integer()),
			text: fc.string(),
			value: fc.anything(),
		}),
	}),
);

describe('live hub under malformed and forged input', () => {
	it('refuses thousands of random requests with 4xx and changes no game', async () => {
		const { hub, code, hostToken, playerToken, snapshot } = await setup();
		const before = await snapshot();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('answer', 'host', 'join', 'create', 'csv'),
				fc.oneof(fc.constant(code), fc.string(), fc.stringMatching(/^\d{6}$/)),
				fc.oneof(
					fc.string(),
					fc.constant(''),
					fc.constant(playerToken.slice(1)),
					fc.constant(hostToken + 'x'),
				),
				junk,
				async (endpoint, c, token, body) => {
					const result =
						endpoint === 'answer'
							? await hub.answer(c, token, body)
							: endpoint === 'host'
								? await hub.host(c, token, body)
								: endpoint === 'join'
									? await hub.join(c, body, '10.0.0.1')
									: endpoint === 'create'
										? await hub.create(body)
										: await hub.csv(c, token, 'en');
					if (!result.ok) {
						expect(result.error.status).toBeGreaterThanOrEqual(400);
						expect(result.error.status).toBeLessThan(500);
					}
				},
			),
			{ numRuns: 3000 },
		);
		// Joins with random names may have succeeded (they are valid requests); nothing else did.
		expect(await snapshot()).toBe(before);
		expect(
			(
				await hub.answer(code, playerToken, {
					questionIndex: 0,
					answer: { type: 'single', choice: 0 },
				})
			).ok,
		).toBe(true);
	});

	it('lets nobody answer for someone else, and takes one answer per player per question', async () => {
		const { hub, code, hostToken, playerToken } = await setup();
		const pick = (choice: number) => ({ questionIndex: 0, answer: { type: 'single', choice } });
		// Sent together (one batch), still only the first counts.
		const cy = await hub.join(code, { code, nickname: 'Cy' }, '127.0.0.1');
		if (!cy.ok) throw new Error(cy.error.message);
		const other = cy.value.token;
		const both = await Promise.all([
			hub.answer(code, other, pick(0)),
			hub.answer(code, other, pick(1)),
		]);
		expect(both.map((r) => r.ok)).toEqual([true, false]);
		expect(both[1]).toMatchObject({
			ok: false,
			error: { status: 409, message: 'Already answered' },
		});
		expect(await hub.answer(code, hostToken, pick(0))).toMatchObject({
			ok: false,
			error: { status: 403 },
		});
		expect((await hub.answer(code, playerToken, pick(1))).ok).toBe(true);
		expect(await hub.answer(code, playerToken, pick(0))).toMatchObject({
			ok: false,
			error: { status: 409 },
		});
		expect(await hub.host(code, playerToken, { action: 'end' })).toMatchObject({
			ok: false,
			error: { status: 403 },
		});
	});

	it('rate-limits guessed join codes per client address, never a class joining a real game', async () => {
		const hub = await hubs.start({
			loadQuestions: async () => [singleQuestion('q1')],
			joinLimit: { perWindow: 5, windowMs: 60_000 },
		});
		const created = await hub.create({ ...GAME_SETTINGS, count: 1 });
		if (!created.ok) throw new Error();
		const { code } = created.value;
		// 40 students behind one school address all join.
		const classroom = await Promise.all(
			Array.from({ length: 40 }, (_, i) => hub.join(code, { code, nickname: `p${i}` }, '10.1.1.1')),
		);
		expect(classroom.filter((t) => t.ok)).toHaveLength(40);
		// A sweep of wrong codes from one address is stopped after 5 guesses, even for a real code.
		const wrong = code === '000000' ? '000001' : '000000';
		const guesses = await Promise.all(
			Array.from({ length: 7 }, () =>
				hub.join(wrong, { code: wrong, nickname: 'bot' }, '10.9.9.9'),
			),
		);
		expect(guesses.map((t) => (t.ok ? 200 : t.error.status))).toEqual([
			404, 404, 404, 404, 404, 429, 429,
		]);
		expect(await hub.join(code, { code, nickname: 'bot' }, '10.9.9.9')).toMatchObject({
			ok: false,
			error: { status: 429 },
		});
		expect((await hub.join(code, { code, nickname: 'other' }, '10.1.1.2')).ok).toBe(true);
	});

	it('has each answer on disk before acknowledging it: a crash right after loses none', async () => {
		const path = hubs.dbFile();
		const first = await hubs.start({}, path);
		const created = await first.create(GAME_SETTINGS);
		if (!created.ok) throw new Error();
		const { code, hostToken } = created.value;
		const [ann, bo] = await Promise.all(
			['Ann', 'Bo'].map(async (nickname) => {
				const joined = await first.join(code, { code, nickname }, '1.1.1.1');
				if (!joined.ok) throw new Error(joined.error.message);
				return joined.value.token;
			}),
		);
		await first.host(code, hostToken, { action: 'start' });
		const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
		expect((await first.answer(code, ann, pick)).ok).toBe(true);
		// No flush, no stop: the process died just after the acknowledgement.
		const second = await hubs.start({ loadQuestions: async () => [] }, path);
		expect(await second.answer(code, ann, pick)).toMatchObject({
			ok: false,
			error: { status: 409 },
		});
		expect((await second.answer(code, bo, pick)).ok).toBe(true);
		const csv = await second.csv(code, hostToken, 'en');
		expect(csv.ok && csv.value.trim().split('\r\n')).toHaveLength(3);
	});

	it('restores a game saved before answers were lists (keyed by player id)', async () => {
		const path = hubs.dbFile();
		const first = await hubs.start({}, path);
		const created = await first.create(GAME_SETTINGS);
		if (!created.ok) throw new Error();
		const { code, hostToken } = created.value;
		const joined = await first.join(code, { code, nickname: 'Ann' }, '1.1.1.1');
		if (!joined.ok) throw new Error();
		await first.host(code, hostToken, { action: 'start' });
		await first.answer(code, joined.value.token, {
			questionIndex: 0,
			answer: { type: 'single', choice: 0 },
		});
		await first.stop();
		const csvBefore = await first.csv(code, hostToken, 'en');
		// Rewrite the snapshot as the previous version stored it.
		const db = new Database(path);
		const row = db.prepare('SELECT state FROM live_game WHERE code = ?').get(code) as {
			state: string;
		};
		const state = JSON.parse(row.state);
		state.answers = Object.fromEntries(
			Object.entries(state.answers as Record<string, { playerId: string }[]>).map(([i, list]) => [
				i,
				Object.fromEntries(list.map(({ playerId, ...r }) => [playerId, r])),
			]),
		);
		db.prepare('UPDATE live_game SET state = ? WHERE code = ?').run(JSON.stringify(state), code);
		db.close();
		const second = await hubs.start({ loadQuestions: async () => [] }, path);
		expect(await second.csv(code, hostToken, 'en')).toEqual(csvBefore);
	});

	it('restores games from SQLite after a restart, tokens included', async () => {
		const path = hubs.dbFile();
		const first = await hubs.start({}, path);
		const created = await first.create(GAME_SETTINGS);
		if (!created.ok) throw new Error();
		const { code, hostToken } = created.value;
		const joined = await first.join(code, { code, nickname: 'Bo' }, '1.1.1.1');
		if (!joined.ok) throw new Error();
		await first.host(code, hostToken, { action: 'start' });
		await first.stop();
		const second = await hubs.start({ loadQuestions: async () => [] }, path);
		expect(
			(
				await second.answer(code, joined.value.token, {
					questionIndex: 0,
					answer: { type: 'single', choice: 0 },
				})
			).ok,
		).toBe(true);
		// Bo was the only player: the answer revealed the question; the host goes on to the leaderboard.
		expect(await second.host(code, hostToken, { action: 'next' })).toMatchObject({
			ok: true,
			value: { phase: 'leaderboard' },
		});
	});
});
