/**
 * One study session over one deck: picks cards from the queue, rates them with the scheduler,
 * commits each answer before the next card is shown, and undoes answers exactly. Plain
 * TypeScript with an injected clock and store, so it runs the same in Node tests.
 */
import { err, ok, type Result } from '../result.ts';
import { newMemoryState } from './convert.ts';
import { readDeckOptions, type DeckOptions } from './options.ts';
import type { NextCard, StudyQueue } from './queue.ts';
import { loadTodayQueue } from './today-queue.ts';
import { DueLoad } from './due-load.ts';
import type { EasyDays } from './load-balance.ts';
import { applyLeechRule, cardMeta } from './leech.ts';
import { AGAIN, type CardRecord, type Grade } from './records.ts';
import type { ReviewStore } from './review-store.ts';
import { createScheduler, schedulerConfig, type Scheduler } from './scheduler.ts';
import type { StudyDays } from './study-day.ts';

/** Anki keeps at least this many steps of undo. */
export const UNDO_LIMIT = 30;

type UndoEntry =
	| {
			kind: 'review';
			id: string;
			before: CardRecord | undefined;
			after: CardRecord;
			logId: number;
			grade: Grade;
			durationMs: number;
	  }
	| { kind: 'change'; id: string; before: CardRecord | undefined; after: CardRecord };

export interface SessionSummary {
	answered: number;
	again: number;
	timeMs: number;
}

/** What the log says about an answer besides its rating. */
export interface AnswerMarks {
	/** The learner overruled the answer check ("I was right"). */
	overruled?: boolean;
}

/** The card as answered and whether it just became a leech, or 'conflict' (another tab answered it). */
export type AnswerOutcome = Result<{ card: CardRecord; leechNow: boolean }, 'conflict'>;

export interface SessionInit {
	deck: string;
	questionIds: readonly string[];
	options: DeckOptions;
	store: ReviewStore;
	clock: () => number;
	/** The learner's study days: today's queue and the days FSRS counts between reviews. */
	days: StudyDays;
	/** Study every card of `questionIds` now, whatever its due date and the daily limits. */
	focus?: boolean;
	/** Even out the daily reviews, with these easy days (Settings); absent: no balancing. */
	balance?: EasyDays;
}

export class StudySession {
	readonly deck: string;
	readonly options: DeckOptions;
	readonly #scheduler: Scheduler;
	readonly #store: ReviewStore;
	readonly #clock: () => number;
	readonly #days: StudyDays;
	readonly #questionIds: readonly string[];
	readonly #questionSet: ReadonlySet<string>;
	readonly #focus: boolean;
	readonly #balance: EasyDays | undefined;
	/** The reviews due on the days ahead, when balancing; counted at each reload. */
	#load: DueLoad | undefined;
	/** How many answers this session gave each card: a focused session shows a card once. */
	#answers = new Map<string, number>();
	#queue!: StudyQueue;
	#cards = new Map<string, CardRecord>();
	#undo: UndoEntry[] = [];
	#lastShown: string | undefined;
	/** The card on screen as it was when shown: an answer to it is refused if it changed since. */
	#shown: { id: string; card: CardRecord | undefined } | undefined;
	/** Shown first after an undo, as Anki does. */
	#again: string | undefined;
	#summary: SessionSummary = { answered: 0, again: 0, timeMs: 0 };

	private constructor(init: SessionInit) {
		this.deck = init.deck;
		this.options = readDeckOptions(init.options);
		this.#scheduler = createScheduler(schedulerConfig(this.options), init.days);
		this.#store = init.store;
		this.#clock = init.clock;
		this.#days = init.days;
		this.#questionIds = init.questionIds;
		this.#questionSet = new Set(init.questionIds);
		this.#focus = init.focus ?? false;
		this.#balance = init.balance;
	}

