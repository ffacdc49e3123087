// The card browser's bulk suspend / unsuspend / bury: flags only, in one write, never the memory state.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '../../src/lib/srs/records.ts';
import { setCardFlags } from '../../src/lib/storage/card-flags.ts';
import { openKiokuDb } from '../../src/lib/storage/db.ts';

const NOW = Date.UTC(2024, 5, 1, 10);
let n = 0;

const learnt: CardRecord = {
	id: 'q-learnt',
	deck: 'b/d',
	due: NOW + 86_400_000,
	stability: 4.2,
	difficulty: 6.1,
	elapsedDays: 2,
	scheduledDays: 4,
	learningSteps: 0,
	reps: 3,
	lapses: 1,
	state: State.Review,
	lastReview: NOW - 86_400_000,
	suspended: false,
	buriedUntil: 0,
	leech: false,
};

describe('setCardFlags', () => {
	it('suspends a learnt card keeping its memory state, and a never-answered one as a new card', async () => {
		const db = await openKiokuDb(`card-flags-${++n}`);
		await db.put('cards', learnt);
		const decks = await setCardFlags(
			db,
			[
				{ id: 'q-learnt', deck: 'b/d' },
				{ id: 'q-unseen', deck: 'b/e' },
			],
			{ suspended: true },
			NOW,
		);
		expect([...decks].sort()).toEqual(['b/d', 'b/e']);
		expect(await db.get('cards', 'q-learnt')).toEqual({ ...learnt, suspended: true });
		expect(await db.get('cards', 'q-unseen')).toMatchObject({
			id: 'q-unseen',
			deck: 'b/e',
			state: State.New,
			reps: 0,
			suspended: true,
			buriedUntil: 0,
			leech: false,
		});
		expect(await db.count('logs')).toBe(0);
	});

	it('changes nothing where nothing changes: unsuspending an unseen or unsuspended card stores nothing', async () => {
		const db = await openKiokuDb(`card-flags-${++n}`);
		await db.put('cards', learnt);
		const decks = await setCardFlags(
			db,
			[
				{ id: 'q-learnt', deck: 'b/d' },
				{ id: 'q-unseen', deck: 'b/e' },
			],
			{ suspended: false },
			NOW,
		);
		expect(decks.size).toBe(0);
		expect(await db.get('cards', 'q-unseen')).toBeUndefined();
		expect(await db.get('cards', 'q-learnt')).toEqual(learnt);
	});

	it('buries until the given study day', async () => {
		const db = await openKiokuDb(`card-flags-${++n}`);
		await db.put('cards', learnt);
		await setCardFlags(db, [{ id: 'q-learnt', deck: 'b/d' }], { buriedUntil: 19876 }, NOW);
		expect(await db.get('cards', 'q-learnt')).toEqual({ ...learnt, buriedUntil: 19876 });
	});
});
