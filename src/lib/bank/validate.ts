/**
 * Validates a whole `questions/` tree: every file, every question, and the rules that span
 * files (ids unique everywhere, paragraphs within the source). It reports every error it
 * finds instead of stopping at the first, and returns the questions that are valid.
 */
import * as v from 'valibot';
import { compareBankErrors, type BankError } from './errors.ts';
import { describeIssue, issuePath } from './describe-issue.ts';
import { questionRuleViolations, type FieldPath } from './rules.ts';
import { DeckFile, Question, SourceFile, type LocalizedText } from './schema.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export interface BankFile {
	/** Path with `/` separators, starting with the tree's root folder, e.g. `questions/x/y.yaml`. */
	path: string;
	text: string;
}

export interface Deck {
	id: string;
	bankId: string;
	title: LocalizedText;
	description?: LocalizedText;
	file: string;
	questions: Question[];
}

export interface Bank {
	id: string;
	title: LocalizedText;
	description?: LocalizedText;
	source: SourceFile['source'];
	paragraphs: number;
	decks: Deck[];
}

export interface BankTree {
	banks: Bank[];
	errors: BankError[];
}

const SOURCE_FILE = 'source.yaml';
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function validateBankTree(files: BankFile[], root = 'questions'): BankTree {
	const errors: BankError[] = [];
	const fail = (file: string, message: string, at = { line: 1, column: 1 }, questionId?: string) =>
		errors.push({ file, ...at, questionId, message });

	const byBank = new Map<string, BankFile[]>();
	for (const f of files) {
		if (f.path.endsWith('.yml')) {
			fail(f.path, 'name bank files with the .yaml extension');
			continue;
		}
		if (!f.path.endsWith('.yaml')) continue;
		const parts = f.path.slice(root.length + 1).split('/');
		const name = parts.at(-1)!.replace(/\.yaml$/, '');
		if (parts.length !== 2) {
			fail(f.path, `a bank file belongs in ${root}/<bank>/<deck>.yaml`);
		} else if (!NAME.test(parts[0]) || !NAME.test(name)) {
			fail(f.path, 'bank folders and deck files are named with lower-case letters, digits and "-"');
		} else {
			byBank.set(parts[0], [...(byBank.get(parts[0]) ?? []), f]);
		}
	}

	const seenIds = new Map<string, string>();
	const banks: Bank[] = [];
	for (const [bankId, bankFiles] of [...byBank].sort(([a], [b]) => a.localeCompare(b))) {
		const sourceFile = bankFiles.find((f) => f.path.endsWith(`/${SOURCE_FILE}`));
		const source = sourceFile && readSource(sourceFile, errors);
		if (!sourceFile)
			fail(`${root}/${bankId}/${SOURCE_FILE}`, `bank "${bankId}" has no ${SOURCE_FILE}`);
		const deckFiles = bankFiles
			.filter((f) => f !== sourceFile)
			.sort((a, b) => a.path.localeCompare(b.path));
		if (deckFiles.length === 0) fail(`${root}/${bankId}`, `bank "${bankId}" has no deck file`);

		const decks = deckFiles.flatMap((file) => {
			const deck = readDeck(file, bankId, source?.paragraphs, seenIds, errors);
			return deck ? [deck] : [];
		});
		if (source) {
			const { title, description, source: info, paragraphs } = source;
			banks.push({ id: bankId, title, description, source: info, paragraphs, decks });
		}
	}
	return { banks, errors: errors.sort(compareBankErrors) };
}

function parseFile(file: BankFile, errors: BankError[]): YamlSource | undefined {
	const yaml = parseYamlSource(file.text);
	for (const e of yaml.syntaxErrors) errors.push({ file: file.path, ...e });
	return yaml.syntaxErrors.length > 0 ? undefined : yaml;
}

function schemaErrors(
	file: string,
	yaml: YamlSource,
	issues: v.BaseIssue<unknown>[],
	prefix: FieldPath = [],
	questionId?: string,
): BankError[] {
	return issues.map((issue) => ({
		file,
		...yaml.locate([...prefix, ...issuePath(issue)]),
		questionId,
		message: describeIssue(issue),
	}));
}

function readSource(file: BankFile, errors: BankError[]): SourceFile | undefined {
	const yaml = parseFile(file, errors);
	if (!yaml) return undefined;
	const result = v.safeParse(SourceFile, yaml.value ?? {});
	if (result.success) return result.output;
	errors.push(...schemaErrors(file.path, yaml, result.issues));
	return undefined;
}

function readDeck(
	file: BankFile,
	bankId: string,
	paragraphs: number | undefined,
	seenIds: Map<string, string>,
	errors: BankError[],
): Deck | undefined {
	const yaml = parseFile(file, errors);
	if (!yaml) return undefined;
	const deckResult = v.safeParse(DeckFile, yaml.value ?? {});
	if (!deckResult.success) {
		errors.push(...schemaErrors(file.path, yaml, deckResult.issues));
		return undefined;
	}

	const questions: Question[] = [];
	deckResult.output.questions.forEach((raw, i) => {
		const at = (path: FieldPath = []) => yaml.locate(['questions', i, ...path]);
		const rawId = (raw as { id?: unknown } | null)?.id;
		const id = typeof rawId === 'string' ? rawId : undefined;
		const before = errors.length;

		if (id !== undefined) {
			const where = `${file.path}:${at(['id']).line}:${at(['id']).column}`;
			const first = seenIds.get(id);
			if (first) {
				errors.push({
					file: file.path,
					...at(['id']),
					questionId: id,
					message: `duplicate id: already used at ${first}`,
				});
			} else {
				seenIds.set(id, where);
			}
		}

		// Checked on the raw value too, so a question with other mistakes still reports it.
		const paragraph = (raw as { source?: { paragraph?: unknown } } | null)?.source?.paragraph;
		if (paragraphs !== undefined && typeof paragraph === 'number' && paragraph > paragraphs) {
			errors.push({
				file: file.path,
				...at(['source', 'paragraph']),
				questionId: id,
				message: `source.paragraph ${paragraph} is outside the source, which has paragraphs 1 to ${paragraphs}`,
			});
		}

		const result = v.safeParse(Question, raw);
		if (!result.success) {
			errors.push(...schemaErrors(file.path, yaml, result.issues, ['questions', i], id));
			return;
		}
		const q = result.output;
		for (const rule of questionRuleViolations(q)) {
			errors.push({ file: file.path, ...at(rule.path), questionId: q.id, message: rule.message });
		}
		if (errors.length === before) questions.push(q);
	});

	const { title, description } = deckResult.output;
	const id = file.path
		.split('/')
		.at(-1)!
		.replace(/\.yaml$/, '');
	return { id, bankId, title, description, file: file.path, questions };
}
