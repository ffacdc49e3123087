/**
 * The process's classes, on the server's database: the stores of classes and of their
 * assignments (account deletion and "download my data" reach them too) and their endpoints;
 * joins are limited to `KIOKU_CLASS_JOIN_LIMIT` attempts per address in
 * `KIOKU_CLASS_JOIN_WINDOW_MS`. Assignments are graded against the built-in banks.
 */
import { findBank, loadDeck } from '$lib/content/decks';
import { DEFAULT_JOIN_LIMIT } from '../../classes/rules.ts';
import { loadToSimplified } from '../../quiz/chinese-variants.ts';
import { serverDatabase } from '../db/server-database.ts';
import { SharedCounterStore } from '../live/shared-counters.ts';
import { log } from '../log.ts';
import { setting } from '../setting.ts';
import { createAssignmentStore, type AssignmentStore } from './assignments.ts';
import { AssignmentEndpoints } from './assignments-http.ts';
import { ClassEndpoints } from './http.ts';
import { classMasteryReader, type ClassMasteryReader } from './mastery.ts';
import { createClassGameStore, type ClassGameStore } from './class-games.ts';
import { createClassStore, type ClassStore } from './store.ts';

interface Opened {
	store: ClassStore;
	endpoints: ClassEndpoints;
	assignments: AssignmentStore;
	assignmentEndpoints: AssignmentEndpoints;
	mastery: ClassMasteryReader;
	games: ClassGameStore;
}

let opened: Promise<Opened> | undefined;

function open() {
	opened ??= serverDatabase()
		.then((db) => {
			const store = createClassStore(db);
			const endpoints = new ClassEndpoints(store, {
				joinLimit: {
					limit: setting('KIOKU_CLASS_JOIN_LIMIT', DEFAULT_JOIN_LIMIT.limit),
					windowMs: setting('KIOKU_CLASS_JOIN_WINDOW_MS', DEFAULT_JOIN_LIMIT.windowMs),
				},
				// On PostgreSQL several instances may serve one school: they count its guesses
				// together, as the live classroom's do. SQLite is one process, whose memory is the
				// whole count.
				counters:
					db.kind === 'postgres'
						? new SharedCounterStore(db, {
								onError: (error) =>
									log.error({ err: error }, 'Class join counts could not be shared'),
							})
						: undefined,
			});
			const assignments = createAssignmentStore(db, {
				loadDeck,
				bankDecks: (bank) => findBank(bank)?.decks.map((d) => d.id),
				toSimplified: loadToSimplified,
			});
			return {
				store,
				endpoints,
				assignments,
				assignmentEndpoints: new AssignmentEndpoints(assignments),
				mastery: classMasteryReader(db.kysely, loadDeck),
				games: createClassGameStore(db.kysely),
			};
		})
		.catch((error: unknown) => {
			// The next request tries again (the database may have been down for a moment).
			opened = undefined;
			throw error;
		});
	return opened;
}

export const classStore = async (): Promise<ClassStore> => (await open()).store;
export const classEndpoints = async (): Promise<ClassEndpoints> => (await open()).endpoints;
export const assignmentStore = async (): Promise<AssignmentStore> => (await open()).assignments;
export const assignmentEndpoints = async (): Promise<AssignmentEndpoints> =>
	(await open()).assignmentEndpoints;
export const classMastery = async (): Promise<ClassMasteryReader> => (await open()).mastery;
export const classGames = async (): Promise<ClassGameStore> => (await open()).games;
