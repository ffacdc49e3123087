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
 * files of a bank folder — `source.yaml` is the file with `decks` blanked out, each deck file
 * is the file with everything but that deck (and its `id`) blanked out — and those go through
 * `validateBankTree`, the CLI's validator. Blanking keeps every character where it was, so
 * the CLI's messages, lines, columns and question ids apply to the uploaded file unchanged.
 * (YAML anchors therefore work within one deck, not from one deck to another.)
 *
 * On top of the CLI's rules an upload must stay within `IMPORT_LIMITS` (nesting, aliases,
 * decks, questions, text length) and its `source.url` must be an http(s) address, since the
 * app links to it.
 */
import * as v from 'valibot';
import {
	isMap,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	visit,
	type Node,
	type Pair,
	type YAMLMap,
} from 'yaml';
import { describeIssue, formatFieldPath, issuePath } from '../describe-issue.ts';
import { compareBankErrors, type BankError } from '../errors.ts';
import { answerText, questionText } from '../question-text.ts';
import { formatCount, IMPORT_LIMITS, type ImportPreviewRow } from './import-result.ts';
import type { FieldPath } from '../rules.ts';
import { Question } from '../schema.ts';
import { validateBankTree, type Bank, type BankFile } from '../validate.ts';
import { parseYamlSource, type Position, type YamlSource } from '../yaml-source.ts';

export interface KiokuImport {
	/** Set when there are no errors. */
	bank?: Bank;
	errors: BankError[];
	preview: ImportPreviewRow[];
	questionCount: number;
}

/** The schema's question id rule, taken from the schema so the two cannot drift apart. */
const Id = Question.options[0].entries.id;

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

/** Virtual folder the cut-up file is validated in; its paths never reach the user. */
const ROOT = 'upload';
const SOURCE_DECK_ID = 'source';

