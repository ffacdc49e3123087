/**
 * The card browser's state: every card of every bank on this device (built-in and imported) as
 * rows, the query, the sort, the selection, and the actions on the selection. The query language
 * and the matching are pure (src/lib/browse); this is their browser side.
 */
import type { LocalizedText } from '$lib/bank';
import { filterRows, sortRows, type CardRow, type Sort, type SortKey } from '$lib/browse/match';
import { parseQuery, type ParseResult } from '$lib/browse/query';
import { loadToSimplified } from '$lib/quiz/chinese-variants';
import type { StudyDay } from '$lib/srs/study-day';
import {
	forgetCards,
	setCardFlags,
	type CardTarget,
	type FlagPatch,
} from '$lib/storage/card-flags';
import { announceChange, database, onChange } from '$lib/storage/connection';
import type { Db } from '$lib/storage/db';
import { loadRows } from './browse-data';
import { scheduleSync } from './sync-trigger';

type Action = 'suspend' | 'unsuspend' | 'bury' | 'forget';

/** How many matching rows the table draws: the count says how many more there are. */
export const SHOWN_ROWS = 200;

export class CardBrowser {
	rows = $state.raw<CardRow[]>([]);
	/** `bank/deck` → the deck's title, for the table's deck column. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw)
	deckTitles = $state.raw<ReadonlyMap<string, LocalizedText>>(new Map());
	loaded = $state(false);
	failed = $state(false);
	query = $state('');
	sort = $state<Sort | undefined>();
	/** Ids of the chosen cards; a card the query hides stays chosen. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw)
	selected = $state.raw<ReadonlySet<string>>(new Set());
	busy = $state(false);
	/** What the last action did, for the live region: how many cards and which action. */
	done = $state<{ action: Action; count: number } | undefined>();
	#today: StudyDay | undefined;
	#toSimplified = $state.raw<((text: string) => string) | undefined>();

	parsed: ParseResult = $derived(parseQuery(this.query));
	/** Every match, sorted (the table draws the first SHOWN_ROWS). */
	results: CardRow[] = $derived.by(() => {
		if (!this.parsed.ok || !this.#today) return [];
		const context = { dueBefore: this.#today.end, toSimplified: this.#toSimplified };
		return sortRows(filterRows(this.rows, this.parsed.terms, context), this.sort);
	});

	async load() {
		try {
			const { rows, today, deckTitles } = await loadRows();
			this.#today = today;
			this.deckTitles = deckTitles;
			this.rows = rows;
			this.loaded = true;
		} catch {
			this.failed = true;
		}
	}

	/** Another tab studied or changed cards: read them again, keeping the query and selection. */
	listen(): () => void {
		return onChange(() => void this.load());
	}

	/** A query in Chinese may be typed in Traditional: the converter loads once, when first needed. */
	async foldVariants() {
		if (this.#toSimplified || !/\p{Script=Han}/u.test(this.query)) return;
		try {
			this.#toSimplified = await loadToSimplified();
		} catch {
			// Offline before it was cached: Simplified words are still found.
		}
	}

	sortBy(key: SortKey) {
		const ascending = this.sort?.key !== key || this.sort.direction === 'descending';
		this.sort = { key, direction: ascending ? 'ascending' : 'descending' };
	}

	toggle(id: string, on: boolean) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw), never changed in place
		const next = new Set(this.selected);
		if (on) next.add(id);
		else next.delete(id);
		this.selected = next;
	}

	/** Whether every match is chosen (the header's checkbox). */
	get allSelected(): boolean {
		return this.results.length > 0 && this.results.every((r) => this.selected.has(r.id));
	}

	/** Chooses every match of the query, or clears the choice. */
	selectAll(on: boolean) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw)
		this.selected = on ? new Set(this.results.map((r) => r.id)) : new Set();
	}

	get chosen(): CardRow[] {
		return this.rows.filter((r) => this.selected.has(r.id));
	}

	async suspend(suspended: boolean) {
		await this.#apply({ suspended }, suspended ? 'suspend' : 'unsuspend');
	}

	/** Hides the chosen cards until the next study day, as B does while studying. */
	async bury() {
		if (!this.#today) return;
		await this.#apply({ buriedUntil: this.#today.day + 1 }, 'bury');
	}

	/** The chosen cards a Forget resets: those answered at least once (new cards stay as they are). */
	get forgettable(): CardRow[] {
		return this.chosen.filter((r) => !r.isNew);
	}

	/**
	 * Resets the chosen answered cards to new, due now (card-flags.ts `forgetCards`): their
	 * reviews stay in the log and the statistics, and every replay starts from the forget.
	 */
	async forget() {
		await this.#run('forget', (db, targets) => forgetCards(db, targets, Date.now()));
	}

	async #apply(patch: FlagPatch, action: 'suspend' | 'unsuspend' | 'bury') {
		await this.#run(action, async (db, targets) => ({
			count: targets.length,
			decks: await setCardFlags(db, targets, patch, Date.now()),
		}));
	}

	async #run(
		action: Action,
		change: (db: Db, targets: CardTarget[]) => Promise<{ count: number; decks: Set<string> }>,
	) {
		const targets = this.chosen.map(({ id, deck }) => ({ id, deck }));
		if (targets.length === 0 || this.busy) return;
		this.busy = true;
		try {
			const { count, decks } = await change(await database(), targets);
			for (const deck of decks) announceChange(deck);
			if (decks.size > 0) scheduleSync();
			await this.load();
			this.done = { action, count };
		} finally {
			this.busy = false;
		}
	}
}

export { chooseForStudy, loadChosenDecks } from './browse-data';
