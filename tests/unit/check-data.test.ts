// "Check data" over the real IndexedDB store (fake-indexeddb in Node), with data made by real sessions.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { beforeEach, describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import type { CardRecord, Grade, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { replayCard } from '../../src/lib/srs/replay.ts';
import { createScheduler, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { checkData, repairData } from '../../src/lib/storage/check-data.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 5, 1, 10);
const DECK = 'bank/deck';
const IDS = Array.from({ length: 30 }, (_, i) => `q${String(i).padStart(2, '0')}`);
const PATTERN: Grade[] = [3, 1, 3, 4, 2, 3, 3];
let db: Db;
let dbCount = 0;

function session(now: () => number) {
	return StudySession.start({
		deck: DECK,
		questionIds: IDS,
		options: { ...DEFAULT_DECK_OPTIONS, newPerDay: 10 },
		store: idbReviewStore(db),
		clock: now,
		days: UTC_DAYS,
	});
}

/** Four study days of real sessions; returns the ids of the cards answered. */
async function study(): Promise<string[]> {
	let answered = 0;
	for (const d of [0, 1, 3, 7]) {
		let now = START + d * DAY;
		const s = await session(() => now);
		for (let i = 0; i < 40; i++) {
			const next = await s.next();
			if (next.kind === 'done') break;
			if (next.kind === 'wait') now = next.until;
			else await s.answer(next.id, PATTERN[answered++ % PATTERN.length], 2000);
			now += 15_000;
		}
	}
	return db.getAllKeys('cards');
}

const logsOf = (id: string) =>
	db.getAllFromIndex('logs', 'card', IDBKeyRange.bound([id, 0], [id, Infinity]));

async function replayed(id: string) {
	const configs = new Map((await db.getAll('configs')).map((c) => [c.key, c.config]));
	return replayCard(await logsOf(id), { configs, days: UTC_DAYS });
}

beforeEach(async () => {
	db = await openKiokuDb(`check-${++dbCount}`);
});

describe('checkData', () => {
	it('finds nothing wrong in what study sessions stored', async () => {
		const ids = await study();
		expect(ids.length).toBeGreaterThan(20);
		expect(await db.count('logs')).toBeGreaterThan(60);
		expect(await checkData(db, UTC_DAYS)).toEqual({
			checked: ids.length,
			mismatched: [],
			unknownConfigs: [],
		});
	});

	it('finds a card whose stability was tampered with, and repairData restores it', async () => {
		const [id, other] = await study();
		const good = (await db.get('cards', id))!;
		await db.put('cards', {
			...good,
			stability: good.stability * 3,
			suspended: true,
			buriedUntil: 99,
		});
		const report = await checkData(db, UTC_DAYS);
		expect(report.mismatched).toHaveLength(1);
		expect(report.mismatched[0]).toMatchObject({
			id,
			stored: { stability: good.stability * 3 },
			replayed: { stability: good.stability },
		});
		expect(report.mismatched[0].stored).not.toHaveProperty('suspended');
		expect(await repairData(db, [id, other], UTC_DAYS)).toBe(1);
		expect(await db.get('cards', id)).toEqual({ ...good, suspended: true, buriedUntil: 99 });
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);
	});

	it('accepts a new card without any log (suspended before its first answer)', async () => {
		const s = await session(() => START);
		const next = await s.next();
		if (next.kind !== 'card') throw new Error('expected a card');
		await s.suspend(next.id);
		expect(await checkData(db, UTC_DAYS)).toEqual({
			checked: 1,
			mismatched: [],
			unknownConfigs: [],
		});
	});

	it('reports a reviewed card whose log is gone; repair makes it new again, keeping its flags', async () => {
		const [id] = await study();
		await db.put('cards', { ...(await db.get('cards', id))!, leech: true });
		for (const log of await logsOf(id)) await db.delete('logs', log.id!);
		const { mismatched } = await checkData(db, UTC_DAYS);
		expect(mismatched).toEqual([
			{ id, stored: expect.objectContaining({ state: State.Review }), replayed: undefined },
		]);
		expect(await repairData(db, [id], UTC_DAYS)).toBe(1);
		expect(await db.get('cards', id)).toMatchObject({
			id,
			deck: DECK,
			state: State.New,
			reps: 0,
			lapses: 0,
			leech: true,
		});
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);
	});

	it('reports a log whose card is gone; repair brings the card back', async () => {
		const [id] = await study();
		await db.delete('cards', id);
		const { mismatched } = await checkData(db, UTC_DAYS);
		expect(mismatched).toEqual([{ id, stored: undefined, replayed: await replayed(id) }]);
		expect(await repairData(db, [id], UTC_DAYS)).toBe(1);
		expect(await db.get('cards', id)).toEqual({
			id,
			deck: DECK,
			suspended: false,
			buriedUntil: 0,
			leech: false,
			...(await replayed(id)),
		});
	});

	it('names a configuration the logs need but the database lacks, and repairs around it', async () => {
		const [id] = await study();
		const [config] = await db.getAllKeys('configs');
		await db.delete('configs', config);
		const card = (await db.get('cards', id))!;
		await db.put('cards', { ...card, reps: 99 });
		const report = await checkData(db, UTC_DAYS);
		expect(report).toMatchObject({ mismatched: [], unknownConfigs: [config] });
		expect(await repairData(db, [id], UTC_DAYS)).toBe(0);
		expect((await db.get('cards', id))?.reps).toBe(99);
	});

	it('walks thousands of cards one at a time and finds exactly the tampered ones', async () => {
		const scheduler = createScheduler(schedulerConfig(DEFAULT_DECK_OPTIONS), UTC_DAYS);
		const cards: CardRecord[] = [];
		const logs: ReviewLogRecord[] = [];
		for (let c = 0; c < 2000; c++) {
			const id = `card-${c}`;
			let state = undefined;
			let now = START + c * 1000;
			for (let r = 0; r < 6; r++) {
				const rated = scheduler.rate(state, now, PATTERN[(c + r) % PATTERN.length], {
					cardId: id,
					deck: DECK,
					durationMs: 1,
				});
				state = rated.state;
				logs.push(rated.log);
				now = Math.max(state.due, now + 60_000);
			}
			cards.push({ id, deck: DECK, suspended: false, buriedUntil: 0, leech: false, ...state! });
		}
		cards[17].difficulty += 1;
		cards[1999].due += DAY;
		const tx = db.transaction(['cards', 'logs', 'configs'], 'readwrite');
		await Promise.all([
			tx.objectStore('configs').put({ key: scheduler.key, config: scheduler.config }),
			...cards.map((c) => tx.objectStore('cards').put(c)),
			...logs.map((l) => tx.objectStore('logs').add(l)),
			tx.done,
		]);
		const report = await checkData(db, UTC_DAYS);
		expect(report.checked).toBe(2000);
		expect(report.mismatched.map((m) => m.id).sort()).toEqual(['card-17', 'card-1999']);
	}, 30_000);
});
