/** A phone's game: the live client plus answering, and the game's questions added to its reviews. */
import type { LiveAnswer } from '$lib/live/protocol';
import { answeredOutcomes, emptyView } from '$lib/live/view';
import type { StoredValue } from '$lib/storage/web-storage';
import { LiveClient } from './live-client.svelte';
import { sendAnswer, type LiveFailure } from './live-api';
import { keptOutcomes, type KeptOutcomes } from './live-outcomes';
import { addLiveAnswersToReviews } from './live-to-reviews';

export class PlayerGame extends LiveClient {
	/** The index of the question this phone's answer was taken for. */
	sent = $state<number | undefined>();
	/** Why the last answer was not taken; the answer stays on screen to send again. */
	failure = $state<LiveFailure | undefined>();
	/** How many reviews the game's questions became, once added. */
	added = $state<number | undefined>();
	adding = $state(false);
	readonly #outcomes = $derived(this.view.outcomes);
	readonly reviewable = $derived(answeredOutcomes(this.#outcomes));
	readonly #kept: StoredValue<KeptOutcomes>;

	constructor(code: string) {
		const kept = keptOutcomes(code);
		const { outcomes, added } = kept.get();
		super('player', code, emptyView(outcomes));
		this.#kept = kept;
		this.added = added;
	}

	/** Answered the question on screen (sent from here, or before a reload). */
	get done(): boolean {
		const q = this.view.question;
		return q !== undefined && (this.sent === q.index || this.view.answered === q.index);
	}

	async answer(answer: LiveAnswer) {
		const q = this.view.question;
		if (!this.seat || !q || this.done) return;
		const reply = await sendAnswer(this.code, this.seat.token, { questionIndex: q.index, answer });
		if (reply.ok) this.sent = q.index;
		this.failure = reply.ok ? undefined : reply.error;
	}

	async addToReviews() {
		// A second tap while the first is saving would count every answer twice.
		if (this.adding || this.added !== undefined) return;
		this.adding = true;
		try {
			this.added = await addLiveAnswersToReviews(this.reviewable);
		} finally {
			this.adding = false;
		}
	}

	/** Keeps the outcomes for the tab, and whether they were added (run in an effect). */
	keep() {
		this.#kept.set({ outcomes: this.#outcomes, added: this.added });
	}
}
