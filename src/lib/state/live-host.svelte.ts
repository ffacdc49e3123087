/** The projector's game: the live client plus what only the host may do. */
import type { GameResults, HostAction } from '$lib/live/protocol';
import { wrongAnswersShown } from '$lib/live/view';
import { LiveClient } from './live-client.svelte';
import { gameResults, hostAction, resultsCsvUrl, type LiveFailure } from './live-api';

export class HostGame extends LiveClient {
	/** Why the last action did not go through; cleared by the next that does. */
	failure = $state<LiveFailure | undefined>();
	/** The question whose answer was last accepted for everyone, and the answer. */
	accepted = $state<{ index: number; text: string } | undefined>();
	results = $state.raw<GameResults | undefined>();
	/** The typed answers marked wrong at this question's reveal (short answers only). */
	readonly wrongAnswers = $derived(wrongAnswersShown(this.view));

	constructor(code: string) {
		super('host', code);
	}

	async act(action: HostAction): Promise<boolean> {
		if (!this.seat) return false;
		const reply = await hostAction(this.code, this.seat.token, action);
		this.failure = reply.ok ? undefined : reply.error;
		return reply.ok;
	}

	/** Grades every player who typed `text` (or an equal form) at that question as right. */
	async accept(questionIndex: number, text: string) {
		this.accepted = undefined;
		if (await this.act({ action: 'accept', questionIndex, text })) {
			this.accepted = { index: questionIndex, text };
		}
	}

	/** Fetched at the end, and again when an answer is accepted after it; kept when offline. */
	async loadResults(lang: 'zh' | 'en') {
		if (!this.seat) return;
		const reply = await gameResults(this.code, this.seat.token, lang);
		if (reply.ok) this.results = reply.value;
	}

	csvUrl(lang: 'zh' | 'en'): string {
		return this.seat ? resultsCsvUrl(this.code, this.seat.token, lang) : '';
	}
}
