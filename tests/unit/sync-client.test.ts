// The browser's sync engine over real IndexedDB stores (fake-indexeddb), each simulated device
// with its own database, against an in-memory server that checks and merges with the real rules
// (sync-server-model.ts) behind the HTTP contract of /api/sync/push, /api/sync/pull and
// /api/account/session.
import 'fake-indexeddb/auto';
import { generatorParameters, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { SyncServer } from './sync-server-model.ts';
import { DEFAULT_DECK_OPTIONS, type DeckOptions } from '../../src/lib/srs/options.ts';
import { replayCard } from '../../src/lib/srs/replay.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { forgetCards } from '../../src/lib/storage/card-flags.ts';
import { checkData } from '../../src/lib/storage/check-data.ts';
import { replayWaiting } from '../../src/lib/storage/pulled-replay.ts';
import { applyPulled } from '../../src/lib/storage/sync-apply.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { getDeckOptions, putDeckOptions } from '../../src/lib/storage/preferences.ts';
import { rescheduleDeck } from '../../src/lib/storage/reschedule.ts';
import { setOverruled } from '../../src/lib/storage/test-overrule.ts';
import { saveTestResult } from '../../src/lib/storage/test-results.ts';
import { markSignedOut, pendingCount, unlinkDevice } from '../../src/lib/storage/sync-outgoing.ts';
import {
	SESSION_PATH,
	syncOnce,
	type SyncDeps,
	type SyncOutcome,
} from '../../src/lib/sync-client/engine.ts';
import type { Change } from '../../src/lib/sync/records.ts';

const DECK = 'bank/deck';
const IDS = Array.from({ length: 12 }, (_, i) => `q${String(i).padStart(2, '0')}`);
let dbCount = 0;

/** The server behind a fetch, with the accounts' feeds, and ways to cut a request off. */
class Backend {
	readonly servers = new Map<string, SyncServer>();
	/** Requests that reached the server, by path. */
	readonly calls: string[] = [];
	/** The next push is applied but its answer is lost. */
	loseNextPushAnswer = false;
	/** The next pull fails before reaching the server, after this many pulls. */
	failPullAfter: number | undefined;
	/** The server's clock: the real one, as the stamps of local changes use it. */
	get now() {
		return Date.now() + this.offset;
	}
	/** How far the server's clock is from this machine's (ms). */
	offset = 0;

	server(user: string) {
		let s = this.servers.get(user);
		if (!s) this.servers.set(user, (s = new SyncServer()));
		return s;
	}

	/** A fetch as the device signed in as `user` (undefined: signed out) sees it. */
	fetchFor(device: { user: string | undefined; online: boolean }): typeof fetch {
		return async (input, init) => {
			const url = new URL(String(input), 'http://kioku.test');
			if (!device.online) throw new TypeError('Failed to fetch');
			const json = (status: number, body: unknown) =>
				new Response(JSON.stringify(body), {
					status,
					headers: { 'content-type': 'application/json', date: new Date(this.now).toUTCString() },
				});
			if (url.pathname === SESSION_PATH)
				return json(200, { user: device.user ? { id: device.user, name: device.user } : null });
			if (!device.user) return json(401, { error: 'signed-out' });
			const server = this.server(device.user);
			this.calls.push(url.pathname);
			if (url.pathname === '/api/sync/push') {
				const { changes } = JSON.parse(String(init?.body)) as { changes: Change[] };
				try {
					server.push(changes, this.now);
				} catch (e) {
					return json(422, { error: 'bad-batch', message: String(e) });
				}
				if (this.loseNextPushAnswer) {
					this.loseNextPushAnswer = false;
					throw new TypeError('connection reset');
				}
				return json(200, { cursor: server.feed.length });
			}
			if (url.pathname === '/api/sync/pull') {
				if (this.failPullAfter !== undefined && this.failPullAfter-- <= 0) {
					this.failPullAfter = undefined;
					throw new TypeError('connection reset');
				}
				const cursor = Number(url.searchParams.get('cursor'));
				const limit = Number(url.searchParams.get('limit'));
				const page = server.pull(cursor, limit);
				return json(200, { ...page, more: page.cursor < server.feed.length });
			}
			return json(404, { error: 'not-found' });
		};
	}
}

class Device {
	db!: Db;
	user: string | undefined;
	online = true;
	now = Date.UTC(2024, 5, 1, 10);
	readonly backend: Backend;
	deps: Partial<SyncDeps> = {};

	constructor(backend: Backend, user?: string) {
		this.backend = backend;
		this.user = user;
	}

	async open() {
		this.db = await openKiokuDb(`sync-${++dbCount}`);
		return this;
	}

	session(options: Partial<DeckOptions> = {}) {
		return StudySession.start({
			deck: DECK,
			questionIds: IDS,
			options: { ...DEFAULT_DECK_OPTIONS, ...options },
			store: idbReviewStore(this.db),
			clock: () => this.now,
			days: UTC_DAYS,
		});
	}

	/** Answers `n` cards with `grade`, a minute apart; the session is returned for undo. */
	async study(n: number, grade: 1 | 2 | 3 | 4, session?: StudySession) {
		const s = session ?? (await this.session());
		for (let i = 0; i < n; i++) {
			const next = await s.next();
			if (next.kind !== 'card') break;
			await s.answer(next.id, grade, 3000);
			this.now += 60_000;
		}
		return s;
	}

	sync(extra: Partial<SyncDeps> = {}): Promise<SyncOutcome> {
		return syncOnce({
			db: this.db,
			fetch: this.backend.fetchFor(this),
			now: () => Date.now(), // this device's clock, which local edits are stamped by
			days: async () => UTC_DAYS,
			uiLanguage: 'en',
			...this.deps,
			...extra,
		});
	}

	/** Each review as the app stores it, minus the store's own id, sorted. */
	async log() {
		const logs = await this.db.getAll('logs');
		for (const log of logs) delete log.id;
		return logs.sort((a, b) => (a.uid! < b.uid! ? -1 : a.uid! > b.uid! ? 1 : 0));
	}

	async cards() {
		const cards = await this.db.getAll('cards');
		return cards.sort((a, b) => (a.id < b.id ? -1 : 1));
	}
}

async function devices(n: number, user = 'ann') {
	const backend = new Backend();
	const list: Device[] = [];
	for (let i = 0; i < n; i++) list.push(await new Device(backend, user).open());
	return { backend, list };
}

/** Every card equals a replay of its stored log, as Check data computes it. */
async function expectCardsEqualReplay(device: Device) {
	const report = await checkData(device.db, UTC_DAYS);
	expect(report.unknownConfigs).toEqual([]);
	expect(report.mismatched).toEqual([]);
	for (const card of await device.cards()) {
		const logs = await device.db.getAllFromIndex(
			'logs',
			'card',
			IDBKeyRange.bound([card.id, 0], [card.id, Infinity]),
		);
		const configs = new Map((await device.db.getAll('configs')).map((c) => [c.key, c.config]));
		expect(
			replayCard(logs, { configs, days: UTC_DAYS }, undefined, card.forgottenAt),
		).toMatchObject({
			reps: card.reps,
			due: card.due,
		});
	}
}

describe('sync engine', () => {
	it('two devices of one account end with the same log and cards, undo included', async () => {
		const { backend, list } = await devices(2);
		const [phone, laptop] = list;
		// Both link first, so the later undo is one the account has to hear of.
		expect((await phone.sync()).kind).toBe('synced');
		expect((await laptop.sync()).kind).toBe('synced');
		phone.online = laptop.online = false;
		const phoneSession = await phone.study(5, 3);
		laptop.now += 3_600_000;
		await laptop.study(4, 1);
		await phoneSession.undo(); // the phone's last answer, undone while offline
		expect(await pendingCount(phone.db)).toEqual({ reviews: 4, other: 1 });
		expect((await phone.sync()).kind).toBe('offline');

		phone.online = laptop.online = true;
		await phone.sync();
		await laptop.sync();
		await phone.sync();
		const log = await phone.log();
		expect(log).toHaveLength(8);
		expect(await laptop.log()).toEqual(log);
		expect(await laptop.cards()).toEqual(await phone.cards());
		await expectCardsEqualReplay(phone);
		await expectCardsEqualReplay(laptop);
		expect(await pendingCount(phone.db)).toEqual({ reviews: 0, other: 0 });

		// A third device signing in gets the same, with progress along the way.
		const third = await new Device(backend, 'ann').open();
		const fractions: number[] = [];
		await third.sync({
			pullLimit: 3,
			onProgress: (p) =>
				p.phase === 'pull' && p.fraction !== undefined && fractions.push(p.fraction),
		});
		expect(await third.log()).toEqual(log);
		expect(await third.cards()).toEqual(await phone.cards());
		expect(fractions.length).toBeGreaterThan(2);
		// From 0 to whole, never back: the pages come down, then their cards are replayed.
		expect(fractions[0]).toBe(0);
		expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
		expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
		expect(fractions.at(-1)).toBe(1);
	});

	it('a device with progress signing in to an account with other progress: both kept, and said', async () => {
		const { list } = await devices(2);
		const [old, fresh] = list;
		await old.study(6, 3);
		await old.sync();
		await putDeckOptions(old.db, DECK, {
			...(await getDeckOptions(old.db, DECK, 'en')),
			newPerDay: 7,
		});
		await old.sync();
		fresh.user = undefined; // studies before it has an account
		fresh.now += 86_400_000;
		const freshSession = await fresh.study(4, 2);
		await freshSession.undo();
		const options = await getDeckOptions(fresh.db, DECK, 'en');
		await putDeckOptions(fresh.db, DECK, { ...options, reviewsPerDay: 150, newPerDay: 30 });
		// Without an account nothing is queued: the outbox cannot grow for a learner who never signs in.
		expect(await fresh.db.count('outbox')).toBe(0);
		expect(await fresh.db.count('registers')).toBe(0);
		expect(await fresh.sync()).toEqual({ kind: 'signed-out', linked: false, chosen: false });
		expect(await fresh.db.count('syncMeta')).toBe(0);
		fresh.user = 'ann';
		const outcome = await fresh.sync();
		expect(outcome).toMatchObject({ kind: 'synced', merged: { sent: 3, received: 6 } });
		await old.sync();
		expect(await old.log()).toHaveLength(9);
		// The device's own option went up as older than the account's values: kept, as the account had none.
		// Where the account had a value, the account's is kept.
		for (const d of [old, fresh])
			expect(await getDeckOptions(d.db, DECK, 'en')).toMatchObject({
				reviewsPerDay: 150,
				newPerDay: 7,
			});
		expect(await fresh.log()).toEqual(await old.log());
		expect(await fresh.cards()).toEqual(await old.cards());
		await expectCardsEqualReplay(fresh);
	});

	it('a push whose answer was lost is sent again and counted once', async () => {
		const { backend, list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		await a.study(4, 3);
		backend.loseNextPushAnswer = true;
		expect((await a.sync()).kind).toBe('offline');
		expect(await pendingCount(a.db)).toEqual({ reviews: 4, other: 0 });
		await a.sync();
		const server = backend.server('ann');
		expect([...server.state.reviews.values()]).toHaveLength(4);
		expect(server.feed.filter((e) => e.change.kind === 'review')).toHaveLength(4);
		await b.sync();
		expect(await b.log()).toEqual(await a.log());
	});

	it('a pull cut off midway resumes from its cursor', async () => {
		const { backend, list } = await devices(2);
		const [a, b] = list;
		await a.study(10, 3);
		await a.sync();
		backend.failPullAfter = 2;
		expect((await b.sync({ pullLimit: 4 })).kind).toBe('offline');
		const partial = (await b.db.getAll('logs')).length;
		expect(partial).toBeGreaterThan(0);
		expect(partial).toBeLessThan(10);
		const pullsBefore = backend.calls.filter((c) => c === '/api/sync/pull').length;
		await b.sync({ pullLimit: 4 });
		expect(await b.log()).toEqual(await a.log());
		// Resumed: the second sync pulled only what was left, not the feed from the start.
		const pullsAfter = backend.calls.filter((c) => c === '/api/sync/pull').length;
		expect(pullsAfter - pullsBefore).toBeLessThanOrEqual(2);
		await expectCardsEqualReplay(b);
	});

	it('pages stored but not yet replayed (a tab closed mid-pull) are replayed by the next sync, an undo among them left out', async () => {
		const { backend, list } = await devices(2);
		const [a, b] = list;
		await b.sync();
		// Two rounds on the same cards: two reviews to replay on each.
		await a.study(6, 1);
		a.now += 3_600_000;
		const session = await a.study(6, 3);
		await a.sync();
		// b stores a page of the feed, and is closed before replaying it.
		const fetchB = backend.fetchFor(b);
		const page = (await (await fetchB('/api/sync/pull?cursor=0&limit=100')).json()) as {
			changes: Change[];
			cursor: number;
		};
		// Spread over three buckets, where the next sync's pages use one: a card's reviews in two
		// buckets are replayed twice, the second time over the logs the first wrote.
		const context = { now: Date.now(), days: UTC_DAYS, uiLanguage: 'en' as const, buckets: 3 };
		const applied = await applyPulled(b.db, page.changes, page.cursor, context);
		expect(applied.pulled).toBe(12);
		expect(await b.log()).toEqual([]);
		expect(await replayWaiting(b.db)).toBe(true);
		// Meanwhile the last review is undone on a: its tombstone comes with the rest.
		await session.undo();
		await a.sync();
		await b.sync({ pullLimit: 4 });
		expect(await b.log()).toHaveLength(11);
		expect(await b.log()).toEqual(await a.log());
		expect(await b.cards()).toEqual(await a.cards());
		expect(await replayWaiting(b.db)).toBe(false);
		await expectCardsEqualReplay(b);
		// Nothing of it goes back up: the replayed logs are the account's own.
		expect(await pendingCount(b.db)).toEqual({ reviews: 0, other: 0 });
	});

	it('deck options merge per field: the newest change of each field wins', async () => {
		const { backend, list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		await b.sync();
		const base = await getDeckOptions(a.db, DECK, 'en');
		await putDeckOptions(a.db, DECK, { ...base, desiredRetention: 0.85 });
		await new Promise((r) => setTimeout(r, 5));
		await putDeckOptions(b.db, DECK, { ...base, newPerDay: 7 });
		await a.sync();
		await b.sync();
		await a.sync();
		for (const d of [a, b]) {
			expect(await getDeckOptions(d.db, DECK, 'en')).toMatchObject({
				desiredRetention: 0.85,
				newPerDay: 7,
			});
		}
		// Only the changed fields were queued: a default never travels as a change.
		const keys = [...backend.server('ann').state.registers.keys()].sort();
		expect(keys).toEqual([`deck:${DECK}:desiredRetention`, `deck:${DECK}:newPerDay`]);
		// Both change the same field: the later change wins on both.
		await putDeckOptions(a.db, DECK, { ...base, newPerDay: 3 });
		// Later by the clock (in the same ms, the node ids would decide, the same way everywhere).
		await new Promise((r) => setTimeout(r, 5));
		await putDeckOptions(b.db, DECK, { ...base, newPerDay: 9 });
		await a.sync();
		await b.sync();
		await a.sync();
		expect((await getDeckOptions(a.db, DECK, 'en')).newPerDay).toBe(9);
		expect((await getDeckOptions(b.db, DECK, 'en')).newPerDay).toBe(9);
	});

	it('suspending a card travels; signed in to another account, nothing is mixed without asking', async () => {
		const { list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		await a.study(2, 3);
		await a.sync();
		await b.sync();
		const card = (await a.cards())[0];
		const put = await idbReviewStore(a.db).putCard(card, { ...card, suspended: true });
		expect(put.ok).toBe(true);
		await a.sync();
		await b.sync();
		expect((await b.db.get('cards', card.id))?.suspended).toBe(true);
		expect(await b.cards()).toEqual(await a.cards());

		a.user = 'bob';
		expect(await a.sync()).toEqual({ kind: 'other-account', name: 'bob' });
		expect(await a.log()).toHaveLength(2);
		const merged = await a.sync({ otherAccount: 'merge' });
		expect(merged).toMatchObject({ kind: 'synced', merged: { sent: 2, received: 0 } });
		expect((await a.db.get('cards', card.id))?.suspended).toBe(true);
	});

	it('a card forgotten on one device starts over on every device, its reviews kept', async () => {
		const { backend, list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		await b.sync();
		await a.study(4, 3);
		a.now += 2 * 86_400_000;
		await a.study(4, 1);
		await a.sync();
		await b.sync();
		const [card] = await a.cards();
		expect(card.reps).toBeGreaterThan(1);
		a.now += 60_000;
		const forgottenAt = a.now;
		const { count } = await forgetCards(a.db, [{ id: card.id, deck: DECK }], forgottenAt);
		expect(count).toBe(1);
		await a.sync();
		await b.sync();
		expect(await b.db.get('cards', card.id)).toMatchObject({
			state: State.New,
			reps: 0,
			due: forgottenAt,
			forgottenAt,
		});
		expect(await b.cards()).toEqual(await a.cards());
		await expectCardsEqualReplay(b);
		// Answered again, as a new card.
		a.now += 60_000;
		const session = await a.session();
		await session.answer(card.id, 3, 3000);
		await a.sync();
		await b.sync();
		const forgotten = await b.db.get('cards', card.id);
		expect(forgotten).toMatchObject({ forgottenAt, reps: 1, lapses: 0 });
		expect(await b.cards()).toEqual(await a.cards());
		// Every review stays in the log, on both devices alike.
		expect(await b.log()).toHaveLength(9);
		expect(await b.log()).toEqual(await a.log());
		await expectCardsEqualReplay(a);
		await expectCardsEqualReplay(b);

		// A device signing in later never stored the card: it replays it from the register.
		const third = await new Device(backend, 'ann').open();
		await third.sync();
		expect(await third.cards()).toEqual(await a.cards());
		expect(await third.log()).toEqual(await a.log());
		await expectCardsEqualReplay(third);
	});

	it('a card forgotten before the device ever synced is forgotten on the account too', async () => {
		const { list } = await devices(2);
		const [a, b] = list;
		await a.study(3, 3);
		const [card] = await a.cards();
		a.now += 60_000;
		await forgetCards(a.db, [{ id: card.id, deck: DECK }], a.now);
		await a.sync();
		await b.sync();
		expect(await b.db.get('cards', card.id)).toMatchObject({
			state: State.New,
			forgottenAt: a.now,
		});
		expect(await b.cards()).toEqual(await a.cards());
		await expectCardsEqualReplay(b);
	});

	it('a sign-out by choice is told apart from an expired session, and a deleted account unlinks the device', async () => {
		const { list } = await devices(1);
		const [a] = list;
		await a.study(2, 3);
		expect(await a.sync()).toMatchObject({ kind: 'synced' });
		// Signed out here on purpose.
		await markSignedOut(a.db);
		a.user = undefined;
		expect(await a.sync()).toEqual({ kind: 'signed-out', linked: true, chosen: true });
		// Signed in again, then the session ends on the server's side: that is an expiry.
		a.user = 'ann';
		expect(await a.sync()).toMatchObject({ kind: 'synced' });
		a.user = undefined;
		expect(await a.sync()).toEqual({ kind: 'signed-out', linked: true, chosen: false });
		// The account is deleted: the progress stays, and a new account gets all of it without
		// a question about another account's progress.
		await unlinkDevice(a.db);
		expect(await a.sync()).toEqual({ kind: 'signed-out', linked: false, chosen: false });
		a.user = 'bob';
		expect(await a.sync()).toMatchObject({ kind: 'synced', merged: { sent: 2, received: 0 } });
		expect(await a.log()).toHaveLength(2);
	});

	it('an undo after the review reached the account removes it on every device', async () => {
		const { list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		const session = await a.study(3, 3);
		await a.sync();
		await b.sync();
		expect(await b.log()).toHaveLength(3);
		await session.undo();
		await a.sync();
		await b.sync();
		expect(await b.log()).toHaveLength(2);
		expect(await b.log()).toEqual(await a.log());
		expect(await b.cards()).toEqual(await a.cards());
		// The undone review cannot come back from a device that still pushes it.
		expect([...(await b.db.getAll('tombstones'))]).toHaveLength(1);
		await expectCardsEqualReplay(b);
	});

	it('fitted weights and their reschedule give the same cards on every device', async () => {
		const { list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		await b.sync();
		await a.study(4, 3);
		a.now += 86_400_000;
		await a.study(4, 1);
		await a.sync();
		await b.sync();
		const options = await getDeckOptions(a.db, DECK, 'en');
		const weights = [...generatorParameters().w].map((w, i) => (i === 2 ? w * 1.5 : w));
		const changed = await rescheduleDeck(a.db, DECK, { ...options, weights }, a.now, UTC_DAYS);
		expect(changed).toBeGreaterThan(0);
		await a.sync();
		await b.sync();
		expect((await getDeckOptions(b.db, DECK, 'en')).weights).toEqual(weights);
		expect(await b.cards()).toEqual(await a.cards());
		expect(await b.log()).toEqual(await a.log());
		await expectCardsEqualReplay(b);
	});

	it('"I was right" on a test result reaches the other device as a replaced review', async () => {
		const { list } = await devices(2);
		const [a, b] = list;
		await a.sync();
		const session = await a.session();
		const next = await session.next();
		if (next.kind !== 'card') throw new Error('no card');
		await session.answer(next.id, 1, 4000);
		const [log] = await a.db.getAll('logs');
		const id = await saveTestResult(a.db, {
			spec: {} as never,
			startedAt: 0,
			finishedAt: 1,
			items: [
				{
					...{ id: next.id, deck: DECK, type: 'short', correct: false, score: 0, timeMs: 4000 },
					...{ answered: true, answer: { type: 'short', text: 'x' }, prompt: 'p' },
					...{ answerText: 'x', rightAnswer: 'y', explanation: 'e', paragraphs: [1] },
					review: { logId: log.id!, rating: 1 },
				},
			],
			summary: { correct: 0, points: 0, total: 1, missedIds: [next.id] } as never,
		});
		await a.sync();
		await b.sync();
		await setOverruled(a.db, id, 0, true, UTC_DAYS);
		await a.sync();
		await b.sync();
		const logs = await b.log();
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ rating: 3, overruled: true });
		expect(logs[0].uid).not.toBe(log.uid);
		expect(await b.log()).toEqual(await a.log());
		expect(await b.cards()).toEqual(await a.cards());
	});

	it('a device whose clock is days ahead stamps its changes by the server’s clock', async () => {
		const { backend, list } = await devices(2);
		const [a, b] = list;
		// The server (and the real time) is three days behind this device's clock.
		backend.offset = -3 * 86_400_000;
		await a.sync();
		expect((await a.db.get('syncMeta', 'meta'))?.skewMs).toBeLessThan(-2 * 86_400_000);
		await a.sync();
		const base = await getDeckOptions(a.db, DECK, 'en');
		await putDeckOptions(a.db, DECK, { ...base, newPerDay: 5 });
		expect((await a.sync()).kind).toBe('synced');
		await b.sync();
		expect((await getDeckOptions(b.db, DECK, 'en')).newPerDay).toBe(5);
	});
});
