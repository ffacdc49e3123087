/**
 * A schema issue as a `BankProblem`: which rule of `schema.ts` a field broke, told by the
 * issue's type and requirement (never by its English message). An issue of a kind not listed
 * here still names its field (`invalid-value`), so no mistake is left without one.
 */
import type * as v from 'valibot';
import { issuePath } from './describe-issue.ts';
import type { BankProblem, ValueShape } from './problems.ts';
import {
	citesAParagraph,
	citesOneWay,
	DATE_PATTERN,
	hasNoRepeats,
	ID_PATTERN,
	isFilled,
	PARAGRAPH_KEY_PATTERN,
} from './schema.ts';

/** What each type check of the schema expects. */
const EXPECTED: Record<string, ValueShape> = {
	string: 'text',
	number: 'number',
	boolean: 'true-or-false',
	array: 'list',
	object: 'mapping',
	strict_object: 'mapping',
	record: 'mapping',
};

function shapeOf(value: unknown): ValueShape {
	if (typeof value === 'string') return 'text';
	if (typeof value === 'number' || typeof value === 'bigint') return 'number';
	if (typeof value === 'boolean') return 'true-or-false';
	if (Array.isArray(value)) return 'list';
	if (value === null || value === undefined) return 'nothing';
	return 'mapping';
}

/** `(1 | 2 | 3)`, `("flashcard" | "single")`: valibot's `expected` of a picklist or a variant. */
function allowedValues(expected: string | null): string[] {
	if (!expected) return [];
	return expected
		.replace(/^\(|\)$/g, '')
		.split(' | ')
		.map((s) => s.replace(/^"(.*)"$/, '$1'));
}

function firstRepeated(list: unknown): string {
	if (!Array.isArray(list)) return '';
	return String(list.find((item, i) => list.indexOf(item) < i));
}

function lengthOf(input: unknown): number {
	return Array.isArray(input) || typeof input === 'string' ? input.length : 0;
}

export function issueProblem(issue: v.BaseIssue<unknown>): BankProblem {
	const path = issuePath(issue);
	const isObjectCheck = issue.type === 'object' || issue.type === 'strict_object';
	if (isObjectCheck && issue.expected === 'never') return { kind: 'unknown-field', path };
	if (isObjectCheck && issue.received === 'undefined' && path.length > 0) {
		return { kind: 'missing-field', path };
	}
	const expected = EXPECTED[issue.type];
	if (issue.kind === 'schema' && expected) {
		return { kind: 'wrong-type', path, expected, received: shapeOf(issue.input) };
	}
	const requirement = (issue as { requirement?: unknown }).requirement;
	switch (issue.type) {
		case 'variant':
		case 'picklist':
		case 'enum':
		case 'literal':
			return { kind: 'not-one-of', path, allowed: allowedValues(issue.expected) };
		case 'regex':
			if (requirement === ID_PATTERN) return { kind: 'bad-id', path };
			if (requirement === DATE_PATTERN) return { kind: 'bad-date', path };
			if (requirement === PARAGRAPH_KEY_PATTERN) return { kind: 'not-paragraph-key', path };
			break;
		case 'url':
			return { kind: 'not-url', path };
		case 'integer':
		case 'safe_integer':
			return { kind: 'not-whole-number', path };
		case 'min_value':
			return { kind: 'too-small', path, min: Number(requirement) };
		case 'max_value':
			return { kind: 'too-big', path, max: Number(requirement) };
		case 'min_length':
			// A text that must have a character, not a list that must have items.
			if (typeof issue.input === 'string' && issue.input === '')
				return { kind: 'empty-text', path };
			return { kind: 'too-few', path, min: Number(requirement), count: lengthOf(issue.input) };
		case 'max_length':
			return { kind: 'too-many', path, max: Number(requirement), count: lengthOf(issue.input) };
		case 'check':
			if (requirement === isFilled) return { kind: 'empty-text', path };
			if (requirement === hasNoRepeats) {
				return { kind: 'listed-twice', path, value: firstRepeated(issue.input) };
			}
			if (requirement === citesAParagraph) return { kind: 'no-paragraph-cited', path };
			if (requirement === citesOneWay) return { kind: 'paragraph-and-paragraphs', path };
			break;
	}
	return { kind: 'invalid-value', path };
}