export function importKioku(fileName: string, text: string, bankId: string): KiokuImport {
	const errors: BankError[] = [];
	const failed = (message: string, at: Position = { line: 1, column: 1 }, questionId?: string) => {
		errors.push({ file: fileName, ...at, questionId, message });
		return { errors, preview: [], questionCount: 0 };
	};

	// The parser recurses once per level of nesting: refuse deep files before it runs.
	const deep = findDeepNesting(text, IMPORT_LIMITS.maxNesting);
	if (deep) {
		return failed(
			`nests lists and mappings more than ${IMPORT_LIMITS.maxNesting} levels deep`,
			deep,
		);
	}
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
	let aliases = 0;
	visit(doc, {
		Alias() {
			aliases++;
		},
	});
	if (aliases > IMPORT_LIMITS.maxAliases) {
		return failed(
			`uses ${formatCount(aliases)} YAML aliases (*name); the limit is ${IMPORT_LIMITS.maxAliases}`,
		);
	}

	let yaml: YamlSource;
	try {
		yaml = parseYamlSource(text);
	} catch (e) {
		// `yaml` refuses aliases that expand exponentially ("billion laughs") by throwing.
		const message = (e as Error).message;
		return failed(
			/alias/i.test(message)
				? 'its YAML aliases (*name) expand too far: write the repeated parts out'
				: `YAML: ${message}`,
		);
	}
	if (yaml.syntaxErrors.length > 0) {
		for (const e of yaml.syntaxErrors) errors.push({ file: fileName, ...e });
		return { errors, preview: [], questionCount: 0 };
	}

	const root = doc.contents;
	const value = yaml.value as Record<string, unknown> | null;
	if (!isMap(root) || value === null || typeof value !== 'object') {
		return failed(
			'a Kioku bank file is a mapping with title, source, paragraphs and decks (or use a tab-separated or CSV file of cards)',
		);
	}
	if (!('decks' in value) && 'questions' in value) {
		return failed(
			'this is one deck file of a bank folder: a bank in one file has the fields of its source.yaml and `decks`, a list of its deck files each with an `id`',
		);
	}

	// Limits first: a file beyond them is not validated at all.
	const questionCount = countQuestions(value);
	if (questionCount > IMPORT_LIMITS.maxQuestions) {
		return failed(
			`has ${formatCount(questionCount)} questions; the limit is ${formatCount(IMPORT_LIMITS.maxQuestions)}: split the bank into several files`,
		);
	}
	for (const { path, length } of longTexts(value)) {
		const [prefix, inQuestion] = splitQuestionPath(path);
		const rawId = idAt(value, prefix);
		errors.push({
			file: fileName,
			...yaml.locate(path),
			questionId: rawId,
			message: `${formatFieldPath(inQuestion)} is ${formatCount(length)} characters long; the limit is ${formatCount(IMPORT_LIMITS.maxFieldChars)}`,
		});
	}
	if (errors.length > 0) return { errors, preview: [], questionCount };

	// `decks`: a list of decks with unique, usable ids.
	const deckList = v.safeParse(DeckList, value);
	if (!deckList.success) {
		for (const issue of deckList.issues) {
			errors.push({
				file: fileName,
				...yaml.locate(issuePath(issue)),
				message: describeIssue(issue),
			});
		}
	}
	const files: BankFile[] = [];
	const virtualPaths: string[] = [];
	const decksPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'decks');
	const sourcePath = `${ROOT}/${bankId}/source.yaml`;
	files.push({
		path: sourcePath,
		text: masked(text, 0, text.length, [pairSpan(text, root, decksPair)]),
	});
	virtualPaths.push(sourcePath);

	const deckOrder: string[] = [];
	const decksNode = decksPair?.value;
	if (isSeq(decksNode)) {
		const seen = new Map<string, string>();
		decksNode.items.forEach((node, d) => {
			if (!isMap(node) || !node.range) return;
			const idPair = node.items.find((p) => isScalar(p.key) && p.key.value === 'id');
			const id = isScalar(idPair?.value) ? idPair.value.value : undefined;
			if (typeof id !== 'string' || !v.is(Id, id)) return; // reported by DeckList
			const at = yaml.locate(['decks', d, 'id']);
			if (id === SOURCE_DECK_ID) {
				errors.push({
					file: fileName,
					...at,
					message: `decks[${d}].id cannot be "${SOURCE_DECK_ID}", the name of the bank's source file`,
				});
				return;
			}
			const first = seen.get(id);
			if (first) {
				errors.push({
					file: fileName,
					...at,
					message: `duplicate deck id: already used at ${first}`,
				});
				return;
			}
			seen.set(id, `${fileName}:${at.line}:${at.column}`);
			const path = `${ROOT}/${bankId}/${id}.yaml`;
			const [start, end] = node.range;
			files.push({
				path,
				text: masked(text, start, end, [pairSpan(text, node, idPair)], lineCounter),
			});
			virtualPaths.push(path);
			deckOrder.push(id);
		});
	}

	const tree = validateBankTree(files, ROOT);
	const noDecks = `bank "${bankId}" has no deck file`; // said above, of `decks`
	for (const e of tree.errors.filter((e) => e.message !== noDecks)) {
		let message = e.message;
		for (const p of virtualPaths) message = message.replaceAll(p, fileName);
		errors.push({ ...e, file: fileName, message });
	}

	const url = (value.source as { url?: unknown } | undefined)?.url;
	if (typeof url === 'string' && URL.canParse(url) && !/^https?:$/.test(new URL(url).protocol)) {
		errors.push({
			file: fileName,
			...yaml.locate(['source', 'url']),
			message: 'source.url must be an http or https address',
		});
	}

	const found = tree.banks[0];
	const decks = deckOrder.flatMap((id) => {
		const deck = found?.decks.find((d) => d.id === id);
		return deck ? [{ ...deck, file: fileName }] : [];
	});
	const preview = previewRows(decks, value, yaml);
	errors.sort(compareBankErrors);
	if (errors.length > 0 || !found) return { errors, preview, questionCount };
	return { bank: { ...found, decks }, errors, preview, questionCount };
}

// ---------------------------------------------------------------------------------------------
// Cutting the file into the files of a bank folder

const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');

/**
 * The text between `start` and `end` with `cuts` blanked, every character at its own line and
 * column: lines before `start` are left empty, and nothing follows `end`.
 */
function masked(
	text: string,
	start: number,
	end: number,
	cuts: ([number, number] | undefined)[],
	lines?: LineCounter,
): string {
	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	const before = lines ? lines.linePos(start).line - 1 : 0;
	let out = '\n'.repeat(before) + blank(text.slice(lineStart, start));
	let at = start;
	const inside = cuts
		.filter((c): c is [number, number] => c !== undefined && c[0] >= start && c[1] <= end)
		.sort((a, b) => a[0] - b[0]);
	for (const [from, to] of inside) {
		out += text.slice(at, from) + blank(text.slice(from, to));
		at = to;
	}
	return out + text.slice(at, end) + '\n';
}

