/**
 * One sync of this device with its account, over the HTTP contract of the sync endpoints:
 * push everything not yet acknowledged, in batches of at most 500, then pull the account's feed
 * from the cursor, in pages. Plain TypeScript over an injected `fetch` and database, so the
 * unit tests run it in Node against a server that merges with the real rules.
 *
 * Every step is safe to cut off: a batch leaves the queue only once acknowledged (a retried one
 * is counted once, by uid), and a page is applied together with its cursor.
 */
import * as v from 'valibot';
import { SYNC_META_KEY, type Db } from '../storage/db.ts';
import type { IdOwners } from '../bank/id-clashes.ts';
import { bucketsFor, replayPulled } from '../storage/pulled-replay.ts';
import { applyPulled, type RefusedBank } from '../storage/sync-apply.ts';
import {
	acknowledgeBatch,
	ensureUids,
	forgetLocalProgress,
	linkDevice,
	linkedAccount,
	nextBatch,
	syncMeta,
	updateSyncMeta,
} from '../storage/sync-outgoing.ts';
import type { StudyDays } from '../srs/study-day.ts';
import { Change, MAX_PUSH_CHANGES } from '../sync/records.ts';

export const PULL_LIMIT = 2000;
/** The kinds this device reads that devices before them did not (the server leaves them out). */
export const PULL_WITH = 'bank,result';
/** The progress bar's share for storing the pulled pages; replaying their cards takes the rest. */
const PULL_SHARE = 0.5;
/** Who is signed in: `{ user: { id, name } | null }` (the account endpoints' session answer). */
export const SESSION_PATH = '/api/account/session';
/** A clock off by less than this is left alone: the `Date` header counts whole seconds. */
const SKEW_TOLERANCE_MS = 60_000;

/** What the learner is told after a first sync with an account. */
export interface MergeSummary {
	/** This device's reviews sent to the account. */
	sent: number;
	/** The account's reviews new to this device. */
	received: number;
}

export type SyncOutcome =
	| {
			kind: 'synced';
			at: number;
			sent: number;
			received: number;
			merged?: MergeSummary;
			/** Banks added, replaced or deleted here, and practice-test results added. */
			banks: number;
			results: number;
			/** Pulled banks not taken: what the learner is told. */
			refusedBanks: RefusedBank[];
	  }
	/** `chosen`: the learner signed out on this device, rather than the session ending. */
	| { kind: 'signed-out'; linked: boolean; chosen?: boolean }
	/** Signed in to another account than the one this device synced with: the learner chooses. */
	| { kind: 'other-account'; name: string }
	| { kind: 'offline' }
	| { kind: 'retry-later' }
	| { kind: 'quota' }
	/** The server refused a batch as malformed: it stays queued, and is not retried on its own. */
	| { kind: 'refused'; code: string; message: string };

export interface SyncProgress {
	phase: 'push' | 'pull';
	/** 0 to 1 when the total is known. */
	fraction?: number;
}

export interface SyncDeps {
	db: Db;
	fetch: typeof fetch;
	now: () => number;
	/** The learner's study days, read when a pull starts (they replay cards). */
	days: () => Promise<StudyDays>;
	uiLanguage: 'zh' | 'en';
	/** The built-in banks and their question ids, read when a pull starts (pulled banks may not take them). */
	builtIn?: () => Promise<IdOwners>;
	onProgress?: (p: SyncProgress) => void;
	/** A pulled page is stored: `decks` changed. After the first, studying can start. */
	onApplied?: (decks: ReadonlySet<string>) => void;
	/** The learner's answer to `other-account`: keep this device's data with it, or not. */
	otherAccount?: 'merge' | 'replace';
	pushLimit?: number;
	pullLimit?: number;
}

class Stop {
	constructor(readonly outcome: SyncOutcome) {}
}

const Me = v.object({
	user: v.nullable(v.object({ id: v.string(), name: v.string() })),
});
const Pushed = v.object({ cursor: v.number() });
const Pulled = v.object({ changes: v.array(Change), cursor: v.number(), more: v.boolean() });
const ErrorBody = v.object({ error: v.optional(v.string()), message: v.optional(v.string()) });

export async function syncOnce(deps: SyncDeps): Promise<SyncOutcome> {
	try {
		return await run(deps);
	} catch (e) {
		if (e instanceof Stop) return e.outcome;
		throw e;
	}
}

