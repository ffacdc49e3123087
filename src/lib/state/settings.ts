/** The learner's settings as the Settings screen reads and changes them. */
import { database } from '$lib/storage/connection';
import { getSettings, putSettings } from '$lib/storage/preferences';
import { scheduleSync } from './sync-trigger';

/** The local hour at which a study day starts. */
export async function studyDayStart(): Promise<number> {
	return (await getSettings(await database())).dayStartsAt;
}

export async function setStudyDayStart(hour: number): Promise<void> {
	const db = await database();
	await putSettings(db, { ...(await getSettings(db)), dayStartsAt: hour });
	scheduleSync();
}
