/**
 * The review screen's state: wraps the study sessions (pure, in src/lib/srs) with the reactive
 * fields the page shows, and the browser's pieces (IndexedDB, other tabs, timers). One deck's
 * daily study and a focused study of a group of cards (from Statistics, across decks) share it.
 */
import type { Question } from '$lib/bank';
import {
	canOverrule,
	checkAnswer,
	loadToSimplified,
	overrule,
	presentQuestion,
	proposeRating,
	showingSeed,
	toBankAnswer,
	type Answer,
	type GradedResult,
	type Presentation,
} from '$lib/quiz';
import { balancing, readDeckOptions, type DeckOptions } from '$lib/srs/options';
import type { QueueCounts } from '$lib/srs/queue';
import type { Grade } from '$lib/srs/records';
import { SessionGroup } from '$lib/srs/session-group';
import { UNDO_LIMIT, type SessionSummary } from '$lib/srs/session';
import { StudyDays, systemTimeZone } from '$lib/srs/study-day';
import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import { announceChange, database, onChange } from '$lib/storage/connection';
import { idbReviewStore } from '$lib/storage/idb-review-store';
import { getDeckOptions, getSettings, nextDue } from '$lib/storage/preferences';
import { afterReviewsChanged } from './persistence';
import { scheduleSync } from './sync-trigger';

export type Phase = 'loading' | 'question' | 'answer' | 'wait' | 'done' | 'error';

export type Notice =
	| 'conflict'
	| 'leech'
	| 'leech-suspended'
	| 'buried'
	| 'suspended'
	| 'change-conflict'
	| 'undone'
	| 'undone-change'
	| 'undo-failed'
	| 'save-failed';

export interface StudyDeck {
	/** `bank/deck`. */
	key: string;
	/** The questions to study, in deck order: all of the deck's, or a focused group's. */
	questions: readonly Question[];
}

export class StudyController {
	phase = $state<Phase>('loading');
	question = $state<Question | undefined>();
	/** This showing of the card: options in a new order each time it is shown. */
	presentation = $state<Presentation | undefined>();
	counts = $state<QueueCounts>({ newCards: 0, learning: 0, reviews: 0 });
	/** When each rating brings the card back (ms from now). */
	intervals = $state<Record<Grade, number> | undefined>();
	result = $state<GradedResult | undefined>();
	proposal = $state<Grade | undefined>();
	summary = $state<SessionSummary>({ answered: 0, again: 0, timeMs: 0 });
	nextDueAt = $state<number | undefined>();
	waitUntil = $state<number | undefined>();
	notice = $state<Notice | undefined>();
	error = $state<string | undefined>();
	options = $state<DeckOptions>(readDeckOptions(undefined));
	canUndo = $state(false);
	busy = $state(false);
	/** The answer as given on screen, when an undo brought a card back to rate again. */
	givenAgain = $state<Answer | undefined>();

	readonly #decks: readonly StudyDeck[];
	readonly #focus: boolean;
	#session: SessionGroup | undefined;
	/** A lookup table, never changed after construction: nothing to react to. */
	#byId: Map<string, Question>;
	#shownAt = 0;
	/** How long the learner took to answer, and in which language (to propose a rating again). */
	#answered: { elapsed: number; lang: 'zh' | 'en' } | undefined;
	/** Each rated showing, newest last: an undo brings the card back as it was when rated. */
	#rated: RatedShowing[] = [];
	/** The answer as given on screen for the card shown now (before option order is undone). */
	#given: Answer | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopListening: () => void = () => {};

	/** `focus`: every card given now, whatever its due date and the daily limits. */
	constructor(decks: readonly StudyDeck[], focus = false) {
		this.#decks = decks;
		this.#focus = focus;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- see #byId
		this.#byId = new Map(decks.flatMap((d) => d.questions.map((q) => [q.id, q])));
	}

