/**
 * A mastery group (one tag, or one paragraph of a bank's source) named in a link, so the study
 * screen can gather exactly its questions itself: a group of an imported bank can hold thousands
 * of cards, too many to list in a URL.
 */
import type { StatsQuestion } from './stats-question.ts';

export type StudyGroup =
	{ kind: 'tag'; tag: string } | { kind: 'paragraph'; bank: string; paragraph: number };

export interface FocusSpec {
	group: StudyGroup;
	/** Only this deck's questions (`bank/deck`), as Statistics scoped to one deck shows them. */
	deck?: string;
}

/** The group a row of the mastery tables stands for: a tag, or a paragraph of a bank. */
export function groupOf(row: { tag: string } | { bank: string; paragraph: number }): StudyGroup {
	return 'tag' in row
		? { kind: 'tag', tag: row.tag }
		: { kind: 'paragraph', bank: row.bank, paragraph: row.paragraph };
}

/** The bank of a deck key `bank/deck`: paragraphs are numbered per bank (one source each). */
export function bankOf(deck: string): string {
	const slash = deck.indexOf('/');
	return slash < 0 ? deck : deck.slice(0, slash);
}

/** A question citing several paragraphs is in the group of each, as in `mastery`. */
export function inGroup(q: StatsQuestion, group: StudyGroup): boolean {
	return group.kind === 'tag'
		? q.tags.includes(group.tag)
		: bankOf(q.deck) === group.bank && q.source.paragraphs.includes(group.paragraph);
}

export function inFocus(q: StatsQuestion, spec: FocusSpec): boolean {
	return (spec.deck === undefined || q.deck === spec.deck) && inGroup(q, spec.group);
}

export function focusToParams(spec: FocusSpec): URLSearchParams {
	const params = new URLSearchParams();
	if (spec.group.kind === 'tag') params.set('tag', spec.group.tag);
	else {
		params.set('bank', spec.group.bank);
		params.set('paragraph', String(spec.group.paragraph));
	}
	if (spec.deck !== undefined) params.set('deck', spec.deck);
	return params;
}

/** Undefined for a link that names no group, or a paragraph that is not a positive whole number. */
export function focusFromParams(params: URLSearchParams): FocusSpec | undefined {
	const tag = params.get('tag');
	const bank = params.get('bank');
	const paragraph = params.get('paragraph');
	const deck = params.get('deck') || undefined;
	if (tag !== null && bank === null && paragraph === null) {
		return tag ? { group: { kind: 'tag', tag }, deck } : undefined;
	}
	if (tag !== null || !bank || paragraph === null || !/^[1-9]\d{0,5}$/.test(paragraph)) {
		return undefined;
	}
	return { group: { kind: 'paragraph', bank, paragraph: Number(paragraph) }, deck };
}
