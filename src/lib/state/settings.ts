/** The learner's settings as the Settings screen reads and changes them. */
import { database } from '$lib/storage/connection';
import { getSettings, putSettings } from '$lib/storage/preferences';
import type { Settings } from '$lib/srs/options';
import { scheduleSync } from './sync-trigger';

/** The local hour at which a study day starts. */
export async function studyDayStart(): Promise<number> {
	return (await getSettings(await database())).dayStartsAt;
}

export async function setStudyDayStart(hour: number): Promise<void> {
	await changeSettings({ dayStartsAt: hour });
}

/** Every setting, with the defaults for those never set. */
export async function readSettings(): Promise<Settings> {
	return getSettings(await database());
}

/** Changes some settings, keeping the others; sync hears of the changed ones. */
export async function changeSettings(change: Partial<Settings>): Promise<void> {
	const db = await database();
	await putSettings(db, { ...(await getSettings(db)), ...change });
	scheduleSync();
}
