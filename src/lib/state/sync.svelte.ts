/**
 * Sync in the browser: when it runs, and what the learner is told about it. The engine
 * (sync-client/engine.ts) does one sync; this decides when, one at a time across tabs (a Web
 * Lock), and keeps the status the account section and the home page show.
 *
 * When: on app open, a few seconds after the last answer of a batch (so a session's answers go
 * up together), when the network comes back (`online`), when the app is shown again
 * (`visibilitychange`), when the service worker's Background Sync fires (it tells the page), and
 * on "Sync now". A batch the server refused as malformed is kept and not retried on its own:
 * only "Sync now" or the next app open tries it again.
 */
import { getLocale } from '$lib/paraglide/runtime';
import { announceChange, database } from '$lib/storage/connection';
import type { RefusedBank } from '$lib/storage/sync-apply';
import type { MergeSummary, SyncOutcome, SyncProgress } from '$lib/sync-client/engine';
import { onSyncWanted } from './sync-trigger';

// The stores' code (and the record schemas and scheduler behind it) is loaded when first used:
// every page starts this controller, and its first download should stay small.
const outgoing = () => import('$lib/storage/sync-outgoing');

/** What the status line says. */
export type SyncView =
	| { kind: 'local' } // no account on this device: nothing to say
	| { kind: 'syncing'; percent?: number }
	| { kind: 'synced'; at: number }
	| { kind: 'waiting'; answers: number; changes: number }
	| { kind: 'offline'; answers: number }
	| { kind: 'signed-out'; chosen: boolean }
	| { kind: 'other-account'; name: string }
	| { kind: 'refused'; message: string }
	| { kind: 'quota' };

const DEBOUNCE_MS = 4000;
const LOCK = 'kioku-sync';
export const BACKGROUND_SYNC_TAG = 'kioku-sync';

class SyncController {
	view = $state<SyncView>({ kind: 'local' });
	/** After a first sync with an account: what was merged, until dismissed. */
	merged = $state<MergeSummary | undefined>();
	/** Banks from the account this device did not take (their ids clash here), until dismissed. */
	refusedBanks = $state<RefusedBank[]>([]);
	running = $state(false);
	/** Whether a sync has told what `view` is since the app opened (until then it reads 'local'). */
	known = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#paused = false;
	#again = false;

