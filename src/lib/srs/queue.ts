/**
 * Today's queue for one deck: learning cards when due, then reviews (most overdue first) with
 * new cards (in deck order) spread evenly among them, within the daily limits. Built once per
 * session and kept up to date after each answer, so choosing the next card costs no scan.
 *
 * The review limit also caps new cards, as in Anki by default ("new cards ignore review limit"
 * off): a new card learnt today counts towards both limits, and new cards get only what the
 * day's due reviews leave of the review limit, so a backlog of reviews is never made worse.
 *
 * A focused queue (studying exactly a weak paragraph or tag, as Anki's filtered decks do) holds
 * every card of `questionIds` whatever its due date, with no daily limits. FSRS rates a card
 * answered before it is due from the time actually elapsed, so studying ahead stays honest.
 */
import { State } from 'ts-fsrs';
import type { DeckOptions } from './options.ts';
import type { CardRecord, MemoryState } from './records.ts';
import type { StudyDay } from './study-day.ts';

/** How far ahead a learning card may be shown when nothing else is left (Anki's default). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueInput {
	now: number;
	day: StudyDay;
	/** The deck's question ids, in deck order. */
	questionIds: readonly string[];
	/** Stored cards that may be due today (due before the day ends); others may be omitted. */
	candidates: readonly CardRecord[];
	/** Ids of every card with a stored record (reviewed, or suspended/buried before that). */
	knownIds: ReadonlySet<string>;
	doneToday: { newCards: number; reviews: number };
	limits: Pick<DeckOptions, 'newPerDay' | 'reviewsPerDay'>;
	/**
	 * Focused study: `candidates` are all the deck's stored cards. Cards already answered in
	 * this session (`answered`) come back only while in learning today, as in a normal session.
	 */
	focus?: { answered: ReadonlySet<string> };
}

export type NextCard =
	| { kind: 'card'; id: string; source: 'learning' | 'review' | 'new' }
	| { kind: 'wait'; until: number }
	| { kind: 'done' };

export interface QueueCounts {
	newCards: number;
	learning: number;
	reviews: number;
}

/** In its (re)learning steps: comes back within the day, by the minute. */
export const isLearning = (s: State) => s === State.Learning || s === State.Relearning;

export function isAvailable(card: CardRecord, day: StudyDay): boolean {
	return !card.suspended && card.buriedUntil <= day.day;
}

export class StudyQueue {
	readonly #day: StudyDay;
	/** Learning cards, soonest first. */
	#learning: { id: string; due: number }[] = [];
	#reviews: string[];
	#newCards: string[];
	#newLeft: number;
	#reviewsLeft: number;
	#served = { newCards: 0, reviews: 0 };
	readonly #planned: { newCards: number; reviews: number };

