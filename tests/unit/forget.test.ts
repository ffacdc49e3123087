// Forget (reset to new) from the card browser: a fact about the card, `forgottenAt`, that every
// replay of the log starts from; the log itself keeps every review.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { buildFsrsItems, sinceForgotten } from '../../src/lib/srs/fsrs-items.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import type { CardRecord, Grade, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { afterForget, replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { parseBackup } from '../../src/lib/storage/backup.ts';
import { exportBackup, importBackup } from '../../src/lib/storage/backup-io.ts';
import { forgetCards, forgottenTimes } from '../../src/lib/storage/card-flags.ts';
import { checkData, repairData } from '../../src/lib/storage/check-data.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { rescheduleDeck } from '../../src/lib/storage/reschedule.ts';
import { cardFlagChanges } from '../../src/lib/storage/sync-journal.ts';
import { isValidRegister } from '../../src/lib/sync/registers.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 5, 1, 10);
const DECK = 'b/d';
const IDS = ['q0', 'q1', 'q2', 'q3'];
let dbCount = 0;
const fresh = () => openKiokuDb(`forget-${++dbCount}`);

/** Answers every card the deck offers on study day `day`, with `grade`; returns the answers. */
async function studyDay(db: Db, day: number, grade: Grade, only?: string[]): Promise<number> {
	let now = START + day * DAY;
	const session = await StudySession.start({
		deck: DECK,
		questionIds: only ?? IDS,
		options: DEFAULT_DECK_OPTIONS,
		store: idbReviewStore(db),
		clock: () => now,
		days: UTC_DAYS,
	});
	let answered = 0;
	for (let i = 0; i < 40; i++) {
		const next = await session.next();
		if (next.kind === 'done') break;
		if (next.kind === 'wait') now = next.until;
		else {
			await session.answer(next.id, grade, 3000);
			answered++;
		}
		now += 20_000;
	}
	return answered;
}

async function logsOf(db: Db, id: string): Promise<ReviewLogRecord[]> {
	return db.getAllFromIndex('logs', 'card', IDBKeyRange.bound([id, 0], [id, Infinity]));
}

async function configs(db: Db) {
	return new Map((await db.getAll('configs')).map((c) => [c.key, c.config]));
}

/** Three study days of every card, then q0 and q1 forgotten on day 3, an hour before its study. */
async function forgottenDeck() {
	const db = await fresh();
	await studyDay(db, 0, 3);
	await studyDay(db, 1, 1);
	await studyDay(db, 2, 3);
	const forgottenAt = START + 3 * DAY - 3_600_000;
	const before = await db.get('cards', 'q0');
	const result = await forgetCards(
		db,
		[
			{ id: 'q0', deck: DECK },
			{ id: 'q1', deck: DECK },
		],
		forgottenAt,
	);
	return { db, forgottenAt, before: before!, result };
}

describe('forgetCards', () => {
	it('makes answered cards new, due now, keeping their flags and every review in the log', async () => {
		const db = await fresh();
		await studyDay(db, 0, 3);
		await studyDay(db, 1, 1);
		const q0 = (await db.get('cards', 'q0'))!;
		expect(q0.reps).toBeGreaterThan(1);
		expect(q0.state).not.toBe(State.New);
		await db.put('cards', { ...q0, suspended: true, leech: true });
		const logs = await db.count('logs');
		const now = START + 2 * DAY;
		const { count, decks } = await forgetCards(
			db,
			[
				{ id: 'q0', deck: DECK },
				{ id: 'never', deck: 'b/other' },
			],
			now,
		);
		expect(count).toBe(1);
		expect([...decks]).toEqual([DECK]);
		const card = (await db.get('cards', 'q0'))!;
		expect(card).toMatchObject({
			state: State.New,
			reps: 0,
			lapses: 0,
			stability: 0,
			due: now,
			forgottenAt: now,
			// Suspended and leech stay as they were (Anki keeps the leech tag too).
			suspended: true,
			leech: true,
			buriedUntil: 0,
		});
		expect(card.lastReview).toBeUndefined();
		expect(await db.get('cards', 'never')).toBeUndefined();
		expect(await db.count('logs')).toBe(logs);
	});

	it('leaves a card that is new already as it is', async () => {
		const db = await fresh();
		await studyDay(db, 0, 3, ['q0']);
		const q0 = (await db.get('cards', 'q0'))!;
		const unanswered: CardRecord = { ...q0, id: 'q9', reps: 0, state: State.New };
		delete unanswered.lastReview;
		await db.put('cards', unanswered);
		const { count, decks } = await forgetCards(db, [{ id: 'q9', deck: DECK }], START + DAY);
		expect(count).toBe(0);
		expect(decks.size).toBe(0);
		expect(await db.get('cards', 'q9')).toEqual(unanswered);
	});

	it('is journalled as the card’s forgottenAt register, and only when it changes', () => {
		const card = { id: 'q0', deck: DECK, suspended: false, buriedUntil: 0, leech: false };
		const before = { ...card, due: 1, stability: 1, difficulty: 5, elapsedDays: 0 };
		const common = { scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 2 };
		const a = { ...before, ...common } as CardRecord;
		expect(cardFlagChanges(a, { ...a, forgottenAt: START })).toEqual([
			{ kind: 'set', key: 'card:q0:forgottenAt', value: START },
		]);
		expect(cardFlagChanges({ ...a, forgottenAt: START }, { ...a, forgottenAt: START })).toEqual([]);
	});
});

