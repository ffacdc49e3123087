// The classroom server's limits against the real hub and SQLite: guesses (of codes and tokens)
// are counted per address without locking a class out or telling a guesser which codes exist,
// game creation is limited and capped with a clear refusal, event streams are capped per token
// and per address, and a join is on disk before the phone hears it is in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HubOptions, LiveHub } from '../../src/lib/server/live/hub.ts';
import { events, GAME_SETTINGS, reader, shortQuestion, testHubs } from './live-fixtures.ts';

// Join codes are drawn at random; one test makes every draw the same to fill the code space.
const forced = vi.hoisted(() => ({ code: undefined as number | undefined }));
vi.mock('../../src/lib/server/live/tokens.ts', async (original) => {
	const actual = await original<typeof import('../../src/lib/server/live/tokens.ts')>();
	return {
		...actual,
		secureRandomInt: (n: number) => forced.code ?? actual.secureRandomInt(n),
	};
});

afterEach(() => {
	forced.code = undefined;
});
const hubs = testHubs();
const newHub = (o: Partial<HubOptions> = {}, path = ':memory:') => hubs.start(o, path);

async function newGame(hub: LiveHub, settings: object = GAME_SETTINGS, client = 'teacher') {
	const created = await hub.create(settings, client);
	if (!created.ok) throw new Error(created.error.message);
	return created.value;
}

const otherCode = (code: string) => (code === '000000' ? '000001' : '000000');
const statusOf = (r: { ok: true } | { ok: false; error: { status: number } }) =>
	r.ok ? 200 : r.error.status;
const SCHOOL = '203.0.113.7';

describe('guesses of codes and tokens, counted per address', () => {
	it('lets a class join through the link’s key while one student at its address mistypes codes', async () => {
		const hub = await newHub({ joinLimit: { perWindow: 5, windowMs: 60_000 } });
		const { code, joinKey } = await newGame(hub);
		const wrong = otherCode(code);
		for (let i = 0; i < 5; i++) {
			expect(statusOf(await hub.join(wrong, { code: wrong, nickname: 'x' }, SCHOOL))).toBe(404);
		}
		// The projector's link and QR code carry the key: 60 joins from the same address go in.
		const keyed = (
			await Promise.all(
				Array.from({ length: 60 }, (_, i) =>
					hub.join(code, { code, nickname: `s${i}`, key: joinKey }, SCHOOL),
				),
			)
		).map(statusOf);
		expect(keyed).toEqual(Array(60).fill(200));
		// A typed code is refused the same whether the game exists or not: nothing to learn.
		const typed = await hub.join(code, { code, nickname: 'typed' }, SCHOOL);
		const guessed = await hub.join(wrong, { code: wrong, nickname: 'typed' }, SCHOOL);
		expect(typed).toEqual(guessed);
		expect(statusOf(typed)).toBe(429);
		// A key that is not this game's is a typed code.
		const forged = { code, nickname: 'f', key: 'A'.repeat(22) };
		expect(statusOf(await hub.join(code, forged, SCHOOL))).toBe(429);
		// Another address is not concerned.
		expect(statusOf(await hub.join(code, { code, nickname: 'home' }, '198.51.100.1'))).toBe(200);
	});

	it('refuses a stream or an answer the same for no game and for a wrong token, and counts both', async () => {
		const hub = await newHub({ joinLimit: { perWindow: 10, windowMs: 60_000 } });
		const { code, hostToken } = await newGame(hub);
		const player = await hub.join(code, { code, nickname: 'Ann' }, SCHOOL);
		if (!player.ok) throw new Error(player.error.message);
		await hub.host(code, hostToken, { action: 'start' });
		const none = otherCode(code);
		const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
		const stream = async (c: string) => {
			const r = await hub.connect(c, 'guess', '', 'bot');
			return r.ok ? { status: 200 } : r.error;
		};
		expect(await stream(code)).toEqual(await stream(none));
		expect((await stream(code)).status).toBe(403);
		const answer = async (c: string) => {
			const r = await hub.answer(c, 'guess', pick, 'bot');
			return r.ok ? { status: 200 } : r.error;
		};
		expect(await answer(code)).toEqual(await answer(none));
		// Host and results requests are guesses too: 7 misses so far, three more use up the window.
		expect(statusOf(await hub.host(code, 'guess', { action: 'end' }, 'bot'))).toBe(403);
		expect(statusOf(await hub.csv(none, 'guess', 'en', 'bot'))).toBe(403);
		for (let i = 0; i < 3; i++) expect((await stream(none)).status).toBe(403);
		expect((await stream(code)).status).toBe(429);
		expect((await stream(none)).status).toBe(429);
		expect(statusOf(await hub.answer(code, 'guess', pick, 'bot'))).toBe(429);
		// The same budget as typed join codes: the bot cannot sweep codes by joining either.
		expect(statusOf(await hub.join(code, { code, nickname: 'bot' }, 'bot'))).toBe(429);
		// A real player at an address that used up its guesses streams and answers as ever.
		for (let i = 0; i < 10; i++) await hub.connect(none, 'guess', '', SCHOOL);
		const own = await hub.connect(code, player.value.token, '', SCHOOL);
		expect(own.ok).toBe(true);
		if (own.ok) await own.value.body?.cancel();
		expect((await hub.answer(code, player.value.token, pick, SCHOOL)).ok).toBe(true);
	});
});

