/**
 * Restoring a backup file, the whole way: refuse a file too large before reading it into memory,
 * read and check it (parseBackup), check the banks it carries against those the app and this
 * device already have, then merge it or replace everything with it in one transaction. Every
 * refusal says why and changes nothing.
 */
import type { Bank } from '../bank/index.ts';
import type { IdClash } from '../bank/id-clashes.ts';
import { err, ok, type Result } from '../result.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { bankFromBackup, MAX_BACKUP_CHARS, parseBackup, type BackupError } from './backup.ts';
import { ConfigConflict, importBackup, type ImportMode } from './backup-io.ts';
import type { Db } from './db.ts';

/** What a file picker gives (a `File`). */
export interface BackupFile {
	size: number;
	text(): Promise<string>;
}

export type RestoreRefusal =
	/** Larger than any backup can be. */
	| { kind: 'too-big' }
	/** Not a backup Kioku can read: not JSON, not Kioku's, another version, or invalid. */
	| { kind: 'unreadable'; error: BackupError }
	/** A bank in the backup would take question ids that another bank already has. */
	| { kind: 'bank-clash'; bank: string; clash: IdClash }
	/** A merge: the backup's scheduler configuration `key` differs from the one stored here. */
	| { kind: 'config-differs'; key: string }
	/** The restore itself failed (IndexedDB, or a record it could not take); nothing was written. */
	| { kind: 'failed'; message: string };

export interface RestoreContext {
	/** The learner's study days, in which a merged card's history is replayed. */
	days: StudyDays;
	/** The first clash the backup's banks would make with the banks kept (see state/bank-import). */
	bankClash(
		banks: readonly Bank[],
		mode: ImportMode,
	): Promise<{ bank: string; clash: IdClash } | undefined>;
}

/** A character is at most 4 bytes of UTF-8: a larger file holds more characters than a backup can. */
const MAX_BACKUP_BYTES = MAX_BACKUP_CHARS * 4;

/** Reviews and cards written (a merge counts only what it added or changed). */
export type RestoreCounts = { cards: number; logs: number };

export async function restoreBackup(
	db: Db,
	file: BackupFile,
	mode: ImportMode,
	context: RestoreContext,
): Promise<Result<RestoreCounts, RestoreRefusal>> {
	if (file.size > MAX_BACKUP_BYTES) return err({ kind: 'too-big' });
	const parsed = parseBackup(await file.text());
	if (!parsed.ok) return err({ kind: 'unreadable', error: parsed.error });
	const banks = (parsed.value.data.banks ?? []).flatMap((entry) => {
		const read = bankFromBackup(entry);
		return read.ok ? [read.value] : []; // parseBackup has refused any that is not
	});
	const clash = banks.length > 0 ? await context.bankClash(banks, mode) : undefined;
	if (clash) return err({ kind: 'bank-clash', ...clash });
	try {
		return ok(await importBackup(db, parsed.value, mode, context.days));
	} catch (e) {
		// The import runs in one transaction: a failure leaves everything as it was.
		if (e instanceof ConfigConflict) return err({ kind: 'config-differs', key: e.key });
		return err({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
	}
}
