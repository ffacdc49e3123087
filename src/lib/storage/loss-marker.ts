/**
 * A note outside IndexedDB (in localStorage) of how many reviews this browser had saved, so the
 * app can tell when the browser wiped the database behind its back (storage pressure, a cleanup
 * tool, an old profile restored) and offer to restore a backup instead of silently starting over.
 * localStorage can throw (private mode, full disk, storage disabled): every access is guarded and
 * a failure reads as "nothing known", never as a loss, so a broken marker cannot raise an alarm.
 */

type Readable = Pick<Storage, 'getItem'>;
type Writable = Pick<Storage, 'getItem' | 'setItem'>;

const MARKER_KEY = 'kioku:reviews-saved';
const BACKUP_KEY = 'kioku:last-backup';
const DAY_MS = 86_400_000;

interface Marker {
	/** Reviews in the database when last recorded. */
	reviews: number;
	/** When they were recorded (ms). */
	at: number;
	/** When this browser first had a review saved: the backup reminder counts from there. */
	firstAt: number;
}

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function readMarker(storage: Readable): Marker | undefined {
	try {
		const raw = storage.getItem(MARKER_KEY);
		if (raw === null) return undefined;
		const m = JSON.parse(raw) as Partial<Marker> | null;
		if (!m || !Number.isSafeInteger(m.reviews) || !isTime(m.at) || !isTime(m.firstAt))
			return undefined;
		return { reviews: m.reviews!, at: m.at, firstAt: m.firstAt };
	} catch {
		return undefined;
	}
}

function write(storage: Pick<Storage, 'setItem'>, key: string, value: string): void {
	try {
		storage.setItem(key, value);
	} catch {
		// A full or disabled storage only costs the warning; the reviews themselves are in IndexedDB.
	}
}

/**
 * Call after every change to the number of logs (answer, undo, import), with the count now in the
 * database: the marker must never claim more reviews than the database legitimately holds.
 */
export function recordReviewsSaved(storage: Writable, totalLogs: number, now: number): void {
	const previous = readMarker(storage);
	const firstAt = previous && previous.reviews > 0 ? previous.firstAt : now;
	const marker: Marker = { reviews: totalLogs, at: now, firstAt: totalLogs > 0 ? firstAt : now };
	write(storage, MARKER_KEY, JSON.stringify(marker));
}

/** Whether the database holds fewer reviews than this browser last recorded. */
export function detectDataLoss(
	storage: Readable,
	currentLogCount: number,
): { lost: false } | { lost: true; hadReviews: number; since: number } {
	const marker = readMarker(storage);
	if (!marker || currentLogCount >= marker.reviews) return { lost: false };
	return { lost: true, hadReviews: marker.reviews, since: marker.at };
}

/** After the learner has seen the warning (or restored a backup): the database is the truth again. */
export function clearLossMarker(storage: Pick<Storage, 'removeItem'>): void {
	try {
		storage.removeItem(MARKER_KEY);
	} catch {
		// Nothing to do: the next recordReviewsSaved overwrites it anyway.
	}
}

export function recordBackupMade(storage: Pick<Storage, 'setItem'>, now: number): void {
	write(storage, BACKUP_KEY, String(now));
}

/**
 * Whether to suggest a backup: `everyDays` after the last one, or after the first review saved
 * when there was none. Nothing reviewed yet, or storage unreadable: no reminder.
 */
export function backupReminderDue(storage: Readable, now: number, everyDays = 14): boolean {
	const marker = readMarker(storage);
	if (!marker || marker.reviews === 0) return false;
	let last: number | undefined;
	try {
		const raw = storage.getItem(BACKUP_KEY);
		last = raw === null ? undefined : Number(raw);
	} catch {
		return false;
	}
	const since = last !== undefined && isTime(last) ? last : marker.firstAt;
	return now - since >= everyDays * DAY_MS;
}
