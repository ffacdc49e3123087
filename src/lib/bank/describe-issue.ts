/** Turns a schema issue into a sentence an author understands, naming the field. */
import type * as v from 'valibot';
import type { FieldPath } from './rules.ts';

export function issuePath(issue: v.BaseIssue<unknown>): FieldPath {
	return (issue.path ?? []).map((item) => item.key as string | number);
}

export function formatFieldPath(path: FieldPath): string {
	return path
		.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
		.join('');
}

export function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = issuePath(issue);
	const field = formatFieldPath(path);
	const isObjectCheck = issue.type === 'object' || issue.type === 'strict_object';
	if (isObjectCheck && issue.expected === 'never') return `unknown field \`${field}\``;
	if (isObjectCheck && issue.received === 'undefined' && path.length > 0) {
		return `missing field \`${field}\``;
	}
	return field ? `${field} ${issue.message}` : issue.message;
}
