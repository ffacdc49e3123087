/**
 * Validates a whole `questions/` tree: every file, every question, and the rules that span
 * files (ids unique everywhere and never a retired one, paragraphs within the source). It
 * reports every error it finds instead of stopping at the first, and returns the questions that
 * are valid.
 */
import * as v from 'valibot';
import { compareBankErrors, type BankError } from './errors.ts';
import { describeIssue, formatFieldPath, issuePath } from './describe-issue.ts';
import { issueProblem } from './issue-problem.ts';
import { formatPlace, type BankProblem, type Place } from './problems.ts';
import { questionRuleViolations, type FieldPath, type RuleViolation } from './rules.ts';
import { DeckFile, Question, SourceFile, type LocalizedText } from './schema.ts';
import { IMPORTED_SOURCE_URL } from './imported-source.ts';
import { parseYamlSource, type Position, type YamlSource } from './yaml-source.ts';

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
	/** What each paragraph is about, by paragraph number (`summaries` in source.yaml). */
	summaries?: Record<string, LocalizedText>;
	/** Each tag's title, by tag id (`tags` in source.yaml). */
	tags?: Record<string, LocalizedText>;
	/** Ids of questions removed from the bank, never to be used again (`retired` in source.yaml). */
	retired?: string[];
	decks: Deck[];
}

export interface BankTree {
	banks: Bank[];
	errors: BankError[];
}

const SOURCE_FILE = 'source.yaml';
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface TreeOptions {
	/**
	 * A tag without a title, or a cited paragraph without a summary, is an error (default). Off
	 * for a bank kept from before they existed (a backup's), which shows such a tag by its id.
	 */
	titlesRequired?: boolean;
}

export function validateBankTree(
	files: BankFile[],
	root = 'questions',
	{ titlesRequired = true }: TreeOptions = {},
): BankTree {
	const errors: BankError[] = [];
	const fail = (file: string, message: string, problem: BankProblem) =>
		errors.push({ file, line: 1, column: 1, message, problem });

	const byBank = new Map<string, BankFile[]>();
	for (const f of files) {
		if (f.path.endsWith('.yml')) {
			fail(f.path, 'name bank files with the .yaml extension', { kind: 'yml-extension' });
			continue;
		}
		if (!f.path.endsWith('.yaml')) continue;
		const parts = f.path.slice(root.length + 1).split('/');
		const name = parts.at(-1)!.replace(/\.yaml$/, '');
		if (parts.length !== 2) {
			fail(f.path, `a bank file belongs in ${root}/<bank>/<deck>.yaml`, {
				kind: 'misplaced-file',
				root,
			});
		} else if (!NAME.test(parts[0]) || !NAME.test(name)) {
			fail(
				f.path,
				'bank folders and deck files are named with lower-case letters, digits and "-"',
				{ kind: 'bad-file-name' },
			);
		} else {
			byBank.set(parts[0], [...(byBank.get(parts[0]) ?? []), f]);
		}
	}

	const seenIds = new Map<string, Place>();
	// Sources first: a retired id may not come back in any bank, since ids are unique everywhere.
	const sources = new Map<string, { file?: BankFile; source?: SourceFile }>();
	const retiredAt = new Map<string, Place>();
	for (const [bankId, bankFiles] of [...byBank].sort(([a], [b]) => a.localeCompare(b))) {
		const file = bankFiles.find((f) => f.path.endsWith(`/${SOURCE_FILE}`));
		const read = file && readSource(file, errors);
		sources.set(bankId, { file, source: read?.source });
		for (const [id, at] of read?.retired ?? []) {
			if (!retiredAt.has(id)) retiredAt.set(id, { file: file!.path, ...at });
		}
	}

	const banks: Bank[] = [];
	for (const [bankId, bankFiles] of [...byBank].sort(([a], [b]) => a.localeCompare(b))) {
		const { file: sourceFile, source } = sources.get(bankId)!;
		if (!sourceFile)
			fail(`${root}/${bankId}/${SOURCE_FILE}`, `bank "${bankId}" has no ${SOURCE_FILE}`, {
				kind: 'no-source-file',
				bank: bankId,
			});
		const deckFiles = bankFiles
			.filter((f) => f !== sourceFile)
			.sort((a, b) => a.path.localeCompare(b.path));
		if (deckFiles.length === 0)
			fail(`${root}/${bankId}`, `bank "${bankId}" has no deck file`, {
				kind: 'no-deck-file',
				bank: bankId,
			});

		if (source && sourceFile) checkSummaries(sourceFile, source, errors);
		const ctx = { bankId, source, titlesRequired, seenIds, retiredAt, errors };
		const decks = deckFiles.flatMap((file) => {
			const deck = readDeck(file, ctx);
			return deck ? [deck] : [];
		});
		if (source) {
			const { title, description, source: info, paragraphs, summaries, tags, retired } = source;
			banks.push({
				id: bankId,
				title,
				description,
				source: info,
				paragraphs,
				...(summaries ? { summaries } : {}),
				...(tags ? { tags } : {}),
				...(retired ? { retired } : {}),
				decks,
			});
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
		problem: issueProblem(issue),
	}));
}

