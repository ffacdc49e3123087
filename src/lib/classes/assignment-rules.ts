/**
 * The rules of assignments that the student's device and the server both follow: which
 * questions an assignment asks (the same `buildTest` on both sides), when its answers may be
 * shown, and when an answer is late. Kept without storage so they are tested on their own.
 */
import type { ContentLocale } from '../bank/schema.ts';
import type { Deck } from '../bank/validate.ts';
import { buildTest, type DeckQuestions, type TestItem } from '../quiz/build-test.ts';
import { withCardQuestions } from '../quiz/card-questions.ts';
import type { TestSpec } from '../quiz/test-spec.ts';
import {
	MAX_ASSIGNMENTS_PER_CLASS,
	type AssignmentErrorCode,
	type AssignmentQuestions,
	type ShowAnswers,
} from './assignment-protocol.ts';

/**
 * The practice test an assignment is, in the student's language. Every question is asked (no
 * due or weak pool), with no clock (it is homework), and each answer counts as an FSRS review
 * of the student's own, as a practice test chosen to do so. Feedback after each question only
 * when the teacher shows answers at once.
 */
export function assignmentTestSpec(
	q: AssignmentQuestions,
	showAnswers: ShowAnswers,
	lang: ContentLocale,
): TestSpec {
	return {
		decks: [...q.decks],
		types: [...q.types],
		count: q.count,
		pool: 'all',
		timeLimit: { mode: 'none' },
		feedback: showAnswers === 'immediately' ? 'immediate' : 'end',
		partialCredit: q.partialCredit,
		feedFsrs: true,
		shuffle: q.shuffle,
		lang,
		seed: q.seed,
		...(q.only && { only: [...q.only] }),
	};
}

/**
 * The decks as a test asks them: a deck of cards through questions made from its cards (as
 * practice-test-link does on the device). `load` gives a deck of the built-in banks, or
 * undefined for a key that names none.
 */
export async function assignmentDecks(
	q: Pick<AssignmentQuestions, 'decks'>,
	load: (bankId: string, deckId: string) => Promise<Deck | undefined>,
): Promise<DeckQuestions[]> {
	const out: DeckQuestions[] = [];
	for (const key of q.decks) {
		const [bank, deck] = key.split('/');
		const loaded = bank && deck ? await load(bank, deck) : undefined;
		if (loaded) out.push({ deck: key, questions: withCardQuestions(loaded.questions) });
	}
	return out;
}

/** The assignment's questions, in the order asked, with their options in the order shown. */
export function assignmentItems(q: AssignmentQuestions, decks: DeckQuestions[]): TestItem[] {
	// The language changes no question or order: only the texts shown.
	return buildTest(assignmentTestSpec(q, 'never', 'en'), decks);
}

/** Whether a student may see which answers were right, and the right answers, at `now`. */
export function answersShown(showAnswers: ShowAnswers, dueAt: number, now: number): boolean {
	if (showAnswers === 'immediately') return true;
	if (showAnswers === 'after-due') return now >= dueAt;
	return false;
}

/** How long a device may have held answers offline: an earlier claimed time is not believed. */
export const OFFLINE_GRACE_MS = 7 * 24 * 3_600_000;

/**
 * Whether an answer is late. Work done offline before the deadline and sent afterwards is not
 * late, so the device's time of answering counts; but never a time after the server received
 * it (a clock set ahead), nor more than OFFLINE_GRACE_MS before it or before the assignment
 * opened (a clock set back buys at most a week).
 */
export function isLate(
	answeredAt: number,
	receivedAt: number,
	times: { opensAt: number; dueAt: number },
): boolean {
	return countedTime(answeredAt, receivedAt, times) > times.dueAt;
}

/** The time `isLate` counts for work the device did at `doneAt`, received at `receivedAt`. */
export function countedTime(
	doneAt: number,
	receivedAt: number,
	times: { opensAt: number },
): number {
	const earliest = Math.max(times.opensAt, receivedAt - OFFLINE_GRACE_MS);
	return Math.max(earliest, Math.min(doneAt, receivedAt));
}

/** The HTTP status of each refusal (the protocol's comments say the same). */
export const ASSIGNMENT_ERROR_STATUS: Record<AssignmentErrorCode, number> = {
	'no-questions': 400,
	'bad-times': 400,
	'name-empty': 400,
	'too-many-assignments': 409,
	'not-open': 423,
	'bad-answer': 400,
	'not-typed': 400,
};

const SEED_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 10 characters (51 bits): within the test spec's seed format, and never the same twice in a class. */
export const ASSIGNMENT_SEED_LENGTH = 10;

/** The seed the server draws for a new assignment: `randomInt(n)` gives 0 to n − 1. */
export function newAssignmentSeed(randomInt: (maxExclusive: number) => number): string {
	let seed = '';
	for (let i = 0; i < ASSIGNMENT_SEED_LENGTH; i++)
		seed += SEED_ALPHABET[randomInt(SEED_ALPHABET.length)];
	return seed;
}

/** Whether a class holding `held` assignments may be set another. */
export const mayCreateAssignment = (held: number): boolean => held < MAX_ASSIGNMENTS_PER_CLASS;
