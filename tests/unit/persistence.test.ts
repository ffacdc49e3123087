// After reviews change: the loss marker follows the database, and persistence is asked for once.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { database } from '../../src/lib/storage/connection.ts';
import { detectDataLoss } from '../../src/lib/storage/loss-marker.ts';
import { afterReviewsChanged, recountReviews } from '../../src/lib/state/persistence.ts';
import { memoryStorage, throwingStorage, useStorage } from './fake-web-storage.ts';

const persist = vi.fn(async () => true);

beforeEach(() => {
	persist.mockClear();
	Object.defineProperty(globalThis, 'navigator', {
		value: { storage: { persist } },
		configurable: true,
	});
});
afterEach(() => {
	Reflect.deleteProperty(globalThis, 'navigator');
});

async function addLogs(n: number) {
	const db = await database();
	for (let i = 0; i < n; i++) {
		const log: ReviewLogRecord = {
			...{ cardId: `q${i}`, deck: 'b/d', rating: 3, review: Date.UTC(2024, 0, 1) + i },
			...{ durationMs: 1000, config: 'k', state: State.New, due: 0, stability: 0 },
			...{ difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0 },
		};
		await db.add('logs', log);
	}
}

describe('afterReviewsChanged', () => {
	it('records the reviews in the database, so a later wipe is noticed', async () => {
		useStorage('local', memoryStorage());
		await addLogs(3);
		await recountReviews();
		expect(detectDataLoss(3)).toEqual({ lost: false });
		expect(detectDataLoss(0)).toMatchObject({ lost: true, hadReviews: 3 });
		await afterReviewsChanged(-1);
		expect(detectDataLoss(2)).toEqual({ lost: false });
	});

	it('asks the browser to keep the data once, not on every answer', async () => {
		useStorage('local', memoryStorage());
		await afterReviewsChanged(1);
		await afterReviewsChanged(1);
		await afterReviewsChanged(1);
		expect(persist).toHaveBeenCalledTimes(1);
	});

	it('never asks where it could not remember asking (private mode)', async () => {
		useStorage('local', throwingStorage);
		await afterReviewsChanged(1);
		await afterReviewsChanged(1);
		expect(persist).not.toHaveBeenCalled();
	});
});