	constructor(input: QueueInput) {
		this.#day = input.day;
		const byId = new Map(input.candidates.map((c) => [c.id, c]));
		// A question removed from its bank keeps its stored card and logs, but is not studied.
		const inDeck = new Set(input.questionIds);
		const focus = input.focus;
		const reviews: CardRecord[] = [];
		for (const card of input.candidates) {
			if (!inDeck.has(card.id) || !isAvailable(card, input.day)) continue;
			const ahead = focus !== undefined && !focus.answered.has(card.id);
			if (!ahead && card.due >= input.day.end) continue;
			if (isLearning(card.state)) {
				this.#learning.push({ id: card.id, due: ahead ? Math.min(card.due, input.now) : card.due });
			} else if (card.state === State.Review && (ahead || !focus)) reviews.push(card);
		}
		this.#learning.sort((a, b) => a.due - b.due);
		this.#reviews = reviews
			.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1))
			.map((c) => c.id);
		this.#newCards = input.questionIds.filter((id) => {
			if (!input.knownIds.has(id)) return true;
			const card = byId.get(id);
			return card !== undefined && card.state === State.New && isAvailable(card, input.day);
		});
		const { newCards, reviews: reviewed } = input.doneToday;
		this.#newLeft = focus ? Infinity : Math.max(0, input.limits.newPerDay - newCards);
		this.#reviewsLeft = focus
			? Infinity
			: Math.max(0, input.limits.reviewsPerDay - reviewed - newCards);
		const planned = this.counts();
		this.#planned = { newCards: planned.newCards, reviews: planned.reviews };
	}

	get day(): StudyDay {
		return this.#day;
	}

	counts(): QueueCounts {
		const reviews = Math.min(this.#reviewsLeft, this.#reviews.length);
		return {
			newCards: Math.min(this.#newLeft, this.#reviewsLeft - reviews, this.#newCards.length),
			learning: this.#learning.length,
			reviews,
		};
	}

	/** The next card to show; never `lastId` again while another card can be shown. */
	next(now: number, lastId?: string): NextCard {
		const options = this.#candidates(now);
		let pick = options.find((o) => o.id !== lastId);
		if (!pick && options.length > 0) {
			// Seeing the card just answered again at once teaches nothing: show another learning
			// card early, if today has one, before repeating it.
			const other = this.#learning.find((l) => l.id !== lastId);
			pick = other ? { id: other.id, source: 'learning' } : options[0];
		}
		if (pick) return { kind: 'card', ...pick };
		const waiting = this.#learning[0];
		return waiting ? { kind: 'wait', until: waiting.due } : { kind: 'done' };
	}

	#candidates(now: number): { id: string; source: 'learning' | 'review' | 'new' }[] {
		const out: { id: string; source: 'learning' | 'review' | 'new' }[] = [];
		const dueLearning = this.#learning.filter((l) => l.due <= now).slice(0, 2);
		for (const l of dueLearning) out.push({ id: l.id, source: 'learning' });
		const { newCards, reviews } = this.counts();
		const review = reviews > 0 ? { id: this.#reviews[0], source: 'review' as const } : undefined;
		const fresh = newCards > 0 ? { id: this.#newCards[0], source: 'new' as const } : undefined;
		const extra = [this.#newTurn() ? fresh : review, this.#newTurn() ? review : fresh];
		for (const o of extra) if (o) out.push(o);
		for (const l of this.#learning.slice(0, 2)) {
			if (l.due > now && l.due <= now + LEARN_AHEAD_MS) out.push({ id: l.id, source: 'learning' });
		}
		return out;
	}

	/** New cards are spread evenly through the reviews planned for today. */
	#newTurn(): boolean {
		const { newCards, reviews } = this.#planned;
		return (
			(this.#served.newCards + 1) / (newCards + 1) <= (this.#served.reviews + 1) / (reviews + 1)
		);
	}

	/** Records an answer: the card leaves its place and comes back if it is due again today. */
	answered(id: string, before: State | undefined, after: MemoryState): void {
		const wasNew = before === undefined || before === State.New;
		this.remove(id);
		if (wasNew) {
			this.#newLeft = Math.max(0, this.#newLeft - 1);
			this.#reviewsLeft = Math.max(0, this.#reviewsLeft - 1);
			this.#served.newCards++;
		} else if (before === State.Review) {
			this.#reviewsLeft = Math.max(0, this.#reviewsLeft - 1);
			this.#served.reviews++;
		}
		if (isLearning(after.state) && after.due < this.#day.end) {
			this.#learning.push({ id, due: after.due });
			this.#learning.sort((a, b) => a.due - b.due);
		}
	}

	/** Takes a card out (buried, suspended, answered in another tab). */
	remove(id: string): void {
		this.#learning = this.#learning.filter((l) => l.id !== id);
		if (this.#reviews[0] === id) this.#reviews.shift();
		else this.#reviews = this.#reviews.filter((r) => r !== id);
		if (this.#newCards[0] === id) this.#newCards.shift();
		else this.#newCards = this.#newCards.filter((n) => n !== id);
	}
}