	/** Starts the triggers; returns a function that stops them. */
	start(): () => void {
		const onOnline = () => void this.run();
		const onVisible = () => {
			if (document.visibilityState === 'visible') void this.run();
		};
		const onMessage = (e: MessageEvent<{ type?: string }>) => {
			if (e.data?.type === BACKGROUND_SYNC_TAG) void this.run();
		};
		addEventListener('online', onOnline);
		document.addEventListener('visibilitychange', onVisible);
		navigator.serviceWorker?.addEventListener('message', onMessage);
		const stopListening = onSyncWanted(() => this.schedule());
		void this.run(true);
		return () => {
			stopListening();
			removeEventListener('online', onOnline);
			document.removeEventListener('visibilitychange', onVisible);
			navigator.serviceWorker?.removeEventListener('message', onMessage);
			clearTimeout(this.#timer);
		};
	}

	/** After answers or changed options: a sync soon, once the learner pauses. */
	schedule() {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
		void this.#refreshPending();
	}

	/** "Sync now" (and app open): also retries a batch the server refused. */
	syncNow(otherAccount?: 'merge' | 'replace') {
		return this.run(true, otherAccount);
	}

	/** The learner signed out here: the status says so rather than "sign-in expired". */
	async signedOut() {
		await (await outgoing()).markSignedOut(await database());
		await this.run(true);
	}

	/** The account is gone: this device keeps its progress and syncs with no account. */
	async accountDeleted() {
		await (await outgoing()).unlinkDevice(await database());
		this.merged = undefined;
		await this.run(true);
	}

	dismissMerged() {
		this.merged = undefined;
	}

	dismissRefusedBanks() {
		this.refusedBanks = [];
	}

	async run(manual = false, otherAccount?: 'merge' | 'replace'): Promise<void> {
		if (this.#paused && !manual) return;
		if (this.running) {
			this.#again = true;
			return;
		}
		this.running = true;
		try {
			const work = () => this.#once(otherAccount);
			// One tab syncs at a time; another tab asking meanwhile finds the work done.
			if (navigator.locks) await navigator.locks.request(LOCK, work);
			else await work();
		} finally {
			this.running = false;
		}
		if (this.#again) {
			this.#again = false;
			void this.run();
		}
	}

	async #once(otherAccount?: 'merge' | 'replace') {
		const db = await database();
		let outcome: SyncOutcome;
		try {
			// Loaded when a sync runs: every page starts this controller, few pages need the engine.
			const [{ syncOnce }, { builtInOwners }, { learnerStudyDays }] = await Promise.all([
				import('$lib/sync-client/engine'),
				import('./bank-import'),
				import('$lib/storage/preferences'),
			]);
			outcome = await syncOnce({
				db,
				fetch: (input, init) => fetch(input, init),
				now: Date.now,
				days: () => learnerStudyDays(db),
				uiLanguage: getLocale() === 'en' ? 'en' : 'zh',
				builtIn: builtInOwners,
				otherAccount,
				onProgress: (p: SyncProgress) => {
					if (this.view.kind === 'local' && p.phase === 'push') return;
					this.view = {
						kind: 'syncing',
						percent: p.fraction === undefined ? undefined : Math.round(p.fraction * 100),
					};
				},
				// A page of the pull is stored: open screens catch up, and studying can go on.
				onApplied: (decks) => {
					for (const deck of decks) announceChange(deck);
				},
			});
		} catch (e) {
			// Offline, the engine's own chunk may be what failed to load: wait for the network.
			outcome = !navigator.onLine
				? { kind: 'offline' }
				: { kind: 'refused', code: 'client', message: e instanceof Error ? e.message : '' };
		}
		this.#paused = outcome.kind === 'refused' || outcome.kind === 'quota';
		// This device's progress was replaced by the account's: every open screen reloads.
		if (otherAccount === 'replace' && outcome.kind === 'synced') announceChange('*');
		await this.#show(outcome);
		// Not awaited: without a service worker, `ready` never settles.
		if (outcome.kind === 'offline') void askForBackgroundSync();
	}

	async #show(outcome: SyncOutcome) {
		const db = await database();
		const { pendingCount, linkedAccount } = await outgoing();
		const pending = await pendingCount(db);
		const linked = (await linkedAccount(db)) !== undefined;
		this.known = true;
		// A device without an account has nothing to say about sync, whatever the network does.
		if (!linked && outcome.kind !== 'other-account') {
			this.view = { kind: 'local' };
			return;
		}
		switch (outcome.kind) {
			case 'synced':
				// A first sync says what it merged, when there was something to merge.
				if (outcome.merged && outcome.merged.sent + outcome.merged.received > 0)
					this.merged = outcome.merged;
				if (outcome.received + outcome.banks + outcome.results > 0) announceChange('*');
				if (outcome.refusedBanks.length > 0) this.refusedBanks = outcome.refusedBanks;
				this.view =
					pending.reviews + pending.other > 0
						? { kind: 'waiting', answers: pending.reviews, changes: pending.other }
						: { kind: 'synced', at: outcome.at };
				break;
			case 'signed-out':
				this.view = outcome.linked
					? { kind: 'signed-out', chosen: outcome.chosen === true }
					: { kind: 'local' };
				break;
			case 'offline':
			case 'retry-later':
				this.view = { kind: 'offline', answers: pending.reviews };
				break;
			case 'other-account':
				this.view = { kind: 'other-account', name: outcome.name };
				break;
			case 'refused':
				this.view = { kind: 'refused', message: outcome.message };
				break;
			case 'quota':
				this.view = { kind: 'quota' };
				break;
		}
	}

	async #refreshPending() {
		const db = await database();
		const { pendingCount, linkedAccount } = await outgoing();
		if ((await linkedAccount(db)) === undefined) return;
		const pending = await pendingCount(db);
		if (this.view.kind === 'synced' || this.view.kind === 'waiting')
			this.view = { kind: 'waiting', answers: pending.reviews, changes: pending.other };
		else if (this.view.kind === 'offline')
			this.view = { kind: 'offline', answers: pending.reviews };
	}
}

/** Where the browser has Background Sync: the service worker wakes the page when online again. */
async function askForBackgroundSync() {
	try {
		const registration = await navigator.serviceWorker?.ready;
		const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)
			?.sync;
		await sync?.register(BACKGROUND_SYNC_TAG);
	} catch {
		// Not offered here: `online` and `visibilitychange` cover it.
	}
}

export const sync = new SyncController();
