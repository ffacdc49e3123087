/**
 * A mistake in a Kioku bank (`BankProblem`) in the UI language. Field paths, ids and examples
 * of YAML are code, shown as written between backticks; what the author wrote (an option, an
 * answer) is quoted as written.
 */
import { formatFieldPath } from '$lib/bank/describe-issue';
import type { FieldPath } from '$lib/bank/rules';
import type { BankProblem, Place, ValueShape } from '$lib/bank/problems';
import type { ContentLocale } from '$lib/bank/schema';
import { formatCount } from '$lib/bank/exchange/upload-limits';
import { m } from '$lib/paraglide/messages';

const code = (text: string) => `\`${text}\``;

/** A field as a message names it; the whole file when the path is empty. */
function fieldName(path: FieldPath): string {
	return path.length > 0 ? code(formatFieldPath(path)) : m.bank_p_whole_file();
}

const SHAPES: Record<ValueShape, () => string> = {
	text: m.bank_shape_text,
	number: m.bank_shape_number,
	'true-or-false': m.bank_shape_true_or_false,
	list: m.bank_shape_list,
	mapping: m.bank_shape_mapping,
	nothing: m.bank_shape_nothing,
};

const LANGUAGES: Record<ContentLocale, () => string> = {
	zh: m.bank_lang_zh,
	en: m.bank_lang_en,
};

/**
 * Where something else is written: "line 15, column 9", with its file when not `file` (the
 * Chinese form then starts with a space: 已在 `a.yaml` 第 4 行…).
 */
function placeText(place: Place, file: string): string {
	const where = m.import_where_line_column({ line: place.line, column: place.column });
	return place.file === file ? where : m.bank_place_elsewhere({ file: place.file, where });
}

const YAML_CODES: Record<string, () => string> = {
	DUPLICATE_KEY: m.bank_p_yaml_duplicate_key,
	BAD_INDENT: m.bank_p_yaml_indent,
	TAB_AS_INDENT: m.bank_p_yaml_tab,
	MISSING_CHAR: m.bank_p_yaml_missing_char,
	MULTIPLE_DOCS: m.bank_p_yaml_documents,
};

