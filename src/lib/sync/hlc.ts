/**
 * A hybrid logical clock (Kulkarni et al., 2014): the "newest wins" clock of synced settings.
 * A device's wall clock alone cannot order edits made on two devices — a phone set hours
 * behind would lose every edit it makes to an older one from a laptop. A hybrid clock never runs
 * behind anything its device has seen: once a device has pulled an edit, its own later edits
 * carry a later time, whatever its wall clock says.
 *
 * A timestamp is a string that compares as plain text (fixed-width wall time in ms, a counter
 * for events in the same ms, the device's node id as the tie-break), so a server or an
 * IndexedDB index can order them without parsing: `0001765000000000-000000-0123456789abcdef`.
 *
 * Drift: a clock that is *behind* is healed by the clock itself, as above. A clock that is far
 * *ahead* would drag every device's clock forward with it (a hybrid clock never goes back), and
 * its edits would win over every edit made at the same real time until the real time caught
 * up. Refusing or capping remote times on the receiving device would break convergence or make
 * a learner's later edit lose, so the limit sits at one border instead: the server refuses a
 * change stamped more than `MAX_AHEAD_MS` after its own clock (`isTooFarAhead`). Every time in
 * the change feed is then at most a day ahead, and devices adopt them without limit. (A client
 * that has heard the server's time can pass `now` corrected by it, so a device whose clock is
 * ahead stamps sane times from its first sync on.)
 */
import { randomBytes } from './random-bytes.ts';

export interface Clock {
	/** The greatest wall time (ms) this device has issued or seen. */
	readonly wall: number;
	/** Events at that same wall time. */
	readonly counter: number;
	/** This device's node id (`newNodeId`): the tie-break between devices. */
	readonly node: string;
}

/** A timestamp as text: `wall-counter-node`, compared with `<`. */
export type Hlc = string;

export const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;
const WALL_DIGITS = 16;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
export const NODE_PATTERN = /^[0-9a-f]{16}$/;
export const HLC_PATTERN = /^(\d{16})-(\d{6})-([0-9a-f]{16})$/;

/** 64 random bits as 16 hex digits: one per device, kept with its local data. */
export function newNodeId(bytes: Uint8Array = randomBytes(8)): string {
	return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function newClock(node: string): Clock {
	if (!NODE_PATTERN.test(node)) throw new Error(`node id "${node}" is not 16 hex digits`);
	return { wall: 0, counter: 0, node };
}

export function format(clock: Clock): Hlc {
	const wall = String(clock.wall).padStart(WALL_DIGITS, '0');
	const counter = String(clock.counter).padStart(COUNTER_DIGITS, '0');
	return `${wall}-${counter}-${clock.node}`;
}

export function parse(hlc: Hlc): Clock {
	const m = HLC_PATTERN.exec(hlc);
	if (!m) throw new Error(`"${hlc}" is not a hybrid clock time`);
	return { wall: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

/** The wall time (ms) of a timestamp. */
export function wallOf(hlc: Hlc): number {
	return parse(hlc).wall;
}

/**
 * The counter is bounded so the text stays fixed-width; a million events in one ms only happen
 * on a device whose wall clock is far behind what it has seen, and moving on by 1 ms keeps order.
 */
function next(wall: number, counter: number, node: string): Clock {
	return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, node } : { wall, counter, node };
}

/** The clock after a local event at wall time `now`; `format` of it stamps the event. */
export function tick(clock: Clock, now: number): Clock {
	const wall = Math.max(clock.wall, Math.floor(now));
	return next(wall, wall === clock.wall ? clock.counter + 1 : 0, clock.node);
}

/** The clock after seeing a remote timestamp at wall time `now`: after both, and after now. */
export function receive(clock: Clock, remote: Hlc, now: number): Clock {
	const r = parse(remote);
	const wall = Math.max(clock.wall, r.wall, Math.floor(now));
	let counter = 0;
	if (wall === clock.wall && wall === r.wall) counter = Math.max(clock.counter, r.counter) + 1;
	else if (wall === clock.wall) counter = clock.counter + 1;
	else if (wall === r.wall) counter = r.counter + 1;
	return next(wall, counter, clock.node);
}

/** For the server: a change stamped this far after its own clock comes from a clock gone wrong. */
export function isTooFarAhead(hlc: Hlc, serverNow: number): boolean {
	return wallOf(hlc) > serverNow + MAX_AHEAD_MS;
}
