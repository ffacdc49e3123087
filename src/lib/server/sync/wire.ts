/**
 * The app's changes (src/lib/sync/records.ts, what devices push and pull) as the store keeps
 * them, and back. The store knows only ids, keys and clocks; the app's schemas decide what a
 * review, a register, a config, a bank or a result may be, so a push is checked by the same rules the devices
 * merge by, and a change stamped a day ahead of the server's clock is refused (hlc.ts says why).
 */
import * as v from 'valibot';
import { isTooFarAhead } from '$lib/sync/hlc';
import { Change } from '$lib/sync/records';
import { bankFromSynced } from '$lib/sync/synced-bank-read';
import type { PulledChange, SyncChange } from './changes.ts';

/** How a push's changes are read and a pull's written: the store's own form, or the app's. */
export interface SyncCodec {
	/** The change as the store takes it, or why it is refused (a sentence). */
	read(input: unknown, now: number): { change: SyncChange } | { error: string };
	write(change: PulledChange): unknown;
}

/** The store's own form, as its tests send it. */
export const storeCodec: SyncCodec = {
	read: (input) => ({ change: input as SyncChange }),
	write: (change) => change,
};

function toStored(change: Change): SyncChange {
	switch (change.kind) {
		case 'review':
			return { type: 'review', id: change.uid, data: change };
		case 'tombstone':
			return { type: 'tombstone', id: change.uid, hlc: change.hlc };
		case 'register':
			return { type: 'register', key: change.key, hlc: change.hlc, data: change.value };
		case 'config':
			return { type: 'config', key: change.key, data: change.config };
		case 'bank':
			return { type: 'bank', key: change.id, hlc: change.hlc, data: change.bank };
		case 'result':
			return { type: 'result', id: change.uid, data: change.result };
	}
}

function fromStored(stored: PulledChange): Change {
	switch (stored.type) {
		case 'review':
			return stored.data as Change;
		case 'tombstone':
			return { kind: 'tombstone', uid: stored.id, hlc: stored.hlc };
		case 'register':
			return { kind: 'register', key: stored.key, hlc: stored.hlc, value: stored.data };
		case 'config':
			return { kind: 'config', key: stored.key, config: stored.data } as Change;
		case 'bank':
			return { kind: 'bank', id: stored.key, hlc: stored.hlc, bank: stored.data } as Change;
		case 'result':
			return { kind: 'result', uid: stored.id, result: stored.data } as Change;
	}
}

/** What devices speak: `Change` from src/lib/sync/records.ts. */
export const appCodec: SyncCodec = {
	read(input, now) {
		const parsed = v.safeParse(Change, input);
		if (!parsed.success) {
			const issue = parsed.issues[0];
			const path = v.getDotPath(issue);
			return {
				error: `it is not a change Kioku knows${path ? ` (${path}: ${issue.message})` : ''}`,
			};
		}
		const change = parsed.output;
		if ('hlc' in change && isTooFarAhead(change.hlc, now)) {
			return {
				error: 'its clock is more than a day ahead of the server’s: check the device’s date',
			};
		}
		// A bank is checked by the importer, as on every device that will read it.
		if (change.kind === 'bank' && change.bank) {
			const read = bankFromSynced(change.id, change.bank.kioku);
			if (!read.ok) return { error: `its bank is not one Kioku imports (${read.error.message})` };
		}
		return { change: toStored(change) };
	},
	write: fromStored,
};
