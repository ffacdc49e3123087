/**
 * A whole Kioku bank in one uploaded file, checked by the CLI's own validator.
 *
 * The single-file form is YAML (or JSON, which YAML reads too) holding the fields of the
 * bank's `source.yaml` plus `decks`, a list of deck files, each with its `id` (the name the
 * deck file would have on disk):
 *
 * ```yaml
 * title: { zh: "……", en: "…" }
 * description: { zh: "……", en: "…" }  # optional
 * source: { title: "…", author: "…", publisher: "…", date: "2023-01", url: "https://…" }
 * paragraphs: 9
 * decks:
 *   - id: security-defence             # lower-case letters, digits and "-"; not "source"
 *     title: { zh: "……", en: "…" }
 *     description: { zh: "……", en: "…" } # optional
 *     questions:
 *       - id: usj23-sec-001             # exactly as in questions/README.md
 *         type: single
 *         …
 * ```
 *
 * `exportKiokuYaml` / `exportKiokuJson` write this form. To check it, the file is cut into the
 * files of a bank folder (`kioku-files.ts`) and those go through `validateBankTree`, the CLI's
 * validator, so the CLI's messages, lines, columns and question ids apply to the upload.
 *
 * On top of the CLI's rules an upload must stay within `IMPORT_LIMITS` (nesting, aliases,
 * decks, questions, text length: `kioku-limits.ts`) and its `source.url` must be an http(s)
 * address, since the app links to it.
 */
