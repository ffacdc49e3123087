/**
 * Several decks studied as one session. Studying a tag from Statistics can take cards from more
 * than one deck, and each deck keeps its own options, scheduler and daily counts, so each is a
 * StudySession of its own; this chooses among them and undoes across them in answer order.
 * A single deck is a group of one, so the review screen has one path.
 */
import { isLearning, type NextCard, type QueueCounts } from './queue.ts';
import type { Grade } from './records.ts';
import {
	StudySession,
	type AnswerMarks,
	type AnswerOutcome,
	type SessionInit,
	type SessionSummary,
} from './session.ts';

export class SessionGroup {
	readonly sessions: readonly StudySession[];
	readonly #clock: () => number;
	/** The session of each undoable action, oldest first. */
	#history: StudySession[] = [];
	/** The session an undo just brought a card back in: that card is shown next, as Anki does. */
	#undone: StudySession | undefined;
	#lastShown: string | undefined;
	#shownIn: StudySession | undefined;

	private constructor(sessions: StudySession[], clock: () => number) {
		this.sessions = sessions;
		this.#clock = clock;
	}

	/** `inits` share one clock and study day; each names its own deck. */
	static async start(inits: readonly SessionInit[]): Promise<SessionGroup> {
		if (inits.length === 0) throw new Error('A study session needs at least one deck.');
		const sessions = await Promise.all(inits.map((init) => StudySession.start(init)));
		return new SessionGroup(sessions, inits[0].clock);
	}

	async reload(): Promise<void> {
		await Promise.all(this.sessions.map((s) => s.reload()));
	}

	get counts(): QueueCounts {
		return sum(this.sessions.map((s) => s.counts));
	}

	get summary(): SessionSummary {
		return sum(this.sessions.map((s) => s.summary));
	}

	get canUndo(): boolean {
		return this.#history.length > 0;
	}

	/** The session (deck) a card is studied in. */
	sessionOf(id: string): StudySession | undefined {
		if (this.#shownIn && this.#lastShown === id) return this.#shownIn;
		return this.sessions.find((s) => s.hasQuestion(id));
	}

	/**
	 * Decks in order, preferring a card that is due over a learning card shown early, and either
	 * over the card just answered: no deck repeats a card while another deck has one to show.
	 */
	async next(): Promise<NextCard> {
		const now = this.#clock();
		let early: StudySession | undefined;
		let repeat: StudySession | undefined;
		let wait: number | undefined;
		let chosen = this.#undone;
		this.#undone = undefined;
		for (const s of chosen ? [] : this.sessions) {
			const next = await s.peek();
			if (next.kind === 'wait') wait = Math.min(wait ?? Infinity, next.until);
			if (next.kind !== 'card') continue;
			if (next.id === this.#lastShown) repeat ??= s;
			else if (isEarly(s, next.id, now)) early ??= s;
			else {
				chosen = s;
				break;
			}
		}
		chosen ??= early ?? repeat;
		if (!chosen) return wait === undefined ? { kind: 'done' } : { kind: 'wait', until: wait };
		const next = await chosen.next();
		if (next.kind === 'card') {
			this.#lastShown = next.id;
			this.#shownIn = chosen;
		}
		return next;
	}

	preview(id: string): Record<Grade, number> {
		return this.#in(id).preview(id);
	}

	async answer(
		id: string,
		grade: Grade,
		durationMs: number,
		marks: AnswerMarks = {},
	): Promise<AnswerOutcome> {
		const session = this.#in(id);
		const outcome = await session.answer(id, grade, durationMs, marks);
		if (outcome.ok) this.#history.push(session);
		return outcome;
	}

	bury(id: string): Promise<boolean> {
		return this.#change(id, (s) => s.bury(id));
	}

	suspend(id: string): Promise<boolean> {
		return this.#change(id, (s) => s.suspend(id));
	}

	async #change(id: string, action: (s: StudySession) => Promise<boolean>): Promise<boolean> {
		const session = this.#in(id);
		const ok = await action(session);
		if (ok) this.#history.push(session);
		return ok;
	}

	/** Undoes the last answer, bury or suspend in any of the decks. */
	async undo(): Promise<{ id: string; grade?: Grade } | undefined> {
		const session = this.#history.pop();
		if (!session) return undefined;
		const undone = await session.undo();
		if (undone) this.#undone = session;
		return undone;
	}

	#in(id: string): StudySession {
		const session = this.sessionOf(id);
		if (!session) throw new Error(`No deck in this session has the card ${id}.`);
		return session;
	}
}

/** A learning card offered before it is due (Anki's learn-ahead): any due card comes first. */
function isEarly(session: StudySession, id: string, now: number): boolean {
	const card = session.card(id);
	return card !== undefined && isLearning(card.state) && card.due > now;
}

/** Field by field; the sessions' counts all have the same numeric fields. */
function sum<T extends { [K in keyof T]: number }>(parts: readonly T[]): T {
	const total = { ...parts[0] };
	for (const part of parts.slice(1)) {
		for (const key of Object.keys(total) as (keyof T)[]) {
			(total[key] as number) += part[key];
		}
	}
	return total;
}