/** `file`: the file the error is in, so a place in it is named by line alone. */
export function bankProblemText(p: BankProblem, file: string): string {
	switch (p.kind) {
		case 'unknown-field':
			return m.bank_p_unknown_field({ field: fieldName(p.path) });
		case 'missing-field':
			return m.bank_p_missing_field({ field: fieldName(p.path) });
		case 'wrong-type':
			return m.bank_p_wrong_type({
				field: fieldName(p.path),
				expected: SHAPES[p.expected](),
				received: SHAPES[p.received](),
			});
		case 'not-one-of':
			return m.bank_p_not_one_of({
				field: fieldName(p.path),
				allowed: p.allowed.map(code).join(m.bank_p_list_separator()),
			});
		case 'empty-text':
			return m.bank_p_empty_text({ field: fieldName(p.path) });
		case 'bad-id':
			return m.bank_p_bad_id({ field: fieldName(p.path) });
		case 'bad-date':
			return m.bank_p_bad_date({ field: fieldName(p.path) });
		case 'not-url':
			return m.bank_p_not_url({ field: fieldName(p.path) });
		case 'not-web-address':
			return m.bank_p_not_web_address({ field: fieldName(p.path) });
		case 'not-paragraph-key':
			return m.bank_p_not_paragraph_key({ field: fieldName(p.path) });
		case 'not-whole-number':
			return m.bank_p_not_whole_number({ field: fieldName(p.path) });
		case 'too-small':
			return m.bank_p_too_small({ field: fieldName(p.path), min: p.min });
		case 'too-big':
			return m.bank_p_too_big({ field: fieldName(p.path), max: p.max });
		case 'too-few':
			return m.bank_p_too_few({ field: fieldName(p.path), count: p.count, min: p.min });
		case 'too-many':
			return m.bank_p_too_many({
				field: fieldName(p.path),
				count: formatCount(p.count),
				max: formatCount(p.max),
			});
		case 'listed-twice':
			return m.bank_p_listed_twice({ field: fieldName(p.path), value: p.value });
		case 'no-paragraph-cited':
			return m.bank_p_no_paragraph_cited({
				field: fieldName(p.path),
				one: code('paragraph: N'),
				several: code('paragraphs: [N, M]'),
			});
		case 'paragraph-and-paragraphs':
			return m.bank_p_paragraph_and_paragraphs({
				field: fieldName(p.path),
				several: code('paragraphs: [N, M]'),
			});
		case 'invalid-value':
			return m.bank_p_invalid_value({ field: fieldName(p.path) });
		case 'single-needs-one-correct':
			return m.bank_p_single_one_correct({ found: p.found });
		case 'multi-needs-two-correct':
			return m.bank_p_multi_two_correct({ found: p.found });
		case 'multi-needs-a-wrong-option':
			return m.bank_p_multi_wrong_option();
		case 'repeated-item': {
			const said = {
				position: p.position,
				first: p.first,
				language: LANGUAGES[p.lang](),
				text: p.text,
			};
			return p.what === 'option' ? m.bank_p_repeated_option(said) : m.bank_p_repeated_item(said);
		}
		case 'answer-twice':
			// Named as the list, like the English message: the position adds nothing to the answer.
			return m.bank_p_listed_twice({
				field: fieldName(['answers', p.lang]),
				value: p.answer,
			});
		case 'cloze-empty-answer':
			return m.bank_p_cloze_empty_answer({
				field: fieldName(p.path),
				blank: p.blank,
				written: code(p.written),
			});
		case 'cloze-tilde-inside':
			return m.bank_p_cloze_tilde_inside({
				field: fieldName(p.path),
				blank: p.blank,
				written: code(p.written),
			});
		case 'cloze-unbalanced':
			return m.bank_p_cloze_unbalanced({ field: fieldName(p.path) });
		case 'cloze-no-blank':
			return m.bank_p_cloze_no_blank({ field: fieldName(p.path), example: code('{{…}}') });
		case 'blank-group-of-one':
			return m.bank_p_blank_group_of_one({ field: fieldName(p.path) });
		case 'blank-groups-differ':
			return m.bank_p_blank_groups_differ({
				zhField: fieldName([...p.path, 'zh']),
				zh: p.zh,
				enField: fieldName([...p.path, 'en']),
				en: p.en,
			});
		case 'duplicate-id':
			return m.bank_p_duplicate_id({ id: code(p.id), place: placeText(p.first, file) });
		case 'retired-id':
			return m.bank_p_retired_id({ id: code(p.id), place: placeText(p.listedAt, file) });
		case 'paragraph-outside':
			return m.bank_p_paragraph_outside({
				field: fieldName(p.path),
				paragraph: p.paragraph,
				paragraphs: p.paragraphs,
			});
		case 'summary-outside':
			return m.bank_p_summary_outside({
				field: fieldName(p.path),
				paragraph: p.paragraph,
				paragraphs: p.paragraphs,
			});
		case 'tag-without-title':
			return m.bank_p_tag_without_title({
				tag: code(p.tag),
				example: code(`${p.tag}: { zh: "…", en: "…" }`),
			});
		case 'paragraph-without-summary':
			return m.bank_p_paragraph_without_summary({
				paragraph: p.paragraph,
				example: code(`${p.paragraph}: { zh: "…", en: "…" }`),
			});
		case 'yml-extension':
			return m.bank_p_yml_extension();
		case 'misplaced-file':
			return m.bank_p_misplaced_file({ place: code(`${p.root}/<bank>/<deck>.yaml`) });
		case 'bad-file-name':
			return m.bank_p_bad_file_name();
		case 'no-source-file':
			return m.bank_p_no_source_file({ bank: code(p.bank), file: code('source.yaml') });
		case 'no-deck-file':
			return m.bank_p_no_deck_file({ bank: code(p.bank) });
		case 'yaml-syntax':
			return (p.code && YAML_CODES[p.code]?.()) || m.bank_p_yaml_syntax();
		case 'too-deep':
			return m.bank_p_too_deep({ limit: p.limit });
		case 'too-many-aliases':
			return m.bank_p_too_many_aliases({ count: formatCount(p.count), limit: p.limit });
		case 'aliases-explode':
			return m.bank_p_aliases_explode();
		case 'not-a-bank':
			return m.bank_p_not_a_bank();
		case 'deck-file-alone':
			return m.bank_p_deck_file_alone();
		case 'too-many-questions':
			return m.bank_p_too_many_questions({
				count: formatCount(p.count),
				limit: formatCount(p.limit),
			});
		case 'text-too-long':
			return m.bank_p_text_too_long({
				field: fieldName(p.path),
				length: formatCount(p.length),
				limit: formatCount(p.limit),
			});
		case 'reserved-deck-id':
			return m.bank_p_reserved_deck_id({ field: fieldName(p.path), id: code(p.id) });
		case 'duplicate-deck-id':
			return m.bank_p_duplicate_deck_id({ id: code(p.id), place: placeText(p.first, file) });
	}
}
