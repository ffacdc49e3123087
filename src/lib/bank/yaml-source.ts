/**
 * YAML parsed with its positions kept, so every error can point at a line and column.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { BankProblem } from './problems.ts';
import type { FieldPath } from './rules.ts';

export interface Position {
	line: number;
	column: number;
}

export interface YamlSource {
	value: unknown;
	syntaxErrors: (Position & { message: string; problem: BankProblem })[];
	/** The position of the deepest node along `path` that exists (a missing field points at its parent). */
	locate(path: FieldPath): Position;
}

export function parseYamlSource(text: string): YamlSource {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const at = (offset: number): Position => {
		const { line, col } = lineCounter.linePos(offset);
		return { line, column: col };
	};
	const syntaxErrors = doc.errors.map((e) => ({
		...at(e.pos[0]),
		message: `YAML syntax: ${e.message.split('\n')[0]}`,
		problem: { kind: 'yaml-syntax' as const, code: e.code },
	}));

	function locate(path: FieldPath): Position {
		let node: unknown = doc.contents;
		let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
		for (const key of path) {
			if (isMap(node)) {
				const pair = node.items.find(
					// A paragraph number is a number key in YAML and a string in a schema issue's path.
					(p) => String((p.key as { value?: unknown } | null)?.value) === String(key),
				);
				if (!pair) break;
				// Point at the key: for a nested block the value starts on the next line.
				offset = (pair.key as Node).range?.[0] ?? offset;
				node = pair.value;
			} else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
				node = node.items[key];
				offset = (node as Node).range?.[0] ?? offset;
			} else {
				break;
			}
		}
		return at(offset);
	}

	return {
		value: syntaxErrors.length > 0 ? undefined : doc.toJS(),
		syntaxErrors,
		locate,
	};
}
