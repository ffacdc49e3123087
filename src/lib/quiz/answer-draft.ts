/**
 * The answer a learner is building on screen before it is checked: what is picked, ticked,
 * typed or arranged. Whichever way the answer leaves the screen (a click, Check, Enter, the
 * timer running out), it is read from the draft here; and an answer already given (feedback
 * shown again after a reload) becomes a draft here, so it is shown as it was given.
 */
import { clozeBlanks, parseCloze } from '../bank/cloze.ts';
import type { ContentLocale, LocalizedText } from '../bank/schema.ts';
import type { Answer, CheckableQuestion } from './check.ts';
import { seededArrangement } from '../random/seeded-shuffle.ts';

/** An option as shown; answers name options by their place in the list shown. */
export interface Choice {
	text: LocalizedText;
	correct: boolean;
}

export type AnswerDraft =
	| { type: 'single'; picked: number | undefined }
	| { type: 'truefalse'; picked: boolean | undefined }
	/** Ticks by place on screen; a place never ticked may be missing. */
	| { type: 'multi'; ticked: boolean[] }
	| { type: 'short'; text: string }
	/** One text per blank of the cloze text in the language answered in. */
	| { type: 'cloze'; blanks: string[] }
	/** Item indices (as the bank lists them, which is the right order) in the order shown. */
	| { type: 'order'; order: number[] };
export type DraftOf<T extends AnswerDraft['type']> = Extract<AnswerDraft, { type: T }>;

/** One showing of a question: what its draft starts from. */
export interface Showing {
	/** The language answers are given in: a cloze has the blanks of its text in this language. */
	lang: ContentLocale;
	/** Seeds order items' starting arrangement, never the right order (default: the question id). */
	arrangement?: string;
	/** The answer already given, when the showing is its feedback shown again. */
	given?: Answer | null;
}

/**
 * A new showing's draft: nothing picked, ticked or typed, order items in the showing's
 * arrangement; or, given an answer to this question, that answer as it was given.
 */
export function startDraft<Q extends CheckableQuestion>(
	question: Q,
	showing: Showing,
): DraftOf<Q['type']> {
	return draft(question, showing) as DraftOf<Q['type']>;
}

function draft(q: CheckableQuestion, { lang, arrangement, given }: Showing): AnswerDraft {
	switch (q.type) {
		case 'single':
			return { type: 'single', picked: given?.type === 'single' ? given.choice : undefined };
		case 'truefalse':
			return { type: 'truefalse', picked: given?.type === 'truefalse' ? given.value : undefined };
		case 'multi': {
			const ticked: boolean[] = [];
			if (given?.type === 'multi') for (const place of given.choices) ticked[place] = true;
			return { type: 'multi', ticked };
		}
		case 'short':
			return { type: 'short', text: given?.type === 'short' ? given.text : '' };
		case 'cloze': {
			if (given?.type === 'cloze') return { type: 'cloze', blanks: [...given.blanks] };
			const parsed = parseCloze(q.text[lang]);
			const count = parsed.ok ? clozeBlanks(parsed.value).length : 0;
			return { type: 'cloze', blanks: Array.from({ length: count }, () => '') };
		}
		case 'order':
			return {
				type: 'order',
				order:
					given?.type === 'order'
						? [...given.order]
						: seededArrangement(
								q.items.map((_, i) => i),
								arrangement ?? q.id,
							),
			};
	}
}

/**
 * The answer as it stands on screen, or null when none has been given: no option picked, an
 * empty answer box, or a cloze text without blanks to fill. This is what a test records when
 * its time runs out, or when Enter is pressed outside the answer boxes.
 */
export function answerOnScreen(draft: AnswerDraft): Answer | null {
	switch (draft.type) {
		case 'single':
			return draft.picked === undefined ? null : { type: 'single', choice: draft.picked };
		case 'truefalse':
			return draft.picked === undefined ? null : { type: 'truefalse', value: draft.picked };
		case 'multi':
			return { type: 'multi', choices: draft.ticked.flatMap((on, place) => (on ? [place] : [])) };
		case 'short':
			return draft.text ? { type: 'short', text: draft.text } : null;
		case 'cloze':
			return draft.blanks.length > 0 ? { type: 'cloze', blanks: [...draft.blanks] } : null;
		case 'order':
			return { type: 'order', order: [...draft.order] };
	}
}

/**
 * What Check (or Enter in an answer box) sends to be checked: the answer on screen, where an
 * empty answer box is an empty answer, checked and found wrong. Null when no option is picked.
 */
export function answerToCheck(draft: AnswerDraft): Answer | null {
	return draft.type === 'short' ? { type: 'short', text: draft.text } : answerOnScreen(draft);
}

/** How a checked answer marks an option, a blank or an item; unmarked before it is checked. */
export type Mark = 'right' | 'wrong' | undefined;

/**
 * How a checked answer marks an option: chosen and right, right but not chosen (missed), chosen
 * and wrong; a wrong option left alone and every option before checking are unmarked. Every
 * right option is marked, so the learner sees the whole answer and not only their own mistakes.
 */
export type OptionMark = 'chosen-right' | 'missed' | 'chosen-wrong' | undefined;

export function optionMark(answered: boolean, correct: boolean, chosen: boolean): OptionMark {
	if (!answered) return undefined;
	if (correct) return chosen ? 'chosen-right' : 'missed';
	return chosen ? 'chosen-wrong' : undefined;
}

/** Once the order is checked, each item is right in its own place and wrong anywhere else. */
export function placeMark(answered: boolean, item: number, place: number): Mark {
	if (!answered) return undefined;
	return item === place ? 'right' : 'wrong';
}

/** Once a cloze is checked, each blank is marked as its own check found it. */
export function blankMark(
	checked: readonly { correct: boolean }[] | undefined,
	blank: number,
): Mark {
	if (!checked) return undefined;
	return checked[blank]?.correct ? 'right' : 'wrong';
}

/** The order with the item at place `from` moved to place `to`, the others keeping their order. */
export function moveItem(order: readonly number[], from: number, to: number): number[] {
	if (from === to || to < 0 || to >= order.length) return [...order];
	const moved = [...order];
	const [item] = moved.splice(from, 1);
	moved.splice(to, 0, item);
	return moved;
}

/**
 * Where a dragged item goes: after every other item whose middle is above the pointer. Counting
 * the others only (not the dragged row itself) keeps rows of different heights from swapping
 * back and forth under a pointer that does not move.
 * @param middles the vertical middle of each row as laid out now, the dragged row's included
 */
export function dropPlace(middles: readonly number[], dragging: number, pointerY: number): number {
	return middles.filter((middle, place) => place !== dragging && middle < pointerY).length;
}
