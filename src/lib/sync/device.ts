/**
 * A device's side of sync as pure functions: what it holds, what it still has to push, and how
 * local and pulled changes enter its state. The client's sync engine runs these over what it
 * keeps in IndexedDB; the protocol property test runs them on simulated devices.
 *
 * The protocol: a device pushes its outbox in batches; the server merges each batch, appends the
 * changes that altered its state to a feed with increasing sequence numbers, and acknowledges
 * the whole batch. A device pulls the feed after its cursor, in chunks, and keeps the cursor of
 * the last chunk it applied. A push retried after a lost answer is harmless (merge is
 * idempotent) and a pull cut off midway resumes from the cursor.
 */
import { canonicalJson } from './canonical-json.ts';
import { format, receive, tick, type Clock } from './hlc.ts';
import { EMPTY_STATE, mergeChanges, type SyncState } from './merge.ts';
import type { SchedulerConfig } from '../srs/records.ts';
import type { Change, SyncedReview } from './records.ts';

export interface Device {
	readonly clock: Clock;
	readonly state: SyncState;
	/** Local changes not yet acknowledged by the server, oldest first. */
	readonly outbox: readonly Change[];
	/** The server's sequence number of the last pulled change; 0 before the first pull. */
	readonly cursor: number;
}

export function newDevice(clock: Clock): Device {
	return { clock, state: EMPTY_STATE, outbox: [], cursor: 0 };
}

/**
 * A change made on this device: in its state at once, and queued to be pushed. A new value of a
 * field replaces one still queued for it (a slider dragged through ten values pushes one): the
 * newer always wins, so the server never needs the older, even if it was already sent.
 */
export function applyLocal(device: Device, change: Change): Device {
	const { state, accepted } = mergeChanges(device.state, [change]);
	if (accepted.length === 0) return device; // already known (a configuration already held)
	const outbox =
		change.kind === 'register'
			? device.outbox.filter((c) => c.kind !== 'register' || c.key !== change.key)
			: device.outbox;
	return { ...device, state, outbox: [...outbox, change] };
}

/** A review made here, with the configuration it was made with (pushed once, before it). */
export function recordReview(
	device: Device,
	review: SyncedReview,
	config: SchedulerConfig,
): Device {
	const withConfig = applyLocal(device, { kind: 'config', key: review.config, config });
	return applyLocal(withConfig, review);
}

/** Undoing a review: a tombstone stamped by this device's clock. */
export function undoReview(device: Device, uid: string, now: number): Device {
	const clock = tick(device.clock, now);
	return applyLocal({ ...device, clock }, { kind: 'tombstone', uid, hlc: format(clock) });
}

/**
 * Correcting a review ("I was right", or taking that back): a uid's content never changes, so
 * the review is undone and its corrected version recorded under a new uid. A device that still
 * holds the old version cannot bring it back (its tombstone wins).
 */
export function replaceReview(
	device: Device,
	old: string,
	replacement: SyncedReview,
	now: number,
): Device {
	return applyLocal(undoReview(device, old, now), replacement);
}

/** Setting a register (registers.ts) to `value`, stamped by this device's clock. */
export function setRegister(device: Device, key: string, value: unknown, now: number): Device {
	const clock = tick(device.clock, now);
	return applyLocal({ ...device, clock }, { kind: 'register', key, value, hlc: format(clock) });
}

/**
 * Changes pulled from the server, up to `cursor`. The clock moves past every time it sees, so an
 * edit made here afterwards is newer than each of them, however wrong this device's clock is.
 */
export function applyRemote(
	device: Device,
	pulled: readonly Change[],
	cursor: number,
	now: number,
): Device {
	let clock = device.clock;
	for (const change of pulled) {
		if (change.kind === 'tombstone' || change.kind === 'register')
			clock = receive(clock, change.hlc, now);
	}
	const { state } = mergeChanges(device.state, pulled);
	return { ...device, clock, state, cursor: Math.max(device.cursor, cursor) };
}

/** The next batch to push: the oldest of the outbox. */
export function pendingChanges(device: Device, limit: number): Change[] {
	return device.outbox.slice(0, limit);
}

/** After the server acknowledged `pushed`: those leave the outbox (each once). */
export function acknowledge(device: Device, pushed: readonly Change[]): Device {
	const acked = new Map<string, number>();
	for (const c of pushed) {
		const id = canonicalJson(c);
		acked.set(id, (acked.get(id) ?? 0) + 1);
	}
	const outbox = device.outbox.filter((c) => {
		const id = canonicalJson(c);
		const n = acked.get(id) ?? 0;
		if (n === 0) return true;
		acked.set(id, n - 1);
		return false;
	});
	return { ...device, outbox };
}
