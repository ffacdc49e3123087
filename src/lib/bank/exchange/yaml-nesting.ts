/**
 * How deep a YAML or JSON text nests its collections, measured before parsing: the parser
 * recurses once per level, so a hostile file of 200,000 `[` would blow the stack.
 */
import type { Position } from '../yaml-source.ts';

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
