/**
 * How the classroom's answer tiles are told apart: a colour and a shape each, so colour is never
 * the only way. Every tile carries white text, so every colour keeps WCAG AA contrast (4.5:1) with
 * white: the rule is checked in tests/unit/live-marks.test.ts.
 */
export interface Mark {
	shape: string;
	colour: string;
}

export const TILE_TEXT = '#ffffff';

/** By shown position of an option or an item; the seventh reuses the first. */
export const MARKS: readonly Mark[] = [
	{ shape: '▲', colour: '#c62828' },
	{ shape: '◆', colour: '#1565c0' },
	// Darker than the orange it replaced (#b26a00 was 4.24:1 with white).
	{ shape: '●', colour: '#a35f00' },
	{ shape: '■', colour: '#2e7d32' },
	{ shape: '★', colour: '#6a1b9a' },
	{ shape: '⬟', colour: '#00695c' },
];

export const markAt = (position: number): Mark => MARKS[position % MARKS.length];

/**
 * True and false have tiles of their own: the circle and cross read as "right" and "wrong" in
 * Chinese and Japanese classrooms, and neither is the green or red of a verdict.
 */
export const TRUE_FALSE_MARKS: Readonly<Record<'true' | 'false', Mark>> = {
	true: { shape: '◯', colour: '#1565c0' },
	false: { shape: '✕', colour: '#6a1b9a' },
};

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
	const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
	const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

/** The podium's steps, first to third: gold, silver and bronze dark enough for white text. */
export const PODIUM_COLOURS = ['#8a6100', '#56595e', '#8a4b1d'] as const;

/** A phone's whole screen after a question: right, wrong, no answer (each with words and a mark). */
export const VERDICT_COLOURS = { right: '#1e7b34', wrong: '#b3261e', none: '#5d5a55' } as const;
