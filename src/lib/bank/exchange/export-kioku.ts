/**
 * Exports a bank (or one deck of it: a bank with one deck) for the learner to keep or share, as
 * Kioku YAML or JSON in the single-file form that `importBankFile` reads back to the same
 * questions (see `import-kioku.ts`), or as the `questions/` folder form the CLI checks.
 */
import { Document, isCollection, isScalar, type Pair, type Scalar } from 'yaml';
import type { BankFile } from '../validate.ts';

import { deckFields, kiokuBankData, sourceFields, type ExportBank } from './kioku-data.ts';

export { kiokuBankData, type ExportBank, type ExportDeck } from './kioku-data.ts';

/**
 * Texts in double quotes (as the README asks), ids, types and tags plain; short pairs,
 * `source` and `tags` on one line. `yaml` still quotes a plain value that would read back as
 * something else than text.
 */
function toYaml(data: unknown, header: string): string {
	const doc = new Document(data, { aliasDuplicateObjects: false });
	const isPair = (v: unknown) =>
		typeof v === 'object' && v !== null && !Array.isArray(v) && 'zh' in v && 'en' in v;
	walk(doc.contents, data, [], (node, path, value) => {
		const key = path.at(-1);
		if (isScalar(node)) {
			if (key === 'id' || key === 'type' || path.at(-2) === 'tags' || path.at(-2) === 'retired') {
				node.type = 'PLAIN';
			}
			return;
		}
		if (!isCollection(node) || JSON.stringify(value).length > 80) return;
		if (key === 'source' || key === 'tags' || (typeof key === 'number' && isPair(value))) {
			node.flow = true;
		}
	});
	const text = doc.toString({
		defaultStringType: 'QUOTE_DOUBLE',
		defaultKeyType: 'PLAIN',
		lineWidth: 0,
	});
	return header + text;
}

type Key = string | number;

/** Visits each node with the keys that lead to it and the plain value it was made from. */
function walk(
	node: unknown,
	value: unknown,
	path: Key[],
	visit: (node: unknown, path: Key[], value: unknown) => void,
): void {
	visit(node, path, value);
	if (!isCollection(node)) return;
	if (Array.isArray(value)) {
		node.items.forEach((item, i) => walk(item, value[i], [...path, i], visit));
	} else if (typeof value === 'object' && value !== null) {
		for (const pair of node.items as Pair<Scalar<string>, unknown>[]) {
			const k = pair.key.value;
			walk(pair.value, (value as Record<string, unknown>)[k], [...path, k], visit);
		}
	}
}

const YAML_HEADER =
	'# A Kioku question bank in one file: the fields of source.yaml, then `decks`, each a deck\n' +
	'# file with its `id`. Import it in Kioku, or see questions/README.md for the format.\n';

/** The bank as one Kioku YAML file, which `importBankFile` reads back to the same questions. */
export function exportKiokuYaml(bank: ExportBank): string {
	return toYaml(kiokuBankData(bank), YAML_HEADER);
}

/** The same single-file form as JSON (2-space indented). */
export function exportKiokuJson(bank: ExportBank): string {
	return JSON.stringify(kiokuBankData(bank), null, 2) + '\n';
}

/**
 * The bank as the CLI's folder form: `<root>/<bank>/source.yaml` and one YAML file per deck,
 * ready for `validateBankTree` or to drop into `questions/`.
 */
export function exportBankFolder(bank: ExportBank, root = 'questions'): BankFile[] {
	return [
		{ path: `${root}/${bank.id}/source.yaml`, text: toYaml(sourceFields(bank), '') },
		...bank.decks.map((deck) => ({
			path: `${root}/${bank.id}/${deck.id}.yaml`,
			text: toYaml(deckFields(deck), ''),
		})),
	];
}
