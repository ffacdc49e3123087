/** Deck options and settings in IndexedDB, read through their schemas (bad values fall back to defaults). */
import { State } from 'ts-fsrs';
import * as v from 'valibot';
import { DEFAULT_SETTINGS, readDeckOptions, Settings, type DeckOptions } from '../srs/options.ts';
import { StudyDays, systemTimeZone } from '../srs/study-day.ts';
import type { Db } from './db.ts';
import { settingsKey } from '../sync/registers.ts';
import { asJournal, deckOptionChanges, journal, JOURNAL_STORES } from './sync-journal.ts';

/** A deck never configured shows its cards in the interface language. */
export async function getDeckOptions(
	db: Db,
	deck: string,
	uiLanguage: 'zh' | 'en',
): Promise<DeckOptions> {
	const stored = (await db.get('deckOptions', deck))?.options;
	return stored ? readDeckOptions(stored) : { ...readDeckOptions(undefined), display: uiLanguage };
}

const SETTINGS_FIELDS = ['dayStartsAt', 'loadBalance', 'easyDays'] as const;

/** Saves a deck's options; sync hears of the fields that changed, and of no other. */
export async function putDeckOptions(db: Db, deck: string, options: DeckOptions): Promise<void> {
	const tx = db.transaction(['deckOptions', ...JOURNAL_STORES], 'readwrite');
	const store = tx.objectStore('deckOptions');
	const before = (await store.get(deck))?.options;
	const after = readDeckOptions(options);
	await store.put({ deck, options: after });
	await journal(
		asJournal(tx),
		deckOptionChanges(deck, before && readDeckOptions(before), after),
		Date.now(),
	);
	await tx.done;
}

export async function getSettings(db: Db): Promise<Settings> {
	const stored = (await db.get('settings', 'settings'))?.value;
	const result = v.safeParse(Settings, { ...DEFAULT_SETTINGS, ...(stored ?? {}) });
	return result.success ? result.output : { ...DEFAULT_SETTINGS };
}

/** The learner's study days: the day start chosen in Settings, in this device's time zone. */
export async function learnerStudyDays(db: Db, timeZone = systemTimeZone()): Promise<StudyDays> {
	return new StudyDays({ dayStartsAt: (await getSettings(db)).dayStartsAt, timeZone });
}

export async function putSettings(db: Db, settings: Settings): Promise<void> {
	const tx = db.transaction(['settings', ...JOURNAL_STORES], 'readwrite');
	const store = tx.objectStore('settings');
	const before = { ...DEFAULT_SETTINGS, ...(await store.get('settings'))?.value };
	const after = v.parse(Settings, settings);
	await store.put({ key: 'settings', value: after });
	// Sync hears of the fields that changed, each a register of its own.
	const sets = SETTINGS_FIELDS.filter(
		(f) => after[f] !== undefined && JSON.stringify(before[f]) !== JSON.stringify(after[f]),
	).map((f) => ({ kind: 'set' as const, key: settingsKey(f), value: after[f] }));
	await journal(asJournal(tx), sets, Date.now());
	await tx.done;
}

/** The earliest time after `after` at which a card of the deck falls due (for the session summary). */
export async function nextDue(db: Db, deck: string, after: number): Promise<number | undefined> {
	const range = IDBKeyRange.bound([deck, after], [deck, Infinity], true, false);
	const cursor = await db.transaction('cards').store.index('deck-due').openCursor(range);
	let c = cursor;
	while (c && (c.value.suspended || c.value.state === State.New)) c = await c.continue();
	return c?.value.due;
}