describe('creating games', () => {
	it('limits games created per address, with a message that says to wait', async () => {
		const hub = await newHub({ createLimit: { perWindow: 3, windowMs: 600_000 } });
		for (let i = 0; i < 3; i++) await newGame(hub, GAME_SETTINGS, SCHOOL);
		const refused = await hub.create(GAME_SETTINGS, SCHOOL);
		expect(refused).toMatchObject({
			ok: false,
			error: { status: 429, message: expect.stringMatching(/wait|try again/i) },
		});
		// A bad request costs nothing; another address creates as before.
		expect(statusOf(await hub.create({ ...GAME_SETTINGS, count: 0 }, 'elsewhere'))).toBe(400);
		await newGame(hub, GAME_SETTINGS, 'elsewhere');
	});

	it('holds at most so many games, and says so when full (503), never throwing', async () => {
		const hub = await newHub({ maxGames: 2, createLimit: { perWindow: 100, windowMs: 60_000 } });
		await newGame(hub, GAME_SETTINGS, 'a');
		await newGame(hub, GAME_SETTINGS, 'b');
		expect(await hub.create(GAME_SETTINGS, 'c')).toMatchObject({
			ok: false,
			error: { status: 503 },
		});
	});

	it('answers 503 when no join code is free, instead of throwing', async () => {
		const hub = await newHub();
		forced.code = 123456;
		expect((await newGame(hub)).code).toBe('123456');
		// Every draw now gives the code in use.
		expect(await hub.create(GAME_SETTINGS, 'teacher')).toMatchObject({
			ok: false,
			error: { status: 503 },
		});
	});
});

describe('event streams', () => {
	it('keeps a token to a few streams: a new one closes its oldest', async () => {
		const hub = await newHub({ streamsPerToken: 4 });
		const { code } = await newGame(hub);
		const ann = await hub.join(code, { code, nickname: 'Ann' }, SCHOOL);
		if (!ann.ok) throw new Error(ann.error.message);
		const streams = [];
		for (let i = 0; i < 6; i++) {
			const r = await hub.connect(code, ann.value.token, '', SCHOOL);
			if (!r.ok) throw new Error(r.error.message);
			streams.push(reader(r.value));
		}
		for (const s of streams) await s.read();
		expect(streams.map((s) => s.ended)).toEqual([true, true, false, false, false, false]);
		for (const s of streams.slice(2)) await s.cancel();
	});

	it('caps the streams of one address, and a closed stream makes room again', async () => {
		const hub = await newHub({
			streamsPerAddress: 3,
			joinLimit: { perWindow: 1e9, windowMs: 60_000 },
		});
		const { code } = await newGame(hub);
		const tokens: string[] = [];
		for (const nickname of ['A', 'B', 'C', 'D']) {
			const j = await hub.join(code, { code, nickname }, SCHOOL);
			if (!j.ok) throw new Error(j.error.message);
			tokens.push(j.value.token);
		}
		const open = [];
		for (const t of tokens.slice(0, 3)) open.push(await hub.connect(code, t, '', SCHOOL));
		expect(open.every((r) => r.ok)).toBe(true);
		expect(await hub.connect(code, tokens[3], '', SCHOOL)).toMatchObject({
			ok: false,
			error: { status: 429 },
		});
		expect((await hub.connect(code, tokens[3], '', 'another-school')).ok).toBe(true);
		const first = open[0];
		if (!first.ok) throw new Error();
		await first.value.body!.cancel();
		expect((await hub.connect(code, tokens[3], '', SCHOOL)).ok).toBe(true);
	});

	it('closes a kicked player’s streams, and a stream it opens again only says it was removed', async () => {
		const hub = await newHub();
		const { code, hostToken } = await newGame(hub);
		const ann = await hub.join(code, { code, nickname: 'Ann' }, SCHOOL);
		if (!ann.ok) throw new Error(ann.error.message);
		const r = await hub.connect(code, ann.value.token, '', SCHOOL);
		if (!r.ok) throw new Error(r.error.message);
		const stream = reader(r.value);
		await stream.read();
		await hub.host(code, hostToken, { action: 'kick', playerId: ann.value.playerId });
		expect(events(await stream.read()).map((e) => e.data.type)).toEqual(['kicked']);
		expect(stream.ended).toBe(true);
		const again = await hub.connect(code, ann.value.token, '', SCHOOL);
		if (!again.ok) throw new Error(again.error.message);
		const reopened = reader(again.value);
		expect(events(await reopened.read()).map((e) => e.data.type)).toEqual(['kicked']);
		expect(reopened.ended).toBe(true);
	});
});