describe('replaying a forgotten card', () => {
	it('with no review since, gives the new card it became; Check data finds nothing to repair', async () => {
		const { db, forgottenAt, result } = await forgottenDeck();
		expect(result.count).toBe(2);
		const logs = await logsOf(db, 'q0');
		expect(logs.length).toBeGreaterThan(2);
		const replayed = replayCard(
			logs,
			{ configs: await configs(db), days: UTC_DAYS },
			undefined,
			forgottenAt,
		);
		expect(replayed).toMatchObject({ state: State.New, reps: 0, lapses: 0, due: forgottenAt });
		expect(sameMemoryState(replayed, await db.get('cards', 'q0'))).toBe(true);
		// Without the forget, the same log replays to the learnt card: the log was not changed.
		const whole = replayCard(logs, { configs: await configs(db), days: UTC_DAYS });
		expect(whole?.reps).toBe(logs.length);
		const report = await checkData(db, UTC_DAYS);
		expect(report.mismatched).toEqual([]);
		expect(report.checked).toBe(IDS.length);
	});

	it('replays the reviews made after the forget from a new card, as the study screen made them', async () => {
		const { db, forgottenAt } = await forgottenDeck();
		const logsBefore = (await logsOf(db, 'q0')).length;
		// The forgotten cards come back as new cards; q2 and q3 are due later.
		const answered = await studyDay(db, 3, 3, ['q0']);
		expect(answered).toBeGreaterThan(0);
		const card = (await db.get('cards', 'q0'))!;
		const logs = await logsOf(db, 'q0');
		expect(logs).toHaveLength(logsBefore + answered);
		expect(card.reps).toBe(answered);
		expect(card.lapses).toBe(0);
		expect(card.forgottenAt).toBe(forgottenAt);
		// The first answer after the forget was made to a new card: logged in state New.
		const after = afterForget(logs, forgottenAt).reviews;
		expect(after).toHaveLength(answered);
		expect(after[0]).toMatchObject({ state: State.New, due: forgottenAt });
		// The same answers given to a card never seen before reach the same card.
		const context = { configs: await configs(db), days: UTC_DAYS };
		expect(sameMemoryState(replayCard(logs, context, undefined, forgottenAt), card)).toBe(true);
		expect(sameMemoryState(replayCard(after, context), card)).toBe(true);
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);
	});

	it('a repair keeps the forget: a damaged forgotten card is mended to its replay from the forget', async () => {
		const { db, forgottenAt } = await forgottenDeck();
		const card = (await db.get('cards', 'q0'))!;
		await db.put('cards', { ...card, reps: 7, state: State.Review });
		const report = await checkData(db, UTC_DAYS);
		expect(report.mismatched.map((m) => m.id)).toEqual(['q0']);
		expect(await repairData(db, ['q0'], UTC_DAYS)).toBe(1);
		expect(await db.get('cards', 'q0')).toEqual(card);
		expect(card.forgottenAt).toBe(forgottenAt);
	});

	it('a reschedule leaves a forgotten card new, and reschedules from the forget once it is answered', async () => {
		const { db, forgottenAt } = await forgottenDeck();
		await studyDay(db, 3, 3, ['q1']);
		const weights = [...(await import('ts-fsrs')).generatorParameters().w].map((w, i) =>
			i === 2 ? w * 1.5 : w,
		);
		const changed = await rescheduleDeck(
			db,
			DECK,
			{ ...DEFAULT_DECK_OPTIONS, weights },
			START + 4 * DAY,
			UTC_DAYS,
		);
		// q1 (answered since), q2 and q3; not q0, new since its forget.
		expect(changed).toBe(3);
		expect(await db.get('cards', 'q0')).toMatchObject({ state: State.New, due: forgottenAt });
		expect((await db.get('cards', 'q1'))!.reps).toBe(
			afterForget(await logsOf(db, 'q1'), forgottenAt).reviews.length,
		);
		expect((await checkData(db, UTC_DAYS)).mismatched).toEqual([]);
	});
});

