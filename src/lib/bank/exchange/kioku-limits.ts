/**
 * `IMPORT_LIMITS` on a Kioku bank file, each checked as early as it can be: nesting before the
 * text is parsed, aliases once it is, then the number of questions and the length of each text
 * before anything is validated. A file beyond a limit is refused with the limit named.
 */
import { visit, type Document } from 'yaml';
import { err, ok, type Result } from '../../result.ts';
import { formatFieldPath } from '../describe-issue.ts';
import type { FieldPath } from '../rules.ts';
import type { PlacedError } from '../errors.ts';
import type { YamlSource } from '../yaml-source.ts';
import { formatCount, IMPORT_LIMITS } from './upload-limits.ts';
import { findDeepNesting } from './yaml-nesting.ts';

/** Refuses, before parsing, a text that nests deeper than the limit, pointing where. */
export function checkNesting(text: string): Result<void, PlacedError> {
	const deep = findDeepNesting(text, IMPORT_LIMITS.maxNesting);
	return deep
		? err({
				...deep,
				message: `nests lists and mappings more than ${IMPORT_LIMITS.maxNesting} levels deep`,
				problem: { kind: 'too-deep', limit: IMPORT_LIMITS.maxNesting },
			})
		: ok(undefined);
}

/** The alias nodes (`*name`) of a document. */
export function countAliases(doc: Document): number {
	let aliases = 0;
	visit(doc, {
		Alias() {
			aliases++;
		},
	});
	return aliases;
}

/** Refuses a document with more alias nodes (`*name`) than the limit. */
export function checkAliases(doc: Document): Result<void, string> {
	const aliases = countAliases(doc);
	return aliases > IMPORT_LIMITS.maxAliases
		? err(
				`uses ${formatCount(aliases)} YAML aliases (*name); the limit is ${IMPORT_LIMITS.maxAliases}`,
			)
		: ok(undefined);
}

/** The questions in the file's decks, counted as written (valid or not). */
export function countQuestions(value: Record<string, unknown>): number {
	const decks = Array.isArray(value.decks) ? value.decks : [];
	return decks.reduce<number>((n, deck) => {
		const questions = (deck as { questions?: unknown } | null)?.questions;
		return n + (Array.isArray(questions) ? questions.length : 0);
	}, 0);
}

export function checkQuestionCount(count: number): Result<void, string> {
	return count > IMPORT_LIMITS.maxQuestions
		? err(
				`has ${formatCount(count)} questions; the limit is ${formatCount(IMPORT_LIMITS.maxQuestions)}: split the bank into several files`,
			)
		: ok(undefined);
}

/** Every text longer than the limit, at its place, named as the CLI names fields. */
export function longTextErrors(value: Record<string, unknown>, yaml: YamlSource): PlacedError[] {
	return longTexts(value).map(({ path, length }) => {
		const [prefix, inQuestion] = splitQuestionPath(path);
		const limit = IMPORT_LIMITS.maxFieldChars;
		return {
			...yaml.locate(path),
			questionId: idAt(value, prefix),
			message: `${formatFieldPath(inQuestion)} is ${formatCount(length)} characters long; the limit is ${formatCount(limit)}`,
			problem: { kind: 'text-too-long', path: inQuestion, length, limit },
		};
	});
}

/** Every text longer than the limit, with its path. */
function longTexts(value: unknown, path: FieldPath = []): { path: FieldPath; length: number }[] {
	if (typeof value === 'string') {
		return value.length > IMPORT_LIMITS.maxFieldChars ? [{ path, length: value.length }] : [];
	}
	if (Array.isArray(value)) return value.flatMap((item, i) => longTexts(item, [...path, i]));
	if (typeof value === 'object' && value !== null) {
		return Object.entries(value).flatMap(([k, item]) => longTexts(item, [...path, k]));
	}
	return [];
}

/** `decks[0].questions[3].prompt.en` → the question's path and `prompt.en` (the CLI names fields so). */
function splitQuestionPath(path: FieldPath): [FieldPath, FieldPath] {
	return path[0] === 'decks' && path[2] === 'questions' && path.length > 4
		? [path.slice(0, 4), path.slice(4)]
		: [[], path];
}

function idAt(value: unknown, path: FieldPath): string | undefined {
	if (path.length === 0) return undefined;
	let node = value;
	for (const key of path) node = (node as Record<string | number, unknown> | null)?.[key];
	const id = (node as { id?: unknown } | null)?.id;
	return typeof id === 'string' ? id : undefined;
}
