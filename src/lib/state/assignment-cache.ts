/**
 * The assignments of each class seat as the server last listed them: homework opens offline
 * from here (its questions are built from the banks on the device), and the class page shows
 * them before the server answers.
 */
import * as v from 'valibot';
import type { StudentAssignment } from '$lib/classes/assignment-protocol';
import { StudentAssignmentList } from '$lib/classes/assignment-responses';
import { storedValue } from '$lib/storage/web-storage';

const BySeat = v.record(v.string(), StudentAssignmentList);
const stored = storedValue('local', 'kioku:class-assignments', BySeat, {});

export const cachedAssignments = (seatId: string): StudentAssignment[] =>
	stored.get()[seatId]?.assignments ?? [];

export function cacheAssignments(seatId: string, assignments: StudentAssignment[]) {
	stored.set({ ...stored.get(), [seatId]: { assignments } });
}

/** Seats this device no longer holds take their assignments with them. */
export function keepOnlySeats(seatIds: ReadonlySet<string>) {
	stored.set(Object.fromEntries(Object.entries(stored.get()).filter(([id]) => seatIds.has(id))));
}