	async start() {
		try {
			const db = await database();
			const lang = contentLocale(getLocale());
			const [settings, ...options] = await Promise.all([
				getSettings(db),
				...this.#decks.map((d) => getDeckOptions(db, d.key, lang)),
			]);
			if (options[0]) this.options = options[0];
			const days = new StudyDays({ dayStartsAt: settings.dayStartsAt, timeZone: systemTimeZone() });
			const store = idbReviewStore(db, announceChange);
			this.#session = await SessionGroup.start(
				this.#decks.map((d, i) => ({
					deck: d.key,
					questionIds: d.questions.map((q) => q.id),
					options: options[i],
					store,
					clock: Date.now,
					days,
					focus: this.#focus,
					balance: balancing(settings),
				})),
			);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup, never changed
			const keys = new Set(this.#decks.map((d) => d.key));
			this.#stopListening = onChange((deck) => {
				if (keys.has(deck) || deck === '*') void this.#catchUp();
			});
			await this.#advance();
		} catch (e) {
			this.phase = 'error';
			this.error = e instanceof Error ? e.message : String(e);
		}
	}

	stop() {
		clearTimeout(this.#timer);
		this.#stopListening();
	}

	/** Another tab answered cards of this deck: refresh counts; the card on screen stays. */
	async #catchUp() {
		if (!this.#session) return;
		await this.#session.reload();
		this.counts = this.#session.counts;
		if (this.phase === 'done' || this.phase === 'wait') await this.#advance();
	}

	/** Shows the next card; `again`: the card an undo brought back, as it was when rated. */
	async #advance(again?: RatedShowing) {
		const session = this.#session!;
		clearTimeout(this.#timer);
		const next = await session.next();
		this.counts = session.counts;
		this.summary = session.summary;
		this.canUndo = session.canUndo;
		this.result = undefined;
		this.proposal = undefined;
		this.givenAgain = undefined;
		this.#given = undefined;
		if (next.kind === 'card') {
			this.question = this.#byId.get(next.id);
			this.presentation = this.question && presentQuestion(this.question, showingSeed());
			// Each deck shows its cards in its own languages.
			const deckOptions = session.sessionOf(next.id)?.options;
			if (deckOptions) this.options = deckOptions;
			this.intervals = this.#intervals(next.id);
			this.phase = 'question';
			this.#shownAt = performance.now();
			if (again) this.#showAgain(again);
		} else if (next.kind === 'wait') {
			this.phase = 'wait';
			this.waitUntil = next.until;
			this.#timer = setTimeout(
				() => void this.#advance(),
				Math.max(0, next.until - Date.now()) + 50,
			);
		} else {
			this.question = undefined;
			this.phase = 'done';
			const db = await database();
			const now = Date.now();
			const due = await Promise.all(this.#decks.map((d) => nextDue(db, d.key, now)));
			const known = due.filter((t) => t !== undefined);
			this.nextDueAt = known.length > 0 ? Math.min(...known) : undefined;
		}
	}

	#intervals(id: string): Record<Grade, number> {
		const due = this.#session!.preview(id);
		const now = Date.now();
		return { 1: due[1] - now, 2: due[2] - now, 3: due[3] - now, 4: due[4] - now };
	}

	/** The id of the bank a question of this session is from. */
	bankOf(questionId: string): string | undefined {
		const deck = this.#decks.find((d) => d.questions.some((q) => q.id === questionId));
		return deck && deck.key.slice(0, deck.key.indexOf('/'));
	}

	/** Flashcards: show the back. */
	reveal() {
		if (this.phase === 'question') this.phase = 'answer';
	}

	/** Quiz-type cards: check the learner's answer and propose a rating from it and the time taken. */
	async submit(answer: Answer, lang: 'zh' | 'en') {
		const q = this.question;
		if (this.phase !== 'question' || !q || q.type === 'flashcard') return;
		const elapsed = performance.now() - this.#shownAt;
		this.#given = answer;
		if (this.presentation) answer = toBankAnswer(answer, this.presentation);
		let result = checkAnswer(q, answer, lang);
		// The Traditional-to-Simplified converter is large: load it only for a Chinese answer it may save.
		if (!result.correct && typedChinese(answer)) {
			result = checkAnswer(q, answer, lang, { toSimplified: await loadToSimplified() });
		}
		this.result = result;
		this.#answered = { elapsed, lang };
		this.proposal = proposeRating(result, elapsed, q, lang);
		this.phase = 'answer';
	}

	/** Whether the answer on screen may be overruled ("I was right"). */
	get canOverrule(): boolean {
		return this.phase === 'answer' && !!this.question && canOverrule(this.question, this.result);
	}

	/** "I was right": the typed answer counts as right, and its review is marked as overruled. */
	overrule() {
		const q = this.question;
		if (!this.canOverrule || !q || q.type === 'flashcard' || !this.result || !this.#answered)
			return;
		this.result = overrule(this.result);
		this.proposal = proposeRating(this.result, this.#answered.elapsed, q, this.#answered.lang);
	}

	/** Takes "I was right" back before rating: the checker's verdict and its proposal again. */
	withdrawOverrule() {
		const q = this.question;
		const original = this.result?.overruled;
		if (this.phase !== 'answer' || !q || q.type === 'flashcard' || !original || !this.#answered)
			return;
		this.result = original;
		this.proposal = proposeRating(original, this.#answered.elapsed, q, this.#answered.lang);
	}

	async rate(grade: Grade) {
		const q = this.question;
		if (this.phase !== 'answer' || !q || this.busy) return;
		this.busy = true;
		try {
			const durationMs = Math.round(performance.now() - this.#shownAt);
			const showing: RatedShowing = {
				id: q.id,
				presentation: this.presentation,
				result: this.result,
				proposal: this.proposal,
				given: this.#given,
				answered: this.#answered,
				durationMs,
			};
			const outcome = await this.#session!.answer(q.id, grade, durationMs, {
				overruled: this.result?.overruled !== undefined,
			});
			if (outcome.ok) {
				this.#rated.push(showing);
				if (this.#rated.length > UNDO_LIMIT) this.#rated.shift();
			}
			this.notice = !outcome.ok
				? 'conflict'
				: !outcome.value.leechNow
					? undefined
					: outcome.value.card.suspended
						? 'leech-suspended'
						: 'leech';
			if (outcome.ok) void afterReviewsChanged(1);
			await this.#advance();
		} catch {
			// Nothing was written (the store aborts the whole transaction): the learner can rate again.
			this.notice = 'save-failed';
		} finally {
			this.busy = false;
		}
	}

	async undo() {
		if (!this.#session?.canUndo || this.busy) return;
		this.busy = true;
		try {
			const undone = await this.#session.undo();
			// Nothing undone: another tab changed the card since (the session has reloaded).
			this.notice = !undone ? 'undo-failed' : undone.grade ? 'undone' : 'undone-change';
			if (undone?.grade) void afterReviewsChanged(-1);
			else if (undone) scheduleSync();
			const showing = undone?.grade ? this.#rated.at(-1) : undefined;
			if (showing?.id === undone?.id) this.#rated.pop();
			await this.#advance(showing?.id === undone?.id ? showing : undefined);
		} finally {
			this.busy = false;
		}
	}

	/**
	 * The card an undo brought back, as it was when rated: the same option order, the answer as
	 * given and its verdict, to rate again. Answering it afresh right after seeing the answer would
	 * look like a fast right answer, and propose Easy.
	 */
	#showAgain(showing: RatedShowing) {
		if (this.phase !== 'question' || this.question?.id !== showing.id) return;
		this.presentation = showing.presentation;
		this.result = showing.result;
		this.proposal = showing.proposal;
		this.#answered = showing.answered;
		this.#given = showing.given;
		this.givenAgain = showing.given;
		// Rated again, the review keeps the time the first answer took.
		this.#shownAt = performance.now() - showing.durationMs;
		this.phase = 'answer';
	}

	async bury() {
		await this.#change((s, id) => s.bury(id), 'buried');
	}

	async suspend() {
		await this.#change((s, id) => s.suspend(id), 'suspended');
	}

	async #change(action: (s: SessionGroup, id: string) => Promise<boolean>, done: Notice) {
		const q = this.question;
		if (!q || !this.#session || this.busy) return;
		this.busy = true;
		try {
			const changed = await action(this.#session, q.id);
			this.notice = changed ? done : 'change-conflict';
			if (changed) scheduleSync();
			await this.#advance();
		} finally {
			this.busy = false;
		}
	}
}

/** A card as it was when rated: what an undo brings back. */
interface RatedShowing {
	id: string;
	presentation: Presentation | undefined;
	result: GradedResult | undefined;
	proposal: Grade | undefined;
	given: Answer | undefined;
	answered: { elapsed: number; lang: 'zh' | 'en' } | undefined;
	durationMs: number;
}

function typedChinese(answer: Answer): boolean {
	const texts =
		answer.type === 'short' ? [answer.text] : answer.type === 'cloze' ? answer.blanks : [];
	return texts.some((t) => /\p{Script=Han}/u.test(t));
}
