// The marker outside IndexedDB that notices a wiped database, and the backup reminder.
import { describe, expect, it } from 'vitest';
import {
	backupReminderDue,
	clearLossMarker,
	detectDataLoss,
	recordBackupMade,
	recordReviewsSaved,
} from '../../src/lib/storage/loss-marker.ts';
import { fullStorage, memoryStorage, throwingStorage, useStorage } from './fake-web-storage.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 5, 1, 10);

describe('detectDataLoss', () => {
	it('knows of no loss before anything was recorded', () => {
		expect(detectDataLoss(0)).toEqual({ lost: false });
	});

	it('reports a database holding fewer reviews than were recorded, and when they were', () => {
		useStorage('local', memoryStorage());
		recordReviewsSaved(120, T0);
		recordReviewsSaved(121, T0 + 60_000);
		expect(detectDataLoss(121)).toEqual({ lost: false });
		expect(detectDataLoss(500)).toEqual({ lost: false });
		expect(detectDataLoss(0)).toEqual({ lost: true, hadReviews: 121, since: T0 + 60_000 });
	});

	it('follows an undo or a restore once it is recorded', () => {
		useStorage('local', memoryStorage());
		recordReviewsSaved(10, T0);
		recordReviewsSaved(9, T0 + 1000);
		expect(detectDataLoss(9)).toEqual({ lost: false });
		recordReviewsSaved(0, T0 + 2000);
		expect(detectDataLoss(0)).toEqual({ lost: false });
	});

	it('forgets the loss once cleared', () => {
		useStorage('local', memoryStorage());
		recordReviewsSaved(50, T0);
		clearLossMarker();
		expect(detectDataLoss(0)).toEqual({ lost: false });
	});

	it('reads a damaged marker as no marker', () => {
		const storage = useStorage('local', memoryStorage());
		for (const junk of ['not json', 'null', '{"reviews":"12","at":1,"firstAt":1}', '[]', '{}']) {
			storage.items.set('kioku:reviews-saved', junk);
			expect(detectDataLoss(0)).toEqual({ lost: false });
		}
	});

	it('never throws, and reports no loss, when storage throws', () => {
		useStorage('local', throwingStorage);
		expect(() => recordReviewsSaved(10, T0)).not.toThrow();
		expect(detectDataLoss(0)).toEqual({ lost: false });
		expect(() => clearLossMarker()).not.toThrow();
		expect(() => recordBackupMade(T0)).not.toThrow();
		expect(backupReminderDue(T0 + 100 * DAY)).toBe(false);
	});

	it('keeps the last marker when the disk is full', () => {
		const storage = useStorage('local', memoryStorage());
		recordReviewsSaved(30, T0);
		useStorage('local', fullStorage(storage));
		expect(() => recordReviewsSaved(31, T0 + 1000)).not.toThrow();
		expect(detectDataLoss(31)).toEqual({ lost: false });
		expect(detectDataLoss(0)).toMatchObject({ lost: true, hadReviews: 30 });
	});
});

describe('backupReminderDue', () => {
	it('stays quiet while nothing has been reviewed', () => {
		useStorage('local', memoryStorage());
		expect(backupReminderDue(T0)).toBe(false);
		recordReviewsSaved(0, T0);
		expect(backupReminderDue(T0 + 100 * DAY)).toBe(false);
	});

	it('is due two weeks after the first review when no backup was made', () => {
		useStorage('local', memoryStorage());
		recordReviewsSaved(1, T0);
		recordReviewsSaved(40, T0 + 10 * DAY);
		expect(backupReminderDue(T0 + 14 * DAY - 1)).toBe(false);
		expect(backupReminderDue(T0 + 14 * DAY)).toBe(true);
	});

	it('counts from the last backup, with any period', () => {
		useStorage('local', memoryStorage());
		recordReviewsSaved(5, T0);
		recordBackupMade(T0 + 20 * DAY);
		expect(backupReminderDue(T0 + 33 * DAY)).toBe(false);
		expect(backupReminderDue(T0 + 34 * DAY)).toBe(true);
		expect(backupReminderDue(T0 + 27 * DAY, 7)).toBe(true);
		expect(backupReminderDue(T0 + 26 * DAY, 7)).toBe(false);
	});

	it('counts from the first review when the last backup’s time is unreadable', () => {
		const storage = useStorage('local', memoryStorage());
		recordReviewsSaved(5, T0);
		for (const junk of ['soon', '-5', '1e999']) {
			storage.items.set('kioku:last-backup', junk);
			expect(backupReminderDue(T0 + 14 * DAY - 1), junk).toBe(false);
			expect(backupReminderDue(T0 + 14 * DAY), junk).toBe(true);
		}
	});
});