async function run(deps: SyncDeps): Promise<SyncOutcome> {
	const { db } = deps;
	let skew = 0;

	async function call(path: string, init?: RequestInit): Promise<unknown> {
		let response: Response;
		try {
			response = await deps.fetch(path, {
				credentials: 'same-origin',
				...init,
				headers: {
					accept: 'application/json',
					...(init?.body ? { 'content-type': 'application/json' } : {}),
				},
			});
		} catch {
			throw new Stop({ kind: 'offline' });
		}
		const date = Date.parse(response.headers.get('date') ?? '');
		if (Number.isFinite(date)) {
			const off = date - deps.now();
			skew = Math.abs(off) > SKEW_TOLERANCE_MS ? off : 0;
		}
		const body: unknown = await response.json().catch(() => undefined);
		if (response.ok) return body;
		const error = v.is(ErrorBody, body) ? body : {};
		if (response.status === 401) throw new Stop({ kind: 'signed-out', linked: true });
		// The sync store answers a full account with 403 `quota-exceeded` (store.ts).
		if (response.status === 507 || error.error === 'quota-exceeded')
			throw new Stop({ kind: 'quota' });
		if (response.status === 400 || response.status === 413 || response.status === 422)
			throw new Stop({
				kind: 'refused',
				code: error.error ?? String(response.status),
				message: error.message ?? '',
			});
		throw new Stop({ kind: 'retry-later' });
	}

	const me = await call(SESSION_PATH);
	if (!v.is(Me, me)) throw new Stop({ kind: 'retry-later' });
	// Read, not made: a device that never signed in keeps no sync record.
	const linkedTo = await linkedAccount(db);
	if (!me.user) {
		const chosen = (await db.get('syncMeta', SYNC_META_KEY))?.signedOut === true;
		return { kind: 'signed-out', linked: linkedTo !== undefined, chosen };
	}
	let first = false;
	if (linkedTo !== me.user.id) {
		if (linkedTo !== undefined) {
			if (!deps.otherAccount) return { kind: 'other-account', name: me.user.name };
			if (deps.otherAccount === 'replace') await forgetLocalProgress(db);
		}
		await linkDevice(db, me.user.id);
		first = true;
	}
	await ensureUids(db);
	const meta = await syncMeta(db);
	// Signed in again: a later session's end is "expired" again.
	if (meta.signedOut) await updateSyncMeta(db, { signedOut: false });
	const startCursor = meta.cursor;

	// Push until nothing is left (answers given meanwhile go up too).
	let sent = 0;
	let latest: number | undefined;
	const limit = Math.min(deps.pushLimit ?? MAX_PUSH_CHANGES, MAX_PUSH_CHANGES);
	for (;;) {
		const batch = await nextBatch(db, limit);
		if (batch.changes.length === 0 && batch.lastLogId === undefined) break;
		deps.onProgress?.({ phase: 'push' });
		if (batch.changes.length > 0) {
			const pushed = await call('/api/sync/push', {
				method: 'POST',
				body: JSON.stringify({ changes: batch.changes }),
			});
			if (v.is(Pushed, pushed)) latest = pushed.cursor;
		}
		await acknowledgeBatch(db, batch);
		sent += batch.reviews;
	}
	await updateSyncMeta(db, { skewMs: skew });
	// Nothing pushed: an empty push tells the server's latest cursor, for the progress bar.
	if (latest === undefined) {
		const pushed = await call('/api/sync/push', {
			method: 'POST',
			body: JSON.stringify({ changes: [] }),
		});
		if (v.is(Pushed, pushed)) latest = pushed.cursor;
	}

	let received = 0;
	let banks = 0;
	let results = 0;
	const refusedBanks: RefusedBank[] = [];
	let cursor = startCursor;
	const days = await deps.days();
	const builtIn = await deps.builtIn?.();
	const pageSize = deps.pullLimit ?? PULL_LIMIT;
	// The pages are stored first, then each card they touched is replayed once: the two halves
	// share the progress bar.
	const replay = async () => {
		const replayed = await replayPulled(db, days, (p, decks) => {
			deps.onProgress?.({
				phase: 'pull',
				fraction: PULL_SHARE + (1 - PULL_SHARE) * (p.done / p.total),
			});
			if (decks.size > 0) deps.onApplied?.(decks);
		});
		received += replayed.received;
	};
	const buckets = bucketsFor(latest !== undefined ? latest - startCursor : 0);
	try {
		for (;;) {
			const total = latest !== undefined && latest > startCursor ? latest - startCursor : undefined;
			deps.onProgress?.({
				phase: 'pull',
				fraction: total ? PULL_SHARE * Math.min(1, (cursor - startCursor) / total) : undefined,
			});
			const page = await call(
				`/api/sync/pull?cursor=${cursor}&limit=${pageSize}&with=${PULL_WITH}`,
			);
			if (!v.is(Pulled, page)) throw new Stop({ kind: 'retry-later' });
			const applied = await applyPulled(db, page.changes, page.cursor, {
				now: deps.now() + skew,
				days,
				uiLanguage: deps.uiLanguage,
				builtIn,
				buckets,
			});
			banks += applied.banks;
			results += applied.results;
			refusedBanks.push(...applied.refusedBanks);
			cursor = Math.max(cursor, page.cursor);
			if (applied.decks.size > 0) deps.onApplied?.(applied.decks);
			if (!page.more || page.changes.length === 0) break;
		}
	} catch (error) {
		// Cut off (offline, a server error): what came down is studied with meanwhile, and the
		// next sync pulls the rest from the cursor. A replay that fails too is left queued.
		await replay().catch(() => undefined);
		throw error;
	}
	await replay();
	const at = deps.now();
	await updateSyncMeta(db, { lastSyncAt: at });
	const outcome: SyncOutcome = {
		kind: 'synced',
		at,
		sent,
		received,
		banks,
		results,
		refusedBanks,
	};
	if (first) outcome.merged = { sent, received };
	return outcome;
}
