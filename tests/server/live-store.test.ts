// The live classroom's games in the server's database, on SQLite and on PostgreSQL: what a join,
// an answer or a host's re-grade leaves there, what a restarted server (a new connection on the
// same database) reads back, and a hub that carries a game on after such a restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type ServerDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { log } from '$lib/server/log';
import { LiveHub } from '$lib/server/live/hub';
import { LeaseLost } from '$lib/server/live/leases';
import {
	createLiveStore,
	type LiveStore,
	type StoredAnswer,
	type StoredToken,
} from '$lib/server/live/store';
import { GAME_SETTINGS, singleQuestion } from '../unit/live-fixtures';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const T0 = 1_700_000_000_000;
const LEASE_MS = 5_000;
/** The lease every write below is made under: the first of its game, held by this test. */
const F = { owner: 'test', epoch: 1 };
const host: StoredToken = { hash: 'h-host', role: 'host', playerId: null };
const token = (id: string): StoredToken => ({ hash: `h-${id}`, role: 'player', playerId: id });
const player = (id: string) => ({ playerId: id, record: JSON.stringify({ nickname: id }) });
const answer = (question: number, id: string, text = 'first'): StoredAnswer => ({
	question,
	playerId: id,
	record: JSON.stringify({ playerId: id, text }),
});
const questions = async () => [singleQuestion('q1'), singleQuestion('q2')];
const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };

