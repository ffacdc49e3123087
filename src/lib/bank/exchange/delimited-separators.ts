/** The characters that may separate the fields of a delimited file, and how one is picked. */

export type Separator = 'tab' | 'comma' | 'semicolon' | 'pipe' | 'colon' | 'space';

export const SEPARATORS: Record<Separator, string> = {
	tab: '\t',
	comma: ',',
	semicolon: ';',
	pipe: '|',
	colon: ':',
	space: ' ',
};

/** As a message names it: "put a tab between the front and the back". */
export const SEPARATOR_NAMES: Record<Separator, string> = {
	tab: 'a tab',
	comma: 'a comma',
	semicolon: 'a semicolon',
	pipe: 'a "|"',
	colon: 'a ":"',
	space: 'a space',
};

/**
 * Tab if the first 20 non-blank lines have one (Anki, Quizlet), else comma, else semicolon (Excel
 * in many European locales), else none.
 */
export function detectSeparator(lines: readonly string[]): Separator | undefined {
	const sample = lines.filter((l) => l.trim() !== '').slice(0, 20);
	for (const s of ['tab', 'comma', 'semicolon'] as const) {
		if (sample.some((l) => l.includes(SEPARATORS[s]))) return s;
	}
	return undefined;
}

/** A separator as Anki's `#separator:` header writes it: its name ("Tab") or the character. */
export function separatorNamed(value: string): Separator | undefined {
	const name = value.trim().toLowerCase();
	return (Object.keys(SEPARATORS) as Separator[]).find(
		(s) => s === name || SEPARATORS[s] === value,
	);
}