	static async start(init: SessionInit): Promise<StudySession> {
		const session = new StudySession(init);
		// Independent: the configuration is needed by the first answer, not the first card.
		await Promise.all([
			init.store.saveConfig(session.#scheduler.key, session.#scheduler.config),
			session.reload(),
		]);
		return session;
	}

	/** Re-reads the deck from the store (after another tab changed it, or a new day began). */
	async reload(): Promise<void> {
		const focus = this.#focus ? { answered: new Set(this.#answers.keys()) } : undefined;
		const now = this.#clock();
		const countDue = this.#store.countDue?.bind(this.#store);
		// The days ahead are counted while the deck is read, not after it: the first card waits
		// for the longer of the two, not for both.
		const [{ snapshot, queue }, load] = await Promise.all([
			loadTodayQueue(
				this.#store,
				{ key: this.deck, questionIds: this.#questionIds, limits: this.options, focus },
				this.#days,
				now,
			),
			this.#balance && countDue
				? DueLoad.count(countDue, this.deck, this.#days, this.#days.of(now), this.#balance)
				: undefined,
		]);
		this.#cards = new Map(snapshot.candidates.map((c) => [c.id, c]));
		this.#queue = queue;
		this.#load = load;
	}

	get counts() {
		return this.#queue.counts();
	}

	get summary(): SessionSummary {
		return { ...this.#summary };
	}

	get canUndo(): boolean {
		return this.#undo.length > 0;
	}

	card(id: string): CardRecord | undefined {
		return this.#cards.get(id);
	}

	hasQuestion(id: string): boolean {
		return this.#questionSet.has(id);
	}

	/** Chooses the next card and shows it: an answer is checked against the card as shown. */
	async next(): Promise<NextCard> {
		const next = await this.peek();
		if (next.kind === 'card') {
			this.#again = undefined;
			this.#lastShown = next.id;
			this.#shown = { id: next.id, card: this.#cards.get(next.id) };
		}
		return next;
	}

	/** The card `next()` would show, without showing it (for choosing among several decks). */
	async peek(): Promise<NextCard> {
		const now = this.#clock();
		if (now >= this.#queue.day.end) await this.reload();
		if (this.#again) return { kind: 'card', id: this.#again, source: 'learning' };
		return this.#queue.next(now, this.#lastShown);
	}

	/** When each rating would bring the card back (ms), for the rating buttons. */
	preview(id: string): Record<Grade, number> {
		return this.#scheduler.preview(this.#cards.get(id), this.#clock(), this.#load);
	}

	async answer(
		id: string,
		grade: Grade,
		durationMs: number,
		marks: AnswerMarks = {},
	): Promise<AnswerOutcome> {
		const now = this.#clock();
		const before = this.#shown?.id === id ? this.#shown.card : this.#cards.get(id);
		const meta = { cardId: id, deck: this.deck, durationMs };
		const { state, log } = this.#scheduler.rate(before, now, grade, meta, this.#load);
		if (marks.overruled) log.overruled = true;
		const after: CardRecord = { ...cardMeta(id, this.deck, before), ...state };
		const leechNow = applyLeechRule(before, after, grade, this.options);
		const result = await this.#store.commitReview(before, after, log);
		if (!result.ok) {
			await this.#conflict(id, result.error.current);
			return err('conflict');
		}
		this.#cards.set(id, after);
		this.#load?.moved(before, after);
		this.#answers.set(id, (this.#answers.get(id) ?? 0) + 1);
		this.#queue.answered(id, before?.state, after);
		if (after.suspended) this.#queue.remove(id);
		this.#push({ kind: 'review', id, before, after, logId: result.value.logId, grade, durationMs });
		this.#summary.answered++;
		if (grade === AGAIN) this.#summary.again++;
		this.#summary.timeMs += durationMs;
		return ok({ card: after, leechNow });
	}

	/** Hides the card until the next study day. */
	bury(id: string): Promise<boolean> {
		return this.#change(id, { buriedUntil: this.#queue.day.day + 1 });
	}

	suspend(id: string): Promise<boolean> {
		return this.#change(id, { suspended: true });
	}

	async #change(id: string, patch: Partial<CardRecord>): Promise<boolean> {
		const before = this.#cards.get(id);
		const after: CardRecord = {
			...cardMeta(id, this.deck, before),
			...(before ?? newMemoryState(this.#clock())),
			...patch,
		};
		const result = await this.#store.putCard(before, after);
		if (!result.ok) {
			await this.#conflict(id, result.error.current);
			return false;
		}
		this.#cards.set(id, after);
		this.#queue.remove(id);
		this.#push({ kind: 'change', id, before, after });
		return true;
	}

	/** Undoes the last answer (or bury/suspend): the card and the log are exactly as before. */
	async undo(): Promise<{ id: string; grade?: Grade } | undefined> {
		const entry = this.#undo.pop();
		if (!entry) return undefined;
		const result =
			entry.kind === 'review'
				? await this.#store.undoReview(entry.after, entry.before, entry.logId)
				: await this.#store.putCard(entry.after, entry.before);
		if (!result.ok) {
			await this.reload();
			return undefined;
		}
		if (entry.kind === 'review') {
			const left = (this.#answers.get(entry.id) ?? 1) - 1;
			if (left > 0) this.#answers.set(entry.id, left);
			else this.#answers.delete(entry.id);
			this.#summary.answered--;
			if (entry.grade === AGAIN) this.#summary.again--;
			this.#summary.timeMs -= entry.durationMs;
		}
		await this.reload();
		this.#again = entry.id;
		return { id: entry.id, grade: entry.kind === 'review' ? entry.grade : undefined };
	}

	#push(entry: UndoEntry) {
		this.#undo.push(entry);
		if (this.#undo.length > UNDO_LIMIT) this.#undo.shift();
	}

	/** Another tab changed this card: take its version and drop our now-stale undo steps for it. */
	async #conflict(id: string, current: CardRecord | undefined) {
		this.#undo = this.#undo.filter((e) => e.id !== id);
		if (current) this.#cards.set(id, current);
		await this.reload();
	}
}
