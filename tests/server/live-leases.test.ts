// Several instances on one database, each game run by one of them at a time (its lease), on
// SQLite and on PostgreSQL. On PostgreSQL every instance has a pool of its own, as separate
// processes do. On SQLite they share the test's one connection: SQLite is for one process, and
// two connections in one process block it (better-sqlite3 waits for a lock synchronously, so the
// transaction holding it can never finish); the leases work in SQL, the same on both.
// An instance that lost a game can never write to it again; a game whose owner stopped is taken
// over by the next instance asked for it and goes on as if nothing happened.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type ServerDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { LiveHub, type HubOptions } from '$lib/server/live/hub';
import { checkFences, LeaseLost, type Fence } from '$lib/server/live/leases';
import { createLiveStore, type StoredAnswer } from '$lib/server/live/store';
import { events, GAME_SETTINGS, reader, tf } from '../unit/live-fixtures';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const T0 = 1_700_000_000_000;
/** Long enough that no renewal runs by itself during a test: the tests move the clock. */
const LEASE_MS = 60_000;
/** True/false questions: no option order drawn per game, so two games played alike score alike. */
const SETTINGS = { ...GAME_SETTINGS, types: ['truefalse'], secondsPerQuestion: 120 };
const says = (value: boolean, questionIndex = 0) => ({
	questionIndex,
	answer: { type: 'truefalse', value },
});
const answerRow = (id: string): StoredAnswer => ({
	question: 0,
	playerId: id,
	record: JSON.stringify({ playerId: id }),
});

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
	if (!result.ok) throw new Error(result.error.message);
	return result.value;
}