describe.each(DATABASE_KINDS)('live store on %s', (kind) => {
	let test: TestDatabase;
	let store: LiveStore;
	const others: ServerDatabase[] = [];
	const hubs: LiveHub[] = [];
	beforeEach(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		store = createLiveStore(test.db);
		for (let n = 1; n <= 8; n++)
			await store.createLease(String(n).repeat(6), F.owner, T0, LEASE_MS);
	});
	afterEach(async () => {
		// The newest first: a hub started over one that was not stopped (a restart after a crash)
		// finishes its writes before the older one releases its leases. On one SQLite file, two
		// connections in one process would otherwise wait on each other's lock for 5 s.
		for (const hub of hubs.splice(0).reverse()) await hub.stop();
		for (const db of others.splice(0)) await db.close();
		await test.drop();
	});

	/** The same database through a connection of its own, as a restarted server opens it. */
	function reopened(): ServerDatabase {
		const db = openDatabase(
			kind === 'postgres' ? { url: test.location } : { sqlitePath: test.location },
		);
		others.push(db);
		return db;
	}

	function hubOn(db: ServerDatabase, o: { store?: LiveStore } = {}) {
		const hub = new LiveHub({
			store: o.store ?? createLiveStore(db),
			loadQuestions: questions,
			joinLimit: { perWindow: 1e9, windowMs: 60_000 },
		});
		hubs.push(hub);
		return hub;
	}

	it('reads back after a restart each join, in the order they came, with its token', async () => {
		await store.saveToken('111111', host, F);
		await store.saveGame('111111', { phase: 'lobby' }, T0, false, F);
		for (const id of ['cy', 'ann', 'bo']) await store.saveJoin('111111', token(id), player(id), F);
		// A join sent again (the same token and player) is kept once.
		await store.saveJoin('111111', token('ann'), player('ann'), F);
		const [game, ...rest] = await createLiveStore(reopened()).loadGames(0);
		expect(rest).toEqual([]);
		expect(game).toMatchObject({ code: '111111', ended: false });
		expect(JSON.parse(game.state)).toEqual({ phase: 'lobby' });
		expect(game.players).toEqual([player('cy'), player('ann'), player('bo')]);
		expect(game.tokens).toHaveLength(4);
		expect(game.tokens).toEqual(
			expect.arrayContaining([host, token('cy'), token('ann'), token('bo')]),
		);
	});

	it('keeps answers in the order they were saved, and an answer saved again stays as first saved', async () => {
		await store.saveGame('222222', { phase: 'open' }, T0, false, F);
		await store.saveAnswers('222222', [answer(0, 'bo'), answer(0, 'ann')], F);
		await store.saveAnswers('222222', [], F);
		await store.saveAnswers(
			'222222',
			[answer(0, 'ann', 'again'), answer(0, 'cy'), answer(1, 'bo')],
			F,
		);
		const [game] = await createLiveStore(reopened()).loadGames(0);
		expect(game.answers).toEqual([
			answer(0, 'bo'),
			answer(0, 'ann'),
			answer(0, 'cy'),
			answer(1, 'bo'),
		]);
	});

	it('saves a re-grade with its snapshot: the answer replaced in its place, the game ended', async () => {
		await store.saveGame('333333', { phase: 'open' }, T0, false, F);
		await store.saveAnswers('333333', [answer(0, 'ann'), answer(0, 'bo'), answer(0, 'cy')], F);
		await store.saveGame('333333', { phase: 'ended' }, T0 + 1, true, F, [
			answer(0, 'bo', 'accepted'),
			// A player's answer listed twice: the later record is the one kept.
			answer(0, 'cy', 'accepted'),
			answer(0, 'cy', 'accepted twice'),
		]);
		const [game] = await createLiveStore(reopened()).loadGames(0);
		expect(game.ended).toBe(true);
		expect(JSON.parse(game.state)).toEqual({ phase: 'ended' });
		expect(game.answers).toEqual([
			answer(0, 'ann'),
			answer(0, 'bo', 'accepted'),
			answer(0, 'cy', 'accepted twice'),
		]);
	});

	it('loads only the games saved since the time asked, and deletes one game, not another', async () => {
		await store.saveGame('444444', { n: 1 }, T0, false, F);
		await store.saveGame('555555', { n: 2 }, T0 + 10_000, false, F);
		for (const code of ['444444', '555555']) {
			await store.saveJoin(code, token('ann'), player('ann'), F);
			await store.saveAnswers(code, [answer(0, 'ann')], F);
		}
		expect((await store.loadGames(T0 + 5_000)).map((g) => g.code)).toEqual(['555555']);
		await store.deleteGame('555555', F);
		const left = await createLiveStore(reopened()).loadGames(0);
		expect(left.map((g) => g.code)).toEqual(['444444']);
		expect(left[0].answers).toEqual([answer(0, 'ann')]);
		// Nothing of the deleted game is left behind, to come back with a new game of that code.
		await store.createLease('555555', F.owner, T0, LEASE_MS);
		await store.saveGame('555555', { n: 3 }, T0, false, F);
		const again = (await store.loadGames(0)).find((g) => g.code === '555555');
		expect(again).toMatchObject({ tokens: [], players: [], answers: [] });
	});

	it('writes one game’s changes in the order they were asked for, even when nobody waits', async () => {
		const writes: Promise<void>[] = [];
		for (let i = 0; i < 40; i++) {
			writes.push(store.saveGame('666666', { n: i }, T0 + i, false, F));
			writes.push(store.saveAnswers('666666', [answer(0, `p${i}`)], F));
		}
		await store.settled();
		await Promise.all(writes);
		const [game] = await store.loadGames(0);
		expect(JSON.parse(game.state)).toEqual({ n: 39 });
		expect(game.answers.map((a) => a.playerId)).toEqual(
			Array.from({ length: 40 }, (_, i) => `p${i}`),
		);
	});

	it('refuses a write that breaks the table and saves that game’s next writes', async () => {
		await store.saveGame('777777', { n: 1 }, T0, false, F);
		const broken = { question: 0, playerId: 'ann', record: null as unknown as string };
		await expect(store.saveAnswers('777777', [answer(0, 'bo'), broken], F)).rejects.toThrow();
		await store.saveAnswers('777777', [answer(0, 'cy')], F);
		// The batch with the broken answer left nothing: one transaction.
		const [game] = await store.loadGames(0);
		expect(game.answers).toEqual([answer(0, 'cy')]);
	});

	it('saves a wave of joins that wait together, and fails only the bad one among them', async () => {
		await store.saveGame('888888', { n: 1 }, T0, false, F);
		const bad = { playerId: 'bad', record: null as unknown as string };
		const joins = Array.from({ length: 30 }, (_, i) =>
			i === 15
				? store.saveJoin('888888', token('bad'), bad, F)
				: store.saveJoin('888888', token(`p${i}`), player(`p${i}`), F),
		);
		const outcomes = await Promise.allSettled(joins);
		expect(outcomes.map((o) => o.status)).toEqual(
			Array.from({ length: 30 }, (_, i) => (i === 15 ? 'rejected' : 'fulfilled')),
		);
		const [game] = await createLiveStore(reopened()).loadGames(0);
		const expected = Array.from({ length: 30 }, (_, i) => `p${i}`).filter((id) => id !== 'p15');
		expect(game.players.map((p) => p.playerId)).toEqual(expected);
		// The bad join left neither its player nor its token.
		expect(game.tokens.map((t) => t.playerId).sort()).toEqual([...expected].sort());
	});

	it('writes many games’ waiting writes together; a game taken over and a bad write fail alone', async () => {
		// 222222 is taken over by another instance: this store's fence on it is stale.
		expect(await store.takeOver('222222', 'other', T0 + LEASE_MS, LEASE_MS)).toMatchObject({
			held: true,
		});
		const bad = { question: 0, playerId: 'bad', record: null as unknown as string };
		const codes = ['111111', '222222', '333333', '444444', '555555'];
		// Asked for in one turn: they wait for one another and go in one group.
		const writes = codes.flatMap((code) => [
			store.saveJoin(code, token('ann'), player('ann'), F),
			store.saveAnswers(code, code === '444444' ? [bad] : [answer(0, 'ann')], F),
			store.saveEvents(code, { tag: 't', first: 1, last: 2, events: '[]' }, 0, F),
			store.saveGame(code, { code }, T0, false, F),
		]);
		const outcomes = await Promise.allSettled(writes);
		const failed = (code: string) =>
			outcomes.slice(codes.indexOf(code) * 4, codes.indexOf(code) * 4 + 4).map((o) => o.status);
		expect(failed('222222')).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
		for (const o of outcomes.slice(4, 8))
			expect((o as PromiseRejectedResult).reason).toBeInstanceOf(LeaseLost);
		expect(failed('444444')).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
		for (const code of ['111111', '333333', '555555'])
			expect(failed(code)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);

		const games = new Map((await createLiveStore(reopened()).loadGames(0)).map((g) => [g.code, g]));
		expect([...games.keys()].sort()).toEqual(['111111', '333333', '444444', '555555']);
		for (const code of ['111111', '333333', '555555'])
			expect(games.get(code)).toMatchObject({
				state: JSON.stringify({ code }),
				players: [player('ann')],
				answers: [answer(0, 'ann')],
				events: [{ tag: 't', first: 1, last: 2, events: '[]' }],
			});
		expect(games.get('444444')).toMatchObject({ players: [player('ann')], answers: [] });
	});

	it('carries a game on in a hub restarted on another connection, with every acknowledged answer', async () => {
		const first = hubOn(test.db);
		const created = await first.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const tokens: string[] = [];
		for (const nickname of ['Ann', 'Bo', 'Cy']) {
			const joined = await first.join(code, { code, nickname }, '10.0.0.1');
			if (!joined.ok) throw new Error(joined.error.message);
			tokens.push(joined.value.token);
		}
		expect((await first.host(code, hostToken, { action: 'start' })).ok).toBe(true);
		const answered = await Promise.all(tokens.slice(0, 2).map((t) => first.answer(code, t, pick)));
		expect(answered.map((r) => r.ok)).toEqual([true, true]);
		// No flush, no stop: the first server died right after the acknowledgements.
		const second = hubOn(reopened());
		expect(await second.answer(code, tokens[0], pick)).toMatchObject({
			ok: false,
			error: { status: 409 },
		});
		expect((await second.answer(code, tokens[2], pick)).ok).toBe(true);
		const results = await second.results(code, hostToken, 'en');
		if (!results.ok) throw new Error(results.error.message);
		expect(results.value.players.map((p) => p.questions[0].answered)).toEqual([true, true, true]);
	});

	it('answers 503 and logs why when the database refuses a join, an answer or a host action', async () => {
		const db = reopened();
		const hub = hubOn(db);
		const created = await hub.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const ann = await hub.join(code, { code, nickname: 'Ann' }, '10.0.0.1');
		if (!ann.ok) throw new Error(ann.error.message);
		expect((await hub.host(code, hostToken, { action: 'start' })).ok).toBe(true);
		const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
		try {
			await db.close();
			others.splice(others.indexOf(db), 1);
			const notSaved = {
				ok: false,
				error: { status: 503, message: expect.stringMatching(/saved/) },
			};
			expect(await hub.join(code, { code, nickname: 'Bo' }, '10.0.0.1')).toMatchObject(notSaved);
			expect(await hub.answer(code, ann.value.token, pick)).toMatchObject(notSaved);
			expect(await hub.host(code, hostToken, { action: 'reveal' })).toMatchObject(notSaved);
			expect(await hub.create(GAME_SETTINGS)).toMatchObject(notSaved);
			expect(logged).toHaveBeenCalled();
			await hub.stop();
		} finally {
			logged.mockRestore();
		}
	});

	it('makes a request that comes while saved games are read back wait for them', async () => {
		const first = hubOn(test.db);
		const created = await first.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, joinKey } = created.value;
		await first.stop();
		const slow = createLiveStore(reopened());
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const second = hubOn(test.db, {
			store: { ...slow, loadGames: async (since) => (await gate, slow.loadGames(since)) },
		});
		const early = second.join(code, { code, nickname: 'Early', key: joinKey }, '10.0.0.2');
		await new Promise((resolve) => setTimeout(resolve, 50));
		release();
		expect(await early).toMatchObject({ ok: true, value: { nickname: 'Early' } });
	});
});