describe('a backup', () => {
	it('keeps a forget through export and restore, and Check data agrees after', async () => {
		const { db, forgottenAt } = await forgottenDeck();
		await studyDay(db, 3, 1, ['q1']);
		const text = await exportBackup(db, START + 4 * DAY);
		const parsed = parseBackup(text);
		if (!parsed.ok) throw new Error(parsed.error.message);
		const restored = await fresh();
		await importBackup(restored, parsed.value, 'replace', UTC_DAYS);
		expect(await restored.getAll('cards')).toEqual(await db.getAll('cards'));
		expect((await restored.get('cards', 'q0'))?.forgottenAt).toBe(forgottenAt);
		expect((await checkData(restored, UTC_DAYS)).mismatched).toEqual([]);
	});

	it('merged into a device that never forgot, makes the card start over there too', async () => {
		const { db, forgottenAt, before } = await forgottenDeck();
		await studyDay(db, 3, 3, ['q0']);
		const other = await fresh();
		// The other device has the reviews before the forget (a restore of an older backup).
		const older = await fresh();
		await studyDay(older, 0, 3);
		await studyDay(older, 1, 1);
		await studyDay(older, 2, 3);
		expect(await older.get('cards', 'q0')).toEqual(before);
		const old = parseBackup(await exportBackup(older, START + 3 * DAY));
		const now = parseBackup(await exportBackup(db, START + 4 * DAY));
		if (!old.ok || !now.ok) throw new Error('backup refused');
		await importBackup(other, old.value, 'replace', UTC_DAYS);
		await importBackup(other, now.value, 'merge', UTC_DAYS);
		expect(await other.get('cards', 'q0')).toEqual(await db.get('cards', 'q0'));
		expect((await other.get('cards', 'q0'))?.forgottenAt).toBe(forgottenAt);
		expect(await other.count('logs')).toBe(await db.count('logs'));
		expect((await checkData(other, UTC_DAYS)).mismatched).toEqual([]);
		// Merging the older backup back in does not undo the forget.
		await importBackup(other, old.value, 'merge', UTC_DAYS);
		expect(await other.get('cards', 'q0')).toEqual(await db.get('cards', 'q0'));
	});
});

describe('the forgottenAt register', () => {
	it('takes a time (ms, as sync times are bounded) or 0 for never, and nothing else', () => {
		const key = 'card:q-001:forgottenAt';
		expect(isValidRegister(key, START)).toBe(true);
		expect(isValidRegister(key, 0)).toBe(true);
		for (const bad of [-1, 5, START + 0.5, Date.UTC(2200, 0, 1), `${START}`, true, null, {}])
			expect(isValidRegister(key, bad)).toBe(false);
		expect(isValidRegister('card:q-001:forgotten', START)).toBe(false);
	});
});

describe('the optimizer', () => {
	it('learns nothing from a card’s reviews before its forget', async () => {
		const { db, forgottenAt } = await forgottenDeck();
		const logs = await db.getAll('logs');
		const forgotten = await forgottenTimes(db);
		expect(forgotten).toEqual(
			new Map([
				['q0', forgottenAt],
				['q1', forgottenAt],
			]),
		);
		const day = { dayStartsAt: 4, timeZone: 'UTC' };
		const cardsOf = (items: { cardId: string }[]) => new Set(items.map((i) => i.cardId));
		expect(cardsOf(buildFsrsItems(logs, day))).toEqual(new Set(IDS));
		const kept = sinceForgotten(logs, forgotten);
		expect(kept.length).toBeLessThan(logs.length);
		expect(cardsOf(buildFsrsItems(kept, day))).toEqual(new Set(['q2', 'q3']));
		expect(sinceForgotten(logs, new Map())).toEqual(logs);
	});
});