describe.each(DATABASE_KINDS)('live game leases on %s', (kind) => {
	let test: TestDatabase;
	let now = T0;
	const connections: ServerDatabase[] = [];
	const hubs: LiveHub[] = [];
	beforeEach(async () => {
		now = T0;
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
	});
	afterEach(async () => {
		for (const hub of hubs.splice(0).reverse()) await hub.stop();
		for (const db of connections.splice(0)) await db.close();
		await test.drop();
	});

	/** A connection of its own to the test's database, as another process opens it (see above). */
	function connection(): ServerDatabase {
		if (kind === 'sqlite') return test.db;
		const db = openDatabase(
			kind === 'postgres' ? { url: test.location } : { sqlitePath: test.location },
		);
		connections.push(db);
		return db;
	}

	/** An instance: its own id, its own connection, the test's clock. */
	function instance(id: string, o: Partial<HubOptions> = {}) {
		const hub = new LiveHub({
			store: createLiveStore(connection()),
			loadQuestions: async () => [tf(1, true), tf(2, false)],
			joinLimit: { perWindow: 1e9, windowMs: 60_000 },
			clock: () => now,
			instanceId: id,
			leaseMs: LEASE_MS,
			...o,
		});
		hubs.push(hub);
		return hub;
	}

	/** A game on `hub` with players who joined there: their tokens by nickname. */
	async function gameOn(hub: LiveHub, nicknames: string[], settings = SETTINGS) {
		const { code, hostToken } = value(await hub.create(settings));
		const tokens: Record<string, string> = {};
		for (const nickname of nicknames)
			tokens[nickname] = value(await hub.join(code, { code, nickname }, '10.0.0.1')).token;
		return { code, hostToken, tokens };
	}

	const loaded = async (code: string) =>
		(await createLiveStore(connection()).loadGames(0)).find((g) => g.code === code);

	it('refuses every write under an epoch that was taken over, and writes none of it', async () => {
		const a = createLiveStore(connection());
		const b = createLiveStore(connection());
		expect(await a.createLease('123456', 'a', T0, LEASE_MS)).toBe(1);
		// The code is taken: another instance cannot create a game with it.
		expect(await b.createLease('123456', 'b', T0, LEASE_MS)).toBeUndefined();
		const fenceA: Fence = { owner: 'a', epoch: 1 };
		await a.saveGame('123456', { phase: 'open' }, T0, false, fenceA);
		// While a's lease runs, b cannot take the game.
		expect(await b.takeOver('123456', 'b', T0 + LEASE_MS - 1, LEASE_MS)).toEqual({
			held: false,
			by: 'other',
			expiresAt: T0 + LEASE_MS,
		});
		expect(await b.takeOver('123456', 'b', T0 + LEASE_MS, LEASE_MS)).toEqual({
			held: true,
			epoch: 2,
		});
		const token = { hash: 'h-ann', role: 'player' as const, playerId: 'ann' };
		const player = { playerId: 'ann', record: '{}' };
		for (const write of [
			a.saveAnswers('123456', [answerRow('ann')], fenceA),
			a.saveJoin('123456', token, player, fenceA),
			a.saveToken('123456', token, fenceA),
			a.saveGame('123456', { phase: 'stale' }, T0 + 1, false, fenceA),
			a.deleteGame('123456', fenceA),
		])
			await expect(write).rejects.toBeInstanceOf(LeaseLost);
		// The same instance id at the old epoch is refused too: the epoch, not the name, fences.
		await expect(
			b.saveAnswers('123456', [answerRow('ann')], { owner: 'b', epoch: 1 }),
		).rejects.toBeInstanceOf(LeaseLost);
		await b.saveAnswers('123456', [answerRow('bo')], { owner: 'b', epoch: 2 });
		const game = await loaded('123456');
		expect(JSON.parse(game!.state)).toEqual({ phase: 'open' });
		expect(game).toMatchObject({ tokens: [], players: [], answers: [answerRow('bo')] });
	});

	it('lets exactly one of many instances take over an expired game at once, each time', async () => {
		const stores = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({
			id,
			store: createLiveStore(connection()),
		}));
		await stores[0].store.createLease('222222', 'a', T0, LEASE_MS);
		for (let round = 1; round <= 5; round++) {
			const at = T0 + round * (LEASE_MS + 1);
			const outcomes = await Promise.all(
				stores.map(({ id, store }) => store.takeOver('222222', id, at, LEASE_MS)),
			);
			const won = outcomes.filter((o) => o.held);
			expect(won).toEqual([{ held: true, epoch: round + 1 }]);
		}
	});

	it('renews only the leases an instance still holds, and releases them for the next at once', async () => {
		const a = createLiveStore(connection());
		const b = createLiveStore(connection());
		await a.createLease('333331', 'a', T0, LEASE_MS);
		await a.createLease('333332', 'a', T0, LEASE_MS);
		await b.createLease('333333', 'b', T0, LEASE_MS);
		const later = T0 + LEASE_MS + 1;
		expect((await b.takeOver('333332', 'b', later, LEASE_MS)).held).toBe(true);
		const renewed = await a.renew('a', ['333331', '333332', '333333'], later, LEASE_MS);
		expect([...renewed]).toEqual([['333331', 1]]);
		// Renewed: still a's a moment before the renewed lease runs out.
		expect((await b.takeOver('333331', 'b', later + LEASE_MS - 1, LEASE_MS)).held).toBe(false);
		await a.release('a', later + 1);
		expect(await b.takeOver('333331', 'b', later + 1, LEASE_MS)).toEqual({ held: true, epoch: 2 });
	});

	it('fences an instance whose lease ran out: its answer after the take-over is refused and not saved', async () => {
		const lost = vi.fn();
		const a = instance('a', { onLeaseLost: lost });
		const { code, hostToken, tokens } = await gameOn(a, ['Ann', 'Bo']);
		value(await a.host(code, hostToken, { action: 'start' }));
		const stream = reader(value(await a.connect(code, hostToken)));
		await stream.read();
		// a is paused: nothing renews its lease, which runs out, and b is asked for the game.
		now += LEASE_MS + 1_000;
		const b = instance('b');
		expect(await b.answer(code, tokens.Ann, says(true))).toEqual({
			ok: true,
			value: { accepted: true },
		});
		// a wakes up and takes an answer: refused, as moved, and not written anywhere.
		expect(await a.answer(code, tokens.Bo, says(true))).toEqual({
			ok: false,
			error: { status: 503, message: expect.stringMatching(/moved/), retryAfter: 1 },
		});
		expect(lost).toHaveBeenCalledWith(code);
		// a dropped the game: its streams ended (the clients reconnect), and asked again it
		// answers that another instance runs it.
		await stream.read();
		expect(stream.ended).toBe(true);
		expect(await a.results(code, hostToken, 'en')).toMatchObject({
			ok: false,
			error: { status: 503, retryAfter: LEASE_MS / 3000 },
		});
		// Only Ann's answer, taken by b, was saved.
		expect((await loaded(code))!.answers).toHaveLength(1);
		// b's game is the truth: Ann answered, Bo did not, and Bo still can.
		expect(await b.answer(code, tokens.Ann, says(false))).toMatchObject({
			ok: false,
			error: { status: 409 },
		});
		expect((await b.answer(code, tokens.Bo, says(false))).ok).toBe(true);
		expect((await loaded(code))!.answers).toHaveLength(2);
	});

	it('lets one of two instances racing for an expired game take it; the other says to retry', async () => {
		const a = instance('a');
		const { code, hostToken } = await gameOn(a, ['Ann']);
		now += LEASE_MS + 1;
		const takeOvers = vi.fn();
		const [b, c] = [
			instance('b', { onTakeOver: takeOvers }),
			instance('c', { onTakeOver: takeOvers }),
		];
		const outcomes = await Promise.all([b, c].map((hub) => hub.results(code, hostToken, 'en')));
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		expect(outcomes.find((o) => !o.ok)).toMatchObject({
			ok: false,
			error: { status: 503, retryAfter: LEASE_MS / 3000 },
		});
		expect(takeOvers).toHaveBeenCalledTimes(1);
		expect(takeOvers).toHaveBeenCalledWith(code);
	});

	it('a game made where nginx did not send its code is taken at once by the instance that is asked for it', async () => {
		// As behind deploy/nginx.conf: creating a game goes to any instance, its code's requests
		// to another.
		const creator = instance('a', { releaseNewGames: true });
		const { code, hostToken } = value(await creator.create(SETTINGS));
		const routed = instance('b');
		const joined = await routed.join(code, { code, nickname: 'Ann' }, '10.0.0.1');
		expect(joined.ok).toBe(true);
		expect(value(await routed.results(code, hostToken, 'en')).players).toHaveLength(1);
		// The creator holds nothing of it: asked again (nginx's ring moved back), it waits.
		expect(await creator.results(code, hostToken, 'en')).toMatchObject({
			ok: false,
			error: { status: 503 },
		});
	});

	it('an instance asked for a game another runs gets it at that one’s next renewal, answers and all', async () => {
		// As when an instance nginx had left out comes back: its codes' requests reach it again.
		const a = instance('a');
		const { code, hostToken, tokens } = await gameOn(a, ['Ann', 'Bo']);
		value(await a.host(code, hostToken, { action: 'start' }));
		value(await a.answer(code, tokens.Ann, says(true)));
		const b = instance('b');
		expect(await b.results(code, hostToken, 'en')).toMatchObject({
			ok: false,
			error: { status: 503 },
		});
		await a.renewLeases();
		// Bo's answer goes to b now, which has Ann's too.
		value(await b.answer(code, tokens.Bo, says(false)));
		const results = value(await b.results(code, hostToken, 'en'));
		expect(results.players.map((p) => p.questions[0].answered)).toEqual([true, true]);
	});

	it('carries a game on after a take-over with the results one instance alone gives', async () => {
		/** The same game and timing; `second` runs it from the middle of the first question. */
		async function play(first: LiveHub, second: () => LiveHub) {
			now = T0;
			const { code, hostToken, tokens } = await gameOn(first, ['Ann', 'Bo', 'Cy']);
			value(await first.host(code, hostToken, { action: 'start' }));
			now += 1_000;
			value(await first.answer(code, tokens.Ann, says(true)));
			now += 1_500;
			value(await first.answer(code, tokens.Bo, says(false)));
			// The first instance stops renewing (paused, or cut off); its lease runs out.
			now += LEASE_MS + 1_000;
			const hub = second();
			// Ann's answer was kept: she cannot answer again.
			expect(await hub.answer(code, tokens.Ann, says(false))).toMatchObject({
				ok: false,
				error: { status: 409 },
			});
			// The last answer reveals the question, as it would have on the first instance.
			value(await hub.answer(code, tokens.Cy, says(true)));
			now += 3_000;
			// The leaderboard, then the second question.
			value(await hub.host(code, hostToken, { action: 'next' }));
			value(await hub.host(code, hostToken, { action: 'next' }));
			now += 700;
			value(await hub.answer(code, tokens.Bo, says(false, 1)));
			now += 300;
			value(await hub.answer(code, tokens.Ann, says(true, 1)));
			value(await hub.answer(code, tokens.Cy, says(false, 1)));
			const results = value(await hub.results(code, hostToken, 'en'));
			// Player ids are drawn at random; the rest is what the game made of the answers.
			return { ...results, players: results.players.map((p) => ({ ...p, id: 'drawn' })) };
		}
		const alone = instance('alone');
		const expected = await play(alone, () => alone);
		const [a, b] = [instance('a'), instance('b')];
		const takenOver = await play(a, () => b);
		expect(takenOver).toEqual(expected);
		expect(expected.players.map((p) => [p.nickname, p.correct])).toEqual([
			['Cy', 2],
			['Bo', 1],
			['Ann', 1],
		]);
	});

	it('runs the clock of a game taken over: answer time that ran out meanwhile closes the question', async () => {
		const a = instance('a');
		const short = { ...SETTINGS, secondsPerQuestion: 5 };
		const { code, hostToken } = await gameOn(a, ['Ann'], short);
		value(await a.host(code, hostToken, { action: 'start' }));
		now += LEASE_MS + 1;
		const b = instance('b');
		value(await b.results(code, hostToken, 'en'));
		await vi.waitFor(async () => {
			await b.flush();
			expect(JSON.parse((await loaded(code))!.state).phase).not.toBe('open');
		});
	});

	it('gives a restarted instance (the same id) its games back at once; another waits for the lease', async () => {
		const a = instance('a');
		const { code, hostToken, tokens } = await gameOn(a, ['Ann', 'Bo']);
		value(await a.host(code, hostToken, { action: 'start' }));
		// a dies without a word; a moment later, while its lease still runs:
		now += 1_000;
		expect(await instance('b').results(code, hostToken, 'en')).toMatchObject({
			ok: false,
			error: { status: 503, retryAfter: LEASE_MS / 3000 },
		});
		const restarted = instance('a');
		expect((await restarted.answer(code, tokens.Ann, says(true))).ok).toBe(true);
		// The old process, if it still ran, is fenced off by the new epoch.
		expect(await a.answer(code, tokens.Bo, says(true))).toMatchObject({
			ok: false,
			error: { status: 503 },
		});
		expect((await loaded(code))!.answers).toHaveLength(1);
	});

	it('lets another instance take the games of one that stopped at once, and renews those it runs', async () => {
		const a = instance('a');
		const first = await gameOn(a, ['Ann']);
		const second = await gameOn(a, ['Bo']);
		await a.stop();
		expect((await instance('b').results(first.code, first.hostToken, 'en')).ok).toBe(true);

		const c = instance('c');
		const third = await gameOn(c, ['Cy']);
		now += LEASE_MS / 2;
		await c.renewLeases();
		now += LEASE_MS / 2 + 1;
		// Past the first lease, but renewed: still c's.
		expect(await instance('d').results(third.code, third.hostToken, 'en')).toMatchObject({
			ok: false,
			error: { status: 503 },
		});
		// a's other game, released on stop, went to whoever asked first.
		expect((await instance('e').results(second.code, second.hostToken, 'en')).ok).toBe(true);
	});

	it('takes a game over once when many requests for it come to one instance at once', async () => {
		const a = instance('a');
		const { code, hostToken, tokens } = await gameOn(a, ['Ann', 'Bo']);
		value(await a.host(code, hostToken, { action: 'start' }));
		now += LEASE_MS + 1;
		const takeOvers = vi.fn();
		const b = instance('b', { onTakeOver: takeOvers });
		const answered = await Promise.all([
			b.answer(code, tokens.Ann, says(true)),
			b.answer(code, tokens.Bo, says(false)),
			b.results(code, hostToken, 'en'),
		]);
		expect(answered.map((r) => r.ok)).toEqual([true, true, true]);
		expect(takeOvers).toHaveBeenCalledTimes(1);
		expect((await loaded(code))!.answers).toHaveLength(2);
	});

	it('drops every game when no renewal has succeeded for a whole lease', async () => {
		const lost = vi.fn();
		const store = createLiveStore(connection());
		let reachable = true;
		const a = instance('a', {
			onLeaseLost: lost,
			store: {
				...store,
				renew: (...args) =>
					reachable ? store.renew(...args) : Promise.reject(new Error('unreachable')),
			},
		});
		const { code, hostToken } = await gameOn(a, ['Ann']);
		reachable = false;
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			now += LEASE_MS / 3;
			await a.renewLeases();
			// One renewal failed: the lease is not over yet, the game stays.
			expect(lost).not.toHaveBeenCalled();
			expect((await a.results(code, hostToken, 'en')).ok).toBe(true);
			now += LEASE_MS;
			await a.renewLeases();
			expect(lost).toHaveBeenCalledWith(code);
		} finally {
			logged.mockRestore();
		}
	});

	it('drops a game at the renewal that finds it taken over, and ends its streams', async () => {
		const lost = vi.fn();
		const a = instance('a', { onLeaseLost: lost });
		const { code, hostToken } = await gameOn(a, ['Ann']);
		const stream = reader(value(await a.connect(code, hostToken)));
		await stream.read();
		now += LEASE_MS + 1;
		value(await instance('b').results(code, hostToken, 'en'));
		await a.renewLeases();
		expect(lost).toHaveBeenCalledWith(code);
		await stream.read();
		expect(stream.ended).toBe(true);
	});

	it('resumes a phone’s broken stream exactly on the instance that took its game over', async () => {
		const a = instance('a');
		const { code, hostToken, tokens } = await gameOn(a, ['Ann', 'Bo', 'Cy']);
		/** Everything a stream sends until it has been quiet a moment, at least `until` events. */
		const readAll = async (stream: ReturnType<typeof reader>, until = 1) => {
			let raw = '';
			await vi.waitFor(async () => {
				raw += await stream.read();
				expect(events(raw).length).toBeGreaterThanOrEqual(until);
			});
			return events(raw + (await stream.read()));
		};
		const phone = reader(value(await a.connect(code, tokens.Ann)));
		value(await a.host(code, hostToken, { action: 'start' }));
		const seen = await readAll(phone, 3); // me, lobby, question
		expect(seen.map((e) => e.data.type)).toEqual(['me', 'lobby', 'question']);
		const last = seen.at(-1)!.id;
		await phone.cancel(); // the phone's Wi-Fi drops
		// Meanwhile the class answers on a: Ann (from another tab), Bo, then Cy, which reveals.
		value(await a.answer(code, tokens.Ann, says(true)));
		value(await a.answer(code, tokens.Bo, says(false)));
		value(await a.answer(code, tokens.Cy, says(true)));
		// What a itself would send the phone coming back with its last id.
		const onA = await readAll(reader(value(await a.connect(code, tokens.Ann, last))), 3);
		expect(onA.map((e) => e.data.type)).toEqual(['answered', 'reveal', 'result']);

		// a stops renewing (its process died); b takes the game over from the database.
		now += LEASE_MS + 1_000;
		const b = instance('b');
		const back = reader(value(await b.connect(code, tokens.Ann, last)));
		const resumed = await readAll(back, 3);
		// The same events with the same ids: no snapshot (which would begin with "me").
		expect(resumed).toEqual(onA);
		// The game goes on under b: the leaderboard follows on the resumed stream, numbered on.
		value(await b.host(code, hostToken, { action: 'next' }));
		const next = await readAll(back);
		expect(next.map((e) => e.data.type)).toContain('leaderboard');
		const seq = (id: string) => Number(id.split('.')[1]);
		expect(seq(next[0].id)).toBeGreaterThan(seq(resumed.at(-1)!.id));
		expect(next[0].id.split('.')[0]).toBe(last.split('.')[0]);
		await back.cancel();
		// An id this log never gave (another game's, or from before a restart of a log not kept).
		const stale = reader(value(await b.connect(code, tokens.Ann, 'other.3')));
		expect((await readAll(stale))[0].data.type).toBe('me');
		await stale.cancel();
	});

	it('drops a game whose events cannot be written for a lease’s length; it is taken over and goes on', async () => {
		let failing = false;
		const store = createLiveStore(connection());
		const saveEvents: typeof store.saveEvents = (...args) =>
			failing ? Promise.reject(new Error('disk full')) : store.saveEvents(...args);
		const a = instance('a', { store: { ...store, saveEvents } });
		const { code, hostToken } = await gameOn(a, ['Ann']);
		const stream = reader(value(await a.connect(code, hostToken)));
		await stream.read();
		failing = true;
		value(await a.host(code, hostToken, { action: 'start' }));
		// The question is not sent while it cannot be written down.
		expect(events(await stream.read()).map((e) => e.data.type)).not.toContain('question');
		now += LEASE_MS;
		await vi.waitFor(
			async () => {
				await stream.read();
				expect(stream.ended).toBe(true);
			},
			{ timeout: 2_000 },
		);
		// Another instance takes it over once its lease has run out; the question is in its log.
		failing = false;
		now += LEASE_MS + 1;
		const b = instance('b');
		const host = reader(value(await b.connect(code, hostToken)));
		expect(events(await host.read()).map((e) => e.data.type)).toContain('question');
		await host.cancel();
	});

	it('keeps in the database only the events the log still keeps, and reads them back', async () => {
		const a = instance('a', { eventLogSize: 4 });
		const { code, hostToken, tokens } = await gameOn(a, ['Ann', 'Bo', 'Cy']);
		const phone = reader(value(await a.connect(code, tokens.Ann)));
		await phone.read();
		value(await a.host(code, hostToken, { action: 'start' }));
		const first = events(await phone.read()).at(-1)!.id;
		for (const name of ['Ann', 'Bo', 'Cy']) value(await a.answer(code, tokens[name], says(true)));
		value(await a.host(code, hostToken, { action: 'next' }));
		value(await a.host(code, hostToken, { action: 'next' }));
		await a.flush();
		const last = events(await phone.read()).at(-1)!.id;
		await phone.cancel();
		const stored = (await loaded(code))!.events;
		const kept = stored.reduce((n, row) => n + (JSON.parse(row.events) as unknown[]).length, 0);
		// Trimmed past 5 (4 × 1.25) to 4; a batch holds a few: at most a handful more are stored.
		expect(kept).toBeLessThanOrEqual(10);
		expect(stored.at(-1)!.last).toBe(Number(last.split('.')[1]));
		now += LEASE_MS + 1_000;
		const b = instance('b', { eventLogSize: 4 });
		// The newest id resumes exactly (nothing missed); the first question's id is forgotten.
		const exact = reader(value(await b.connect(code, tokens.Ann, last)));
		expect(events(await exact.read())).toEqual([]);
		await exact.cancel();
		const old = reader(value(await b.connect(code, tokens.Ann, first)));
		expect(events(await old.read())[0].data.type).toBe('me');
		await old.cancel();
	});
});