describe('what is on disk before it is acknowledged', () => {
	const dbPath = () => hubs.dbFile();
	const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };

	it('a player who joins mid-question and answers, then the server dies: seat and answer kept', async () => {
		const path = dbPath();
		const first = await newHub({}, path);
		const { code, hostToken } = await newGame(first);
		// Ann is there from the start and has not answered yet: the question stays open.
		expect((await first.join(code, { code, nickname: 'Ann' }, SCHOOL)).ok).toBe(true);
		await first.host(code, hostToken, { action: 'start' });
		const late = await first.join(code, { code, nickname: 'Late' }, SCHOOL);
		if (!late.ok) throw new Error(late.error.message);
		expect((await first.answer(code, late.value.token, pick)).ok).toBe(true);
		// No flush, no stop: the process died within a moment of the answer.
		const second = await newHub({}, path);
		expect(await second.answer(code, late.value.token, pick)).toMatchObject({
			ok: false,
			error: { status: 409, message: 'Already answered' },
		});
		await second.host(code, hostToken, { action: 'reveal' });
		const csv = await second.csv(code, hostToken, 'en');
		expect(csv.ok && csv.value.split('\r\n').find((row) => row.includes('"Late"'))).toMatch(
			/"yes"|"no"/,
		);
		const stream = await second.connect(code, late.value.token);
		if (!stream.ok) throw new Error(stream.error.message);
		const seen = reader(stream.value);
		expect(events(await seen.read())[0].data).toMatchObject({ type: 'me', nickname: 'Late' });
		await seen.cancel();
	});

	it('a game is on disk as soon as it is created, and an accepted answer as soon as it is accepted', async () => {
		const path = dbPath();
		const first = await newHub({ loadQuestions: async () => [shortQuestion('river')] }, path);
		const { code, hostToken } = await newGame(first, {
			...GAME_SETTINGS,
			types: ['short'],
			count: 1,
		});
		const restarted = await newHub({}, path);
		expect(statusOf(await restarted.host(code, hostToken, { action: 'lock' }))).toBe(200);

		const againPath = dbPath();
		const again = await newHub({ loadQuestions: async () => [shortQuestion('river')] }, againPath);
		const game = await newGame(again, { ...GAME_SETTINGS, types: ['short'], count: 1 });
		const tokens: string[] = [];
		for (const nickname of ['Ann', 'Bo']) {
			const j = await again.join(game.code, { code: game.code, nickname }, SCHOOL);
			if (!j.ok) throw new Error(j.error.message);
			tokens.push(j.value.token);
		}
		await again.host(game.code, game.hostToken, { action: 'start' });
		for (const [i, t] of tokens.entries()) {
			const text = i === 0 ? 'Shinano-gawa' : 'shinano gawa!';
			expect(
				(await again.answer(game.code, t, { questionIndex: 0, answer: { type: 'short', text } }))
					.ok,
			).toBe(true);
		}
		const accepted = await again.host(game.code, game.hostToken, {
			action: 'accept',
			questionIndex: 0,
			text: 'Shinano gawa',
		});
		expect(accepted).toMatchObject({ ok: true });
		const before = await again.results(game.code, game.hostToken, 'en');
		const after = await (await newHub({}, againPath)).results(game.code, game.hostToken, 'en');
		expect(after).toEqual(before);
		expect(
			after.ok && after.value.players.map((p) => [p.score > 0, p.questions[0].accepted]),
		).toEqual([
			[true, true],
			[true, true],
		]);
	});
});
