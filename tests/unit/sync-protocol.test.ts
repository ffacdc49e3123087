import fc from 'fast-check';
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Grade, MemoryState } from '../../src/lib/srs/records.ts';
import {
	configKey,
	schedulerConfig,
	type Scheduler,
	type SchedulerConfig,
} from '../../src/lib/srs/scheduler.ts';
import {
	acknowledge,
	applyLocal,
	applyRemote,
	newDevice,
	pendingChanges,
	recordReview,
	replaceReview,
	setRegister,
	undoReview,
	type Device,
} from '../../src/lib/sync/device.ts';
import { newClock, type Hlc } from '../../src/lib/sync/hlc.ts';
import { stateFingerprint, type SyncState } from '../../src/lib/sync/merge.ts';
import type { SyncedReview } from '../../src/lib/sync/records.ts';
import {
	cardKey,
	deckKey,
	deckOptionsFrom,
	settingsKey,
	type DeckField,
} from '../../src/lib/sync/registers.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import { StudyDays } from '../../src/lib/srs/study-day.ts';
import { historiesByCard, replayContext, replaySynced } from '../../src/lib/sync/replay-synced.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';
import { DECK, NODES, T0 } from './sync-fixtures.ts';
import { SyncServer } from './sync-server-model.ts';
import { UTC_DAYS } from './srs-fixtures.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The first device's clock is right, the second's 20 hours behind, the third's 3 hours ahead. */
const SKEW = [0, -20 * HOUR, 3 * HOUR];
const CARDS = ['ni-hao', 'xie-xie', 'zai-jian', 'dui-bu-qi'];

const OPTION_VALUES: Partial<Record<DeckField, unknown[]>> = {
	desiredRetention: [0.8, 0.9, 0.95],
	learningSteps: [['1m', '10m'], ['10m'], []],
};
const WEIGHTS = [0.5, 2].map((f) => default_w.map((w, i) => (i < 4 ? w * f : w)));

type Op =
	| { op: 'review'; d: number; card: number; rating: Grade }
	| { op: 'undo'; d: number }
	| { op: 'option'; d: number; field: DeckField; pick: number }
	| { op: 'suspend'; d: number; card: number; value: boolean }
	| { op: 'fit'; d: number; pick: number }
	| { op: 'setting'; d: number; dayStartsAt: number }
	| { op: 'overrule'; d: number }
	/** `lands`: the connection drops after that many changes reached the server, before the answer. */
	| { op: 'push'; d: number; limit: number; lands: number | null }
	| { op: 'pull'; d: number; limit: number; chunks: number }
	| { op: 'network'; d: number; online: boolean };

const device = fc.integer({ min: 0, max: 2 });
const anyOp: fc.Arbitrary<Op> = fc.oneof(
	{
		arbitrary: fc.record({
			op: fc.constant('review' as const),
			d: device,
			card: fc.integer({ min: 0, max: 3 }),
			rating: fc.constantFrom<Grade>(1, 2, 3, 4),
		}),
		weight: 6,
	},
	{ arbitrary: fc.record({ op: fc.constant('undo' as const), d: device }), weight: 2 },
	{
		arbitrary: fc.record({
			op: fc.constant('option' as const),
			d: device,
			field: fc.constantFrom(...(Object.keys(OPTION_VALUES) as DeckField[])),
			pick: fc.nat(2),
		}),
		weight: 3,
	},
	{
		arbitrary: fc.record({
			op: fc.constant('suspend' as const),
			d: device,
			card: fc.integer({ min: 0, max: 3 }),
			value: fc.boolean(),
		}),
		weight: 1,
	},
	{
		arbitrary: fc.record({ op: fc.constant('fit' as const), d: device, pick: fc.nat(1) }),
		weight: 1,
	},
	{
		arbitrary: fc.record({
			op: fc.constant('setting' as const),
			d: device,
			dayStartsAt: fc.constantFrom(0, 4),
		}),
		weight: 1,
	},
	{ arbitrary: fc.record({ op: fc.constant('overrule' as const), d: device }), weight: 1 },
	{
		arbitrary: fc.record({
			op: fc.constant('push' as const),
			d: device,
			limit: fc.integer({ min: 1, max: 8 }),
			lands: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, fc.nat(8)),
		}),
		weight: 3,
	},
	{
		arbitrary: fc.record({
			op: fc.constant('pull' as const),
			d: device,
			limit: fc.integer({ min: 1, max: 8 }),
			chunks: fc.integer({ min: 1, max: 3 }),
		}),
		weight: 3,
	},
	{
		arbitrary: fc.record({ op: fc.constant('network' as const), d: device, online: fc.boolean() }),
		weight: 1,
	},
);
/** Time between two operations: often seconds, sometimes days, so cards fall due. */
const anyGap = fc.oneof(
	{ arbitrary: fc.integer({ min: 1_000, max: 10 * MINUTE }), weight: 8 },
	{ arbitrary: fc.integer({ min: HOUR, max: 4 * 24 * HOUR }), weight: 1 },
);