import * as v from 'valibot';
import { isMap, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { err, ok, type Result } from '../../result.ts';
import { describeIssue, issuePath } from '../describe-issue.ts';
import { compareBankErrors, type BankError, type PlacedError, type Problem } from '../errors.ts';
import { issueProblem } from '../issue-problem.ts';
import type { BankProblem, Place } from '../problems.ts';
import { answerText, questionText } from '../question-text.ts';
import { Id } from '../schema.ts';
import { validateBankTree, type Bank, type TreeOptions } from '../validate.ts';
import { parseYamlSource, type YamlSource } from '../yaml-source.ts';
import type { FormatImport, ImportPreviewRow } from './import-result.ts';
import { cutIntoBankFolder, FOLDER_ROOT } from './kioku-files.ts';
import {
	checkAliases,
	checkNesting,
	checkQuestionCount,
	countAliases,
	countQuestions,
	longTextErrors,
} from './kioku-limits.ts';
import { IMPORT_LIMITS } from './upload-limits.ts';

const DeckList = v.object({
	decks: v.pipe(
		v.array(v.object({ id: Id }, 'must be a deck with an id'), 'must be a list of decks'),
		v.minLength(1, 'needs at least one deck'),
		v.maxLength(
			IMPORT_LIMITS.maxDecks,
			`has more than ${IMPORT_LIMITS.maxDecks} decks; split the bank into several files`,
		),
	),
});

export function importKioku(
	fileName: string,
	text: string,
	bankId: string,
	options: TreeOptions = {},
): FormatImport {
	const inFile = (e: PlacedError): BankError => ({ ...e, file: fileName });
	const refused = (errors: PlacedError[]) => err({ errors: errors.map(inFile), preview: [] });

	const parsed = parseKioku(text);
	if (!parsed.ok) return refused(parsed.error);
	const { root, lines, value, yaml } = parsed.value;

	// Limits first: a file beyond them is not validated at all.
	const questionCount = countQuestions(value);
	const count = checkQuestionCount(questionCount);
	if (!count.ok) {
		const limit = IMPORT_LIMITS.maxQuestions;
		const problem: BankProblem = { kind: 'too-many-questions', count: questionCount, limit };
		return refused([{ ...FILE_START, message: count.error, problem }]);
	}
	const tooLong = longTextErrors(value, yaml);
	if (tooLong.length > 0) return refused(tooLong);

	const folder = cutIntoBankFolder(text, root, lines, yaml, { fileName, bankId });
	const tree = validateBankTree(folder.files, FOLDER_ROOT, options);
	const noDecks = `bank "${bankId}" has no deck file`; // said by deckListErrors, of `decks`
	// Messages that name a file of the virtual folder name the upload instead.
	const virtual = new Set(folder.files.map((f) => f.path));
	const treeErrors = tree.errors
		.filter((e) => e.message !== noDecks)
		.map((e) => ({
			...e,
			message: folder.files.reduce((m, { path }) => m.replaceAll(path, fileName), e.message),
			...(e.problem ? { problem: inUpload(e.problem, virtual, fileName) } : {}),
		}));
	const errors = [
		...deckListErrors(value, yaml),
		...folder.errors,
		...treeErrors,
		...sourceUrlErrors(value, yaml),
	].map(inFile);

	const found = tree.banks[0];
	const decks = folder.deckIds.flatMap((id) => {
		const deck = found?.decks.find((d) => d.id === id);
		return deck ? [{ ...deck, file: fileName }] : [];
	});
	const preview = previewRows(decks, value, yaml);
	errors.sort(compareBankErrors);
	if (errors.length > 0 || !found) return err({ errors, preview });
	return ok({ bank: { ...found, decks }, preview, questionCount });
}

const FILE_START = { line: 1, column: 1 };

/** A problem naming a file of the virtual folder (where an id was first used) names the upload. */
function inUpload<P extends Problem>(p: P, virtual: Set<string>, fileName: string): P {
	const rename = (place: Place): Place =>
		virtual.has(place.file) ? { ...place, file: fileName } : place;
	if (p.kind === 'duplicate-id') return { ...p, first: rename(p.first) };
	if (p.kind === 'retired-id') return { ...p, listedAt: rename(p.listedAt) };
	return p;
}

interface ParsedKioku {
	root: YAMLMap;
	lines: LineCounter;
	value: Record<string, unknown>;
	yaml: YamlSource;
}

/**
 * The file parsed as a mapping, or why it cannot be: nested too deep, too many or exploding
 * aliases, YAML syntax errors, or not the shape of a bank in one file.
 */
function parseKioku(text: string): Result<ParsedKioku, PlacedError[]> {
	const refused = (message: string, problem: BankProblem) =>
		err([{ ...FILE_START, message, problem }]);
	// The parser recurses once per level of nesting: refuse deep files before it runs.
	const nesting = checkNesting(text);
	if (!nesting.ok) return err([nesting.error]);
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
	const aliases = checkAliases(doc);
	if (!aliases.ok) {
		const limit = IMPORT_LIMITS.maxAliases;
		return refused(aliases.error, { kind: 'too-many-aliases', count: countAliases(doc), limit });
	}

	let yaml: YamlSource;
	try {
		yaml = parseYamlSource(text);
	} catch (e) {
		// `yaml` refuses aliases that expand exponentially ("billion laughs") by throwing.
		const message = (e as Error).message;
		return /alias/i.test(message)
			? refused('its YAML aliases (*name) expand too far: write the repeated parts out', {
					kind: 'aliases-explode',
				})
			: refused(`YAML: ${message}`, { kind: 'yaml-syntax' });
	}
	if (yaml.syntaxErrors.length > 0) return err(yaml.syntaxErrors);

	const root = doc.contents;
	const value = yaml.value as Record<string, unknown> | null;
	if (!isMap(root) || value === null || typeof value !== 'object') {
		return refused(
			'a Kioku bank file is a mapping with title, source, paragraphs and decks (or use a tab-separated or CSV file of cards)',
			{ kind: 'not-a-bank' },
		);
	}
	if (!('decks' in value) && 'questions' in value) {
		return refused(
			'this is one deck file of a bank folder: a bank in one file has the fields of its source.yaml and `decks`, a list of its deck files each with an `id`',
			{ kind: 'deck-file-alone' },
		);
	}
	return ok({ root, lines, value, yaml });
}

/** `decks` must be a list of decks with usable ids (unique ones: see `cutIntoBankFolder`). */
function deckListErrors(value: Record<string, unknown>, yaml: YamlSource): PlacedError[] {
	const deckList = v.safeParse(DeckList, value);
	if (deckList.success) return [];
	return deckList.issues.map((issue) => ({
		...yaml.locate(issuePath(issue)),
		message: describeIssue(issue),
		problem: issueProblem(issue),
	}));
}

/** The app links to the bank's source: only an http(s) address will do. */
function sourceUrlErrors(value: Record<string, unknown>, yaml: YamlSource): PlacedError[] {
	const url = (value.source as { url?: unknown } | undefined)?.url;
	if (typeof url !== 'string' || !URL.canParse(url) || /^https?:$/.test(new URL(url).protocol)) {
		return [];
	}
	return [
		{
			...yaml.locate(['source', 'url']),
			message: 'source.url must be an http or https address',
			problem: { kind: 'not-web-address', path: ['source', 'url'] },
		},
	];
}

// ---------------------------------------------------------------------------------------------
// Preview

function previewRows(
	decks: Bank['decks'],
	value: Record<string, unknown>,
	yaml: YamlSource,
): ImportPreviewRow[] {
	const rawDecks = Array.isArray(value.decks)
		? (value.decks as { id?: unknown; questions?: unknown }[])
		: [];
	const rows: ImportPreviewRow[] = [];
	for (const deck of decks) {
		const d = rawDecks.findIndex((raw) => raw?.id === deck.id);
		const raw = Array.isArray(rawDecks[d]?.questions)
			? (rawDecks[d].questions as { id?: unknown }[])
			: [];
		for (const q of deck.questions) {
			if (rows.length >= IMPORT_LIMITS.previewRows) return rows;
			const i = raw.findIndex((r) => r?.id === q.id);
			rows.push({
				line: yaml.locate(['decks', d, 'questions', i]).line,
				id: q.id,
				type: q.type,
				front: { zh: questionText(q, 'zh'), en: questionText(q, 'en') },
				back: { zh: answerText(q, 'zh'), en: answerText(q, 'en') },
				tags: q.tags,
			});
		}
	}
	return rows;
}
