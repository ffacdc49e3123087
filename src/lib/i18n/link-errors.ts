/** A test link's errors in the UI language (the quiz module gives them as codes, with English details). */
import type { LinkError, LinkParam, LinkProblem } from '$lib/quiz/test-spec';
import { m } from '$lib/paraglide/messages';

const FIELDS: Record<LinkParam, () => string> = {
	d: m.test_decks,
	n: m.test_count,
	t: m.test_types,
	p: m.test_pool,
	tl: m.test_time,
	fb: m.test_feedback,
	pc: m.link_field_partial,
	fs: m.link_field_fsrs,
	sh: m.link_field_shuffle,
	l: m.test_lang,
	s: m.link_field_seed,
	only: m.link_field_only,
};

const PROBLEMS: Record<Exclude<LinkProblem, 'unknown-deck'>, (i: { field: string }) => string> = {
	missing: m.link_missing,
	repeated: m.link_repeated,
	'too-long': m.link_too_long,
	invalid: m.link_invalid,
};

export function linkErrorText(e: LinkError): string {
	if (e.problem === 'unknown-deck') return m.link_unknown_deck();
	return PROBLEMS[e.problem]({ field: FIELDS[e.param]() });
}
