/** The card browser's query errors in the UI language (the parser gives codes and positions). */
import type { QueryError, QueryErrorCode } from '$lib/browse/query';
import { m } from '$lib/paraglide/messages';

const PROBLEMS: Record<QueryErrorCode, (i: { found: string }) => string> = {
	'unclosed-quote': m.browse_error_unclosed_quote,
	'lone-minus': m.browse_error_lone_minus,
	'empty-value': m.browse_error_empty_value,
	'unknown-filter': m.browse_error_unknown_filter,
	'unknown-state': m.browse_error_unknown_state,
	'unknown-property': m.browse_error_unknown_property,
	'bad-comparison': m.browse_error_bad_comparison,
	'bad-number': m.browse_error_bad_number,
	'bad-paragraph': m.browse_error_bad_paragraph,
};

/** "Character 7: “soon” is not a state…", counting characters from 1 as a reader does. */
export function queryErrorText(error: QueryError): string {
	const problem =
		error.code === 'bad-number' && error.found === ''
			? m.browse_error_missing_number()
			: PROBLEMS[error.code]({ found: error.found });
	return m.browse_error_at({ position: error.position + 1, problem });
}