/** Three devices of one learner and the server, with what really happened, to check against. */
class World {
	readonly server = new SyncServer();
	devices: Device[] = NODES.map((node) => newDevice(newClock(node)));
	readonly online = [true, true, true];
	now = T0;
	/** Every review made, every one undone, every register value set, every config used. */
	readonly made = new Map<string, SyncedReview>();
	readonly madeBy: string[][] = [[], [], []];
	readonly undone = new Set<string>();
	readonly registerWrites = new Map<string, { hlc: Hlc; value: unknown }[]>();
	readonly configs = new Map<string, SchedulerConfig>();
	#uids = 0;

	/** Random bits that fast-check can replay: a counter. */
	#fill() {
		const fill = new Uint8Array(10);
		new DataView(fill.buffer).setUint32(6, ++this.#uids);
		return fill;
	}

	deviceNow(d: number) {
		return this.now + SKEW[d];
	}

	#set(d: number, key: string, value: unknown) {
		const before = this.devices[d].state.registers.get(key)?.hlc;
		this.devices[d] = setRegister(this.devices[d], key, value, this.deviceNow(d));
		const written = this.devices[d].state.registers.get(key)!;
		// A device's edit is newer than every value of that field it has seen, whatever its clock.
		if (before) expect(written.hlc > before).toBe(true);
		const writes = this.registerWrites.get(key) ?? [];
		writes.push({ hlc: written.hlc, value });
		this.registerWrites.set(key, writes);
	}

	run(op: Op) {
		const d = op.d;
		const now = this.deviceNow(d);
		switch (op.op) {
			case 'review': {
				const config = schedulerConfig(deckOptionsFrom(this.devices[d].state.registers, DECK));
				const key = configKey(config);
				this.configs.set(key, config);
				const review: SyncedReview = {
					kind: 'review',
					uid: uuid7(now, this.#fill()),
					cardId: CARDS[op.card],
					deck: DECK,
					rating: op.rating,
					review: now,
					durationMs: 5000,
					config: key,
				};
				this.devices[d] = recordReview(this.devices[d], review, config);
				this.made.set(review.uid, review);
				this.madeBy[d].push(review.uid);
				break;
			}
			case 'undo': {
				const uid = this.madeBy[d].findLast((u) => !this.undone.has(u));
				if (!uid) break;
				this.devices[d] = undoReview(this.devices[d], uid, now);
				this.undone.add(uid);
				break;
			}
			case 'option': {
				const values = OPTION_VALUES[op.field]!;
				this.#set(d, deckKey(DECK, op.field), values[op.pick % values.length]);
				break;
			}
			case 'setting':
				this.#set(d, settingsKey('dayStartsAt'), op.dayStartsAt);
				break;
			case 'overrule': {
				const live = [...this.devices[d].state.reviews.values()].filter(
					(r) => r.rating === 1 && !r.overruled,
				);
				const old = live.at(-1);
				if (!old) break;
				const replacement: SyncedReview = {
					...old,
					uid: uuid7(now, this.#fill()),
					rating: 3,
					overruled: true,
				};
				this.devices[d] = replaceReview(this.devices[d], old.uid, replacement, now);
				this.undone.add(old.uid);
				this.made.set(replacement.uid, replacement);
				this.madeBy[d].push(replacement.uid);
				break;
			}
			case 'suspend':
				this.#set(d, cardKey(CARDS[op.card], 'suspended'), op.value);
				break;
			case 'fit': {
				const weights = WEIGHTS[op.pick];
				const options = deckOptionsFrom(this.devices[d].state.registers, DECK);
				const config = schedulerConfig({ ...options, weights });
				const key = configKey(config);
				this.configs.set(key, config);
				this.devices[d] = applyLocal(this.devices[d], { kind: 'config', key, config });
				this.#set(d, deckKey(DECK, 'fit'), { weights, rescheduled: { config: key, at: now } });
				break;
			}
			case 'push':
				if (this.online[d]) this.push(d, op.limit, op.lands);
				break;
			case 'pull':
				if (this.online[d]) this.pull(d, op.limit, op.chunks);
				break;
			case 'network':
				this.online[d] = op.online;
				break;
		}
	}

	/** A push cut off after `lands` changes: the server has those, the device has no answer. */
	push(d: number, limit: number, lands: number | null = null) {
		const batch = pendingChanges(this.devices[d], limit);
		if (batch.length === 0) return;
		if (lands !== null) {
			if (lands > 0) this.server.push(batch.slice(0, lands));
			return;
		}
		const { acked, conflicts } = this.server.push(batch);
		expect(conflicts).toEqual([]);
		this.devices[d] = acknowledge(this.devices[d], acked);
	}

	/** Up to `chunks` chunks: a pull cut off after them resumes from its cursor next time. */
	pull(d: number, limit: number, chunks = Infinity) {
		for (let i = 0; i < chunks; i++) {
			const { changes, cursor } = this.server.pull(this.devices[d].cursor, limit);
			if (changes.length === 0) return;
			this.devices[d] = applyRemote(this.devices[d], changes, cursor, this.deviceNow(d));
		}
	}

	syncEverything() {
		this.online.fill(true);
		for (let d = 0; d < 3; d++) {
			while (this.devices[d].outbox.length > 0) this.push(d, 7);
		}
		for (let d = 0; d < 3; d++) this.pull(d, 7);
	}
}

/** Study days and schedulers remember what they computed: one of each for the whole test. */
const DAYS_STARTING_AT: Record<number, StudyDays> = {
	0: new StudyDays({ dayStartsAt: 0, timeZone: 'UTC' }),
	4: UTC_DAYS,
};
const schedulers = new Map<number, Map<string, Scheduler>>();

/** Every card's state on one device, by replay of its merged log. */
function cardStates(state: SyncState, checkData = false): Map<string, MemoryState | undefined> {
	const dayStartsAt = state.registers.get(settingsKey('dayStartsAt'))?.value;
	const days = typeof dayStartsAt === 'number' ? DAYS_STARTING_AT[dayStartsAt] : UTC_DAYS;
	const cache = schedulers.get(days.dayStartsAt) ?? new Map<string, Scheduler>();
	schedulers.set(days.dayStartsAt, cache);
	const context = { ...replayContext(state, days), cache };
	const rescheduled = deckOptionsFrom(state.registers, DECK).rescheduled;
	const out = new Map<string, MemoryState | undefined>();
	for (const [card, history] of historiesByCard(state.reviews.values())) {
		const replayed = replaySynced(history, context, rescheduled);
		// The logs a device stores replay, in Check data's `replayCard`, to the same card.
		if (checkData)
			expect(sameMemoryState(replayCard(replayed.logs, context, rescheduled), replayed.state)).toBe(
				true,
			);
		out.set(card, replayed.state);
	}
	return out;
}

function expectConverged(world: World) {
	const states = world.devices.map((d) => d.state);
	for (const device of world.devices) expect(device.outbox).toEqual([]);
	// The same log, registers and configurations everywhere, and on the server.
	const server = stateFingerprint(world.server.state);
	for (const state of states) expect(stateFingerprint(state)).toBe(server);

	// The log is what was made, minus what was undone: nothing lost, nothing back from the dead.
	const live = [...world.made.keys()].filter((uid) => !world.undone.has(uid)).sort();
	for (const state of states) expect([...state.reviews.keys()].sort()).toEqual(live);

	// Each field holds the value written with the greatest clock time.
	for (const [key, writes] of world.registerWrites) {
		const newest = writes.reduce((a, b) => (b.hlc > a.hlc ? b : a));
		for (const state of states) expect(state.registers.get(key)?.value).toEqual(newest.value);
	}

	// Identical cards on every device, each review counted once, equal to a replay of the truth.
	const truth: SyncState = {
		...world.server.state,
		reviews: new Map(live.map((uid) => [uid, world.made.get(uid)!])),
		configs: new Map(
			[...world.configs].map(([key, config]) => [key, { kind: 'config', key, config }]),
		),
	};
	const expected = cardStates(truth, true);
	for (const state of states) expect(cardStates(state)).toEqual(expected);
	for (const [card, history] of historiesByCard(truth.reviews.values()))
		expect(expected.get(card)?.reps).toBe(history.length);
}

describe('sync protocol across three devices', () => {
	it('converges from any interleaving of reviews, undos, edits, partial pushes and pulls', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(anyOp, anyGap), { maxLength: 80, size: 'max' }), (ops) => {
				const world = new World();
				for (const [op, gap] of ops) {
					world.now += gap;
					world.run(op);
				}
				world.now += MINUTE;
				world.syncEverything();
				expectConverged(world);
			}),
			{ numRuns: 150 },
		);
	}, 60_000);

	it("an edit made after pulling another device's edit of the same field wins, whatever the clocks", () => {
		// Only edits and syncs, seconds apart: the devices' clocks are hours off from each other.
		const editOrSync: fc.Arbitrary<Op> = fc.oneof(
			fc.record({
				op: fc.constant('option' as const),
				d: device,
				field: fc.constant<DeckField>('desiredRetention'),
				pick: fc.nat(2),
			}),
			fc.record({
				op: fc.constant('push' as const),
				d: device,
				limit: fc.constant(10),
				lands: fc.constant(null),
			}),
			fc.record({
				op: fc.constant('pull' as const),
				d: device,
				limit: fc.constant(10),
				chunks: fc.constant(1),
			}),
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(editOrSync, fc.integer({ min: 1_000, max: MINUTE })), {
					maxLength: 30,
					size: 'max',
				}),
				(ops) => {
					const world = new World();
					for (const [op, gap] of ops) {
						world.now += gap;
						world.run(op); // each edit is checked to be newer than the value it replaces
					}
					world.syncEverything();
					expectConverged(world);
				},
			),
		);
	});

	it('refuses, whole, a batch stamped by a clock more than a day ahead of the server', () => {
		const world = new World();
		const ahead = setRegister(world.devices[0], deckKey(DECK, 'newPerDay'), 5, T0 + 2 * DAY);
		expect(() => world.server.push(pendingChanges(ahead, 10), T0)).toThrow(/a day ahead/);
		expect(world.server.feed).toEqual([]);
		const near = setRegister(world.devices[1], deckKey(DECK, 'newPerDay'), 5, T0 + 3 * HOUR);
		expect(world.server.push(pendingChanges(near, 10), T0).acked).toHaveLength(1);
	});

	it('a push cut off half-way and sent again stores each review once', () => {
		const world = new World();
		for (let i = 0; i < 6; i++) {
			world.now += MINUTE;
			world.run({ op: 'review', d: 0, card: i % 4, rating: 3 });
		}
		world.push(0, 100, 3);
		const landed = world.server.feed.length;
		expect(landed).toBeGreaterThan(0);
		expect(world.devices[0].outbox).toHaveLength(7); // a configuration and six reviews
		world.push(0, 100);
		expect(world.devices[0].outbox).toEqual([]);
		const uids = world.server.feed.flatMap((e) =>
			e.change.kind === 'review' ? [e.change.uid] : [],
		);
		expect(uids).toHaveLength(6);
		expect(new Set(uids).size).toBe(6);
	});

	it('a pull cut off after one chunk resumes from its cursor and gets each change once', () => {
		const world = new World();
		for (let i = 0; i < 9; i++) {
			world.now += MINUTE;
			world.run({ op: 'review', d: 0, card: i % 4, rating: 3 });
		}
		world.push(0, 100);
		const pulled: string[] = [];
		const pullOnce = () => {
			const { changes, cursor } = world.server.pull(world.devices[1].cursor, 4);
			pulled.push(...changes.map((c) => JSON.stringify(c)));
			world.devices[1] = applyRemote(world.devices[1], changes, cursor, world.deviceNow(1));
		};
		pullOnce(); // the connection drops here
		expect(world.devices[1].cursor).toBe(4);
		pullOnce();
		pullOnce();
		expect(pulled).toEqual(world.server.feed.map((e) => JSON.stringify(e.change)));
		expect(stateFingerprint(world.devices[1].state)).toBe(stateFingerprint(world.server.state));
	});

	it('two devices offline answer the same cards differently, one undoes, both end the same', () => {
		const world = new World();
		world.online.fill(false);
		for (const [d, rating] of [
			[0, 3],
			[1, 1],
		] as const) {
			for (let card = 0; card < 3; card++) {
				world.now += MINUTE;
				world.run({ op: 'review', d, card, rating });
			}
		}
		world.run({ op: 'undo', d: 1 });
		world.now += HOUR;
		world.syncEverything();
		expectConverged(world);
		expect(world.devices[0].state.reviews.size).toBe(5);
		// The third device signs in later and gets the same.
		expect(stateFingerprint(world.devices[2].state)).toBe(stateFingerprint(world.devices[0].state));
	});

	it("the behind device's later option change wins everywhere once it has pulled the earlier one", () => {
		const world = new World();
		world.run({ op: 'option', d: 0, field: 'desiredRetention', pick: 0 }); // 0.8, right clock
		world.run({ op: 'push', d: 0, limit: 10, lands: null });
		world.now += 5 * MINUTE;
		world.run({ op: 'pull', d: 1, limit: 10, chunks: 1 });
		world.run({ op: 'option', d: 1, field: 'desiredRetention', pick: 2 }); // 0.95, 3 h behind
		world.syncEverything();
		expectConverged(world);
		for (const device of world.devices)
			expect(deckOptionsFrom(device.state.registers, DECK).desiredRetention).toBe(0.95);
	});
});
