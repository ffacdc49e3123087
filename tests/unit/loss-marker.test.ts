// The marker outside IndexedDB that notices a wiped database, and the backup reminder.
import { describe, expect, it } from 'vitest';
import {
	backupReminderDue,
	clearLossMarker,
	detectDataLoss,
	recordBackupMade,
	recordReviewsSaved,
} from '../../src/lib/storage/loss-marker.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 5, 1, 10);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
	items: Map<string, string>;
} {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, v) => void items.set(k, String(v)),
		removeItem: (k) => void items.delete(k),
	};
}

/** Private mode, storage turned off: every call throws. */
const throwing: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
	getItem: () => {
		throw new DOMException('denied', 'SecurityError');
	},
	setItem: () => {
		throw new DOMException('denied', 'SecurityError');
	},
	removeItem: () => {
		throw new DOMException('denied', 'SecurityError');
	},
};

describe('detectDataLoss', () => {
	it('knows of no loss before anything was recorded', () => {
		expect(detectDataLoss(memoryStorage(), 0)).toEqual({ lost: false });
	});

	it('reports a database holding fewer reviews than were recorded, and when they were', () => {
		const storage = memoryStorage();
		recordReviewsSaved(storage, 120, T0);
		recordReviewsSaved(storage, 121, T0 + 60_000);
		expect(detectDataLoss(storage, 121)).toEqual({ lost: false });
		expect(detectDataLoss(storage, 500)).toEqual({ lost: false });
		expect(detectDataLoss(storage, 0)).toEqual({ lost: true, hadReviews: 121, since: T0 + 60_000 });
	});

	it('follows an undo or a restore once it is recorded', () => {
		const storage = memoryStorage();
		recordReviewsSaved(storage, 10, T0);
		recordReviewsSaved(storage, 9, T0 + 1000);
		expect(detectDataLoss(storage, 9)).toEqual({ lost: false });
		recordReviewsSaved(storage, 0, T0 + 2000);
		expect(detectDataLoss(storage, 0)).toEqual({ lost: false });
	});

	it('forgets the loss once cleared', () => {
		const storage = memoryStorage();
		recordReviewsSaved(storage, 50, T0);
		clearLossMarker(storage);
		expect(detectDataLoss(storage, 0)).toEqual({ lost: false });
	});

	it('reads a damaged marker as no marker', () => {
		const storage = memoryStorage();
		for (const junk of ['not json', 'null', '{"reviews":"12","at":1,"firstAt":1}', '[]', '{}']) {
			storage.items.set('kioku:reviews-saved', junk);
			expect(detectDataLoss(storage, 0)).toEqual({ lost: false });
		}
	});

	it('never throws, and reports no loss, when storage throws', () => {
		expect(() => recordReviewsSaved(throwing, 10, T0)).not.toThrow();
		expect(detectDataLoss(throwing, 0)).toEqual({ lost: false });
		expect(() => clearLossMarker(throwing)).not.toThrow();
		expect(() => recordBackupMade(throwing, T0)).not.toThrow();
		expect(backupReminderDue(throwing, T0 + 100 * DAY)).toBe(false);
	});

	it('keeps the last marker when the disk is full', () => {
		const storage = memoryStorage();
		recordReviewsSaved(storage, 30, T0);
		const full = {
			getItem: storage.getItem,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
		};
		expect(() => recordReviewsSaved(full, 31, T0 + 1000)).not.toThrow();
		expect(detectDataLoss(storage, 31)).toEqual({ lost: false });
		expect(detectDataLoss(storage, 0)).toMatchObject({ lost: true, hadReviews: 30 });
	});
});

describe('backupReminderDue', () => {
	it('stays quiet while nothing has been reviewed', () => {
		const storage = memoryStorage();
		expect(backupReminderDue(storage, T0)).toBe(false);
		recordReviewsSaved(storage, 0, T0);
		expect(backupReminderDue(storage, T0 + 100 * DAY)).toBe(false);
	});

	it('is due two weeks after the first review when no backup was made', () => {
		const storage = memoryStorage();
		recordReviewsSaved(storage, 1, T0);
		recordReviewsSaved(storage, 40, T0 + 10 * DAY);
		expect(backupReminderDue(storage, T0 + 14 * DAY - 1)).toBe(false);
		expect(backupReminderDue(storage, T0 + 14 * DAY)).toBe(true);
	});

	it('counts from the last backup, with any period', () => {
		const storage = memoryStorage();
		recordReviewsSaved(storage, 5, T0);
		recordBackupMade(storage, T0 + 20 * DAY);
		expect(backupReminderDue(storage, T0 + 33 * DAY)).toBe(false);
		expect(backupReminderDue(storage, T0 + 34 * DAY)).toBe(true);
		expect(backupReminderDue(storage, T0 + 27 * DAY, 7)).toBe(true);
		expect(backupReminderDue(storage, T0 + 26 * DAY, 7)).toBe(false);
	});
});
