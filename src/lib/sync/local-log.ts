/**
 * A device's history from before it signed in, as synced changes.
 *
 * A stored review has an autoincrement id and no uid. Its uid is derived from what makes it that
 * review — its card and the ms it was given at — rather than from (device id, local id) or a
 * random id stored once: the same review held by two devices (a backup restored on both, or
 * merged into one) gets the same uid on each and is counted once, as the backup merge counts it
 * (backup-io.ts); nothing has to be written before the first push, so a sign-in cut off midway
 * makes the same uids next time; and a log restored from a backup, with new local ids, keeps
 * them. The uid is a UUIDv7 of the review's time with the rest hashed from the card id: two
 * different reviews share one only if the same card was answered twice in the same ms.
 *
 * Values that are not reviews (deck options, settings, suspended cards) are stamped as older
 * than anything an account holds: where the account has a value it wins, where it has none the
 * device's is kept. A device signing in with default options does not reset the account's.
 */
import { err, ok, type Result } from '../result.ts';
import type { ReviewLogRecord } from '../srs/records.ts';
import type { SchedulerConfig } from '../srs/scheduler.ts';
import { format } from './hlc.ts';
import { MAX_DURATION_MS, Register, SyncedConfig, SyncedReview, type Change } from './records.ts';
import * as v from 'valibot';
import { uuid7 } from './uuid7.ts';

/** 32-bit FNV-1a of `text` from `seed`, then murmur3's finalizer so every bit depends on every bit. */
function hash32(text: string, seed: number): number {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

const SEEDS = [0x811c9dc5, 0x9e3779b9, 0x7f4a7c15];

/** The uid of a review stored without one: the same for the same card and ms, on any device. */
export function derivedUid(cardId: string, review: number): string {
	const text = `${cardId}\n${review}`;
	const bytes = new Uint8Array(12);
	const view = new DataView(bytes.buffer);
	SEEDS.forEach((seed, i) => view.setUint32(i * 4, hash32(text, seed)));
	return uuid7(review, bytes);
}

/**
 * A stored review as a synced one: its own uid once it has one, else the derived uid. A time
 * spent beyond the synced bound is cut to it; a review that cannot be synced says why.
 */
export function syncedFromLocal(
	log: ReviewLogRecord & { uid?: string },
): Result<SyncedReview, string> {
	const review: SyncedReview = {
		kind: 'review',
		uid: log.uid ?? derivedUid(log.cardId, log.review),
		cardId: log.cardId,
		deck: log.deck,
		rating: log.rating,
		review: log.review,
		durationMs: Math.min(log.durationMs, MAX_DURATION_MS),
		config: log.config,
	};
	if (log.overruled) review.overruled = true;
	if (log.balancedDays !== undefined) review.balancedDays = log.balancedDays;
	const checked = v.safeParse(SyncedReview, review);
	if (!checked.success) return err(v.summarize(checked.issues));
	return ok(checked.output);
}

/** The first push of a device: the configurations its reviews name, then the reviews. */
export function firstSyncChanges(
	logs: Iterable<ReviewLogRecord & { uid?: string }>,
	configs: ReadonlyMap<string, SchedulerConfig>,
): { changes: Change[]; refused: { log: ReviewLogRecord; reason: string }[] } {
	const reviews: Change[] = [];
	const used = new Map<string, Change>();
	const refused: { log: ReviewLogRecord; reason: string }[] = [];
	for (const log of logs) {
		const synced = syncedFromLocal(log);
		if (!synced.ok) {
			refused.push({ log, reason: synced.error });
			continue;
		}
		if (!used.has(log.config)) {
			const config = configs.get(log.config);
			const change = config && { kind: 'config' as const, key: log.config, config };
			if (!change || !v.is(SyncedConfig, change)) {
				refused.push({ log, reason: `configuration "${log.config}" is missing or invalid` });
				continue;
			}
			used.set(log.config, change);
		}
		reviews.push(synced.value);
	}
	return { changes: [...used.values(), ...reviews], refused };
}

/** Local values as registers stamped before any time an account holds (wall time 0). */
export function initialRegisters(
	values: Iterable<readonly [key: string, value: unknown]>,
	node: string,
): Register[] {
	const hlc = format({ wall: 0, counter: 0, node });
	const registers: Register[] = [];
	for (const [key, value] of values) {
		const register = { kind: 'register' as const, key, value, hlc };
		if (v.is(Register, register)) registers.push(register);
	}
	return registers;
}
