/**
 * Which tags and which paragraphs of the source the learner knows least, so the UI can offer
 * to study them. Knowledge of a card is its current FSRS retrievability: the probability of
 * recalling it now.
 */
import { FSRS5_DEFAULT_DECAY, FSRS6_DEFAULT_DECAY, forgetting_curve, State } from 'ts-fsrs';
import type { CardRecord } from '../srs/records.ts';
import type { StatsQuestion } from './stats-question.ts';
import { bankOf } from './study-group.ts';

export interface MasteryGroup {
	/** Question ids of the group, in the order given (deck order). */
	questionIds: string[];
	/** Questions in the group (`questionIds.length`). */
	questions: number;
	/** Questions answered at least once. */
	seen: number;
	/** Mean retrievability of the seen questions, 0..1: how well the studied part is known. */
	retrievabilitySeen: number | null;
	/**
	 * Mean retrievability over every question of the group, unseen ones counting 0, 0..1: the
	 * share of the group the learner would recall now, so studying more and remembering
	 * better both raise it.
	 */
	mastery: number;
}

export interface TagMastery extends MasteryGroup {
	tag: string;
}

export interface ParagraphMastery extends MasteryGroup {
	/** Paragraphs are numbered per bank (one source text per bank). */
	bank: string;
	paragraph: number;
}

export interface Mastery {
	/** Weakest first: by mastery, then by tag name. A question is in the group of each of its tags. */
	byTag: TagMastery[];
	/**
	 * Weakest first: by mastery, then in source order. A question is in the group of each
	 * paragraph it cites.
	 */
	byParagraph: ParagraphMastery[];
}

/** The decay of `weights` (FSRS parameters), read the way ts-fsrs migrates older parameter sets. */
export function decayOf(weights?: readonly number[]): number {
	if (!weights) return FSRS6_DEFAULT_DECAY;
	if (weights.length >= 21) return weights[20];
	return FSRS5_DEFAULT_DECAY;
}

const DAY_MS = 86_400_000;

/** Answered at least once: a stored card can also be new (suspended or buried before study). */
function isSeen(card: CardRecord | undefined): card is CardRecord & { lastReview: number } {
	return (
		card !== undefined &&
		card.state !== State.New &&
		card.lastReview !== undefined &&
		card.stability > 0
	);
}

/**
 * The probability of recalling the card at `now`; 0 for a card never answered. Elapsed time is
 * counted in fractional days (as Anki does): ts-fsrs's `get_retrievability` rounds down to
 * whole days, which would show everything answered in the last 24 hours as 100 %.
 */
export function retrievability(card: CardRecord | undefined, now: number, decay: number): number {
	if (!isSeen(card)) return 0;
	const elapsedDays = Math.max(0, now - card.lastReview) / DAY_MS;
	return forgetting_curve(decay, elapsedDays, card.stability);
}

interface Accumulator {
	questionIds: string[];
	seen: number;
	sum: number;
}

const emptyGroup = (): Accumulator => ({ questionIds: [], seen: 0, sum: 0 });

function summarize(acc: Accumulator): MasteryGroup {
	const questions = acc.questionIds.length;
	return {
		questionIds: acc.questionIds,
		questions,
		seen: acc.seen,
		retrievabilitySeen: acc.seen === 0 ? null : acc.sum / acc.seen,
		mastery: questions === 0 ? 0 : acc.sum / questions,
	};
}

/**
 * `decay` is the FSRS decay of the cards' parameters (see `decayOf`), or one per deck when
 * decks have their own fitted weights.
 */
export function mastery(
	questions: readonly StatsQuestion[],
	cards: readonly CardRecord[],
	now: number,
	decay: number | ((deck: string) => number) = FSRS6_DEFAULT_DECAY,
): Mastery {
	const byId = new Map<string, CardRecord>();
	for (const card of cards) byId.set(card.id, card);
	const decayFor = typeof decay === 'number' ? () => decay : decay;

	const tags = new Map<string, Accumulator>();
	// bank → paragraph → group; paragraphs are numbered per bank.
	const paragraphs = new Map<string, Map<number, Accumulator>>();
	const add = (acc: Accumulator, id: string, seen: number, r: number) => {
		acc.questionIds.push(id);
		acc.seen += seen;
		acc.sum += r;
	};
	for (const q of questions) {
		const card = byId.get(q.id);
		const r = retrievability(card, now, decayFor(q.deck));
		const seen = isSeen(card) ? 1 : 0;
		q.tags.forEach((tag, i) => {
			if (q.tags.indexOf(tag) < i) return; // a tag listed twice counts once
			let acc = tags.get(tag);
			if (!acc) tags.set(tag, (acc = emptyGroup()));
			add(acc, q.id, seen, r);
		});
		const bank = bankOf(q.deck);
		let ofBank = paragraphs.get(bank);
		if (!ofBank) paragraphs.set(bank, (ofBank = new Map()));
		// A question citing several paragraphs tests each of them: it counts in each group.
		for (const paragraph of q.source.paragraphs) {
			let acc = ofBank.get(paragraph);
			if (!acc) ofBank.set(paragraph, (acc = emptyGroup()));
			add(acc, q.id, seen, r);
		}
	}

	const byTag = [...tags].map(([tag, acc]) => ({ tag, ...summarize(acc) }));
	byTag.sort((a, b) => a.mastery - b.mastery || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
	const byParagraph = [...paragraphs].flatMap(([bank, ofBank]) =>
		[...ofBank].map(([paragraph, acc]) => ({ bank, paragraph, ...summarize(acc) })),
	);
	byParagraph.sort(
		(a, b) =>
			a.mastery - b.mastery ||
			(a.bank < b.bank ? -1 : a.bank > b.bank ? 1 : 0) ||
			a.paragraph - b.paragraph,
	);
	return { byTag, byParagraph };
}
