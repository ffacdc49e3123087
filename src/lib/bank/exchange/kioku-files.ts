/**
 * A Kioku bank in one file, cut into the files of a bank folder so that the CLI's validator
 * (`validateBankTree`) can check it: `source.yaml` is the file with `decks` blanked out, and
 * each deck file is the file with everything but that deck (and its `id`) blanked out.
 * Blanking keeps every character where it was, so the CLI's messages, lines, columns and
 * question ids apply to the uploaded file unchanged. (YAML anchors therefore work within one
 * deck, not from one deck to another.)
 */
import * as v from 'valibot';
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import { Id } from '../schema.ts';
import type { BankFile } from '../validate.ts';
import type { PlacedError } from '../errors.ts';
import { formatPlace, type Place } from '../problems.ts';
import type { YamlSource } from '../yaml-source.ts';

/** Virtual folder the cut-up file is validated in; its paths never reach the user. */
export const FOLDER_ROOT = 'upload';
const SOURCE_DECK_ID = 'source';

export interface BankFolder {
	files: BankFile[];
	/** The ids of the decks cut out, in file order. */
	deckIds: string[];
	/** Decks that cannot be cut out: a reserved or repeated id. */
	errors: PlacedError[];
}

/**
 * The bank folder `<FOLDER_ROOT>/<bankId>/` of an uploaded file whose root is `root`. A deck
 * without a usable id is left out (the caller's check of `decks` reports it).
 */
export function cutIntoBankFolder(
	text: string,
	root: YAMLMap,
	lines: LineCounter,
	yaml: YamlSource,
	upload: { fileName: string; bankId: string },
): BankFolder {
	const folder = `${FOLDER_ROOT}/${upload.bankId}`;
	const decksPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'decks');
	const out: BankFolder = {
		files: [
			{
				path: `${folder}/source.yaml`,
				text: masked(text, 0, text.length, [pairSpan(text, root, decksPair)]),
			},
		],
		deckIds: [],
		errors: [],
	};
	const decksNode = decksPair?.value;
	if (!isSeq(decksNode)) return out;
	const seen = new Map<string, Place>();
	decksNode.items.forEach((node, d) => {
		if (!isMap(node) || !node.range) return;
		const idPair = node.items.find((p) => isScalar(p.key) && p.key.value === 'id');
		const id = isScalar(idPair?.value) ? idPair.value.value : undefined;
		if (typeof id !== 'string' || !v.is(Id, id)) return;
		const at = yaml.locate(['decks', d, 'id']);
		if (id === SOURCE_DECK_ID) {
			out.errors.push({
				...at,
				message: `decks[${d}].id cannot be "${SOURCE_DECK_ID}", the name of the bank's source file`,
				problem: { kind: 'reserved-deck-id', path: ['decks', d, 'id'], id },
			});
			return;
		}
		const first = seen.get(id);
		if (first) {
			out.errors.push({
				...at,
				message: `duplicate deck id: already used at ${formatPlace(first)}`,
				problem: { kind: 'duplicate-deck-id', path: ['decks', d, 'id'], id, first },
			});
			return;
		}
		seen.set(id, { file: upload.fileName, ...at });
		const [start, end] = node.range;
		out.files.push({
			path: `${folder}/${id}.yaml`,
			text: masked(text, start, end, [pairSpan(text, node, idPair)], lines),
		});
		out.deckIds.push(id);
	});
	return out;
}

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
