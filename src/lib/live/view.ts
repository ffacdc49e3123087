/**
 * What a screen of the classroom (the projector or a phone) knows of the game, built from the
 * events it has read, and what it shows from it. Each event gives a new view; parts an event does
 * not touch stay the same objects, so a screen redraws only what changed.
 */
import * as v from 'valibot';
import type { LiveEvent, LiveEventOf } from './protocol.ts';

/**
 * A phone's outcome of one revealed question, kept (for its tab) to add the game's questions to
 * its reviews: the id comes with the reveal, the rest with the player's result.
 */
export const Outcome = v.object({
	id: v.optional(v.string()),
	answered: v.optional(v.boolean()),
	correct: v.optional(v.boolean()),
});
export type Outcome = v.InferOutput<typeof Outcome>;

export interface LiveView {
	lobby?: LiveEventOf<'lobby'>;
	locked: boolean;
	me?: LiveEventOf<'me'>;
	question?: LiveEventOf<'question'>;
	/** The index of the question this phone has answered (the server says so after a reload). */
	answered?: number;
	progress?: LiveEventOf<'progress'>;
	reveal?: LiveEventOf<'reveal'>;
	result?: LiveEventOf<'result'>;
	/** The host's list of typed answers marked wrong, which it may accept for everyone. */
	answers?: LiveEventOf<'answers'>;
	leaderboard?: LiveEventOf<'leaderboard'>;
	end?: LiveEventOf<'end'>;
	kicked: boolean;
	/** This phone's outcome per revealed question, by index. */
	outcomes: Record<number, Outcome>;
}

export type Stage = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'end' | 'kicked';

export const emptyView = (outcomes: Record<number, Outcome> = {}): LiveView => ({
	locked: false,
	kicked: false,
	outcomes,
});

export function applyEvent(view: LiveView, e: LiveEvent): LiveView {
	switch (e.type) {
		case 'lobby':
			return { ...view, lobby: e, locked: e.locked };
		case 'locked':
			return { ...view, locked: e.locked };
		case 'me':
			return { ...view, me: e };
		case 'question':
			// Sent when reading starts and again when answers open: only a new question starts afresh.
			if (view.question?.index === e.index) return { ...view, question: e };
			return {
				...view,
				question: e,
				reveal: undefined,
				result: undefined,
				leaderboard: undefined,
				progress: undefined,
				answered: undefined,
				answers: undefined,
			};
		case 'answered':
			return { ...view, answered: e.index };
		case 'progress':
			return { ...view, progress: e };
		case 'reveal':
			return { ...view, reveal: e, outcomes: withOutcome(view.outcomes, e.index, { id: e.id }) };
		case 'answers':
			return { ...view, answers: e };
		case 'result': {
			const outcomes = withOutcome(view.outcomes, e.index, {
				answered: e.answered,
				correct: e.correct,
			});
			// An earlier question's result (its answer accepted after the game) changes only what is
			// kept for the reviews, not the screen.
			const current = !view.question || view.question.index === e.index;
			return current ? { ...view, result: e, outcomes } : { ...view, outcomes };
		}
		case 'leaderboard':
			return { ...view, leaderboard: e };
		case 'end':
			return { ...view, end: e };
		case 'kicked':
			return { ...view, kicked: true };
	}
}

const withOutcome = (outcomes: Record<number, Outcome>, index: number, change: Outcome) => ({
	...outcomes,
	[index]: { ...outcomes[index], ...change },
});

/** What is on screen now. */
export function stageOf(view: LiveView): Stage {
	if (view.kicked) return 'kicked';
	if (view.end) return 'end';
	if (view.leaderboard) return 'leaderboard';
	if (view.reveal) return 'reveal';
	if (view.question) return 'question';
	return 'lobby';
}

/** The questions a phone answered, right or wrong, to count as reviews on this device. */
export function answeredOutcomes(outcomes: Record<number, Outcome>) {
	return Object.values(outcomes).flatMap((o) =>
		o.id && o.answered ? [{ id: o.id, correct: !!o.correct }] : [],
	);
}

/** The typed answers marked wrong at the reveal of the question on screen (short answers only). */
export function wrongAnswersShown(view: LiveView): LiveEventOf<'answers'> | undefined {
	return view.answers && view.answers.index === view.question?.index ? view.answers : undefined;
}

/** The shown positions of the right options, once revealed (choice questions only). */
export function correctPositions(reveal: LiveEventOf<'reveal'> | undefined): number[] | undefined {
	const c = reveal?.correct;
	if (!c) return undefined;
	return c.type === 'single' ? [c.position] : c.type === 'multi' ? c.positions : undefined;
}

type Question = LiveEventOf<'question'>;

/** Whole seconds of answer time left at `serverNow` (server clock ms); 0 once closed. */
export const secondsLeft = (q: Question, serverNow: number) =>
	Math.max(0, Math.ceil((q.closesAt - serverNow) / 1000));

/** Still in the reading time: the question is shown, answers not open yet. */
export const isReading = (q: Question, serverNow: number) => serverNow < q.opensAt;

/** Answers are taken now (the server decides in the end: a late answer is refused). */
export const isOpen = (q: Question, serverNow: number) =>
	serverNow >= q.opensAt && serverNow <= q.closesAt;

/** The share of answer time left at `serverNow`, from 1 (all of it, also while reading) to 0. */
export function timeLeftShare(q: Question, serverNow: number): number {
	const span = q.closesAt - q.opensAt;
	if (span <= 0) return 0;
	return Math.min(1, Math.max(0, (q.closesAt - serverNow) / span));
}

/** The last seconds, when a countdown changes colour (and beeps, if the host turned sound on). */
export const NEAR_END_SECONDS = 5;
export const isNearEnd = (q: Question, serverNow: number) =>
	!isReading(q, serverNow) && secondsLeft(q, serverNow) <= NEAR_END_SECONDS;

/**
 * What Space or → does on the projector: show the answer during a question, go on after it and
 * after the leaderboard. Nothing in the lobby (starting is the teacher's deliberate click) or at
 * the end.
 */
export function hostShortcut(stage: Stage, key: string): 'reveal' | 'next' | undefined {
	if (key !== ' ' && key !== 'ArrowRight') return undefined;
	if (stage === 'question') return 'reveal';
	if (stage === 'reveal' || stage === 'leaderboard') return 'next';
	return undefined;
}
