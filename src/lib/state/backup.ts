/**
 * Backups from Settings: export this device's progress to a file, or restore one (merge or
 * replace; the workflow and its refusals are storage/backup-restore.ts). A restore makes the
 * database the truth again for the loss marker, and other tabs reload what they show.
 */
import { downloadText } from '$lib/browser/download';
import type { Result } from '$lib/result';
import { backupFileName } from '$lib/storage/backup';
import { exportBackup, type ImportMode } from '$lib/storage/backup-io';
import {
	restoreBackup,
	type BackupFile,
	type RestoreCounts,
	type RestoreRefusal,
} from '$lib/storage/backup-restore';
import { announceChange, database } from '$lib/storage/connection';
import { queueBanksForSync } from '$lib/storage/imported-banks';
import { clearLossMarker, recordBackupMade } from '$lib/storage/loss-marker';
import { learnerStudyDays } from '$lib/storage/preferences';
import { recountReviews } from './persistence';
import { resetSyncPosition } from '$lib/storage/sync-outgoing';
import { scheduleSync } from './sync-trigger';

export type { ImportMode, RestoreRefusal };

/** Saves the backup as a download named for today; the backup reminder counts from now. */
export async function exportBackupFile(): Promise<void> {
	const now = Date.now();
	downloadText(backupFileName(now), await exportBackup(await database(), now), 'application/json');
	recordBackupMade(now);
}

export async function restoreBackupFile(
	file: BackupFile,
	mode: ImportMode,
): Promise<Result<RestoreCounts, RestoreRefusal>> {
	const db = await database();
	const before = new Set(await db.getAllKeys('banks'));
	const restored = await restoreBackup(db, file, mode, {
		days: await learnerStudyDays(db),
		// Loaded only for a restore: it reads every deck of the app to know their question ids.
		bankClash: async (banks, m) => (await import('./bank-import')).backupClash(banks, m),
	});
	if (restored.ok) {
		clearLossMarker();
		// A replaced log keeps the file's log ids: sync sends it all again (the server counts each
		// review once) and reads the account's feed again, so nothing on either side is lost.
		if (mode === 'replace') await resetSyncPosition(db);
		// The banks it brought go to the account as imported now (a merge keeps banks here).
		const brought = (await db.getAllKeys('banks')).filter(
			(id) => mode === 'replace' || !before.has(id),
		);
		await queueBanksForSync(db, brought, Date.now());
		await recountReviews();
		announceChange('*');
		scheduleSync();
	}
	return restored;
}
