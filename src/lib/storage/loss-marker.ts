/**
 * A note outside IndexedDB (in localStorage) of how many reviews this browser had saved, so the
 * app can tell when the browser wiped the database behind its back (storage pressure, a cleanup
 * tool, an old profile restored) and offer to restore a backup instead of silently starting over.
 * The keys go through `storedValue`: storage that throws (private mode, full disk, storage
 * disabled) or holds garbage reads as "nothing known", never as a loss, so a broken marker cannot
 * raise an alarm.
 */
import * as v from 'valibot';
import { storedValue } from './web-storage.ts';

const DAY_MS = 86_400_000;

const Time = v.pipe(v.number(), v.finite(), v.minValue(0));

const Marker = v.object({
	/** Reviews in the database when last recorded. */
	reviews: v.pipe(v.number(), v.safeInteger()),
	/** When they were recorded (ms). */
	at: Time,
	/** When this browser first had a review saved: the backup reminder counts from there. */
	firstAt: Time,
});
type Marker = v.InferOutput<typeof Marker>;

const marker = storedValue('local', 'kioku:reviews-saved', v.nullable(Marker), null);
/** When the last backup was exported (ms), written as the bare number. */
const lastBackup = storedValue(
	'local',
	'kioku:last-backup',
	v.nullable(v.pipe(v.string(), v.transform(Number), Time)),
	null,
	{ raw: true },
);

/**
 * Call after every change to the number of logs (answer, undo, import), with the count now in the
 * database: the marker must never claim more reviews than the database legitimately holds.
 */
export function recordReviewsSaved(totalLogs: number, now: number): void {
	const previous = marker.get();
	const firstAt = previous && previous.reviews > 0 ? previous.firstAt : now;
	const next: Marker = { reviews: totalLogs, at: now, firstAt: totalLogs > 0 ? firstAt : now };
	marker.set(next);
}

/** Whether the database holds fewer reviews than this browser last recorded. */
export function detectDataLoss(
	currentLogCount: number,
): { lost: false } | { lost: true; hadReviews: number; since: number } {
	const recorded = marker.get();
	if (!recorded || currentLogCount >= recorded.reviews) return { lost: false };
	return { lost: true, hadReviews: recorded.reviews, since: recorded.at };
}

/** After the learner has seen the warning (or restored a backup): the database is the truth again. */
export function clearLossMarker(): void {
	marker.remove();
}

export function recordBackupMade(now: number): void {
	lastBackup.set(now);
}

/**
 * Whether to suggest a backup: `everyDays` after the last one, or after the first review saved
 * when there was none. Nothing reviewed yet, or storage unreadable: no reminder.
 */
export function backupReminderDue(now: number, everyDays = 14): boolean {
	const recorded = marker.get();
	if (!recorded || recorded.reviews === 0) return false;
	const since = lastBackup.get() ?? recorded.firstAt;
	return now - since >= everyDays * DAY_MS;
}