// Locks need two connections at once: PostgreSQL only (SQLite here is one connection, above).
describe('live game leases on postgres, while a write is in progress', () => {
	let test: TestDatabase;
	const connections: ServerDatabase[] = [];
	beforeEach(async () => {
		test = await createTestDatabase('postgres');
		await migrateToLatest(test.db.kysely, 'postgres');
	});
	afterEach(async () => {
		for (const db of connections.splice(0)) await db.close();
		await test.drop();
	});
	const connection = () => {
		const db = openDatabase({ url: test.location });
		connections.push(db);
		return db;
	};

	it('a take-over waits for a write that checked the old epoch; a renewal does not', async () => {
		const dbA = connection();
		const a = createLiveStore(dbA);
		const b = createLiveStore(connection());
		const fence: Fence = { owner: 'a', epoch: 1 };
		await a.createLease('123456', 'a', T0, LEASE_MS);
		await a.saveGame('123456', { phase: 'open' }, T0, false, fence);

		let checked = () => {};
		const isChecked = new Promise<void>((r) => (checked = r));
		let finish = () => {};
		const mayFinish = new Promise<void>((r) => (finish = r));
		const write = dbA.kysely.transaction().execute(async (tx) => {
			const held = await checkFences(tx, 'postgres', [{ code: '123456', fence }]);
			expect([...held]).toEqual(['123456']);
			checked();
			await mayFinish;
			await tx
				.insertInto('live_answer')
				.values({ code: '123456', question: 0, player_id: 'ann', record: '{}' })
				.execute();
		});
		await isChecked;

		// The owner's renewal goes through while its write holds the lease row.
		const renewed = await a.renew('a', ['123456'], T0 + 1, LEASE_MS);
		expect(renewed.get('123456')).toBe(1);
		// Another instance's take-over (the lease ran out) waits for the write to commit.
		let takenOver = false;
		const takeOver = b.takeOver('123456', 'b', T0 + 1 + LEASE_MS, LEASE_MS).then((r) => {
			takenOver = true;
			return r;
		});
		await new Promise((r) => setTimeout(r, 300));
		expect(takenOver).toBe(false);
		finish();
		await write;
		expect(await takeOver).toEqual({ held: true, epoch: 2 });
		// It reads the game with the write in it; the old owner can write no more.
		const [game] = await b.loadGames(0);
		expect(game.answers.map((x) => x.playerId)).toEqual(['ann']);
		await expect(a.saveAnswers('123456', [answerRow('bo')], fence)).rejects.toBeInstanceOf(
			LeaseLost,
		);
	});
});