/** Where a key and its value are written, with the comma after them in a `{ … }` mapping. */
function pairSpan(
	text: string,
	map: YAMLMap,
	pair: Pair | undefined,
): [number, number] | undefined {
	const key = pair?.key as Node | undefined;
	if (!pair || !key?.range) return undefined;
	const value = pair.value as Node | null;
	let end = value?.range ? value.range[map.flow ? 1 : 2] : key.range[2];
	if (map.flow) {
		let i = end;
		for (;;) {
			while (i < text.length && /\s/.test(text[i])) i++;
			if (text[i] !== '#') break;
			while (i < text.length && text[i] !== '\n') i++;
		}
		if (text[i] === ',') end = i + 1;
	}
	return [key.range[0], end];
}

// ---------------------------------------------------------------------------------------------
// Limits

/**
 * Where the text first nests collections more than `limit` deep, or null. A cheap reading of
 * indentation, `- ` markers and `[ {` outside quotes and comments, made before parsing: it can
 * only over-count (an indented continuation line counts as a level), which the generous limit
 * absorbs.
 */
export function findDeepNesting(text: string, limit: number): Position | null {
	const lines = text.split(/\r\n|\r|\n/);
	const indents: number[] = [];
	let flow = 0;
	let quote: '"' | "'" | null = null;
	let scalarIndent = -1;
	for (let n = 0; n < lines.length; n++) {
		const line = lines[n];
		let i = 0;
		const blockLine = quote === null && flow === 0;
		if (blockLine) {
			while (line[i] === ' ') i++;
			if (/^\s*(#.*)?$/.test(line.slice(i))) continue;
			if (scalarIndent >= 0) {
				if (i > scalarIndent) continue;
				scalarIndent = -1;
			}
			while (indents.length > 0 && indents[indents.length - 1] >= i) indents.pop();
			indents.push(i);
			// "- - x" and "? x" open a level each on one line.
			while (
				(line[i] === '-' || line[i] === '?') &&
				(i + 1 === line.length || line[i + 1] === ' ')
			) {
				if (indents.length >= limit) return { line: n + 1, column: i + 1 };
				i++;
				while (line[i] === ' ') i++;
				indents.push(i);
			}
			if (indents.length > limit) return { line: n + 1, column: i + 1 };
		}
		const contentStart = i;
		let contentEnd = line.length;
		let last = '';
		for (; i < line.length; i++) {
			const ch = line[i];
			if (quote === '"') {
				if (ch === '\\') i++;
				else if (ch === '"') [quote, last] = [null, ch];
				continue;
			}
			if (quote === "'") {
				if (ch === "'" && line[i + 1] === "'") i++;
				else if (ch === "'") [quote, last] = [null, ch];
				continue;
			}
			if (ch === ' ' || ch === '\t') continue;
			const before = i > 0 ? line[i - 1] : ' ';
			if (ch === '#' && (before === ' ' || before === '\t')) {
				contentEnd = i;
				break;
			}
			const tokenStart =
				last === '' ||
				'[{,'.includes(last) ||
				(':-?'.includes(last) && (flow > 0 || before === ' ' || before === '\t'));
			if ((ch === '"' || ch === "'") && tokenStart) {
				quote = ch;
				continue;
			}
			if ((ch === '[' || ch === '{') && (flow > 0 || tokenStart)) {
				flow++;
				if (indents.length + flow > limit) return { line: n + 1, column: i + 1 };
			} else if ((ch === ']' || ch === '}') && flow > 0) {
				flow--;
			}
			last = ch;
		}
		// A block scalar ("key: |", "- >-") owns the lines indented deeper than its key.
		const content = line.slice(contentStart, contentEnd).trimEnd();
		if (
			blockLine &&
			quote === null &&
			flow === 0 &&
			/(?:^|[:?-]\s+)[|>][-+1-9]{0,2}$/.test(content)
		) {
			scalarIndent = indents[indents.length - 1];
		}
	}
	return null;
}

function countQuestions(value: Record<string, unknown>): number {
	const decks = Array.isArray(value.decks) ? value.decks : [];
	return decks.reduce<number>((n, deck) => {
		const questions = (deck as { questions?: unknown } | null)?.questions;
		return n + (Array.isArray(questions) ? questions.length : 0);
	}, 0);
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
