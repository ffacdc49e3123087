// Schema migrations: a database made by any earlier version opens in the current one with its data.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { DB_VERSION, MIGRATIONS, openKiokuDb } from '../../src/lib/storage/db.ts';
import { derivedUid } from '../../src/lib/sync/local-log.ts';
import type { CardRecord } from '../../src/lib/srs/records.ts';
import { aggregateLogs, type ReviewAggregate } from '../../src/lib/stats/review-aggregates.ts';

let n = 0;
const card: CardRecord = {
	id: 'q1',
	deck: 'b/d',
	due: 1,
	stability: 2,
	difficulty: 3,
	elapsedDays: 0,
	scheduledDays: 1,
	learningSteps: 0,
	reps: 1,
	lapses: 0,
	state: State.Review,
	lastReview: 0,
	suspended: false,
	buriedUntil: 0,
	leech: false,
};

afterEach(() => {
	MIGRATIONS.length = DB_VERSION;
});

describe('database migrations', () => {
	it('creates every store and index of the current version in a new database', async () => {
		const db = await openKiokuDb(`mig-${++n}`);
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([
			'bankClocks',
			'banks',
			'cards',
			'configs',
			'deckOptions',
			'logs',
			'outbox',
			'pulled',
			'registers',
			'replayQueue',
			'reviewAggregates',
			'settings',
			'syncMeta',
			'testResults',
			'tombstones',
		]);
		expect([...db.transaction('logs').store.indexNames].sort()).toEqual([
			'card',
			'deck-review',
			'uid',
		]);
		expect([...db.transaction('cards').store.indexNames].sort()).toEqual(['deck', 'deck-due']);
		expect([...db.transaction('testResults').store.indexNames].sort()).toEqual([
			'finishedAt',
			'uid',
		]);
	});

	it.each(Array.from({ length: DB_VERSION }, (_, v) => v + 1))(
		'opens a database seeded at version %i in the current version with its data intact',
		async (version) => {
			const name = `mig-${++n}`;
			const old = await openKiokuDb(name, version);
			await old.put('cards', card);
			await old.add('logs', {
				cardId: 'q1',
				deck: 'b/d',
				rating: 3,
				review: 0,
				durationMs: 1,
				config: 'c1',
				state: State.New,
				due: 0,
				stability: 0,
				difficulty: 0,
				elapsedDays: 0,
				lastElapsedDays: 0,
				scheduledDays: 0,
				learningSteps: 0,
			});
			old.close();
			const db = await openKiokuDb(name);
			expect(await db.get('cards', 'q1')).toEqual(card);
			expect(await db.count('logs')).toBe(1);
		},
	);

	it('runs only the migrations a stored database lacks, in order, keeping its data', async () => {
		const name = `mig-${++n}`;
		const db = await openKiokuDb(name);
		await db.put('cards', card);
		db.close();
		const ran: number[] = [];
		MIGRATIONS.push((_db, tx) => {
			ran.push(DB_VERSION + 1);
			tx.objectStore('cards').createIndex('leech' as never, 'leech');
		});
		const upgraded = await openKiokuDb(name, DB_VERSION + 1);
		expect(ran).toEqual([DB_VERSION + 1]);
		expect(await upgraded.get('cards', 'q1')).toEqual(card);
		expect([...upgraded.transaction('cards').store.indexNames]).toContain('leech');
	});

	it('8: counts the stored review log into aggregates, batch after batch', async () => {
		const name = `mig-${++n}`;
		const old = await openKiokuDb(name, 7);
		// More logs than one batch of the count (10,000), over two decks and many quarter hours.
		const logs = Array.from({ length: 10_050 }, (_, i) => ({
			cardId: `q${i % 7}`,
			deck: i % 3 === 0 ? 'b/e' : 'b/d',
			rating: ((i % 4) + 1) as 1 | 2 | 3 | 4,
			review: Date.UTC(2025, 0, 1) + i * 4 * 60_000,
			durationMs: i % 5 === 0 ? 0 : 1000 + (i % 90) * 1000,
			config: 'c1',
			state: i % 2 === 0 ? State.Review : State.Learning,
			due: 0,
			stability: 1,
			difficulty: 5,
			elapsedDays: 0,
			lastElapsedDays: 0,
			scheduledDays: i % 40,
			learningSteps: 0,
		}));
		const tx = old.transaction('logs', 'readwrite');
		for (const log of logs) void tx.store.add(log);
		await tx.done;
		old.close();
		const db = await openKiokuDb(name);
		const stored = await db.getAll('reviewAggregates');
		const total = (pick: (a: ReviewAggregate) => number) => stored.reduce((s, a) => s + pick(a), 0);
		expect(total((a) => a.reviews)).toBe(10_050);
		// Every fifth log has no measured time.
		expect(total((a) => a.unmeasured)).toBe(2_010);
		expect(total((a) => a.ratings[0])).toBe(2_513);
		const byKey = (a: ReviewAggregate, b: ReviewAggregate) =>
			a.slot - b.slot || a.deck.localeCompare(b.deck);
		expect(stored.sort(byKey)).toEqual(aggregateLogs(logs).sort(byKey));
	});

	it("4: rewrites a stored question's one cited paragraph, and a test result's, as a list", async () => {
		const name = `mig-${++n}`;
		const old = await openKiokuDb(name, 3);
		const legacy = (id: string, paragraph: number) => ({
			id,
			type: 'truefalse',
			prompt: { zh: '对吗？', en: 'True?' },
			answer: true,
			explanation: { zh: '因为。', en: 'Because.' },
			source: { paragraph },
			tags: ['x'],
		});
		const bank = {
			id: 'mine',
			title: { zh: '我的', en: 'Mine' },
			source: { title: 't', author: 'a', publisher: 'p', date: '2024', url: 'https://x.org/' },
			paragraphs: 4,
			decks: [
				{
					id: 'd',
					bankId: 'mine',
					title: { zh: '组', en: 'Deck' },
					file: 'mine.yaml',
					questions: [legacy('m-1', 2), legacy('m-2', 4)],
				},
			],
		};
		await old.put('banks', { id: 'mine', bank, fileName: 'mine.yaml', importedAt: 1 } as never);
		const item = {
			index: 0,
			type: 'truefalse',
			correct: true,
			score: 1,
			timeMs: 1,
			answered: true,
		};
		const result = {
			spec: {},
			startedAt: 0,
			finishedAt: 1,
			items: [
				{
					...item,
					answer: null,
					prompt: 'p',
					answerText: '',
					rightAnswer: 'True',
					explanation: 'e',
					paragraph: 3,
				},
			],
			summary: {},
		};
		const id = await old.add('testResults', result as never);
		old.close();

		const db = await openKiokuDb(name);
		const stored = await db.get('banks', 'mine');
		expect(stored?.bank.decks[0].questions.map((q) => q.source)).toEqual([
			{ paragraphs: [2] },
			{ paragraphs: [4] },
		]);
		const items = (await db.get('testResults', id))?.items;
		expect(items?.[0].paragraphs).toEqual([3]);
		expect(items?.[0]).not.toHaveProperty('paragraph');
	});

	it('5: gives each stored review the uid a first sync derives for it, found by its index', async () => {
		const name = `mig-${++n}`;
		const old = await openKiokuDb(name, 4);
		const log = {
			cardId: 'q1',
			deck: 'b/d',
			rating: 3 as const,
			review: Date.UTC(2025, 0, 1),
			durationMs: 1,
			config: 'c1',
			state: State.New,
			due: 0,
			stability: 0,
			difficulty: 0,
			elapsedDays: 0,
			lastElapsedDays: 0,
			scheduledDays: 0,
			learningSteps: 0,
		};
		const id = await old.add('logs', log);
		old.close();
		const db = await openKiokuDb(name);
		const uid = derivedUid('q1', log.review);
		expect(await db.get('logs', id)).toEqual({ ...log, id, uid });
		expect(await db.getKeyFromIndex('logs', 'uid', uid)).toBe(id);
		expect(await db.count('outbox')).toBe(0);
	});
});