function readSource(
	file: BankFile,
	errors: BankError[],
): { source?: SourceFile; retired: [string, Position][] } | undefined {
	const yaml = parseFile(file, errors);
	if (!yaml) return undefined;
	// Read from the raw list too, so a source with another mistake still guards its retired ids.
	const raw = (yaml.value as { retired?: unknown } | null)?.retired;
	const retired: [string, Position][] = Array.isArray(raw)
		? raw.flatMap((id, i) => (typeof id === 'string' ? [[id, yaml.locate(['retired', i])]] : []))
		: [];
	const result = v.safeParse(SourceFile, yaml.value ?? {});
	if (result.success) return { source: result.output, retired };
	errors.push(...schemaErrors(file.path, yaml, result.issues));
	return { retired };
}

interface DeckContext {
	bankId: string;
	/** The bank's source.yaml, when it is valid. */
	source: SourceFile | undefined;
	titlesRequired: boolean;
	/** Id → where it was first used, over the whole tree. */
	seenIds: Map<string, Place>;
	/** Retired id → where it is listed. */
	retiredAt: Map<string, Place>;
	errors: BankError[];
}

function readDeck(file: BankFile, ctx: DeckContext): Deck | undefined {
	const { bankId, source, titlesRequired, seenIds, retiredAt, errors } = ctx;
	const paragraphs = source?.paragraphs;
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
			const first = seenIds.get(id);
			if (first) {
				errors.push({
					file: file.path,
					...at(['id']),
					questionId: id,
					message: `duplicate id: already used at ${formatPlace(first)}`,
					problem: { kind: 'duplicate-id', path: ['id'], id, first },
				});
			} else {
				seenIds.set(id, { file: file.path, ...at(['id']) });
			}
		}

		const retired = id !== undefined ? retiredAt.get(id) : undefined;
		if (retired) {
			errors.push({
				file: file.path,
				...at(['id']),
				questionId: id,
				message: `id is retired (listed at ${formatPlace(retired)}): a removed question's id is never used again, so give this question a new one`,
				problem: { kind: 'retired-id', path: ['id'], id: id!, listedAt: retired },
			});
		}

		// Checked on the raw value too, so a question with other mistakes still reports it.
		if (paragraphs !== undefined) {
			for (const { path, n } of rawParagraphs(raw)) {
				if (n <= paragraphs) continue;
				errors.push({
					file: file.path,
					...at(['source', ...path]),
					questionId: id,
					message: `source.${formatFieldPath(path)} ${n} is outside the source, which has paragraphs 1 to ${paragraphs}`,
					problem: {
						kind: 'paragraph-outside',
						path: ['source', ...path],
						paragraph: n,
						paragraphs,
					},
				});
			}
		}

		const result = v.safeParse(Question, raw);
		if (!result.success) {
			errors.push(...schemaErrors(file.path, yaml, result.issues, ['questions', i], id));
			return;
		}
		const q = result.output;
		const violations = [
			...questionRuleViolations(q),
			...(source && titlesRequired ? sourceViolations(q, source) : []),
		];
		for (const rule of violations) {
			errors.push({
				file: file.path,
				...at(rule.path),
				questionId: q.id,
				message: rule.message,
				problem: rule.problem,
			});
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

/** Summaries only of paragraphs the source has. */
function checkSummaries(file: BankFile, source: SourceFile, errors: BankError[]) {
	const yaml = parseYamlSource(file.text);
	for (const key of Object.keys(source.summaries ?? {})) {
		if (Number(key) <= source.paragraphs) continue;
		errors.push({
			file: file.path,
			...yaml.locate(['summaries', Number(key)]),
			message: `summaries.${key} summarises a paragraph outside the source, which has paragraphs 1 to ${source.paragraphs}`,
			problem: {
				kind: 'summary-outside',
				path: ['summaries', key],
				paragraph: Number(key),
				paragraphs: source.paragraphs,
			},
		});
	}
}

/**
 * What a question needs from its source.yaml: a title for each of its tags, and (where the bank
 * is written from an article, not imported cards) a summary of each paragraph it cites.
 */
function sourceViolations(q: Question, source: SourceFile): RuleViolation[] {
	const out: RuleViolation[] = [];
	q.tags.forEach((tag, i) => {
		if (source.tags?.[tag]) return;
		out.push({
			path: ['tags', i],
			message: `tag "${tag}" has no title: add it under \`tags:\` in source.yaml, e.g. \`${tag}: { zh: "…", en: "…" }\``,
			problem: { kind: 'tag-without-title', path: ['tags', i], tag },
		});
	});
	if (source.source.url === IMPORTED_SOURCE_URL) return out;
	const several = q.source.paragraphs.length > 1;
	q.source.paragraphs.forEach((n, i) => {
		if (n > source.paragraphs || source.summaries?.[String(n)]) return;
		const path = several ? ['source', 'paragraphs', i] : ['source', 'paragraph'];
		out.push({
			path,
			message: `paragraph ${n} has no summary: add it under \`summaries:\` in source.yaml, e.g. \`${n}: { zh: "…", en: "…" }\``,
			problem: { kind: 'paragraph-without-summary', path, paragraph: n },
		});
	});
	return out;
}

/** The paragraph numbers a raw question cites, with where each is written under `source`. */
function rawParagraphs(raw: unknown): { path: FieldPath; n: number }[] {
	const source = (raw as { source?: { paragraph?: unknown; paragraphs?: unknown } } | null)?.source;
	if (typeof source !== 'object' || source === null) return [];
	const out: { path: FieldPath; n: number }[] = [];
	if (typeof source.paragraph === 'number') out.push({ path: ['paragraph'], n: source.paragraph });
	if (Array.isArray(source.paragraphs)) {
		source.paragraphs.forEach((n: unknown, i) => {
			if (typeof n === 'number') out.push({ path: ['paragraphs', i], n });
		});
	}
	return out;
}
